import { describe, expect, it } from 'vitest';
import type { Event, RawDataset } from '../../../src/domain/schema.ts';
import { translationHash } from '../../../src/domain/translations.ts';
import { checkTruth } from '../../../src/domain/truth/index.ts';
import { missingTranslations, translationCoverage } from '../../../src/domain/truth/translations.ts';
import { validateDataset } from '../../../src/domain/validate.ts';
import { rawDataset, rawFiles } from '../../support/fixtures.ts';

/** The curated dataset with one edit, checked by the translation guard only. */
function findings(edit: (d: RawDataset) => void) {
  const data = rawDataset();
  edit(data);
  return checkTruth(data, new Map(), { guards: new Set(['translations']) }).problems;
}

function event(d: RawDataset, id: string): Event {
  const e = d.events.find((x) => x.id === id);
  if (!e) throw new Error(`no event ${id}`);
  return e;
}

/** Replaces the Ukrainian text of an event field, stamped as made from the current English. */
function setUk(e: Event, field: 'title' | 'summary' | 'location' | 'basis', text: string): void {
  const english = field === 'basis' ? e.date.basis : (e[field] ?? '');
  const uk = e.i18n?.uk ?? {};
  e.i18n = { ...e.i18n, uk: { ...uk, [field]: { text, from: translationHash(english) } } };
}

const ukTitle = (d: RawDataset, id: string) => event(d, id).i18n?.uk?.title?.text ?? '';
const errorsAt = (problems: ReturnType<typeof findings>, path: string) =>
  problems.filter((p) => p.path === path && p.severity === 'error').map((p) => p.message);

describe('the curated dataset’s Ukrainian translation', () => {
  it('covers every field a reader sees, each made from the current English, and passes the guard', () => {
    const data = rawDataset();
    const coverage = translationCoverage(data);
    expect(coverage.uk.fields).toBeGreaterThan(150);
    expect(coverage.uk).toEqual({
      fields: coverage.uk.fields,
      current: coverage.uk.fields,
      stale: 0,
      missing: 0,
    });
    expect(missingTranslations(data)).toEqual([]);
    expect(findings(() => {})).toEqual([]);
  });

  it('validates as part of the dataset (schema and length limits)', () => {
    expect(validateDataset(rawFiles()).ok).toBe(true);
  });
});

describe('translation coverage', () => {
  it('lists a field without a translation as a warning naming the hash to record', () => {
    const data = rawDataset();
    const e = event(data, 'trump-putin-call');
    delete e.i18n?.uk?.summary;
    expect(missingTranslations(data)).toEqual([
      expect.objectContaining({
        path: 'events[1].i18n.uk.summary',
        severity: 'warning',
        locale: 'uk',
        message: expect.stringContaining(`"from": "${translationHash(e.summary)}"`),
      }),
    ]);
  });

  it('flags a translation made from an earlier English text as stale (a warning), not shown', () => {
    const problems = findings((d) => {
      event(d, 'trump-putin-call').title = 'Trump and Putin talk by phone for 90 minutes';
    });
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'events[1].i18n.uk.title',
        severity: 'warning',
        guard: 'translations',
        message: expect.stringContaining(
          `stale: translated from an earlier English text (from "${translationHash('Trump and Putin hold a 90-minute phone call')}")`,
        ),
      }),
    ]);
    const data = rawDataset();
    event(data, 'trump-putin-call').title = 'Trump and Putin talk by phone for 90 minutes';
    expect(translationCoverage(data).uk.stale).toBe(1);
  });
});

describe('own words across languages', () => {
  it('refuses the English copied as the translation', () => {
    const problems = findings((d) => {
      const e = event(d, 'trump-putin-call');
      setUk(e, 'title', e.title);
    });
    expect(errorsAt(problems, 'events[1].i18n.uk.title')).toEqual(['is the English text, not a translation']);
  });

  it('refuses a translation mostly left in English', () => {
    const problems = findings((d) =>
      setUk(event(d, 'trump-putin-call'), 'title', 'Трамп and Путін have a phone call of 90 minutes'),
    );
    expect(errorsAt(problems, 'events[1].i18n.uk.title')).toEqual([
      expect.stringMatching(/^only \d+% of its letters \(quotes aside\) are in the uk script/),
    ]);
  });

  it('refuses a run of the English kept outside quote marks', () => {
    const problems = findings((d) => {
      const e = event(d, 'trump-putin-call');
      setUk(
        e,
        'summary',
        `${e.i18n?.uk?.summary?.text ?? ''} Трамп говорить про softening of the US stance on Ukraine.`,
      );
    });
    expect(errorsAt(problems, 'events[1].i18n.uk.summary')).toEqual([
      expect.stringContaining('keeps "softening of the US" from the English'),
    ]);
  });
});

describe('same facts as the English', () => {
  it('keeps every quoted passage verbatim (quotes are never translated)', () => {
    const problems = findings((d) => {
      const e = event(d, 'vance-zelensky-munich-meeting');
      setUk(
        e,
        'summary',
        (e.i18n?.uk?.summary?.text ?? '').replace("'lasting, durable peace'", 'тривалий, міцний мир'),
      );
    });
    expect(errorsAt(problems, 'events[9].i18n.uk.summary')).toEqual([
      'the English quotes "lasting, durable peace": keep it verbatim (quotes are never translated)',
    ]);
  });

  it('carries every number of the English, and adds none', () => {
    const problems = findings((d) =>
      setUk(event(d, 'trump-putin-call'), 'title', ukTitle(d, 'trump-putin-call').replace('90', '60')),
    );
    expect(errorsAt(problems, 'events[1].i18n.uk.title')).toEqual([
      'the English has 90: write it in the translation too',
      'has 60, which the English does not: a translation adds no facts',
    ]);
  });

  it('lets a number the English spells out be written in digits', () => {
    const problems = findings((d) =>
      setUk(
        event(d, 'russia-invasion-of-ukraine'),
        'summary',
        (event(d, 'russia-invasion-of-ukraine').i18n?.uk?.summary?.text ?? '').replace(
          'уже три роки',
          'уже 3 роки',
        ),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('names the months the English names, and no other', () => {
    const problems = findings((d) => {
      const e = event(d, 'russia-invasion-of-ukraine');
      setUk(e, 'summary', (e.i18n?.uk?.summary?.text ?? '').replace('у лютому', 'у березні'));
    });
    expect(errorsAt(problems, 'events[0].i18n.uk.summary')).toEqual([
      'the English names February: name the month in the translation (лют…)',
      'names March (берез…), which the English does not: a translation adds no facts',
    ]);
  });

  it('names every actor the English names, in any grammatical case', () => {
    const dropped = findings((d) =>
      setUk(event(d, 'trump-putin-call'), 'title', 'Трамп проводить 90-хвилинну телефонну розмову'),
    );
    expect(errorsAt(dropped, 'events[1].i18n.uk.title')).toEqual([
      expect.stringContaining('the English names Vladimir Putin: name them in the translation'),
    ]);
    const inflected = findings((d) =>
      setUk(event(d, 'trump-putin-call'), 'title', 'Трампу й Путіну вдається 90-хвилинна телефонна розмова'),
    );
    expect(inflected).toEqual([]);
  });

  it('refuses a translation of a field the English record does not have', () => {
    const problems = findings((d) => setUk(event(d, 'trump-putin-call'), 'location', 'Вашингтон'));
    expect(errorsAt(problems, 'events[1].i18n.uk.location')).toEqual([
      'translates a location the record does not have: remove the translation or add the English',
    ]);
  });
});

describe('translation schema in data/', () => {
  it('names an unsupported locale and an over-long translation with their paths', () => {
    const files = rawFiles() as Record<string, Record<string, Record<string, unknown>[]>>;
    const events = files['events.json']?.events ?? [];
    const e0 = events[0] as Event;
    (events[0] as Record<string, unknown>).i18n = {
      ...e0.i18n,
      ua: { title: { text: 'Росія вторгається', from: translationHash(e0.title) } },
    };
    (events[1] as Event).i18n = {
      uk: { title: { text: 'д'.repeat(201), from: translationHash((events[1] as Event).title) } },
    };
    const result = validateDataset(files);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContainEqual(
      expect.objectContaining({ path: 'events[0].i18n', message: expect.stringContaining('"ua"') }),
    );
    expect(problems).toContainEqual({
      file: 'data/events.json',
      path: 'events[1].i18n.uk.title.text',
      message: 'a translation has at most 200 characters, like the English field',
    });
  });
});
