/**
 * The schedules this process runs, in memory: each active schedule of a guild on our shards (plus the
 * operator default) with its compiled cron, and a min-heap of when each is next due, so a tick pops
 * only what is due (no scan, no cron math for the rest). Changing a schedule bumps its generation;
 * heap entries of an older generation are stale and skipped (lazy deletion).
 */
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { type CompiledCron, cachedCron } from './cron.ts';
import { MinHeap } from './heap.ts';
import { loadFloor, planDue } from './plan.ts';
import type { Repo } from './repo.ts';
import { ownsGuild } from './shard.ts';
import { DEFAULT_SCHEDULE_ID, type ScheduleRecord, type Watermark } from './types.ts';

export interface LiveEntry {
  record: ScheduleRecord;
  cron: CompiledCron;
  gen: number;
  /** Every run at or before this has been planned (handed out or dropped). */
  plannedThrough: number;
}

interface HeapEntry {
  at: number;
  id: string;
  gen: number;
  /** A specific run to retry (store outage, or a lease held elsewhere to re-check). */
  retryRun?: number;
  retryCount?: number;
}

/** A run to deliver. */
export interface DueJob {
  entry: LiveEntry;
  run: number;
  retryCount: number;
}

export interface DueRuns {
  /** Heap entries popped (including stale ones). */
  popped: number;
  jobs: DueJob[];
  /** Earlier missed runs folded into a planned one. */
  collapsed: number;
  /** Runs older than the catch-up window, not delivered. */
  dropped: number;
  /** A few schedule ids of each, for the log. */
  collapsedSample: string[];
  droppedSample: string[];
}

const SAMPLE = 10;
const isActive = (record: ScheduleRecord) => !record.paused && !record.disabled;
const iso = (ms: number) => new Date(ms).toISOString();

export class LiveSchedules {
  private readonly live = new Map<string, LiveEntry>();
  private readonly heap = new MinHeap<HeapEntry>();
  private gen = 0;
  private loaded = false;
  private loading: Promise<void> | undefined;
  private lastResync = 0;

  constructor(
    private readonly deps: {
      repo: Repo;
      clock: Clock;
      logger: Logger;
      shards: { ids: readonly number[]; count: number };
      catchUpWindowMs: number;
      /** The operator default schedule, if configured. */
      operatorDefault?: ScheduleRecord | undefined;
    },
  ) {}

  get isLoaded(): boolean {
    return this.loaded;
  }

  get size(): number {
    return this.live.size;
  }

  get heapSize(): number {
    return this.heap.size;
  }

  get(id: string): LiveEntry | undefined {
    return this.live.get(id);
  }

  /** False once the entry was forgotten or replaced (removed, paused, disabled, changed). */
  isCurrent(entry: LiveEntry): boolean {
    return this.live.get(entry.record.id) === entry;
  }

  /** This process's copies of a guild's active schedules (what /schedule shows when the store is down). */
  forGuild(guildId: string): ScheduleRecord[] {
    return [...this.live.values()].filter((l) => l.record.guildId === guildId).map((l) => l.record);
  }

  private owned(record: ScheduleRecord): boolean {
    return ownsGuild(record.guildId, this.deps.shards);
  }

  /** Reads every schedule and watermark once (concurrent callers share the load). */
  load(now: number): Promise<void> {
    this.loading ??= this.loadOnce(now).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async loadOnce(now: number): Promise<void> {
    const { repo, logger, shards } = this.deps;
    const [records, wms] = await Promise.all([repo.listSchedules(), repo.listWatermarks()]);
    const beyondWindow: string[] = [];
    this.live.clear();
    this.heap.clear();
    let skipped = 0;
    for (const record of records) {
      if (!this.owned(record) || !isActive(record)) {
        skipped++;
        continue;
      }
      this.add(record, wms.get(record.id), now, beyondWindow);
    }
    const operator = this.deps.operatorDefault;
    if (operator && this.owned(operator)) {
      const wm = wms.get(DEFAULT_SCHEDULE_ID);
      // First start with this default schedule: nothing before now counts as missed.
      this.add(wm ? operator : { ...operator, activeSince: iso(now) }, wm, now, beyondWindow);
    }
    this.loaded = true;
    this.lastResync = now;
    logger.info(
      { schedules: this.live.size, notHere: skipped, shards: shards.ids, shardCount: shards.count },
      `scheduler loaded ${this.live.size} schedule(s)`,
    );
    if (beyondWindow.length) {
      logger.warn(
        {
          count: beyondWindow.length,
          sample: beyondWindow.slice(0, SAMPLE),
          windowMs: this.deps.catchUpWindowMs,
        },
        `${beyondWindow.length} schedule(s) missed runs older than the catch-up window while the bot was down; those runs are not posted`,
      );
    }
  }

  /** True when a resync is due (`intervalMs` 0: never). */
  resyncDue(now: number, intervalMs: number): boolean {
    return intervalMs > 0 && now - this.lastResync >= intervalMs;
  }

  /**
   * Re-reads the schedules (changes made by other processes). A failure still counts as an attempt,
   * so a store outage is retried next interval, not every tick.
   */
  async resync(now: number): Promise<void> {
    this.lastResync = now;
    const records = await this.deps.repo.listSchedules();
    const current = new Set<string>();
    for (const record of records) {
      if (!this.owned(record)) continue;
      current.add(record.id);
      const existing = this.live.get(record.id);
      if (!isActive(record)) {
        if (existing) this.forget(record.id);
      } else if (!existing) {
        this.add(record, await this.deps.repo.getWatermark(record.id), now);
      } else {
        existing.record = record;
      }
    }
    for (const id of [...this.live.keys()])
      if (id !== DEFAULT_SCHEDULE_ID && !current.has(id)) this.forget(id);
  }

  /** A command created, changed or deleted (undefined) a schedule in this process. */
  changed(id: string, record: ScheduleRecord | undefined): void {
    if (this.live.has(id)) this.forget(id);
    if (record && this.owned(record) && isActive(record) && this.loaded)
      this.add(record, undefined, this.deps.clock.now().getTime());
  }

  forget(id: string): void {
    this.live.delete(id);
    if (this.heap.size > 2 * this.live.size + 1_000)
      this.heap.retain((e) => this.live.get(e.id)?.gen === e.gen);
  }

  /** Plans `run` again at `at` (a store outage, or a lease held elsewhere to re-check). */
  retryAt(entry: LiveEntry, at: number, run: number, retryCount: number): void {
    this.heap.push({ at, id: entry.record.id, gen: entry.gen, retryRun: run, retryCount });
  }

  /**
   * Pops every schedule due at `now` and plans its run: several missed runs collapse into the latest,
   * runs older than the catch-up window are dropped, a retried run gives way to a later planned one.
   */
  takeDue(now: number): DueRuns {
    const popped = this.heap.popDue(now);
    const due: DueRuns = {
      popped: popped.length,
      jobs: [],
      collapsed: 0,
      dropped: 0,
      collapsedSample: [],
      droppedSample: [],
    };
    for (const item of popped) {
      const entry = this.live.get(item.id);
      if (!entry || entry.gen !== item.gen) continue;
      if (item.retryRun !== undefined) {
        if (entry.plannedThrough > item.retryRun)
          due.collapsed++; // a later run was planned: that one posts
        else due.jobs.push({ entry, run: item.retryRun, retryCount: item.retryCount ?? 0 });
        continue;
      }
      const plan = planDue(entry.cron, {
        after: entry.plannedThrough,
        now,
        windowMs: this.deps.catchUpWindowMs,
      });
      if (plan.run !== undefined) {
        entry.plannedThrough = plan.run;
        due.jobs.push({ entry, run: plan.run, retryCount: 0 });
        if (plan.collapsed > 0) {
          due.collapsed += plan.collapsed;
          if (due.collapsedSample.length < SAMPLE)
            due.collapsedSample.push(`${item.id}(${plan.collapsed}${plan.countCapped ? '+' : ''})`);
        }
      } else if (plan.dropped) {
        entry.plannedThrough = plan.dropped.latest;
        due.dropped += plan.dropped.count;
        if (due.droppedSample.length < SAMPLE) due.droppedSample.push(item.id);
      }
      if (plan.next !== undefined) this.heap.push({ at: plan.next, id: item.id, gen: entry.gen });
    }
    return due;
  }

  private add(record: ScheduleRecord, wm: Watermark | undefined, now: number, beyondWindow?: string[]): void {
    let cron: CompiledCron;
    try {
      cron = cachedCron(record.cron, record.timezone);
    } catch (error) {
      this.deps.logger.error(
        { scheduleId: record.id, err: error },
        'stored schedule cannot be compiled; skipped',
      );
      return;
    }
    const lastHandled = Math.max(
      Date.parse(record.activeSince),
      wm ? Date.parse(wm.lastRun) : Number.NEGATIVE_INFINITY,
    );
    const floor = loadFloor(lastHandled, now, this.deps.catchUpWindowMs);
    if (beyondWindow && floor > lastHandled) {
      const old = cron.latestAtOrBefore(floor);
      if (old !== undefined && old > lastHandled) beyondWindow.push(record.id);
    }
    const entry: LiveEntry = { record, cron, gen: ++this.gen, plannedThrough: floor };
    this.live.set(record.id, entry);
    const at = cron.nextAfter(floor);
    if (at !== undefined) this.heap.push({ at, id: record.id, gen: entry.gen });
  }
}
