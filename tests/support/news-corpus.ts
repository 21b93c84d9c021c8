import type { RawDataset } from '../../src/domain/schema.ts';
import type { GenerateOptions } from './generate.ts';
import { rng } from './rng.ts';

/**
 * A news-like synthetic dataset: what a curated archive of diplomatic reporting looks like to the
 * search index, unlike the adversarial generator's 25 words in most documents.
 *
 * - Text follows Zipf's law (exponent 1) over a ranked vocabulary: function words first (most are
 *   stop words), then ~180 diplomacy words, then a tail of 60,000 pseudo-words. A domain word at
 *   rank 50 lands in ~15% of summaries, at rank 200 in ~4%, as in wire copy.
 * - People, states, organisations and places have varied names (syllable-built, capitalised) with
 *   aliases ("Velina Orsak", "Orsak", "V. Orsak"); a few actors and places are in the news far more
 *   than others (Zipf again).
 * - Titles and summaries come from sentence templates that mix names, places, dates and numbers.
 */
export function generateNewsDataset(opts: GenerateOptions): RawDataset {
  const rand = rng(opts.seed ?? 1);
  const text = opts.text ?? ((_k, f) => f);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const zipf = zipfSampler(rand);

  const tail = Array.from({ length: 60_000 }, (_, i) => pseudoWord(i, TAIL_SYLLABLES));
  const vocabulary = [...FUNCTION_WORDS, ...DOMAIN_WORDS, ...tail];
  const wordAt = zipf(vocabulary.length);
  const word = () => vocabulary[wordAt()] ?? 'talks';
  const domainAt = zipf(DOMAIN_WORDS.length, 12);
  const domain = () => DOMAIN_WORDS[domainAt()] ?? 'talks';
  const words = (n: number) => Array.from({ length: n }, word).join(' ');

  const nActors = Math.max(8, Math.ceil(opts.events / 20));
  const nTopics = Math.max(3, Math.min(120, Math.ceil(opts.events / 80)));
  const nPlaces = Math.max(10, Math.min(4000, Math.ceil(opts.events / 25)));
  const nSources = Math.max(1, Math.ceil(opts.events / 50));
  const paragraphCount = 60;

  const places = Array.from({ length: nPlaces }, (_, i) => capitalise(pseudoWord(i * 7 + 3, NAME_SYLLABLES)));
  const placeAt = zipf(places.length, 5);
  const place = () => places[placeAt()] ?? 'Geneva';

  const sources = Array.from({ length: nSources }, (_, i) => ({
    id: `source-${i}`,
    label: `S${i + 1}`,
    title: `Dispatch ${i + 1}: ${capitalise(domain())} and ${domain()} in ${place()}`,
    publishedAt: { value: '2030-12-31', precision: 'day' as const, basis: 'generated' },
    language: 'en',
    file: `news-${i}.txt`,
    paragraphCount,
    furniture: [],
    summary: 'A generated news dispatch for benchmarks and property tests.',
  }));
  const cite = () => ({ source: pick(sources).id, paragraph: 1 + Math.floor(rand() * paragraphCount) });

  const actors: RawDataset['actors'] = Array.from({ length: nActors }, (_, i) => {
    const kind = i % 10 < 6 ? 'person' : i % 10 < 8 ? 'state' : i % 10 < 9 ? 'organization' : 'group';
    const first = capitalise(pseudoWord(i * 13 + 1, NAME_SYLLABLES).slice(0, 7));
    const last = capitalise(pseudoWord(i * 31 + 5, NAME_SYLLABLES));
    const name =
      kind === 'person'
        ? `${first} ${last}`
        : kind === 'state'
          ? `Republic of ${last}`
          : kind === 'organization'
            ? `${last} ${pick(['Council', 'Institute', 'Alliance', 'Commission', 'Bank'])}`
            : `${last} Front`;
    const aliases =
      kind === 'person'
        ? [last, `${first[0]}. ${last}`]
        : kind === 'state'
          ? [last, `${last}n government`]
          : [last];
    return {
      id: `actor-${i}`,
      name: text('name', name).slice(0, 100) || `Actor ${i}`,
      kind,
      aliases,
      description: `${capitalise(pick(ROLES))} from ${place()}, often in reports on ${domain()} ${domain()}.`,
      roles: [{ title: capitalise(pick(ROLES)), asOf: '2025-01-01', citation: cite() }],
    };
  });
  const actorAt = zipf(actors.length, 3);
  const actor = () => actors[actorAt()] as RawDataset['actors'][number];
  const short = (a: RawDataset['actors'][number]) => a.aliases[0] ?? a.name;

  const topics: RawDataset['topics'] = Array.from({ length: nTopics }, (_, i) => {
    const a = DOMAIN_WORDS[(i * 7) % DOMAIN_WORDS.length] ?? 'peace';
    const b = DOMAIN_WORDS[(i * 11 + 3) % DOMAIN_WORDS.length] ?? 'talks';
    return {
      id: `topic-${i}`,
      label: `${capitalise(a)} ${b} ${i}`.slice(0, 80),
      description: `Reporting on ${a} ${b} and ${words(6)}.`,
      keywords: [a, `${a} ${b}`],
      thread: [],
    };
  });

  const sentence = (who: string, other: string) => {
    const template = pick(SENTENCES);
    return template
      .replace('{V}', () => pick(VERBS))
      .replace('{A}', who)
      .replace('{B}', other)
      .replace('{P}', place())
      .replace('{D}', `${1 + Math.floor(rand() * 28)} ${pick(MONTHS)}`)
      .replace('{N}', pick(NUMBERS))
      .replace('{W}', () => words(6 + Math.floor(rand() * 10)))
      .replace('{X}', () => `${domain()} ${domain()}`);
  };
  const clip = (s: string, min: number, max: number) => {
    let out = s.slice(0, max).trim();
    while (out.length < min) out += ' update';
    return out;
  };

  const events: RawDataset['events'] = [];
  const quotes: RawDataset['quotes'] = [];
  const commitments: RawDataset['commitments'] = [];
  for (let i = 0; i < opts.events; i++) {
    const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 3650) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const precision = rand() < 0.85 ? 'day' : 'month';
    const cast = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, actor))];
    const a = cast[0] ?? actor();
    const b = cast[1] ?? actor();
    const where = rand() < 0.7 ? place() : undefined;
    const title = pick(TITLES)
      .replace('{A}', short(a))
      .replace('{B}', short(b))
      .replace('{P}', where ?? place())
      .replace('{X}', () => `${domain()} ${word()}`);
    const summary = Array.from({ length: 2 + Math.floor(rand() * 4) }, () => sentence(a.name, b.name)).join(
      ' ',
    );
    const id = `event-${i}`;
    const topicIds = [...new Set([pick(topics).id, ...(rand() < 0.3 ? [pick(topics).id] : [])])];
    events.push({
      id,
      kind: pick(['meeting', 'call', 'speech', 'statement', 'summit', 'interview', 'announcement'] as const),
      title: clip(text('title', title), 5, 200),
      summary: clip(text('summary', summary), 20, 1500),
      date: { value: precision === 'day' ? day : day.slice(0, 7), precision, basis: 'generated' },
      ...(where ? { location: where } : {}),
      actors: cast.map((x, k) => ({
        actor: x.id,
        role: k === 0 ? ('speaker' as const) : ('participant' as const),
      })),
      topics: topicIds,
      citations: [cite(), cite()],
      related:
        i > 0 && rand() < 0.3
          ? [{ event: `event-${Math.floor(rand() * i)}`, relation: 'follows' as const }]
          : [],
    });
    const citation = events[i]?.citations[0] ?? cite();
    if (rand() < 0.5) {
      const spoken = clip(
        text('quote', `${capitalise(words(8 + Math.floor(rand() * 14)))} ${domain()}`),
        2,
        1000,
      )
        .replace(/^["'“”‘’«»„‚\s]+|["“”‘«»„‚\s]+$/g, '')
        .replace(/\s{2,}/g, ' ');
      quotes.push({
        id: `quote-${i}`,
        speaker: a.id,
        text: spoken || 'words',
        fragment: rand() < 0.2,
        event: id,
        topics: topicIds,
        context: clip(`${a.name} in ${where ?? place()} on ${domain()} ${domain()}.`, 10, 500),
        citation,
      });
    }
    if (rand() < 0.1) {
      commitments.push({
        id: `commitment-${i}`,
        kind: 'pledge',
        text: `${a.name} pledged ${domain()} ${words(5)}`.slice(0, 400),
        by: [a.id],
        to: [],
        event: id,
        ...(rand() < 0.5 ? { due: { from: '2031-01-01', to: '2031-01-10', basis: 'generated' } } : {}),
        status: 'open',
        topics: topicIds,
        citation: cite(),
      });
    }
  }
  const firstByTopic = new Map<string, string>();
  for (const e of events) for (const t of e.topics) if (!firstByTopic.has(t)) firstByTopic.set(t, e.id);
  for (const t of topics) {
    const ev = firstByTopic.get(t.id);
    if (ev)
      t.thread.push({
        date: '2030-06-01',
        status: clip(text('status', `${capitalise(domain())} ${words(14)}`), 10, 600),
        events: [ev],
        citations: [cite()],
      });
  }
  return { sources, actors, topics, events, quotes, commitments };
}

/**
 * Rank sampler for Zipf's law (exponent 1) over `n` ranks (0-based), by inverse CDF; `flatten`
 * shifts the ranks (Zipf–Mandelbrot) so the head is less dominant.
 */
function zipfSampler(rand: () => number) {
  return (n: number, flatten = 0) => {
    const cdf = new Float64Array(n);
    let sum = 0;
    for (let r = 0; r < n; r++) {
      sum += 1 / (r + 1 + flatten);
      cdf[r] = sum;
    }
    return () => {
      const x = rand() * sum;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cdf[mid] ?? 0) < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
  };
}

const TAIL_SYLLABLES = [
  'ka',
  'lo',
  'mi',
  're',
  'tan',
  'vos',
  'del',
  'qui',
  'shar',
  'nov',
  'bel',
  'ost',
  'rin',
  'gard',
  'pol',
  'um',
  'ex',
  'tri',
];
const NAME_SYLLABLES = [
  'ar',
  'vel',
  'ina',
  'or',
  'sak',
  'dra',
  'mir',
  'ko',
  'zel',
  'ten',
  'bru',
  'ha',
  'lis',
  'ok',
  'yan',
  'es',
  'dor',
  'vik',
];

function pseudoWord(i: number, syllables: readonly string[]): string {
  let n = i + syllables.length;
  let out = '';
  while (n > 0) {
    out += syllables[n % syllables.length];
    n = Math.floor(n / syllables.length);
  }
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Ranks 1–48: the words that make up half of running text; most are stop words of the index. */
const FUNCTION_WORDS = (
  'the of and to in a on for that is with said was by at as from his her it be will their this ' +
  'has have not also after an were but its would who had are more which been over new about than they'
).split(' ');

const DOMAIN_WORDS = (
  'talks president minister ceasefire security peace government officials meeting military ' +
  'agreement sanctions forces foreign leaders war troops proposal support deal summit plan envoy ' +
  'negotiations defence border delegation statement aid attack territory energy guarantees ' +
  'parliament alliance weapons economic prisoners exchange reconstruction frontline drones missiles ' +
  'strikes nuclear plant grain corridor referendum election trade tariffs oil gas pipeline ' +
  'occupation withdrawal peacekeepers monitors humanitarian refugees treaty memorandum observers ' +
  'infrastructure ports shipping insurance loans reparations assets frozen tribunal crimes ' +
  'investigation mediation framework draft text clause annex timetable roadmap phase deadline ' +
  'ultimatum concession compromise recognition sovereignty neutrality membership accession ' +
  'commitments pledges funding package budget contributions coalition partners allies ' +
  'headquarters capital region province city village district coast river bridge dam railway ' +
  'airport factory mine harbour convoy checkpoint hostages detainees journalists volunteers ' +
  'mercenaries battalion brigade artillery tanks aircraft jets radar satellites intelligence ' +
  'cyber hackers disinformation propaganda media broadcast interview speech visit trip tour ' +
  'reception dinner banquet ceremony anniversary memorial parade protest rally strike boycott'
).split(' ');

const ROLES = [
  'minister',
  'envoy',
  'president',
  'adviser',
  'spokesperson',
  'commander',
  'ambassador',
  'negotiator',
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const NUMBERS = [
  '3,000',
  '90 billion',
  '12',
  'dozens of',
  'two',
  '1.5 million',
  '40%',
  'several hundred',
  '7',
  'five',
];

const TITLES = [
  '{A} meets {B} in {P}',
  '{A} and {B} talk {X} by phone',
  '{A} says {X} must come first',
  'Summit in {P} on {X}',
  '{A} visits {P}',
  '{A} rejects {B} proposal on {X}',
  '{A} and {B} sign {X} memorandum in {P}',
  '{A} warns of {X}',
  'Talks on {X} resume in {P}',
  '{A} announces {X}',
];

const VERBS = [
  'said',
  'told reporters',
  'stated',
  'noted',
  'added',
  'argued',
  'warned',
  'insisted',
  'claimed',
  'announced',
  'confirmed',
  'denied',
  'suggested',
  'acknowledged',
  'stressed',
  'wrote',
  'posted',
  'declared',
  'indicated',
  'repeated',
];

const SENTENCES = [
  '{A} met {B} in {P} on {D} to discuss {X}.',
  '{A} {V} {W}.',
  'Officials in {P} {V} {N} {W}.',
  'According to {B}, {W}, and {X} remained open.',
  'The session on {D} covered {X} and {W}.',
  '{A} {V} that {W}.',
  '{B} called the visit {W}.',
  'A statement from {P} mentioned {N} {X}.',
  '{A} and {B} agreed on {W} but not on {X}.',
  'In {P}, {N} people {W}.',
  '{B} {V} on {D} that {X} would {W}.',
  'Diplomats expect {X} before {D}.',
  'Neither side gave details of {X}.',
  '{A} arrived in {P} late on {D}.',
  'Earlier, {B} {V} {W}.',
  'Analysts in {P} see {X} as {W}.',
  '{N} {X} were reported near {P}.',
  'The {X} plan {W}.',
  '{A} declined to comment on {X}.',
  'Critics {V} {W}.',
  'Reporters asked {A} about {X}.',
  'Hours later, {B} travelled to {P}.',
  'Both delegations {V} {W}.',
  'The next round is planned for {D} in {P}.',
];
