/** REST routes: application commands. */
import type { FakeCore } from './core.ts';
import { ErrorCode, errorBody } from './errors.ts';
import { storeCommand } from './model.ts';
import { route } from './rest.ts';
import type { Ctx, Reply, RouteDef } from './types.ts';
import { isRecord, validateCommandList, validateSingleCommand } from './validate.ts';

/** Application commands, global and per guild: bulk overwrite, create, read, edit, delete. */
export function commandRoutes(core: FakeCore): RouteDef[] {
  const routes: RouteDef[] = [];
  const add = (...args: Parameters<typeof route>) => {
    routes.push(route(...args));
  };
  const ok = (body: unknown, status = 200): Reply => ({ status, body });
  const fail = (status: number, code: number): Reply => ({ status, body: errorBody(code, status) });
  // Application commands, global and per guild.
  const commandRoutes = (prefix: string, scopeOf: (ctx: Ctx) => string | null) => {
    const check = (ctx: Ctx): Reply | null => {
      if (ctx.params.app !== core.applicationId) return fail(404, ErrorCode.UnknownApplication);
      const guildId = scopeOf(ctx);
      if (guildId !== null && !core.guilds.has(guildId)) return fail(403, ErrorCode.MissingAccess);
      return null;
    };
    add('GET', prefix, (ctx) => check(ctx) ?? ok(core.commands(scopeOf(ctx) ?? undefined)));
    add('PUT', prefix, (ctx) => check(ctx) ?? putCommands(core, ctx, scopeOf(ctx)));
    add('POST', prefix, (ctx) => check(ctx) ?? postCommand(core, ctx, scopeOf(ctx)));
    add('GET', `${prefix}/:command`, (ctx) => {
      const found = core.commands(scopeOf(ctx) ?? undefined).find((c) => c.id === ctx.params.command);
      return check(ctx) ?? (found ? ok(found) : fail(404, ErrorCode.UnknownApplicationCommand));
    });
    add('PATCH', `${prefix}/:command`, (ctx) => check(ctx) ?? patchCommand(core, ctx, scopeOf(ctx)));
    add('DELETE', `${prefix}/:command`, (ctx) => {
      const bad = check(ctx);
      if (bad) return bad;
      const key = scopeOf(ctx) ?? 'global';
      const list = core.commandsByScope.get(key) ?? [];
      const next = list.filter((c) => c.id !== ctx.params.command);
      if (next.length === list.length) return fail(404, ErrorCode.UnknownApplicationCommand);
      core.commandsByScope.set(key, next);
      return { status: 204 };
    });
  };
  commandRoutes('/applications/:app/commands', () => null);
  commandRoutes('/applications/:app/guilds/:guild/commands', (ctx) => ctx.params.guild ?? null);
  return routes;
}

function putCommands(core: FakeCore, ctx: Ctx, guildId: string | null): Reply {
  const errors = validateCommandList(ctx.body);
  if (errors.length > 0) return core.invalid('command', ctx, errors);
  const key = guildId ?? 'global';
  const previous = core.commandsByScope.get(key) ?? [];
  const list = (ctx.body as Array<Record<string, unknown>>).map((body) => {
    const type = typeof body.type === 'number' ? body.type : 1;
    const existing = previous.find((c) => c.name === body.name && (c.type ?? 1) === type);
    return storeCommand(body, core.applicationId, guildId, existing);
  });
  core.commandsByScope.set(key, list);
  core.emit('commands', { guildId, commands: list });
  return { status: 200, body: list };
}

function postCommand(core: FakeCore, ctx: Ctx, guildId: string | null): Reply {
  const errors = validateSingleCommand(ctx.body);
  if (errors.length > 0) return core.invalid('command', ctx, errors);
  const body = ctx.body as Record<string, unknown>;
  const key = guildId ?? 'global';
  const list = [...(core.commandsByScope.get(key) ?? [])];
  const type = typeof body.type === 'number' ? body.type : 1;
  const index = list.findIndex((c) => c.name === body.name && (c.type ?? 1) === type);
  const stored = storeCommand(body, core.applicationId, guildId, index >= 0 ? list[index] : undefined);
  if (index >= 0) list[index] = stored;
  else list.push(stored);
  core.commandsByScope.set(key, list);
  return { status: index >= 0 ? 200 : 201, body: stored };
}

function patchCommand(core: FakeCore, ctx: Ctx, guildId: string | null): Reply {
  const key = guildId ?? 'global';
  const list = [...(core.commandsByScope.get(key) ?? [])];
  const index = list.findIndex((c) => c.id === ctx.params.command);
  const existing = list[index];
  if (!existing) return { status: 404, body: errorBody(ErrorCode.UnknownApplicationCommand, 404) };
  const merged = { ...existing, ...(isRecord(ctx.body) ? ctx.body : {}) };
  const errors = validateSingleCommand(merged);
  if (errors.length > 0) return core.invalid('command', ctx, errors);
  const stored = storeCommand(merged, core.applicationId, guildId, existing);
  list[index] = stored;
  core.commandsByScope.set(key, list);
  return { status: 200, body: stored };
}
