import { createBriefbook } from '../../src/domain/briefbook.ts';
import { buildDataset, type Dataset } from '../../src/domain/model.ts';
import type { Event, RawDataset } from '../../src/domain/schema.ts';
import type { MessagePayload } from '../../src/render/message.ts';
import type { DatasetPort, Poster, ScheduledSnapshot } from '../../src/scheduler/index.ts';
import { realDataset } from '../support/fixtures.ts';

export interface SentMessage {
  id: string;
  channelId: string;
  payload: MessagePayload;
  nonce: string;
  /** performance.now() when post() was called. */
  calledAt: number;
  /** The scheduler clock (ms) when post() was called, if the poster was given one. */
  clockAt: number | undefined;
}

type Behaviour =
  | { kind: 'fail'; status?: number; code?: number; message?: string }
  /** A refused connection: nothing reaches Discord (as undici reports ECONNREFUSED). */
  | { kind: 'unreachable' }
  /** Records the message, then never answers (the process "crashes" before it learns the id). */
  | { kind: 'deliver-then-hang' }
  /** Never answers and posts nothing. */
  | { kind: 'hang' }
  | { kind: 'delay'; ms: number };

export class DiscordError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'DiscordAPIError';
  }
}

/**
 * Behaves like Discord's channel message endpoint for the scheduler: message ids, nonce dedupe with
 * enforce_nonce (same channel + nonce within `nonceWindowMs` returns the first message), and per-channel
 * failures, delays and hangs.
 */
export class MemoryPoster implements Poster {
  readonly messages: SentMessage[] = [];
  /** Every post() call, including failed and deduped ones. */
  readonly calls: Array<{ channelId: string; nonce: string; at: number }> = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly byNonce = new Map<string, { message: SentMessage; at: number }>();
  private seq = 0;
  constructor(
    readonly clock?: { now(): Date },
    readonly nonceWindowMs = 5 * 60_000,
  ) {}

  on(channelId: string, behaviour: Behaviour | undefined): void {
    if (behaviour) this.behaviours.set(channelId, behaviour);
    else this.behaviours.delete(channelId);
  }

  in(channelId: string): SentMessage[] {
    return this.messages.filter((m) => m.channelId === channelId);
  }

  async post(
    channelId: string,
    payload: MessagePayload,
    { nonce }: { nonce: string },
  ): Promise<{ id: string }> {
    const calledAt = performance.now();
    this.calls.push({ channelId, nonce, at: calledAt });
    const b = this.behaviours.get(channelId);
    if (b?.kind === 'fail') {
      throw new DiscordError(b.status ?? 500, b.code ?? 0, b.message ?? `HTTP ${b.status ?? 500}`);
    }
    if (b?.kind === 'unreachable') {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
    }
    if (b?.kind === 'hang') return new Promise(() => {});
    if (b?.kind === 'delay') await new Promise((r) => setTimeout(r, b.ms));
    const key = `${channelId}:${nonce}`;
    const existing = this.byNonce.get(key);
    if (existing && calledAt - existing.at < this.nonceWindowMs) return { id: existing.message.id };
    const message: SentMessage = {
      id: String(++this.seq),
      channelId,
      payload,
      nonce,
      calledAt,
      clockAt: this.clock?.now().getTime(),
    };
    this.messages.push(message);
    this.byNonce.set(key, { message, at: calledAt });
    if (b?.kind === 'deliver-then-hang') return new Promise(() => {});
    return { id: message.id };
  }
}

/** A dataset whose curators can add events while the scheduler runs. */
export class FakeDataset implements DatasetPort {
  private raw: RawDataset;
  private snapshot: ScheduledSnapshot;
  private readonly listeners = new Set<(change: { addedEventIds: string[] }) => void>();

  constructor(dataset: Dataset) {
    this.raw = {
      sources: [...dataset.sources],
      actors: [...dataset.actors],
      topics: [...dataset.topics],
      events: [...dataset.events],
      quotes: [...dataset.quotes],
      commitments: [...dataset.commitments],
    };
    this.snapshot = { briefbook: createBriefbook(dataset), version: dataset.version };
  }

  static async real(): Promise<FakeDataset> {
    return new FakeDataset(await realDataset());
  }

  current(): ScheduledSnapshot {
    return this.snapshot;
  }

  subscribe(fn: (change: { addedEventIds: string[] }) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get events(): readonly Event[] {
    return this.snapshot.briefbook.dataset.events;
  }

  /** Curates a new event (a copy of an existing one with a new id, title and date). */
  addEvent(spec: { id: string; title: string; date: string; topics?: string[] }): Event {
    const base = this.raw.events.find((e) => e.date.precision === 'day') ?? this.raw.events[0];
    if (!base) throw new Error('empty dataset');
    const event: Event = {
      ...base,
      id: spec.id,
      title: spec.title,
      date: { value: spec.date, precision: 'day', basis: 'test' },
      topics: spec.topics ?? base.topics,
      related: [],
    };
    this.raw = { ...this.raw, events: [...this.raw.events, event] };
    const dataset = buildDataset(this.raw);
    this.snapshot = { briefbook: createBriefbook(dataset), version: dataset.version };
    for (const fn of this.listeners) fn({ addedEventIds: [spec.id] });
    return event;
  }
}

/** Guild ids that map to a given shard: (id >> 22) % count. */
export function guildOnShard(shard: number, count: number, n = 0): string {
  const c = BigInt(count);
  const base = 300_000_000_000n - (300_000_000_000n % c);
  return ((base + BigInt(n) * c + BigInt(shard)) << 22n).toString();
}

export const GUILD = guildOnShard(0, 1, 7);
export const USER = '100000000000000001';
export const channel = (n: number) => String(400000000000000000n + BigInt(n));
