import type { Actor } from '../schema.ts';
import {
  APPROXIMATORS,
  MONTHS,
  NUMBER_WORDS,
  PHRASAL,
  QUALIFIERS,
  REPORTING_VERBS,
  STOPWORDS,
  synonymKey,
  WEEKDAYS,
} from './lexicon.ts';
import { placeForms, quotedSpans, stem, type Token, tokenize } from './text.ts';

/**
 * Reads a sentence (ours) or a paragraph (a source's) into terms the guards compare: actors
 * (through every alias), numbers, dates, qualifiers and content words, each with the keys under
 * which it matches (stem, paraphrase class, place forms). Pure; built once per dataset's actors.
 */

export type TermKind = 'actor' | 'name' | 'number' | 'date' | 'qualifier' | 'approximator' | 'content';

export interface Term {
  kind: TermKind;
  /** Keys it matches under for support: stem, paraphrase class, place forms. */
  keys: string[];
  /** Its own stems only (no paraphrase class), for keyword matching. */
  stems: string[];
  /** As written, for messages. */
  text: string;
  /** Index of its first token. */
  at: number;
  /** Actor id for actor terms. */
  actor?: string;
  /** Inside quote marks in the text it comes from. */
  quoted: boolean;
}

interface AliasEntry {
  words: string[];
  actor: string;
  /** Short all-capital aliases ("US", "EU") only match capitalised text, never "us". */
  upper: boolean;
}

export interface ActorMention {
  actor: string;
  start: number;
  /** Exclusive. */
  end: number;
  possessive: boolean;
  quoted: boolean;
}

export interface Analysis {
  tokens: Token[];
  terms: Term[];
  mentions: ActorMention[];
  /** Token indexes inside quote marks. */
  quoted: Set<number>;
}

const PRONOUNS = new Set(['he', 'she']);

export class Analyzer {
  private readonly aliases = new Map<string, AliasEntry[]>();
  /** Our own citation labels ("S1"): neutral in our sentences ("S1 calls it…"). */
  private readonly labels: ReadonlySet<string>;
  /** Equal for analyzers that read text the same way (same actors and labels). */
  readonly signature: string;
  readonly kindOf = new Map<string, string>();
  readonly nameOf = new Map<string, string>();

  constructor(
    actors: readonly Pick<Actor, 'id' | 'name' | 'aliases' | 'kind'>[],
    labels: readonly string[] = [],
  ) {
    this.labels = new Set(labels.map((l) => l.toLowerCase()));
    this.signature = JSON.stringify([actors.map((a) => [a.id, a.name, a.kind, a.aliases]), labels]);
    const surnames = new Map<string, string[]>();
    for (const a of actors) {
      this.kindOf.set(a.id, a.kind);
      this.nameOf.set(a.id, a.name);
      for (const alias of [a.name, ...a.aliases]) this.addAlias(alias, a.id);
      if (a.kind === 'person') {
        const last = tokenize(a.name).at(-1)?.word;
        if (last && last.length > 2) surnames.set(last, [...(surnames.get(last) ?? []), a.id]);
      }
    }
    // A surname names its person only when no one else in the dataset shares it.
    for (const [word, ids] of surnames) {
      const only = ids[0];
      if (ids.length === 1 && only) this.addAliasWords([word], only, false);
    }
  }

  private addAlias(alias: string, actor: string): void {
    const toks = tokenize(alias);
    if (toks.length === 0) return;
    const upper = toks.length === 1 && alias.length <= 4 && alias === alias.toUpperCase();
    this.addAliasWords(
      toks.map((t) => t.word),
      actor,
      upper,
    );
  }

  private addAliasWords(words: string[], actor: string, upper: boolean): void {
    // "the alliance": a leading article is optional in text.
    const variants = words[0] === 'the' && words.length > 1 ? [words, words.slice(1)] : [words];
    for (const w of variants) {
      const head = w[0];
      if (!head) continue;
      const list = this.aliases.get(head) ?? [];
      if (!list.some((e) => e.actor === actor && e.words.join(' ') === w.join(' ')))
        list.push({ words: w, actor, upper });
      list.sort((a, b) => b.words.length - a.words.length);
      this.aliases.set(head, list);
    }
  }

  /** Actor mentions, longest alias first; "Zelensky’s" is a possessive mention of Zelensky. */
  mentions(tokens: readonly Token[], quoted: ReadonlySet<number> = new Set()): ActorMention[] {
    const out: ActorMention[] = [];
    for (let i = 0; i < tokens.length; ) {
      const hit = this.matchAt(tokens, i);
      if (hit) {
        out.push({ ...hit, start: i, quoted: quoted.has(i) });
        i = hit.end;
      } else i++;
    }
    return out;
  }

  private matchAt(
    tokens: readonly Token[],
    i: number,
  ): { actor: string; end: number; possessive: boolean } | undefined {
    const first = tokens[i];
    if (!first) return undefined;
    const heads = [first.word];
    if (first.word.endsWith('s') && first.word.length > 3) heads.push(first.word.slice(0, -1));
    for (const head of heads) {
      for (const entry of this.aliases.get(head) ?? []) {
        const n = entry.words.length;
        let ok = true;
        let possessive = false;
        for (let k = 0; k < n; k++) {
          const t = tokens[i + k];
          const want = entry.words[k];
          if (!t || want === undefined) {
            ok = false;
            break;
          }
          if (t.word === want) continue;
          if (k === n - 1 && t.word === `${want}s` && /['’]s$/i.test(t.raw)) {
            possessive = true;
            continue;
          }
          ok = false;
          break;
        }
        if (!ok) continue;
        if (entry.upper) {
          const raw = tokens
            .slice(i, i + n)
            .map((t) => t.raw)
            .join('');
          if (raw.replace(/[.'’]/g, '') !== raw.replace(/[.'’]/g, '').toUpperCase()) continue;
        }
        if (head !== first.word && n === 1) {
          if (!/['’]s$/i.test(first.raw)) continue;
          possessive = true;
        }
        return { actor: entry.actor, end: i + n, possessive };
      }
    }
    return undefined;
  }

  analyze(text: string): Analysis {
    const tokens = tokenize(text);
    const quoted = new Set<number>();
    const spans = quotedSpans(text);
    tokens.forEach((t, i) => {
      if (spans.some((s) => t.start >= s.start && t.end <= s.end)) quoted.add(i);
    });
    const mentions = this.mentions(tokens, quoted);
    const mentionAt = new Map(mentions.map((m) => [m.start, m]));
    const terms: Term[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      const q = quoted.has(i);
      const m = mentionAt.get(i);
      if (m) {
        const raw = tokens
          .slice(m.start, m.end)
          .map((x) => x.raw)
          .join(' ');
        // A one-word mention also matches its word's forms ("Russia" in "Russian President …").
        const single = m.end - m.start === 1 ? t.word.replace(/s$/, m.possessive ? '' : 's') : undefined;
        terms.push({
          kind: 'actor',
          keys: [`@${m.actor}`, ...(single ? contentKeys(single) : [])],
          stems: [`@${m.actor}`],
          text: raw,
          at: i,
          actor: m.actor,
          quoted: q,
        });
        i = m.end - 1;
        continue;
      }
      const next = tokens[i + 1];
      const phrasal = next ? PHRASAL.get(`${t.word} ${next.word}`) : undefined;
      if (phrasal) {
        const key = synonymKey(stem(phrasal));
        terms.push({
          kind: 'content',
          keys: [key],
          stems: [key],
          text: `${t.raw} ${next?.raw}`,
          at: i,
          quoted: q,
        });
        i++;
        continue;
      }
      const term = this.termOf(t, i, tokens, q);
      if (term) terms.push(term);
    }
    return { tokens, terms, mentions, quoted };
  }

  private termOf(t: Token, i: number, tokens: readonly Token[], quoted: boolean): Term | undefined {
    const w = t.word;
    const base = { text: t.raw, at: i, quoted };
    const number = numberKey(w);
    if (number !== undefined) {
      if (/^(19|20)\d\d$/.test(w)) return { ...base, kind: 'date', keys: [w], stems: [w] };
      return { ...base, kind: 'number', keys: [number], stems: [number] };
    }
    const month = MONTHS.get(w);
    // "may" is a month only when written "May" next to a number.
    if (month !== undefined && (w !== 'may' || (/^M/.test(t.raw) && isNumberAround(tokens, i))))
      return { ...base, kind: 'date', keys: [`m${month}`], stems: [`m${month}`] };
    if (WEEKDAYS.includes(w)) return { ...base, kind: 'date', keys: [w], stems: [w] };
    const approx = APPROXIMATORS.get(w);
    if (approx && numberKey(tokens[i + 1]?.word ?? '') !== undefined)
      return { ...base, kind: 'approximator', keys: [`~${approx}`], stems: [`~${approx}`] };
    if (STOPWORDS.has(w) || REPORTING_VERBS.has(w) || this.labels.has(w)) return undefined;
    if (QUALIFIERS.has(w)) return { ...base, kind: 'qualifier', keys: [stem(w)], stems: [stem(w)] };
    if (w.length < 2) return undefined;
    const keys = contentKeys(w);
    const stems = ownStems(w);
    const capitalised = i > 0 && /^\p{Lu}/u.test(t.raw);
    return { ...base, kind: capitalised ? 'name' : 'content', keys, stems };
  }
}

function isNumberAround(tokens: readonly Token[], i: number): boolean {
  return [tokens[i - 1], tokens[i + 1]].some((t) => t && /^\d/.test(t.word));
}

export function numberKey(word: string): string | undefined {
  if (/^\d/.test(word)) return word.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return NUMBER_WORDS.get(word);
}

export function contentKeys(word: string): string[] {
  const keys = [synonymKey(stem(word))];
  const own = stem(word);
  if (!keys.includes(own)) keys.push(own);
  for (const f of placeForms(word)) {
    const k = synonymKey(stem(f));
    if (!keys.includes(k)) keys.push(k);
  }
  return keys;
}

/** A word's stem and its place forms' stems, without paraphrase classes. */
export function ownStems(word: string): string[] {
  const out = [stem(word)];
  for (const f of placeForms(word)) {
    const k = stem(f);
    if (!out.includes(k)) out.push(k);
  }
  return out;
}

/** Every key a source text offers, for support look-ups. */
export function keySet(a: Analysis): Set<string> {
  const out = new Set<string>();
  for (const t of a.terms) for (const k of t.keys) out.add(k);
  // An actor named in the text also offers its words ("Ukraine" supports "Ukrainian").
  for (const m of a.mentions)
    for (let i = m.start; i < m.end; i++) {
      const w = a.tokens[i]?.word;
      if (w) for (const k of contentKeys(w)) out.add(k);
    }
  return out;
}

/** Pronouns the attribution guard resolves to the last person named. */
export function isPronoun(word: string): boolean {
  return PRONOUNS.has(word);
}
