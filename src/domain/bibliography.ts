import type { CitingItem, Dataset } from './model.ts';
import type { Source } from './schema.ts';

export interface BibliographyEntry {
  source: Source;
  citedBy: CitingItem[];
  /** Distinct cited paragraphs, ascending. */
  paragraphs: number[];
  counts: Record<CitingItem['kind'], number>;
}

const cache = new WeakMap<Dataset, BibliographyEntry[]>();

/** Each source with what cites it; computed once per dataset version. */
export function bibliography(dataset: Dataset): BibliographyEntry[] {
  const hit = cache.get(dataset);
  if (hit) return hit;
  const entries = dataset.sources.map((source) => {
    const citedBy = [...(dataset.citedBy.get(source.id) ?? [])];
    const counts = { event: 0, quote: 0, commitment: 0, topic: 0, actor: 0 };
    const seen = new Set<string>();
    for (const c of citedBy) {
      const key = `${c.kind}:${c.id}`;
      if (!seen.has(key)) counts[c.kind]++;
      seen.add(key);
    }
    const paragraphs = [...new Set(citedBy.map((c) => c.paragraph))].sort((a, b) => a - b);
    return { source, citedBy, paragraphs, counts };
  });
  cache.set(dataset, entries);
  return entries;
}
