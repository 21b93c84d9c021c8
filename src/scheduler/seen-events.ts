/**
 * When the bot first saw each event (store namespace `events-seen`, mirrored in memory): "new since
 * the last post" means first seen after it, whatever date the event itself has. The earliest writer
 * wins, so every process agrees on each event's time. New events are recorded in batches (one store
 * write per 500 events): a fresh store with 100k events takes 200 writes, not 100k claims.
 */
import type { Clock } from '../clock.ts';
import type { Repo } from './repo.ts';
import type { DatasetPort } from './types.ts';

/** Events recorded per call: each call is one store write per 500 (claimMany). */
const SYNC_BATCH = 5_000;

export class SeenEvents {
  private seen = new Map<string, number>();
  private loaded = false;
  /** The dataset version whose events all have a time here. */
  private syncedVersion: string | undefined;
  private syncing: Promise<void> | undefined;

  constructor(
    private readonly repo: Repo,
    private readonly dataset: DatasetPort,
    private readonly clock: Clock,
  ) {}

  /** First-seen times by event id (complete for the dataset version last synced). */
  get times(): ReadonlyMap<string, number> {
    return this.seen;
  }

  /** Loads the stored times once, then records every event of the current dataset not seen yet. */
  sync(): Promise<void> {
    this.syncing ??= this.run().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  /** Syncs when the dataset changed since the last sync. */
  async ensure(): Promise<void> {
    if (!this.loaded || this.syncedVersion !== this.dataset.current().version) await this.sync();
  }

  /** The times, synced with the current dataset first. */
  async current(): Promise<ReadonlyMap<string, number>> {
    await this.ensure();
    return this.seen;
  }

  /** A new dataset was swapped in: the next ensure() syncs. */
  invalidate(): void {
    this.syncedVersion = undefined;
  }

  private async run(): Promise<void> {
    const snapshot = this.dataset.current();
    // First seen when the sync began (the start, or the swap that brought the events).
    const at = this.clock.now().toISOString();
    if (!this.loaded) {
      this.seen = keyedByDataset(await this.repo.listSeen(), snapshot.briefbook.dataset.events);
      this.loaded = true;
    }
    const missing = snapshot.briefbook.dataset.events.filter((e) => !this.seen.has(e.id)).map((e) => e.id);
    for (let i = 0; i < missing.length; i += SYNC_BATCH) {
      const times = await this.repo.claimSeen(missing.slice(i, i + SYNC_BATCH), at);
      for (const [id, ms] of times) this.seen.set(id, ms);
    }
    this.syncedVersion = snapshot.version;
  }
}

/**
 * The stored times keyed by the dataset's own id strings where it has the event: the store's keys
 * are cut out of its full keys (`<prefix>:events-seen:<id>`), and each one kept the full key alive
 * besides (about 10 MB at 100k events). Events no longer in the dataset keep their stored key.
 */
function keyedByDataset(
  stored: ReadonlyMap<string, number>,
  events: readonly { id: string }[],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const { id } of events) {
    const ms = stored.get(id);
    if (ms !== undefined) out.set(id, ms);
  }
  if (out.size < stored.size) for (const [id, ms] of stored) if (!out.has(id)) out.set(id, ms);
  return out;
}
