import { type ActorIndex, buildActorIndex } from './actors.ts';
import type { Dataset } from './model.ts';
import type { RankedIndexParts } from './ranked-index.ts';
import type { Resolution } from './resolution.ts';
import type { Event, Topic } from './schema.ts';
import { buildSearchIndex, type SearchIndex } from './search.ts';
import { editDistance, normalizeName } from './text.ts';

/**
 * The dataset with its search indexes: built once per dataset version, then read-only. What only
 * briefings read (prepareBriefings) is not arranged here: LiveDataset does it in a turn of its own,
 * and a briefing that comes first arranges it itself.
 */
export interface Briefbook {
  readonly dataset: Dataset;
  readonly actors: ActorIndex;
  readonly search: SearchIndex;
  resolveTopic(input: string): Resolution<Topic>;
  resolveEvent(input: string): Resolution<Event>;
  suggestTopics(input: string, limit?: number): Topic[];
}

/** Index arrays built earlier (a dataset snapshot holds them), so that nothing is re-indexed. */
export interface PrebuiltIndexes {
  search: RankedIndexParts;
  actors: RankedIndexParts;
}

export function createBriefbook(dataset: Dataset, prebuilt?: PrebuiltIndexes): Briefbook {
  const actors = buildActorIndex(dataset, prebuilt?.actors);
  const search = buildSearchIndex(dataset, prebuilt?.search);

  const topicKeys = dataset.topics.map((t) => ({
    topic: t,
    keys: [t.id.replace(/-/g, ' '), t.label, ...t.keywords].map(normalizeName),
  }));

  const scoreTopic = (query: string, keys: string[]): number => {
    let best = 0;
    for (const key of keys) {
      if (key === query) return 100;
      if (key.startsWith(query)) best = Math.max(best, 50);
      else if (key.includes(query)) best = Math.max(best, 30);
      else {
        const words = query.split(' ');
        const hits = words.filter((w) =>
          key.split(' ').some((k) => k.startsWith(w) || (w.length > 4 && editDistance(w, k, 3) <= 2)),
        );
        if (hits.length === words.length) best = Math.max(best, 20);
        else if (hits.length > 0) best = Math.max(best, (10 * hits.length) / words.length);
      }
    }
    return best;
  };

  const rankTopics = (input: string) => {
    const q = normalizeName(input);
    if (!q) return dataset.topics.map((topic) => ({ topic, score: 0 }));
    return topicKeys
      .map(({ topic, keys }) => ({ topic, score: scoreTopic(q, keys) }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || a.topic.label.localeCompare(b.topic.label));
  };

  return {
    dataset,
    actors,
    search,
    resolveTopic(input) {
      const exact = dataset.topicById.get(input.trim());
      if (exact) return { status: 'found', value: exact };
      const ranked = rankTopics(input);
      const [first, second] = ranked;
      if (!first || first.score === 0)
        return { status: 'not-found', suggestions: dataset.topics.slice(0, 5) };
      if (!second || first.score > second.score || first.score === 100)
        return { status: 'found', value: first.topic };
      return {
        status: 'ambiguous',
        candidates: ranked.filter((r) => r.score === first.score).map((r) => r.topic),
      };
    },
    resolveEvent(input) {
      const exact = dataset.eventById.get(input.trim());
      if (exact) return { status: 'found', value: exact };
      const toEvents = (hits: { id: string }[]) =>
        hits.flatMap((h) => {
          const e = dataset.eventById.get(h.id);
          return e ? [e] : [];
        });
      const hits = search.search(input, { kinds: ['event'], limit: 10, requireAll: true });
      const events = toEvents(hits);
      const [first, second] = hits;
      if (!first || !events[0]) {
        return {
          status: 'not-found',
          suggestions: toEvents(search.search(input, { kinds: ['event'], limit: 5 })),
        };
      }
      if (!second || first.score >= second.score * 1.5) return { status: 'found', value: events[0] };
      return { status: 'ambiguous', candidates: events.slice(0, 10) };
    },
    suggestTopics(input, limit = 25) {
      return rankTopics(input)
        .slice(0, limit)
        .map((r) => r.topic);
    },
  };
}
