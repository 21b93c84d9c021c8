import { type Day, formatDay } from '../domain/dates.ts';
import type { EventKind, PartialDate } from '../domain/schema.ts';
import { addDays, type DateMention, rangeDate } from './dates.ts';
import type { ArticleDocument, Party, Sentence } from './document.ts';
import {
  DETERMINERS,
  HYPOTHETICAL_CUES,
  INDEFINITE,
  TEMPORAL_CUES,
  TRIGGERS,
  type TriggerFamily,
  type TriggerKind,
} from './lexicon.ts';
import type { AttributedQuote } from './speakers.ts';

/**
 * Event candidates: sentences grouped by the meeting, call, speech, interview or statement they
 * report, each with a date. A sentence joins the event its trigger word names ("Friday's meeting"
 * joins the meeting already told); reported speech joins the event in focus when its speaker takes
 * part in it, else makes a statement of its own. An event whose sentences carry no date lies between
 * the last date the story gave and publication; "before X", "after X" and "Earlier" date it
 * relative to X or to the event in focus; a present perfect ("has made clear") only up to publication.
 */

export type Pending =
  | { rule: 'range'; earliest?: Day; anchorText?: string }
  | { rule: 'perfect' }
  | { rule: 'same-day'; day: Day; anchorText: string; word: string; paragraph: number }
  | { rule: 'before' | 'after'; ref: EventCandidate; words: string; paragraph: number };

export interface EventCandidate {
  key: number;
  kind: EventKind;
  family: TriggerFamily | 'position';
  /** The trigger words that introduced it ("met", "a 90-minute call", "urged"). */
  trigger: string;
  /** Name of a named event ("Munich Security Conference"). */
  name?: string;
  primary?: Party;
  /** Parties in order of appearance with the role proposed for them. */
  parties: Map<Party, string>;
  sentences: Sentence[];
  explicit?: { date: PartialDate; text: string; paragraph: number };
  /** The paragraph whose words gave the date. */
  datedBy?: number;
  partOfDay?: DateMention['partOfDay'];
  pending: Pending;
  date?: PartialDate;
  location?: string;
  confidence: number;
  notes: string[];
}

interface Trigger {
  ti: number;
  family: TriggerFamily;
  kind: TriggerKind;
  words: string;
  definite: boolean;
  temporal?: 'before' | 'after';
  name?: string;
}

const NOUN_MODIFIER = /^(?:[\p{Ll}\d-]+|[\p{Lu}][\p{L}]*)$/u;

function detectTriggers(s: Sentence): Trigger[] {
  const out: Trigger[] = [];
  const tokens = s.tokens;
  const inMention = (k: number) => s.mentions.some((m) => k >= m.ti && k < m.tj);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || t.inQuote || inMention(k)) continue;
    const spec = TRIGGERS.get(t.lower);
    if (!spec) continue;
    const prev = tokens[k - 1]?.lower ?? '';
    const next = tokens[k + 1]?.lower ?? '';
    if (
      t.lower === 'call' &&
      !(
        /^(?:a|an|the|his|her|their|phone|telephone|video)$/.test(prev) ||
        /-(?:minute|hour)$/.test(prev) ||
        next === 'with' ||
        next === 'between'
      )
    )
      continue;
    if (t.lower === 'speech' && (prev === 'of' || prev === 'free')) continue;
    if (t.lower === 'address' && !/^(?:a|an|the|his|her|their)$/.test(prev)) continue;
    if (t.lower === 'talks' && /^(?:he|she|it|who)$/.test(prev)) continue;
    let family = spec.family;
    let kind = spec.kind;
    if (t.lower === 'conference' && (prev === 'news' || prev === 'press')) {
      family = 'statement';
      kind = 'statement';
    }
    // Walk back over the noun phrase to its determiner, and a little further for cues.
    let j = k - 1;
    let definite = false;
    let determiner: string | undefined;
    if (spec.pos === 'noun') {
      while (j >= 0 && j >= k - 5) {
        const w = tokens[j];
        if (!w) break;
        if (DETERMINERS.has(w.lower) || INDEFINITE.has(w.lower)) {
          determiner = w.lower;
          break;
        }
        if (w.possessive) {
          determiner = w.raw;
          break;
        }
        if (!NOUN_MODIFIER.test(w.raw) || HYPOTHETICAL_CUES.has(w.lower) || TEMPORAL_CUES.has(w.lower)) break;
        j--;
      }
      definite = determiner !== undefined && !INDEFINITE.has(determiner);
    }
    const from = determiner !== undefined ? j : k;
    const window = tokens.slice(Math.max(0, from - 3), from).map((w) => w.lower);
    if (window.some((w) => HYPOTHETICAL_CUES.has(w)) || (spec.pos === 'verb' && prev === 'to')) continue;
    const temporalWord = [...window].reverse().find((w) => TEMPORAL_CUES.has(w));
    const temporal = temporalWord ? TEMPORAL_CUES.get(temporalWord) : undefined;
    out.push({
      ti: k,
      family,
      kind,
      words: tokens
        .slice(from, k + 1)
        .map((w) => w.raw)
        .join(' '),
      definite,
      ...(temporal ? { temporal } : {}),
    });
  }
  // Named events: "the Munich Security Conference".
  for (const m of s.mentions) {
    if (m.kind !== 'event' || m.inQuote) continue;
    const before = s.tokens.slice(Math.max(0, m.titleStart - 3), m.titleStart).map((w) => w.lower);
    const temporalWord = [...before].reverse().find((w) => TEMPORAL_CUES.has(w));
    const temporal = temporalWord ? TEMPORAL_CUES.get(temporalWord) : undefined;
    out.push({
      ti: m.ti,
      family: 'summit',
      kind: 'summit',
      words: m.text,
      definite: true,
      name: m.text,
      ...(temporal ? { temporal } : {}),
    });
  }
  return out.sort((a, b) => a.ti - b.ti);
}

const FAMILY_GROUPS: Record<TriggerFamily, TriggerFamily[]> = {
  meeting: ['meeting'],
  'one-on-one': ['one-on-one'],
  call: ['call'],
  speech: ['speech'],
  interview: ['interview'],
  summit: ['summit'],
  statement: ['statement'],
  war: ['war'],
};

const MERGEABLE = new Set<TriggerFamily | 'position'>([
  'meeting',
  'one-on-one',
  'call',
  'speech',
  'interview',
  'summit',
]);

function tokenIndexOf(s: Sentence, offset: number): number {
  const i = s.tokens.findIndex((t) => t.end > offset);
  return i < 0 ? s.tokens.length : i;
}

function primaryRole(kind: EventKind): string {
  switch (kind) {
    case 'meeting':
    case 'call':
    case 'military-action':
      return 'participant';
    case 'interview':
      return 'interviewee';
    case 'summit':
      return 'participant';
    default:
      return 'speaker';
  }
}

export interface EventAnalysis {
  events: EventCandidate[];
  /** The event each quote is proposed for. */
  quoteEvent: Map<AttributedQuote, EventCandidate>;
  /**
   * Things the text says will happen after publication ("Kast will take office on March 11",
   * "due to expire on Saturday"): not events the dataset can hold yet, shown to the curator.
   */
  planned: PlannedEvent[];
}

export interface PlannedEvent {
  paragraph: number;
  date: PartialDate;
  /** The event word of the sentence, else the date as printed. */
  trigger: string;
  sentence: Sentence;
}

export function groupEvents(doc: ArticleDocument, quotes: readonly AttributedQuote[]): EventAnalysis {
  const events: EventCandidate[] = [];
  const quoteEvent = new Map<AttributedQuote, EventCandidate>();
  const quotesBySentence = new Map<Sentence, AttributedQuote[]>();
  for (const q of quotes) quotesBySentence.set(q.sentence, [...(quotesBySentence.get(q.sentence) ?? []), q]);
  let current: EventCandidate | undefined;
  const pastPerfect = new Set<DateMention>();
  let anchor: { day: Day; text: string } | undefined;

  const create = (
    s: Sentence,
    fields: Pick<EventCandidate, 'kind' | 'family' | 'trigger'> & Partial<EventCandidate>,
  ): EventCandidate => {
    const c: EventCandidate = {
      key: events.length,
      parties: new Map(),
      sentences: [],
      pending: anchor ? { rule: 'range', earliest: anchor.day, anchorText: anchor.text } : { rule: 'range' },
      confidence: 0.6,
      notes: [],
      ...fields,
    };
    if (c.primary) c.parties.set(c.primary, primaryRole(c.kind));
    const place = s.mentions.find((m) => m.kind === 'place' && m.afterPlacePrep && !m.inQuote);
    if (place && c.family !== 'war' && !c.name) c.location = place.text;
    events.push(c);
    return c;
  };
  /** "Earlier", "later that day": the day the story is at, or publication. */
  const sameDay = (word: string, paragraph: number): Pending => ({
    rule: 'same-day',
    day: anchor?.day ?? doc.published,
    anchorText: anchor?.text ?? 'publication',
    word,
    paragraph,
  });
  const attach = (c: EventCandidate, s: Sentence) => {
    if (!c.sentences.includes(s)) c.sentences.push(s);
  };
  /** Created or first attached in this sentence, with no date of its own yet. */
  const undatedNew = (c: EventCandidate, s: Sentence) =>
    !c.explicit && c.pending.rule === 'range' && c.sentences.every((x) => x === s);
  const setDate = (c: EventCandidate, d: DateMention, paragraph: number) => {
    if (!d.date) return;
    if (c.explicit) {
      // "this week's summit … agreed on Wednesday": the day inside the period dates it.
      const coarser = c.explicit.date.precision !== 'day' && d.date.precision === 'day';
      const within =
        d.date.value.startsWith(c.explicit.date.value) ||
        (c.explicit.date.earliest !== undefined &&
          c.explicit.date.latest !== undefined &&
          d.date.value >= c.explicit.date.earliest &&
          d.date.value <= c.explicit.date.latest);
      if (!(coarser && within && c.explicit.paragraph === paragraph)) {
        if (c.explicit.date.value !== d.date.value) c.notes.push(`also dated '${d.text}' (${d.date.value})`);
        return;
      }
    }
    c.explicit = { date: d.date, text: d.text, paragraph };
    if (d.partOfDay) c.partOfDay = d.partOfDay;
    // A past perfect ("had flown in on Wednesday") dates its event without moving the story's clock.
    if (d.date.precision === 'day' && !d.date.approximate && !pastPerfect.has(d))
      anchor = { day: d.date.value, text: d.text };
  };
  const dateCompatible = (c: EventCandidate, d: DateMention | undefined): boolean =>
    !d?.date || !c.explicit || c.explicit.date.value === d.date.value;
  /** Who an event word in the sentence is about: the subject before it, else who speaks. */
  const subjectOf = (s: Sentence, before: number): Party | undefined => {
    const firstBefore = s.parties.find((p) => p.subjectLike && p.ti < before);
    if (firstBefore) return firstBefore.party;
    const say = s.says.find((v) => v.subject && !v.participle);
    return say?.subject?.party ?? s.parties.find((p) => p.subjectLike)?.party;
  };

  for (const s of doc.sentences) {
    if (doc.paragraphs[s.paragraph - 1]?.furniture) continue;
    const triggers = detectTriggers(s);
    // Background inside the sentence: "who had flown in on Wednesday", "the first since … in 2022".
    const wordsBefore = (d: DateMention) => {
      const at = tokenIndexOf(s, d.start);
      return s.tokens.slice(Math.max(0, at - 8), at).map((t) => t.lower);
    };
    const background = (d: DateMention): boolean =>
      !d.historical && d.date?.precision === 'year' && wordsBefore(d).includes('since');
    for (const d of s.dates) if (wordsBefore(d).includes('had')) pastPerfect.add(d);
    // Offsets count from a day this sentence names, else from the day the story is at.
    const sentenceDay = s.dates.find(
      (d) => d.rule !== 'offset' && d.date?.precision === 'day' && !d.inQuote && !d.future,
    );
    for (const d of s.dates) {
      if (d.rule !== 'offset' || d.date || d.offsetDays === undefined || d.inQuote) continue;
      const from = sentenceDay?.date?.value ?? anchor?.day;
      if (!from) continue;
      const day = addDays(from, d.offsetDays);
      if (day > doc.published) continue;
      d.date = {
        value: day,
        precision: 'day',
        basis: `'${d.text}': ${Math.abs(d.offsetDays)} day${Math.abs(d.offsetDays) === 1 ? '' : 's'} ${d.offsetDays < 0 ? 'before' : 'after'} ${formatDay(from)}`,
      };
    }
    const usable = s.dates.filter((d) => d.date && !d.future && !d.inQuote && !background(d));
    const relative = s.dates.find((d) => (d.rule === 'earlier' || d.rule === 'later') && !d.inQuote);
    const ownDay = usable.find((d) => !d.historical && d.date?.precision === 'day');
    let main: EventCandidate | undefined;
    const touched: EventCandidate[] = [];
    /** Token index of the word that named each event in this sentence. */
    const positions = new Map<EventCandidate, number>();
    // The story's clock: a day the text names moves it, whether or not an event word is near.
    // A past perfect ("who had flown in on Wednesday") tells background: it does not move the clock.
    const narrative = usable.find(
      (d) => !d.historical && d.date?.precision === 'day' && !d.date.approximate && !pastPerfect.has(d),
    );

    // 1. Durations back from publication date a past war: "since the invasion three years ago".
    for (const d of usable.filter((x) => x.historical)) {
      const ti = tokenIndexOf(s, d.start);
      const war = triggers
        .filter((t) => t.family === 'war')
        .sort((a, b) => Math.abs(a.ti - ti) - Math.abs(b.ti - ti))[0];
      let c = events.find((e) => e.family === 'war' && e.explicit?.date.value === d.date?.value);
      if (!c) {
        c = create(s, {
          kind: 'military-action',
          family: 'war',
          trigger: war?.words ?? d.text,
          confidence: 0.5,
        });
      }
      setDate(c, d, s.paragraph);
      attach(c, s);
      touched.push(c);
      positions.set(c, war?.ti ?? ti);
    }

    // 2. Event words: each joins the event it names, or starts a new one.
    const eventTriggers = triggers.filter((t) => t.family !== 'war');
    const dateFor = new Map<Trigger, DateMention>();
    // Each event word takes the date nearest it, each date goes to one event word at most.
    const pairs: { t: Trigger; d: DateMention; gap: number }[] = [];
    for (const d of usable.filter((x) => !x.historical)) {
      const ti = tokenIndexOf(s, d.start);
      for (const t of eventTriggers) {
        const [from, to] = t.ti < ti ? [t.ti, ti] : [ti, t.ti];
        const between = s.tokens.slice(from + 1, to);
        // A date across "and"/"but" belongs to the other clause.
        const crosses = between.some((x) => x.lower === 'and' || x.lower === 'but') ? 10 : 0;
        pairs.push({ t, d, gap: Math.abs(t.ti - ti) + crosses + (t.name ? 100 : 0) });
      }
    }
    const usedDates = new Set<DateMention>();
    for (const { t, d } of pairs.sort((a, b) => a.gap - b.gap)) {
      if (dateFor.has(t) || usedDates.has(d)) continue;
      dateFor.set(t, d);
      usedDates.add(d);
    }
    const resolved = new Map<Trigger, EventCandidate>();
    const find = (t: Trigger): EventCandidate | undefined => {
      const d = dateFor.get(t);
      if (t.name) return events.find((e) => e.name === t.name);
      const same = [...resolved.entries()].find(
        ([o, c]) => o.family === t.family && !o.name && dateCompatible(c, d),
      );
      if (same) return same[1];
      const families = FAMILY_GROUPS[t.family];
      const pool = [...events].reverse().filter((e) => families.includes(e.family as TriggerFamily));
      if (t.definite) return pool.find((e) => dateCompatible(e, d));
      if (!MERGEABLE.has(t.family)) return undefined;
      const primary = subjectOf(s, t.ti);
      return pool.find(
        (e) => !e.name && e.primary !== undefined && e.primary === primary && dateCompatible(e, d),
      );
    };
    const ordered = [...eventTriggers.filter((t) => !t.temporal), ...eventTriggers.filter((t) => t.temporal)];
    for (const t of ordered) {
      let c = find(t);
      const d = dateFor.get(t);
      if (!c) {
        const primary = t.name ? undefined : subjectOf(s, t.ti);
        c = create(s, {
          kind: t.kind,
          family: t.family,
          trigger: t.words,
          ...(t.name ? { name: t.name } : {}),
          ...(primary ? { primary } : {}),
          confidence: t.name ? 0.5 : 0.7,
        });
        if (!t.temporal && relative) c.pending = sameDay(relative.text, s.paragraph);
        if (t.temporal) {
          // The words after a temporal reference describe it: "after talks with X at Y, …".
          const phraseEnd = s.text.indexOf(',', (s.tokens[t.ti]?.end ?? 0) - s.start);
          const limit = phraseEnd < 0 ? s.end : s.start + phraseEnd;
          for (const p of s.parties)
            if ((s.tokens[p.ti]?.start ?? 0) < limit && !p.possessive && !c.parties.has(p.party))
              c.parties.set(p.party, doc.parties.get(p.party)?.kind === 'person' ? 'participant' : 'subject');
          const place = s.mentions.find((m) => m.kind === 'place' && m.start < limit && m.ti > t.ti);
          if (place) c.location = place.text;
        }
      }
      resolved.set(t, c);
      if (d) setDate(c, d, s.paragraph);
      attach(c, s);
      if (t.temporal) continue;
      touched.push(c);
      if (!positions.has(c)) positions.set(c, t.ti);
    }
    main =
      touched.find((c) => c.family !== 'war' && c.family !== 'summit') ??
      touched.find((c) => c.family !== 'war' && !c.name) ??
      touched.find((c) => c.family !== 'war');

    // 3. Reported speech with no event word: joins the event in focus or makes a statement.
    const sentenceQuotes = quotesBySentence.get(s) ?? [];
    const says = s.says.filter((v) => v.subject && !v.participle);
    const speaker = says[0]?.subject?.party ?? sentenceQuotes.find((q) => q.speaker)?.speaker;
    if (!main && speaker) {
      const position = s.says.find((v) => v.position && v.subject);
      if (position?.position) {
        const kind = position.position as EventKind;
        if (current && current.family === 'position' && current.primary === speaker && current.kind === kind)
          main = current;
        else
          main = create(s, {
            kind,
            family: 'position',
            trigger: position.verb,
            primary: speaker,
            confidence: 0.6,
          });
      } else if (
        current?.parties.has(speaker) &&
        // Only talked about in the event in focus ("talks with Russia"), a speaker makes a statement
        // of its own ("The Kremlin stressed …"), not a part of someone else's.
        (current.primary === speaker ||
          current.parties.get(speaker) !== 'subject' ||
          current.family !== 'statement') &&
        current.family !== 'war' &&
        !(
          ownDay &&
          current.explicit &&
          current.explicit.paragraph !== s.paragraph &&
          current.explicit.date.value !== ownDay.date?.value
        ) &&
        !(
          ownDay &&
          current.explicit &&
          ownDay.partOfDay &&
          current.partOfDay &&
          ownDay.partOfDay !== current.partOfDay
        )
      ) {
        main = current;
      } else {
        main = create(s, {
          kind: 'statement',
          family: 'statement',
          trigger: says[0]?.verb ?? 'quoted',
          primary: speaker,
          confidence: 0.5,
        });
      }
      if (main.sentences.length === 0) {
        if (s.says.some((v) => v.perfect)) main.pending = { rule: 'perfect' };
        else if (relative) main.pending = sameDay(relative.text, s.paragraph);
      }
      attach(main, s);
      touched.push(main);
      if (dateFor.size === 0) {
        const verbAt = (says[0] ?? s.says[0])?.ti ?? 0;
        const nearest = usable
          .filter((x) => !x.historical)
          .sort(
            (a, b) =>
              Math.abs(tokenIndexOf(s, a.start) - verbAt) - Math.abs(tokenIndexOf(s, b.start) - verbAt),
          )[0];
        if (nearest) setDate(main, nearest, s.paragraph);
      }
    }

    // 3b. A day the sentence names that no event took: something happened then, even with no event
    // word ("a shouting match broke out on Friday", "the fighting began on Thursday").
    // Month and year dates count when they say when something happened ("annulled in December
    // 2024", "replaced Trudeau in March"), not when they bound it ("by 2035", "until May").
    const says_when = (d: DateMention) =>
      d.date?.precision === 'day' ||
      /\b(?:in|during|earlier|last|this|late|early|mid)\s*$/iu.test(s.text.slice(0, d.start - s.start)) ||
      d.rule === 'relative-period';
    const leftover = usable
      .filter(
        (d) =>
          !d.historical &&
          says_when(d) &&
          ![...dateFor.values()].includes(d) &&
          !touched.some((c) => c.explicit?.date.value === d.date?.value),
      )
      // The main clause's date first; a past perfect ("who had declared … on Sunday") tells an earlier event.
      .sort((a, b) => Number(pastPerfect.has(a)) - Number(pastPerfect.has(b)));
    // Each date left makes an event of its own: a sentence with two days tells two events.
    const mainDatedHere = main?.explicit?.paragraph === s.paragraph;
    for (const d of leftover) {
      if (main && !main.explicit) {
        setDate(main, d, s.paragraph);
        continue;
      }
      if (main && !mainDatedHere && d.date?.precision !== 'day') continue;
      const warlike =
        /\b(?:fight|fighting|clash|clashes|strike|strikes|struck|attack|attacks|war|offensive|shelling|bombing|killed|seized)\b/i.test(
          s.text,
        );
      const c = create(s, {
        kind: warlike ? 'military-action' : 'statement',
        family: warlike ? 'war' : 'statement',
        trigger: d.text,
        ...(says[0]?.subject?.party ? { primary: says[0].subject.party } : {}),
        confidence: 0.4,
      });
      setDate(c, d, s.paragraph);
      attach(c, s);
      touched.push(c);
      main ??= c;
    }

    // 4. Background: joins the event in focus, or the latest about the person the sentence is about.
    if (!main) {
      const subject = s.parties.find((p) => p.subjectLike || p.possessive)?.party;
      const recent = [...events]
        .reverse()
        .filter((e) => e.family !== 'war' && !e.name && e.sentences.length > 0);
      const hit =
        subject === undefined
          ? undefined
          : current?.parties.has(subject)
            ? current
            : (recent.find((e) => e.primary === subject) ?? recent.find((e) => e.parties.has(subject)));
      const near = hit && s.paragraph - Math.max(...hit.sentences.map((x) => x.paragraph)) <= 4;
      if (hit && near) {
        attach(hit, s);
        main = hit;
        for (const d of usable.filter((x) => !x.historical)) setDate(hit, d, s.paragraph);
      }
    }

    // An event told relative to another: "Before the talks, X urged …", "said after the summit".
    if (main && undatedNew(main, s)) {
      for (const t of eventTriggers.filter((x) => x.temporal)) {
        const ref = resolved.get(t);
        if (ref && ref !== main)
          main.pending = { rule: t.temporal ?? 'after', ref, words: t.words, paragraph: s.paragraph };
      }
    }

    // Each name joins the event whose word is nearest it; with no event word, the event reported.
    const positioned = [...positions.entries()].filter(([c]) => !c.name);
    for (const p of s.parties) {
      const kind = doc.parties.get(p.party)?.kind;
      const nearest = [...positioned].sort((a, b) => Math.abs(a[1] - p.ti) - Math.abs(b[1] - p.ti))[0];
      const c = nearest?.[0] ?? main;
      if (!c) continue;
      if (c.family === 'war') {
        // "Russia’s invasion", "the war in Ukraine": states right at the war word are its parties.
        const at = nearest?.[1] ?? -10;
        const adjacent = (p.possessive && p.ti < at && at - p.ti <= 2) || (p.ti > at && p.ti - at <= 3);
        if (kind === 'state' && adjacent && !c.parties.has(p.party))
          c.parties.set(p.party, p.possessive ? 'participant' : 'subject');
        continue;
      }
      if (p.possessive || c.parties.has(p.party)) continue;
      const first = c.sentences[0] === s;
      const role =
        (c.kind === 'meeting' || c.kind === 'call' || c.kind === 'summit') && kind === 'person'
          ? first
            ? 'participant'
            : 'attendee'
          : c.kind === 'interview' && kind === 'organization'
            ? 'interviewer'
            : 'subject';
      c.parties.set(p.party, role);
    }
    // A named event (a conference) has the people of the events told at it.
    for (const named of touched.filter((c) => c.name)) {
      for (const other of touched) {
        if (other === named || !other.primary || named.parties.has(other.primary)) continue;
        if (doc.parties.get(other.primary)?.kind === 'person')
          named.parties.set(other.primary, 'participant');
      }
    }
    for (const q of sentenceQuotes) {
      let event = main;
      if (!event) {
        event = create(s, {
          kind: 'statement',
          family: 'statement',
          trigger: 'quoted',
          ...(q.speaker ? { primary: q.speaker } : {}),
          confidence: 0.4,
        });
        attach(event, s);
        main = event;
      }
      const role = event.parties.get(q.speaker ?? '');
      if (q.speaker && (role === undefined || role === 'subject'))
        event.parties.set(q.speaker, event.kind === 'interview' ? 'interviewee' : 'speaker');
      quoteEvent.set(q, event);
    }
    if (main) current = main;
    if (
      narrative?.date &&
      (!anchor || narrative.date.value !== anchor.day) &&
      !touched.some((c) => c.explicit)
    )
      anchor = { day: narrative.date.value, text: narrative.text };
  }

  resolveDates(events, doc.published);
  return { events: events.filter((e) => e.sentences.length > 0), quoteEvent, planned: plannedEvents(doc) };
}

/** Dates after publication outside quotes, one planned event each (the sentence's event word, if any). */
function plannedEvents(doc: ArticleDocument): PlannedEvent[] {
  const out: PlannedEvent[] = [];
  for (const s of doc.sentences) {
    if (doc.paragraphs[s.paragraph - 1]?.furniture) continue;
    for (const d of s.dates) {
      if (!d.future || !d.date || d.inQuote || d.date.value <= doc.published.slice(0, d.date.value.length))
        continue;
      if (out.some((p) => p.paragraph === s.paragraph && p.date.value === d.date?.value)) continue;
      const trigger = detectTriggers(s)[0]?.words ?? d.text;
      out.push({ paragraph: s.paragraph, date: d.date, trigger, sentence: s });
    }
  }
  return out;
}

function resolveDates(events: EventCandidate[], published: Day): void {
  const pub = formatDay(published);
  for (let round = 0; round < 6; round++) {
    for (const e of events) {
      if (e.date) continue;
      if (e.explicit) {
        e.date = e.explicit.date;
        e.datedBy = e.explicit.paragraph;
        continue;
      }
      const p = e.pending;
      switch (p.rule) {
        case 'range':
          e.date = rangeDate(
            p.earliest,
            published,
            p.earliest
              ? `not dated in the text: after '${p.anchorText ?? p.earliest}' (${formatDay(p.earliest)}), reported in an article of ${pub}`
              : `not dated in the text: reported in an article of ${pub}`,
          );
          break;
        case 'perfect':
          e.date = rangeDate(
            undefined,
            published,
            `present perfect in an article of ${pub}: no later than publication`,
          );
          break;
        case 'same-day':
          e.datedBy = p.paragraph;
          e.date = {
            value: p.day,
            precision: 'day',
            approximate: true,
            basis: `'${p.word}': the same day as '${p.anchorText}' (${formatDay(p.day)}), the time given last`,
          };
          break;
        case 'before': {
          e.datedBy = p.paragraph;
          const ref = p.ref.date;
          if (!ref) break;
          const end = ref.latest ?? (ref.precision === 'day' ? ref.value : undefined);
          // "Before the talks" bounds the date from above only: the year, not a month.
          e.date = end
            ? rangeDate(undefined, end, `'${p.words}': before ${formatDay(end)}`)
            : { ...ref, approximate: true, basis: `'${p.words}': before an event dated ${ref.value}` };
          break;
        }
        case 'after': {
          e.datedBy = p.paragraph;
          const ref = p.ref.date;
          if (!ref) break;
          const start = ref.earliest ?? (ref.precision === 'day' ? ref.value : undefined);
          e.date = rangeDate(
            start,
            published,
            `'${p.words}': after ${start ? formatDay(start) : ref.value}, reported ${pub}`,
          );
          break;
        }
      }
    }
  }
  for (const e of events) {
    if (!e.date)
      e.date = rangeDate(undefined, published, `not dated in the text: reported in an article of ${pub}`);
    // A conference seen on one day runs over several: that day is when it was under way.
    const conference = e.family === 'summit' ? MULTI_DAY_NAME.exec(e.name ?? e.trigger)?.[1] : undefined;
    if (conference && e.date.precision === 'day')
      e.date = {
        value: e.date.value.slice(0, 7),
        precision: 'month',
        approximate: true,
        multiDay: true,
        underWay: e.date.value,
        basis: `${e.date.basis}; the ${e.name ?? conference.toLowerCase()} was under way that day, and the text gives neither its first nor its last day`,
      };
    else if (conference) e.date = { ...e.date, multiDay: true };
  }
}

const MULTI_DAY_NAME = /\b(conference|forum|congress|convention|assembly|festival)\b/i;
