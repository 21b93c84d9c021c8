import type { RawDataset } from './schema.ts';
import type { Problem } from './validate.ts';

/** Paragraphs the way citations count them: non-empty lines, numbered from 1. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Folds the differences a verbatim check ignores: quote-mark style, dash style and whitespace. */
export function foldForVerbatim(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Checks that every quote appears verbatim in the paragraph it cites. `texts` maps a source's
 * `file` to its full text; sources whose text is absent are reported once.
 */
export function verifyQuotes(data: RawDataset, texts: ReadonlyMap<string, string>, dir = 'data'): Problem[] {
  const problems: Problem[] = [];
  const paragraphs = new Map<string, string[]>();
  data.sources.forEach((s, i) => {
    const text = texts.get(s.file);
    if (text === undefined) {
      problems.push({
        file: `${dir}/sources.json`,
        path: `sources[${i}].file`,
        message: `source text "${s.file}" not found in the sources folder`,
      });
      return;
    }
    const paras = splitParagraphs(text);
    paragraphs.set(s.id, paras);
    if (paras.length !== s.paragraphCount)
      problems.push({
        file: `${dir}/sources.json`,
        path: `sources[${i}].paragraphCount`,
        message: `is ${s.paragraphCount} but "${s.file}" has ${paras.length} non-empty lines`,
      });
  });
  data.quotes.forEach((q, i) => {
    const paras = paragraphs.get(q.citation.source);
    if (!paras) return;
    const para = paras[q.citation.paragraph - 1];
    if (para === undefined) {
      problems.push({
        file: `${dir}/quotes.json`,
        path: `quotes[${i}].citation.paragraph`,
        message: `paragraph ${q.citation.paragraph} does not exist in the source text`,
      });
      return;
    }
    if (!foldForVerbatim(para).includes(foldForVerbatim(q.text))) {
      const elsewhere = paras.findIndex((p) => foldForVerbatim(p).includes(foldForVerbatim(q.text)));
      problems.push({
        file: `${dir}/quotes.json`,
        path: `quotes[${i}].text`,
        message:
          elsewhere >= 0
            ? `not in paragraph ${q.citation.paragraph}; it appears in paragraph ${elsewhere + 1}: fix citation.paragraph`
            : `not found verbatim in paragraph ${q.citation.paragraph} of "${q.citation.source}": copy the words exactly as printed`,
      });
    }
  });
  return problems;
}
