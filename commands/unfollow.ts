import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserError } from '../src/discord/command.ts';
import { type CommandData, READ_COMMAND_CONTEXTS } from '../src/discord/command-data.ts';
import { defineCommand } from '../src/discord/define-command.ts';
import { followName, renderUnfollowed } from '../src/render/follow.ts';
import { LIMITS, truncate } from '../src/render/limits.ts';
import type { FollowKind } from '../src/scheduler/follow-plan.ts';
import type { FollowService } from '../src/scheduler/follows.ts';
import { throwFollowProblem } from './follow.ts';

export const unfollowData = {
  name: 'unfollow',
  description: 'Stop following an actor or a topic',
  ...READ_COMMAND_CONTEXTS,
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'follow',
      description: 'What to stop following (one of yours; see /follow list)',
      required: true,
      autocomplete: true,
      max_length: 100,
    },
  ],
} as const satisfies CommandData;

/** Autocomplete values are `actor:<id>` or `topic:<id>`. */
function parseFollow(value: string): { kind: FollowKind; id: string } | undefined {
  const m = /^(actor|topic):(.+)$/.exec(value.trim());
  return m ? { kind: m[1] as FollowKind, id: m[2] as string } : undefined;
}

export function createUnfollowCommand(follows: FollowService) {
  return defineCommand({
    data: unfollowData,
    ephemeral: true,
    async execute(ctx, args, input) {
      const { t } = ctx;
      try {
        let target = parseFollow(args.follow);
        if (!target) {
          // Typed by hand instead of picked: match one of the member's follows by its name.
          const record = await follows.list(input.userId);
          const typed = args.follow.trim().toLowerCase();
          const hit = record?.follows.find((f) => followName(t, ctx.book, f).toLowerCase() === typed);
          if (!hit) throw new UserError('follow.notFollowing', { name: truncate(args.follow, 100) });
          target = hit;
        }
        const { left } = await follows.unfollow(input.userId, target.kind, target.id);
        return renderUnfollowed(t, followName(t, ctx.book, target), left);
      } catch (error) {
        if (error instanceof UserError) throw error;
        throwFollowProblem(error);
      }
    },
    async autocomplete(ctx, input) {
      const record = await follows.list(input.userId).catch(() => undefined);
      const typed = input.focused.value.trim().toLowerCase();
      return (record?.follows ?? [])
        .map((f) => ({
          name: `${f.kind === 'actor' ? '👤' : '#'} ${followName(ctx.t, ctx.book, f)}`,
          value: `${f.kind}:${f.id}`,
        }))
        .filter((c) => c.name.toLowerCase().includes(typed))
        .slice(0, LIMITS.choices)
        .map((c) => ({ name: truncate(c.name, 100), value: c.value }));
    },
  });
}

export const unfollowWithoutScheduler = defineCommand({
  data: unfollowData,
  ephemeral: true,
  async execute() {
    throw new UserError('follow.unavailable', {});
  },
});
