import model from 'wink-eng-lite-web-model';
import winkNLP, { type WinkMethods } from 'wink-nlp';

/**
 * Sentences and parts of speech from wink-nlp with its English lite model (shipped inside the npm
 * package, no download). The model loads once per process (~90 ms); a paragraph then takes well
 * under a millisecond.
 */

export type Pos =
  | 'ADJ'
  | 'ADP'
  | 'ADV'
  | 'AUX'
  | 'CCONJ'
  | 'DET'
  | 'INTJ'
  | 'NOUN'
  | 'NUM'
  | 'PART'
  | 'PRON'
  | 'PROPN'
  | 'PUNCT'
  | 'SCONJ'
  | 'SYM'
  | 'VERB'
  | 'X'
  | 'SPACE';

export interface TaggedToken {
  start: number;
  end: number;
  pos: Pos;
}

export interface ParagraphAnalysis {
  /** Sentence spans as wink-nlp finds them (offsets into the paragraph). */
  sentences: { start: number; end: number }[];
  tokens: TaggedToken[];
}

let nlp: WinkMethods | undefined;

function instance(): WinkMethods {
  nlp ??= winkNLP(model, ['sbd', 'pos']);
  return nlp;
}

export function analyzeParagraph(text: string): ParagraphAnalysis {
  const w = instance();
  const its = w.its;
  const doc = w.readDoc(text);
  const tokens: TaggedToken[] = [];
  let cursor = 0;
  const values = doc.tokens().out(its.value) as string[];
  const tags = doc.tokens().out(its.pos) as Pos[];
  values.forEach((value, i) => {
    const at = text.indexOf(value, cursor);
    // wink may normalise a token (n’t → n't); keep the cursor where it was when it does.
    const start = at < 0 ? cursor : at;
    const end = at < 0 ? cursor : at + value.length;
    if (at >= 0) cursor = end;
    tokens.push({ start, end, pos: tags[i] ?? 'X' });
  });
  const sentences: { start: number; end: number }[] = [];
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  for (const [from, to] of spans) {
    const first = tokens[from];
    const last = tokens[to];
    if (first && last) sentences.push({ start: first.start, end: last.end });
  }
  return { sentences, tokens };
}

/** True when any word of the span is a verb or an auxiliary: a line with none is not a sentence. */
export function hasVerb(tokens: readonly TaggedToken[]): boolean {
  return tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
}

const pluralCache = new Map<string, boolean>();

/**
 * "Diplomats", "Countries", "Forces": the plural of an English common noun (wink-nlp's lemma of the
 * lower-case word drops the plural ending). A person's name is never one, even capitalised: it ends
 * an organisation's name or is a group ("Democrats said"). Surnames ending in -s keep their lemma.
 */
export function isPluralNoun(word: string): boolean {
  const lower = word.toLowerCase();
  if (lower.length < 4 || !lower.endsWith('s')) return false;
  const cached = pluralCache.get(lower);
  if (cached !== undefined) return cached;
  const w = instance();
  const token = w.readDoc(`the ${lower} said`).tokens().itemAt(1);
  // wink's typings ask for model add-ons the lite model provides itself.
  const lemma = String((token.out as (f: unknown) => unknown)(w.its.lemma));
  const plural = token.out(w.its.pos) === 'NOUN' && lemma !== lower && lower.startsWith(lemma.slice(0, -1));
  pluralCache.set(lower, plural);
  return plural;
}
