import type { Dataset } from '../domain/model.ts';
import type { Citation } from '../domain/schema.ts';

/** `[S1 ¶3, ¶5]` `[S2 ¶10]`: compact, resolvable through /sources. */
export function formatCitations(dataset: Dataset, citations: readonly Citation[]): string {
  const bySource = new Map<string, Set<number>>();
  for (const c of citations) {
    const set = bySource.get(c.source) ?? new Set<number>();
    set.add(c.paragraph);
    bySource.set(c.source, set);
  }
  return [...bySource.entries()]
    .map(([id, paras]) => {
      const label = dataset.sourceById.get(id)?.label ?? id;
      const list = [...paras].sort((a, b) => a - b).map((p) => `¶${p}`);
      return `[${label} ${list.join(', ')}]`;
    })
    .join(' ');
}
