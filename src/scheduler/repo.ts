/** Typed access to the scheduler's namespaces in the store. */
import type { Store } from '../store/index.ts';
import {
  type DeliveryRecord,
  type FailureRecord,
  type GuildIndex,
  NS,
  type ScheduleRecord,
  type Watermark,
} from './types.ts';

export const deliveryKey = (scheduleId: string, run: number) =>
  `${scheduleId}:${new Date(run).toISOString()}`;

export class Repo {
  constructor(readonly store: Store) {}

  getSchedule(id: string): Promise<ScheduleRecord | undefined> {
    return this.store.get<ScheduleRecord>(NS.schedules, id);
  }

  async listSchedules(): Promise<ScheduleRecord[]> {
    return (await this.store.list<ScheduleRecord>(NS.schedules)).map((e) => e.value);
  }

  /** Creates the record if the id is free (ids are random; a collision returns false). */
  createSchedule(record: ScheduleRecord): Promise<boolean> {
    return this.store.claim(NS.schedules, record.id, record);
  }

  updateSchedule(
    id: string,
    fn: (current: ScheduleRecord | undefined) => ScheduleRecord | undefined,
  ): Promise<ScheduleRecord | undefined> {
    return this.store.update<ScheduleRecord>(NS.schedules, id, fn);
  }

  deleteSchedule(id: string): Promise<boolean> {
    return this.store.delete(NS.schedules, id);
  }

  async guildIndex(guildId: string): Promise<GuildIndex> {
    return (await this.store.get<GuildIndex>(NS.guilds, guildId)) ?? { entries: [] };
  }

  /** Atomically adds `id` unless the guild already has `max`; false when full. */
  async addToGuild(guildId: string, id: string, max: number, at: string): Promise<boolean> {
    let added = false;
    await this.store.update<GuildIndex>(NS.guilds, guildId, (current) => {
      const entries = current?.entries ?? [];
      if (entries.some((e) => e.id === id)) {
        added = true;
        return current;
      }
      if (entries.length >= max) {
        added = false;
        return current;
      }
      added = true;
      return { entries: [...entries, { id, at }] };
    });
    return added;
  }

  async removeFromGuild(guildId: string, ids: readonly string[]): Promise<void> {
    await this.store.update<GuildIndex>(NS.guilds, guildId, (current) => {
      if (!current) return current;
      const entries = current.entries.filter((e) => !ids.includes(e.id));
      if (entries.length === current.entries.length) return current;
      return entries.length ? { entries } : undefined;
    });
  }

  getWatermark(id: string): Promise<Watermark | undefined> {
    return this.store.get<Watermark>(NS.watermarks, id);
  }

  async listWatermarks(): Promise<Map<string, Watermark>> {
    const entries = await this.store.list<Watermark>(NS.watermarks);
    return new Map(entries.map((e) => [e.key, e.value]));
  }

  updateWatermark(id: string, fn: (current: Watermark | undefined) => Watermark | undefined) {
    return this.store.update<Watermark>(NS.watermarks, id, fn);
  }

  deleteWatermark(id: string): Promise<boolean> {
    return this.store.delete(NS.watermarks, id);
  }

  getFailure(id: string): Promise<FailureRecord | undefined> {
    return this.store.get<FailureRecord>(NS.failures, id);
  }

  setFailure(id: string, failure: FailureRecord, ttlMs: number): Promise<void> {
    return this.store.set<FailureRecord>(NS.failures, id, failure, ttlMs);
  }

  deleteFailure(id: string): Promise<boolean> {
    return this.store.delete(NS.failures, id);
  }

  claimDelivery(key: string, record: DeliveryRecord, ttlMs: number): Promise<boolean> {
    return this.store.claim<DeliveryRecord>(NS.deliveries, key, record, ttlMs);
  }

  getDelivery(key: string): Promise<DeliveryRecord | undefined> {
    return this.store.get<DeliveryRecord>(NS.deliveries, key);
  }

  updateDelivery(key: string, fn: (current: DeliveryRecord | undefined) => DeliveryRecord | undefined) {
    return this.store.update<DeliveryRecord>(NS.deliveries, key, fn);
  }

  async listSeen(): Promise<Map<string, number>> {
    const entries = await this.store.list<string>(NS.seen);
    const out = new Map<string, number>();
    // Events are recorded in batches with one instant: each instant is parsed (and kept) once.
    const instants = new Map<string, number>();
    for (const e of entries) {
      let ms = instants.get(e.value);
      if (ms === undefined) {
        ms = Date.parse(e.value);
        instants.set(e.value, ms);
      }
      if (Number.isFinite(ms)) out.set(e.key, ms);
    }
    return out;
  }

  /**
   * Records when events were first seen, one store write per batch; the earliest writer wins.
   * Returns the stored instant of each (another process's, where it got there first).
   */
  async claimSeen(eventIds: readonly string[], at: string): Promise<Map<string, number>> {
    const won = await this.store.claimMany(
      NS.seen,
      eventIds.map((key) => ({ key, value: at })),
    );
    const times = new Map<string, number>();
    const lost: string[] = [];
    const atMs = Date.parse(at);
    for (const id of eventIds) {
      if (won.has(id)) times.set(id, atMs);
      else lost.push(id);
    }
    // Another process recorded these first (rare: two processes syncing the same new events).
    const stored = await Promise.all(lost.map((id) => this.store.get<string>(NS.seen, id)));
    lost.forEach((id, i) => {
      const ms = Date.parse(stored[i] ?? '');
      times.set(id, Number.isFinite(ms) ? ms : Date.parse(at));
    });
    return times;
  }
}
