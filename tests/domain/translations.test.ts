import { describe, expect, it } from 'vitest';
import { CONTENT_LOCALES, contentLocaleOf, TRANSLATION_LOCALES } from '../../src/domain/locales.ts';
import { type Actor, Event, type Quote, type Topic } from '../../src/domain/schema.ts';
import {
  localized,
  localizedAliases,
  localizedText,
  translationHash,
  translationState,
} from '../../src/domain/translations.ts';
import { rawDataset, realBook } from '../support/fixtures.ts';

const base = (): Event => {
  const e = rawDataset().events.find((x) => x.id === 'russia-invasion-of-ukraine');
  if (!e) throw new Error('fixture event missing');
  // The curated event is translated: these tests start from its English alone.
  const { i18n: _translated, ...english } = structuredClone(e);
  return english;
};

const withUk = (e: Event, fields: Record<string, string>): Event => ({
  ...e,
  i18n: {
    uk: Object.fromEntries(
      Object.entries(fields).map(([field, text]) => [
        field,
        { text, from: translationHash(field === 'basis' ? e.date.basis : (e[field as 'title'] as string)) },
      ]),
    ),
  },
});

describe('content locales', () => {
  it('come from one list: English first, then the translation locales', () => {
    expect(CONTENT_LOCALES[0]).toBe('en');
    expect(TRANSLATION_LOCALES).toEqual(CONTENT_LOCALES.filter((l) => l !== 'en'));
    expect(TRANSLATION_LOCALES).toContain('uk');
  });

  it('map Discord locales to content locales, English for the rest', () => {
    expect(contentLocaleOf('uk')).toBe('uk');
    expect(contentLocaleOf('en-US')).toBe('en');
    expect(contentLocaleOf('en-GB')).toBe('en');
    expect(contentLocaleOf('pt-BR')).toBe('en');
    expect(contentLocaleOf(undefined)).toBe('en');
    expect(contentLocaleOf('UK')).toBe('uk');
  });
});

describe('translation schema', () => {
  it('accepts a record with Ukrainian translations', () => {
    const e = withUk(base(), { title: 'Росія вторгається в Україну' });
    expect(Event.safeParse(e).success).toBe(true);
  });

  it('refuses a locale that is not a content locale, naming it', () => {
    const e = { ...base(), i18n: { ua: { title: { text: 'Росія вторгається', from: 'abcdefabcdef' } } } };
    const parsed = Event.safeParse(e);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('ua');
  });

  it('holds a translation to the English field’s length limits', () => {
    const long = withUk(base(), { title: 'д'.repeat(201) });
    const short = withUk(base(), { title: 'Рос' });
    expect(Event.safeParse(long).error?.issues[0]?.path).toEqual(['i18n', 'uk', 'title', 'text']);
    expect(Event.safeParse(short).error?.issues[0]?.path).toEqual(['i18n', 'uk', 'title', 'text']);
    const ok = withUk(base(), { title: 'д'.repeat(200) });
    expect(Event.safeParse(ok).success).toBe(true);
  });

  it('requires the hash of the English text a translation was made from', () => {
    const e = { ...base(), i18n: { uk: { title: { text: 'Росія вторгається в Україну' } } } };
    expect(Event.safeParse(e).error?.issues[0]?.path).toEqual(['i18n', 'uk', 'title', 'from']);
  });
});

describe('localized', () => {
  it('gives the translation in its locale when one is current', () => {
    const e = withUk(base(), { title: 'Росія вторгається в Україну' });
    expect(localized(e, 'title', 'uk')).toEqual({
      text: 'Росія вторгається в Україну',
      locale: 'uk',
      fallback: false,
    });
  });

  it('gives English, unmarked, to an English reader or a language without content', () => {
    const e = withUk(base(), { title: 'Росія вторгається в Україну' });
    expect(localized(e, 'title', 'en-US')).toEqual({ text: e.title, locale: 'en', fallback: false });
    expect(localized(e, 'title', 'de')).toEqual({ text: e.title, locale: 'en', fallback: false });
  });

  it('falls back to English, marked, when the field has no translation', () => {
    const e = withUk(base(), { title: 'Росія вторгається в Україну' });
    expect(localized(e, 'summary', 'uk')).toEqual({
      text: e.summary,
      locale: 'en',
      fallback: true,
      reason: 'missing',
    });
    expect(localizedText(base(), 'title', 'uk')).toMatchObject({ text: base().title, fallback: true });
  });

  it('never shows a translation made from an earlier English text', () => {
    const e = withUk(base(), { title: 'Росія вторгається в Україну' });
    const edited = { ...e, title: 'Russia invades Ukraine in full' };
    expect(translationState(edited, 'title', 'uk')).toBe('stale');
    expect(localized(edited, 'title', 'uk')).toEqual({
      text: 'Russia invades Ukraine in full',
      locale: 'en',
      fallback: true,
      reason: 'stale',
    });
  });

  it('does not call re-wrapped English a change', () => {
    expect(translationHash('Russia  invades\nUkraine ')).toBe(translationHash('Russia invades Ukraine'));
    expect(translationHash('Russia invades Ukraine.')).not.toBe(translationHash('Russia invades Ukraine'));
  });

  it('reads the date basis and gives undefined for an optional field the record lacks', () => {
    const e = withUk(base(), { basis: 'Жодний із текстів не називає дня.' });
    expect(localized(e, 'basis', 'uk')?.text).toBe('Жодний із текстів не називає дня.');
    expect(localized({ ...e, location: undefined }, 'location', 'uk')).toBeUndefined();
  });

  it('types fields: only translatable ones are accepted', () => {
    const typeOnly = (e: Event) => {
      // @ts-expect-error: an event's kind is not translated
      localized(e, 'kind', 'uk');
      // @ts-expect-error: a quote's text stays verbatim; only its context is translated
      localized(rawDataset().quotes[0] as Quote, 'text', 'uk');
      return localized(e, 'summary', 'uk');
    };
    expect(typeOnly).toBeTypeOf('function');
    const topic = { label: 'Ceasefire', description: 'A pause in fighting.', i18n: {} } as unknown as Topic;
    expect(localized(topic, 'label', 'uk')?.fallback).toBe(true);
  });

  it('lists an actor’s names in the reader’s language first', () => {
    const actor = {
      name: 'Volodymyr Zelensky',
      aliases: ['Zelensky'],
      i18n: {
        uk: {
          name: { text: 'Володимир Зеленський', from: translationHash('Volodymyr Zelensky') },
          aliases: ['Зеленський'],
        },
      },
    } as unknown as Actor;
    expect(localizedAliases(actor, 'uk')).toEqual([
      'Володимир Зеленський',
      'Зеленський',
      'Volodymyr Zelensky',
      'Zelensky',
    ]);
    expect(localizedAliases(actor, 'en-US')).toEqual(['Volodymyr Zelensky', 'Zelensky']);
  });
});

describe('translated content in the loaded dataset', () => {
  it('reaches the records the renderer reads, and actor names resolve in Ukrainian', async () => {
    const book = await realBook();
    const call = book.dataset.eventById.get('trump-putin-call');
    if (!call) throw new Error('fixture event missing');
    expect(localizedText(call, 'title', 'uk')).toMatchObject({ locale: 'uk', fallback: false });
    const status = book.dataset.topics[0]?.thread[0];
    if (!status) throw new Error('fixture thread missing');
    expect(localizedText(status, 'status', 'uk').fallback).toBe(false);
    for (const typed of ['Зеленський', 'Володимир Зеленський', 'НАТО', 'США']) {
      const r = book.actors.resolve(typed);
      expect(r.status, typed).toBe('found');
    }
    const zel = book.actors.resolve('Зеленський');
    expect(zel.status === 'found' && zel.value.id).toBe('volodymyr-zelensky');
  });
});
