/**
 * Issue 17 item 9: names as people type them. Articles, country codes and demonyms, offices
 * ("US president": whoever held it at the time) and autocomplete labels typed out in full.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { type Command, UserError } from '../../src/discord/command.ts';
import { actorChoices, eventChoices, resolveActor, resolveEvent } from '../../src/discord/options.ts';
import { type Briefbook, createBriefbook } from '../../src/domain/briefbook.ts';
import { buildDataset } from '../../src/domain/model.ts';
import { placeOf } from '../../src/domain/places.ts';
import type { Resolution } from '../../src/domain/resolution.ts';
import type { Actor, RawDataset } from '../../src/domain/schema.ts';
import { validateDataset } from '../../src/domain/validate.ts';
import { reference } from '../../src/i18n/languages.ts';
import { explainUnresolved } from '../../src/render/unresolved.ts';
import { fakeContext, fakeInput, rawDataset, realBook } from '../support/fixtures.ts';

let book: Briefbook;
beforeAll(async () => {
  book = await realBook();
});

const idOf = (r: Resolution<Actor>) =>
  r.status === 'found' ? r.value.id : r.status === 'ambiguous' ? r.candidates.map((a) => a.id) : undefined;

/** The real dataset with extra actors (and whatever else `edit` changes), validated and indexed. */
function bookWith(edit: (raw: RawDataset) => void): Briefbook {
  const raw = structuredClone(rawDataset());
  edit(raw);
  const files = Object.fromEntries(Object.entries(raw).map(([k, list]) => [`${k}.json`, { [k]: list }]));
  const v = validateDataset(files);
  if (!v.ok) throw new Error(JSON.stringify(v.problems.slice(0, 3)));
  return createBriefbook(buildDataset(v.data));
}

const citation = { source: 'munich-vance-zelensky', paragraph: 1 };

describe('country codes and demonyms', () => {
  it('"UK" is the United Kingdom, never a prefix of Ukraine, and says so when the dataset lacks it', () => {
    for (const typed of ['UK', 'the UK', 'U.K.', 'British', 'GBR']) {
      const r = book.actors.resolve(typed);
      expect(r.status, typed).toBe('not-found');
      if (r.status !== 'not-found') continue;
      expect(r.suggestions.map((a) => a.id)).not.toContain('ukraine');
      expect(reference.text(explainUnresolved('actor', typed, r).message)).toContain('United Kingdom');
    }
  });

  it('resolves a state by its codes, demonym and name with "the"', () => {
    for (const [typed, id] of [
      ['US', 'united-states'],
      ['USA', 'united-states'],
      ['the US', 'united-states'],
      ['the United States', 'united-states'],
      ['American', 'united-states'],
      ['UA', 'ukraine'],
      ['Ukrainian', 'ukraine'],
      ['RUS', 'russia'],
      ['Russian', 'russia'],
    ]) {
      expect(idOf(book.actors.resolve(typed ?? '')), typed).toBe(id);
    }
  });

  it('"UK" resolves to the United Kingdom once the dataset has it', () => {
    const withUk = bookWith((raw) => {
      raw.actors.push({
        id: 'united-kingdom',
        name: 'United Kingdom',
        kind: 'state',
        aliases: ['Britain'],
        description: 'A test state.',
        roles: [],
      });
    });
    for (const typed of ['UK', 'the UK', 'British', 'Great Britain', 'GB'])
      expect(idOf(withUk.actors.resolve(typed)), typed).toBe('united-kingdom');
    expect(idOf(withUk.actors.resolve('Ukraine'))).toBe('ukraine');
  });

  it('reads codes that are also English words only in capitals', () => {
    expect(placeOf('IT')?.name).toBe('Italy');
    expect(placeOf('it')).toBeUndefined();
    expect(placeOf('us')?.name).toBe('United States');
  });
});

describe('articles', () => {
  it('"the EU" and "the US" resolve directly, not to a list with NATO and the Wall Street Journal', () => {
    expect(idOf(book.actors.resolve('the EU'))).toBe('european-union');
    expect(idOf(book.actors.resolve('The EU'))).toBe('european-union');
    expect(idOf(book.actors.resolve('the US'))).toBe('united-states');
  });

  it('every name and alias of every actor resolves with or without "the"', () => {
    const owners = new Map<string, Set<string>>();
    for (const a of book.dataset.actors)
      for (const n of [a.name, ...a.aliases]) {
        const key = n.toLowerCase().replace(/^the /, '');
        owners.set(key, (owners.get(key) ?? new Set()).add(a.id));
      }
    for (const a of book.dataset.actors) {
      for (const n of [a.name, ...a.aliases]) {
        if ((owners.get(n.toLowerCase().replace(/^the /, ''))?.size ?? 0) > 1) continue;
        const bare = n.replace(/^the /i, '');
        expect(idOf(book.actors.resolve(bare)), bare).toBe(a.id);
        expect(idOf(book.actors.resolve(`the ${bare}`)), `the ${bare}`).toBe(a.id);
      }
    }
  });
});

describe('offices', () => {
  it('"US president" and its other phrasings are the person holding the office, not the country', () => {
    for (const typed of [
      'US president',
      'the US president',
      'president of the United States',
      'American president',
      'the President of the US',
    ])
      expect(idOf(book.actors.resolve(typed)), typed).toBe('donald-trump');
    expect(idOf(book.actors.resolve('Ukrainian president'))).toBe('volodymyr-zelensky');
    expect(idOf(book.actors.resolve("Ukraine's president"))).toBe('volodymyr-zelensky');
    expect(idOf(book.actors.resolve('Russian president'))).toBe('vladimir-putin');
    expect(idOf(book.actors.resolve('US vice president'))).toBe('jd-vance');
    expect(idOf(book.actors.resolve('US secretary of state'))).toBe('marco-rubio');
    expect(idOf(book.actors.resolve("Trump's envoy"))).toBe('keith-kellogg');
  });

  it('an office held in several places is a choice between its holders', () => {
    expect(idOf(book.actors.resolve('president'))).toEqual(
      expect.arrayContaining(['donald-trump', 'volodymyr-zelensky', 'vladimir-putin', 'emmanuel-macron']),
    );
  });

  it('names the holder at the time: the last recorded in office on or before that day', () => {
    const two = bookWith((raw) => {
      raw.actors.push({
        id: 'joe-biden',
        name: 'Joe Biden',
        kind: 'person',
        aliases: ['Biden'],
        description: 'A test predecessor.',
        roles: [{ title: 'President of the United States', asOf: '2024-06-01', citation }],
      });
    });
    expect(idOf(two.actors.resolve('US president', { at: '2024-12-31' }))).toBe('joe-biden');
    expect(idOf(two.actors.resolve('US president', { at: '2025-03-01' }))).toBe('donald-trump');
    expect(idOf(two.actors.resolve('US president'))).toBe('donald-trump');
    // Before any record, the first one recorded.
    expect(idOf(two.actors.resolve('US president', { at: '2020-01-01' }))).toBe('joe-biden');
    // /timeline reads the office as of its range.
    const timeline = command('timeline');
    return Promise.resolve(
      timeline.execute(fakeContext(two), fakeInput('timeline', { actor: 'US president', to: '2024-12' })),
    ).then((p) => expect(JSON.stringify(p.embeds)).toContain('Joe Biden'));
  });

  it('offers the holder of an office typed in autocomplete', () => {
    expect(actorChoices(book, 'US president')[0]?.value).toBe('donald-trump');
  });

  it('answers the same whether the country and office tables were prepared ahead or on first use', () => {
    const typed = [
      'US president',
      'UK',
      'American',
      'Ukrainian president',
      'president',
      'France',
      'Zelensky',
    ];
    const lazy = bookWith(() => undefined);
    const prepared = bookWith(() => undefined);
    prepared.actors.prepare();
    prepared.actors.prepare();
    for (const query of typed) {
      expect(idOf(lazy.actors.resolve(query)), query).toEqual(idOf(prepared.actors.resolve(query)));
      expect(idOf(lazy.actors.resolve(query)), query).toEqual(idOf(book.actors.resolve(query)));
    }
    expect(actorChoices(lazy, 'US president')[0]?.value).toBe('donald-trump');
  });
});

describe('autocomplete labels typed out in full', () => {
  it('every actor label resolves to its actor', () => {
    for (const a of book.dataset.actors) {
      const label = actorChoices(book, a.name).find((c) => c.value === a.id)?.name;
      expect(label, a.id).toBeDefined();
      expect(resolveActor(book, label ?? '').id, label).toBe(a.id);
    }
    expect(resolveActor(book, 'JD Vance — Vice President of the United States').id).toBe('jd-vance');
  });

  it('every event label resolves to its event', () => {
    for (const e of book.dataset.events) {
      const label = eventChoices(book, e.id).find((c) => c.value === e.id)?.name;
      expect(label, e.id).toBeDefined();
      expect(resolveEvent(book, label ?? '').id, label).toBe(e.id);
    }
    // The label as the issue quotes it (an older date wording) still names the one event so titled.
    expect(resolveEvent(book, '14 Feb 2025 · Munich Security Conference').id).toBe(
      'munich-security-conference',
    );
  });

  it('/actor and /event answer a typed label instead of asking "Which one?"', async () => {
    for (const [name, options] of [
      ['actor', { name: 'JD Vance — Vice President of the United States' }],
      ['event', { event: '14 Feb 2025 · Munich Security Conference' }],
    ] as const) {
      const payload = await Promise.resolve()
        .then(() => command(name).execute(fakeContext(book), fakeInput(name, options)))
        .catch((error: unknown) => (error instanceof UserError ? error.message : Promise.reject(error)));
      expect(typeof payload, name).toBe('object');
    }
  });
});

function command(name: string): Command {
  const c = commands.find((x) => x.data.name === name);
  if (!c) throw new Error(`no /${name}`);
  return c;
}
