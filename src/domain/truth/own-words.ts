import { quotedSpans, type Token, tokenize } from './text.ts';

/**
 * Own words: no field of ours may share a run of `minRun` (8) or more consecutive words with any
 * paragraph of any source text, after folding case, quote marks and dashes. Passages we put in
 * quote marks are quotations and exempt. Pure.
 */

export const OWN_WORDS_MIN_RUN = 8;

export interface IndexedParagraph {
  /** "S1 ¶3" */
  label: string;
  words: string[];
}

export interface CopiedRun {
  paragraph: IndexedParagraph;
  /** Number of consecutive words shared. */
  length: number;
  /** The run as written in our text. */
  text: string;
}

export class ParagraphIndex {
  private readonly grams = new Map<string, { p: number; at: number }[]>();
  readonly paragraphs: IndexedParagraph[] = [];

  constructor(readonly minRun = OWN_WORDS_MIN_RUN) {}

  add(label: string, text: string): void {
    const words = tokenize(text).map((t) => t.word);
    const p = this.paragraphs.length;
    this.paragraphs.push({ label, words });
    for (let i = 0; i + this.minRun <= words.length; i++) {
      const key = words.slice(i, i + this.minRun).join(' ');
      const list = this.grams.get(key);
      if (list) list.push({ p, at: i });
      else this.grams.set(key, [{ p, at: i }]);
    }
  }

  get size(): number {
    return this.paragraphs.length;
  }

  /** The longest copied run per paragraph, longest first. */
  copiedRuns(text: string): CopiedRun[] {
    const tokens = tokenize(text);
    const spans = quotedSpans(text);
    // Quoted passages break the text into segments that are checked separately.
    const segments: Token[][] = [[]];
    for (const t of tokens) {
      if (spans.some((s) => t.start >= s.start && t.end <= s.end)) {
        if ((segments.at(-1) ?? []).length > 0) segments.push([]);
      } else segments.at(-1)?.push(t);
    }
    const best = new Map<number, { length: number; from: Token; to: Token }>();
    for (const seg of segments) {
      const words = seg.map((t) => t.word);
      for (let i = 0; i + this.minRun <= words.length; i++) {
        for (const hit of this.grams.get(words.slice(i, i + this.minRun).join(' ')) ?? []) {
          const para = this.paragraphs[hit.p];
          if (!para) continue;
          let n = this.minRun;
          while (i + n < words.length && para.words[hit.at + n] === words[i + n]) n++;
          const prev = best.get(hit.p);
          const from = seg[i];
          const to = seg[i + n - 1];
          if (from && to && (!prev || n > prev.length)) best.set(hit.p, { length: n, from, to });
        }
      }
    }
    return [...best.entries()]
      .map(([p, r]) => ({
        paragraph: this.paragraphs[p] as IndexedParagraph,
        length: r.length,
        text: text.slice(r.from.start, r.to.end),
      }))
      .sort((a, b) => b.length - a.length);
  }
}
