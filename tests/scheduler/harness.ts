/** A scheduler over a real store with the test doubles, plus shortcuts the scheduler tests share. */
import { expect } from 'vitest';
import { reference as en } from '../../src/i18n/languages.ts';
import type { MessagePayload } from '../../src/render/message.ts';
import { describeScheduleProblem } from '../../src/render/schedule.ts';
import { messageToText } from '../../src/render/terminal.ts';
import {
  type AddScheduleInput,
  type ChannelAccess,
  createScheduler,
  type DefaultScheduleSpec,
  type Scheduler,
  type SchedulerOptions,
  type ScheduleView,
  type TickReport,
} from '../../src/scheduler/index.ts';
import { ScheduleError } from '../../src/scheduler/schedule-error.ts';
import type { Store } from '../../src/store/index.ts';
import { recordingLogger } from '../support/logger.ts';
import { openTempStore } from '../support/stores.ts';
import type { ManualClock } from '../support/time.ts';
import { type FakeDataset, GUILD, type MemoryPoster, USER } from './support.ts';

export const allowAll: ChannelAccess = { missingPermissions: async () => [] };

export interface Harness {
  scheduler: Scheduler;
  store: Store;
  clock: ManualClock;
  poster: MemoryPoster;
  dataset: FakeDataset;
  logger: ReturnType<typeof recordingLogger>;
  /** Sets the clock and runs one tick. */
  at(iso: string): Promise<TickReport>;
  add(input: Partial<AddScheduleInput> & { channelId: string; cron: string }): Promise<ScheduleView>;
  close(): Promise<void>;
  /** The process dies: nothing is awaited or flushed, only the store connection is dropped. */
  kill(): Promise<void>;
}

export async function harness(o: {
  url: string;
  clock: ManualClock;
  poster: MemoryPoster;
  dataset: FakeDataset;
  store?: Store;
  options?: Partial<SchedulerOptions>;
  shards?: { ids: number[]; count: number };
  defaultSchedule?: DefaultScheduleSpec;
  channels?: ChannelAccess;
}): Promise<Harness> {
  const store = o.store ?? (await openTempStore(o.url));
  const logger = recordingLogger();
  const scheduler = createScheduler({
    store,
    poster: o.poster,
    dataset: o.dataset,
    clock: o.clock,
    logger,
    channels: o.channels ?? allowAll,
    shards: o.shards,
    defaultSchedule: o.defaultSchedule,
    // Fast timers for retries; pacing still holds (it re-checks real time after each wake-up).
    timers: { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))) },
    options: { resyncIntervalMs: 0, ...o.options },
  });
  return {
    scheduler,
    store,
    clock: o.clock,
    poster: o.poster,
    dataset: o.dataset,
    logger,
    at(iso) {
      o.clock.set(iso);
      return scheduler.runDue();
    },
    add(input) {
      return scheduler.service.add({ guildId: GUILD, userId: USER, ...input }, o.channels ?? allowAll);
    },
    async close() {
      await scheduler.stop();
      await store.close();
    },
    async kill() {
      await store.close();
    },
  };
}

export const text = (p: MessagePayload) => messageToText(p);
export const fieldNames = (p: MessagePayload) => (p.embeds?.[0]?.fields ?? []).map((f) => f.name);

/** The words a user would see for a refused schedule request (fails unless it was refused). */
export async function refused(p: Promise<unknown>): Promise<string> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScheduleError);
  return en.text(describeScheduleProblem((error as ScheduleError).problem).message);
}
