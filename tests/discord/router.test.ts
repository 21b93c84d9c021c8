/**
 * The router with a small recording fake interaction (no Discord, no discord.js client): when it
 * replies, defers, edits, switches a public placeholder to a private answer, and drains on shutdown.
 */
import { ApplicationCommandOptionType, type Interaction, InteractionType, MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { type Command, type CommandContext, pagesOf, UserError } from '../../src/discord/command.ts';
import { createRouter, type RouterDeps } from '../../src/discord/router.ts';
import { msg } from '../../src/i18n/catalog.ts';
import type { MessagePayload } from '../../src/render/message.ts';
import { definePagedView, pageCustomId } from '../../src/render/paged-view.ts';
import { fakeContext, realBook } from '../support/fixtures.ts';
import { recordingLogger } from '../support/logger.ts';
import { sleep } from '../support/time.ts';

interface Call {
  method: string;
  options?: { content?: string; flags?: number; embeds?: Array<{ description?: string }> };
}

/** What the user reads in an answer: its content and embed descriptions. */
const shown = (call: Call | undefined) =>
  [call?.options?.content ?? '', ...(call?.options?.embeds ?? []).map((e) => e.description ?? '')].join('\n');

/** The parts of a discord.js interaction the router uses; every answer is recorded in order. */
class RecordingInteraction {
  readonly calls: Call[] = [];
  readonly id = '900000000000000001';
  readonly user = { id: '100000000000000001' };
  readonly guildId = '200000000000000002';
  readonly channelId = '300000000000000003';
  readonly memberPermissions = { bitfield: 1n << 5n };
  locale = 'en-US';
  deferred = false;
  replied = false;

  constructor(
    readonly kind: 'chat' | 'button' | 'autocomplete',
    readonly commandName: string,
    readonly customId = '',
    readonly optionData: Array<{ name: string; type: number; value?: string }> = [],
  ) {}

  get type(): InteractionType {
    return this.kind === 'button' ? InteractionType.MessageComponent : InteractionType.ApplicationCommand;
  }
  get options() {
    return {
      data: this.optionData,
      getFocused: () => ({ name: this.optionData[0]?.name ?? '', value: this.optionData[0]?.value ?? '' }),
    };
  }
  isChatInputCommand() {
    return this.kind === 'chat';
  }
  isAutocomplete() {
    return this.kind === 'autocomplete';
  }
  isButton() {
    return this.kind === 'button';
  }
  isRepliable() {
    return this.kind !== 'autocomplete';
  }
  private record(method: string, options?: Call['options']) {
    this.calls.push({ method, options });
  }
  async reply(options: Call['options']) {
    this.record('reply', options);
    this.replied = true;
  }
  async deferReply(options: Call['options']) {
    this.record('deferReply', options);
    this.deferred = true;
  }
  async deferUpdate() {
    this.record('deferUpdate');
    this.deferred = true;
  }
  async editReply(options: Call['options']) {
    this.record('editReply', options);
  }
  async update(options: Call['options']) {
    this.record('update', options);
  }
  async deleteReply() {
    this.record('deleteReply');
  }
  async followUp(options: Call['options']) {
    this.record('followUp', options);
  }
  async respond(choices: unknown[]) {
    this.record('respond', { content: JSON.stringify(choices) });
  }
  get methods(): string[] {
    return this.calls.map((c) => c.method);
  }
  get asInteraction(): Interaction {
    return this as unknown as Interaction;
  }
}

const say = (content: string): MessagePayload => ({ content, allowed_mentions: { parse: [] } });

function command(name: string, spec: Partial<Command> = {}): Command {
  return { data: { name, description: name }, execute: () => say(name), ...spec };
}

/** Resolves after `ms`: a command whose answer is late (the event loop stays free). */
const answerAfter = (ms: number, payload: MessagePayload) => () => sleep(ms).then(() => payload);

async function router(
  commands: Command[],
  ctx: Partial<CommandContext> = {},
  deps: Partial<RouterDeps> = {},
) {
  const book = await realBook();
  const logger = recordingLogger();
  return {
    logger,
    router: createRouter({
      commands,
      context: () => fakeContext(book, ctx),
      logger,
      deferAfterMs: 60,
      ...deps,
    }),
  };
}

const isEphemeral = (call: Call | undefined) => ((call?.options?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

describe('router: answering within Discord’s deadline', () => {
  it('a fast answer is one reply, no deferral', async () => {
    const { router: r } = await router([command('fast')]);
    const i = new RecordingInteraction('chat', 'fast');
    await r.handle(i.asInteraction);
    expect(i.methods).toEqual(['reply']);
    expect(i.calls[0]?.options?.content).toBe('fast');
    expect(isEphemeral(i.calls[0])).toBe(false);
  });

  it('a late answer defers once the deadline nears, then edits the placeholder', async () => {
    const { router: r } = await router([command('slow', { execute: answerAfter(200, say('done')) })]);
    const i = new RecordingInteraction('chat', 'slow');
    await r.handle(i.asInteraction);
    expect(i.methods).toEqual(['deferReply', 'editReply']);
    expect(i.calls[1]?.options?.content).toBe('done');
  });

  it('a heavy command defers before running when the context says work is heavy', async () => {
    const heavy = command('heavy', { heavy: true });
    const big = await router([heavy], { heavyWork: true });
    const onBig = new RecordingInteraction('chat', 'heavy');
    await big.router.handle(onBig.asInteraction);
    expect(onBig.methods).toEqual(['deferReply', 'editReply']);

    const small = await router([heavy], { heavyWork: false });
    const onSmall = new RecordingInteraction('chat', 'heavy');
    await small.router.handle(onSmall.asInteraction);
    expect(onSmall.methods).toEqual(['reply']);
  });

  it('an ephemeral command defers privately', async () => {
    const { router: r } = await router([
      command('mine', { ephemeral: true, execute: answerAfter(200, say('x')) }),
    ]);
    const i = new RecordingInteraction('chat', 'mine');
    await r.handle(i.asInteraction);
    expect(i.methods).toEqual(['deferReply', 'editReply']);
    expect(isEphemeral(i.calls[0])).toBe(true);
  });

  it('a public placeholder becomes a private answer when the answer is an error notice', async () => {
    const failing = command('oops', {
      execute: () =>
        sleep(200).then(() => {
          throw new UserError('option.badDate', { option: 'as_of', typed: '`x`' });
        }),
    });
    const { router: r, logger } = await router([failing]);
    const i = new RecordingInteraction('chat', 'oops');
    await r.handle(i.asInteraction);
    expect(i.methods).toEqual(['deferReply', 'deleteReply', 'followUp']);
    expect(isEphemeral(i.calls[0])).toBe(false);
    expect(isEphemeral(i.calls[2])).toBe(true);
    expect(shown(i.calls[2])).toContain('`as_of` must look like 2025-02-14');
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]); // a UserError is not a bug
  });

  it('renders a user error in the interaction’s locale: the same key, worded for the reader', async () => {
    const failing = command('oops', {
      execute: () => {
        throw new UserError(
          'option.badDate',
          { option: 'as_of', typed: '`x`' },
          { title: msg('option.badDate.title') },
        );
      },
    });
    const { router: r } = await router([failing]);
    const uk = new RecordingInteraction('chat', 'oops');
    uk.locale = 'uk';
    await r.handle(uk.asInteraction);
    expect(shown(uk.calls[0])).toContain('`as_of` має мати вигляд 2025-02-14');
    const en = new RecordingInteraction('chat', 'oops');
    await r.handle(en.asInteraction);
    expect(shown(en.calls[0])).toContain('`as_of` must look like 2025-02-14');
  });

  it('a crash is answered privately with a generic notice and logged as an error', async () => {
    const crashing = command('crash', {
      execute: () => {
        throw new Error('bug');
      },
    });
    const { router: r, logger } = await router([crashing]);
    const i = new RecordingInteraction('chat', 'crash');
    await r.handle(i.asInteraction);
    expect(i.methods).toEqual(['reply']);
    expect(isEphemeral(i.calls[0])).toBe(true);
    expect(shown(i.calls[0])).toMatch(/Something went wrong on our side/);
    expect(logger.has('error', /interaction failed/)).toBe(true);
  });

  it('an admin-only command refuses members without Manage Server', async () => {
    const { router: r } = await router([command('admin', { adminOnly: true })]);
    const i = new RecordingInteraction('chat', 'admin');
    Object.assign(i, { memberPermissions: { bitfield: 0n } });
    await r.handle(i.asInteraction);
    expect(i.methods).toEqual(['reply']);
    expect(isEphemeral(i.calls[0])).toBe(true);
    expect(shown(i.calls[0])).toMatch(/Manage Server/);
  });
});

describe('router: buttons and autocomplete', () => {
  const view = definePagedView<{ n: string }>('tt', {
    encode: (p) => ({ n: p.n }),
    decode: (raw) => (raw.n ? { n: raw.n } : undefined),
  });
  const paged = command('paged', {
    pages: pagesOf(view, (_ctx, params, page) => say(`${params.n}:${page}`)),
  });

  it('routes a page button to the view that made it, with typed parameters', async () => {
    const { router: r } = await router([paged]);
    const i = new RecordingInteraction('button', '', pageCustomId(view.state({ n: 'x' }), 2));
    await r.handle(i.asInteraction);
    expect(i.methods).toEqual(['update']);
    expect(i.calls[0]?.options?.content).toBe('x:2');
  });

  it('an unknown or undecodable button gets a private notice, never a crash', async () => {
    const { router: r } = await router([paged]);
    for (const id of ['zz|1', 'tt|1', 'not a button']) {
      const i = new RecordingInteraction('button', '', id);
      await r.handle(i.asInteraction);
      expect(i.methods).toEqual(['reply']);
      expect(isEphemeral(i.calls[0])).toBe(true);
      expect(shown(i.calls[0])).toMatch(/out of date|older version/);
    }
  });

  it('two commands may not page with the same code', async () => {
    await expect(router([paged, command('other', { pages: paged.pages })])).rejects.toThrow(/both page/);
  });

  it('autocomplete answers from the focused option', async () => {
    const complete = command('pick', {
      autocomplete: (_ctx, input) => [{ name: input.focused.value, value: input.focused.value }],
    });
    const { router: r } = await router([complete]);
    const i = new RecordingInteraction('autocomplete', 'pick', '', [
      { name: 'q', type: ApplicationCommandOptionType.String, value: 'vol' },
    ]);
    await r.handle(i.asInteraction);
    expect(i.methods).toEqual(['respond']);
    expect(i.calls[0]?.options?.content).toBe(JSON.stringify([{ name: 'vol', value: 'vol' }]));
  });
});

describe('router: shutdown', () => {
  it('draining waits for in-flight answers and turns new interactions away', async () => {
    const { router: r } = await router([
      command('slow', { execute: answerAfter(150, say('late but there')) }),
    ]);
    const inFlight = new RecordingInteraction('chat', 'slow');
    const handled = r.handle(inFlight.asInteraction);
    expect(r.inFlight()).toBe(1);
    const drained = r.drain(2_000);
    const newcomer = new RecordingInteraction('chat', 'slow');
    await r.handle(newcomer.asInteraction);
    expect(newcomer.methods).toEqual(['reply']);
    expect(shown(newcomer.calls[0])).toMatch(/restarting/);
    await drained;
    expect(inFlight.methods.at(-1)).toBe('editReply');
    expect(r.inFlight()).toBe(0);
    await handled;
  });

  it('draining gives up after its timeout when an answer never comes', async () => {
    const { router: r } = await router(
      [command('stuck', { execute: () => new Promise(() => {}) })],
      {},
      {
        deferAfterMs: 10,
      },
    );
    void r.handle(new RecordingInteraction('chat', 'stuck').asInteraction);
    await sleep(30);
    const started = performance.now();
    await r.drain(100);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(r.inFlight()).toBe(1);
  });
});

describe('router: fair under bursts (issue 12)', () => {
  /** A command whose synchronous work blocks the event loop for `ms`, logging when it starts. */
  const busy = (name: string, ms: number, log: string[]) =>
    command(name, {
      execute: (_ctx, input) => {
        log.push(`work ${input.userId}`);
        const until = performance.now() + ms;
        while (performance.now() < until) {
          // Blocks like a big search would.
        }
        return say(name);
      },
    });

  /** Interactions of one burst, each with its own user id so the log can tell them apart. */
  function burst(n: number, name: string, log: string[]): RecordingInteraction[] {
    return Array.from({ length: n }, (_, k) => {
      const i = new RecordingInteraction('chat', name);
      Object.assign(i, { user: { id: `u${k}` } });
      const record = i.reply.bind(i);
      const defer = i.deferReply.bind(i);
      i.reply = async (o) => {
        log.push(`ack u${k}`);
        return record(o);
      };
      i.deferReply = async (o) => {
        log.push(`ack u${k}`);
        return defer(o);
      };
      return i;
    });
  }

  it("each interaction's acknowledgement goes out before the next interaction's work starts", async () => {
    const log: string[] = [];
    const { router: r } = await router([busy('work', 20, log)], {}, { deferAfterMs: 2_000 });
    const interactions = burst(8, 'work', log);
    await Promise.all(interactions.map((i) => r.handle(i.asInteraction)));
    const starts = log.flatMap((line, at) => (line.startsWith('work ') ? [{ user: line.slice(5), at }] : []));
    expect(starts).toHaveLength(8);
    for (const [k, start] of starts.entries()) {
      const next = starts[k + 1];
      if (!next) continue;
      expect(log.indexOf(`ack ${start.user}`), log.join(', ')).toBeLessThan(next.at);
    }
  });

  it('a burst behind slow work is acknowledged at once (deferred), then answered in turn', async () => {
    const log: string[] = [];
    const { router: r } = await router([busy('work', 40, log)], {}, { deferAfterMs: 2_000 });
    // Teach the lane what the job costs.
    await r.handle(burst(1, 'work', log)[0]?.asInteraction as never);
    log.length = 0;
    const interactions = burst(10, 'work', log);
    const t0 = performance.now();
    const acks: number[] = [];
    for (const i of interactions) {
      const defer = i.deferReply.bind(i);
      const reply = i.reply.bind(i);
      i.deferReply = async (o) => {
        acks.push(performance.now() - t0);
        return defer(o);
      };
      i.reply = async (o) => {
        acks.push(performance.now() - t0);
        return reply(o);
      };
    }
    await Promise.all(interactions.map((i) => r.handle(i.asInteraction)));
    // Ten 40 ms jobs take 400 ms; no first response waits for more than a few of them.
    expect(Math.max(...acks)).toBeLessThan(200);
    const deferred = interactions.filter((i) => i.methods[0] === 'deferReply');
    expect(deferred.length).toBeGreaterThanOrEqual(5);
    for (const i of deferred) expect(i.methods).toEqual(['deferReply', 'editReply']);
  });

  it('a long job waits until the answers already computed are sent (none goes out mid-job)', async () => {
    const log: string[] = [];
    const { router: r } = await router([busy('work', 30, log)], {}, { deferAfterMs: 2_000 });
    await r.handle(burst(1, 'work', log)[0]?.asInteraction as never); // the lane learns: a 30 ms job
    log.length = 0;
    const interactions = burst(3, 'work', log);
    for (const [k, i] of interactions.entries()) {
      const reply = i.reply.bind(i);
      // The network takes 15 ms to carry an answer.
      i.reply = (o) =>
        reply(o).then(async () => {
          await sleep(15);
          log.push(`sent u${k}`);
        });
    }
    await Promise.all(interactions.map((i) => r.handle(i.asInteraction)));
    const order = log.filter((l) => l.startsWith('work') || l.startsWith('sent'));
    expect(order.indexOf('sent u0'), order.join(', ')).toBeLessThan(order.indexOf('work u1'));
  });

  it('autocomplete goes ahead of queued commands', async () => {
    const log: string[] = [];
    const complete = command('pick', {
      autocomplete: () => {
        log.push('autocomplete');
        return [];
      },
    });
    const { router: r } = await router([busy('work', 10, log), complete], {}, { deferAfterMs: 2_000 });
    const work = burst(5, 'work', log).map((i) => r.handle(i.asInteraction));
    const pick = new RecordingInteraction('autocomplete', 'pick', '', [
      { name: 'q', type: ApplicationCommandOptionType.String, value: 'x' },
    ]);
    await Promise.all([...work, r.handle(pick.asInteraction)]);
    // Queued after five commands, it runs before all but (at most) the one already running.
    expect(log.indexOf('autocomplete')).toBeLessThan(log.indexOf('work u1'));
  });

  it('on a big dataset, nothing waits unacknowledged behind other work', async () => {
    const log: string[] = [];
    const { router: r } = await router([busy('work', 5, log)], { heavyWork: true }, { deferAfterMs: 2_000 });
    const interactions = burst(3, 'work', log);
    await Promise.all(interactions.map((i) => r.handle(i.asInteraction)));
    expect(interactions.map((i) => i.methods[0])).toEqual(['reply', 'deferReply', 'deferReply']);
  });
});
