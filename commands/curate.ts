import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
} from 'discord-api-types/v10';
import { CurationError } from '../src/curation/errors.ts';
import type { FeedService } from '../src/curation/feeds.ts';
import type { Curator } from '../src/curation/review.ts';
import type { CurationService } from '../src/curation/service.ts';
import {
  type CommandInput,
  type ComponentInput,
  canManageServer,
  componentOf,
  UserError,
} from '../src/discord/command.ts';
import type { CommandData } from '../src/discord/command-data.ts';
import { defineCommand } from '../src/discord/define-command.ts';
import { type Msg, msg, type Translator } from '../src/i18n/catalog.ts';
import { localizedCommandName } from '../src/i18n/commands.ts';
import {
  type ProgressStep,
  pageOf,
  renderDiscardConfirm,
  renderDiscarded,
  renderItemNotice,
  renderProgress,
  renderPublishReply,
  renderQueue,
  renderReviewPage,
  renderReviewSummary,
  renderSubmitted,
  reviewTranslator,
} from '../src/render/curate.ts';
import {
  renderFeedAdded,
  renderFeedList,
  renderFeedRemoved,
  renderFeedResumed,
} from '../src/render/curate-feeds.ts';
import { renderEditForm, renderPasteForm, renderSpeakerChoice } from '../src/render/curate-forms.ts';
import { CURATE_IDS, FORM_FIELDS } from '../src/render/curate-ids.ts';
import { describeCurationProblem, fieldName } from '../src/render/curate-problems.ts';
import { inlineCode } from '../src/render/escape.ts';
import { truncate } from '../src/render/limits.ts';
import type { MessagePayload } from '../src/render/message.ts';

const draftOption = {
  type: ApplicationCommandOptionType.String,
  name: 'draft',
  description: 'The review to drop (see /curate queue)',
  required: true,
  autocomplete: true,
  min_length: 4,
  max_length: 16,
} as const;

const feedIdOption = (verb: string) =>
  ({
    type: ApplicationCommandOptionType.String,
    name: 'id',
    description: `The feed to ${verb} (see /curate feed list)`,
    required: true,
    autocomplete: true,
    min_length: 1,
    max_length: 16,
  }) as const;

export const curateData = {
  name: 'curate',
  description: 'Turn new articles into reviewed, cited entries (curators)',
  default_member_permissions: '32',
  dm_permission: false,
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'article',
      description: 'Submit an article for review: a link, a file, or no option to paste its text',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'url',
          description: 'Link to the article (http or https)',
          max_length: 2000,
        },
        {
          type: ApplicationCommandOptionType.Attachment,
          name: 'file',
          description: 'The article as a .txt, .html or .md file',
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'published',
          description: 'Day it was published, YYYY-MM-DD (default: the date the page states)',
          min_length: 10,
          max_length: 10,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'title',
          description: "The article's headline (default: the page's)",
          max_length: 200,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'publisher',
          description: "Who published it (default: the page's site name)",
          max_length: 100,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'queue',
      description: 'Open reviews in this server',
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'discard',
      description: 'Drop a review (nothing is added to the dataset)',
      options: [draftOption],
    },
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: 'feed',
      description: 'RSS, Atom or JSON feeds whose new articles are drafted for review',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'add',
          description: 'Follow a feed (polled every few minutes; new items become reviews)',
          options: [
            {
              type: ApplicationCommandOptionType.String,
              name: 'url',
              description: 'Link to the RSS, Atom or JSON feed',
              required: true,
              max_length: 2000,
            },
            {
              type: ApplicationCommandOptionType.Channel,
              name: 'channel',
              description: 'Where its reviews go (default: the curation channel, or here)',
              channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
            },
            {
              type: ApplicationCommandOptionType.Integer,
              name: 'backfill',
              description: 'Draft this many of its newest items now (default 0: only new ones)',
              min_value: 0,
              max_value: 10,
            },
          ],
        },
        { type: ApplicationCommandOptionType.Subcommand, name: 'list', description: "This server's feeds" },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'remove',
          description: 'Stop following a feed',
          options: [feedIdOption('remove')],
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'resume',
          description: 'Poll a paused feed again',
          options: [feedIdOption('resume')],
        },
      ],
    },
  ],
} as const satisfies CommandData;

export interface CurateCommandDeps {
  curation: CurationService;
  feeds: FeedService;
  /** Members with this role may curate, besides those with Manage Server. */
  curatorRoleId?: string | undefined;
}

type Who = Pick<CommandInput, 'guildId' | 'memberPermissions' | 'memberRoles' | 'userId' | 'userName'>;

function requireCurator(who: Who, roleId: string | undefined): { guildId: string; by: Curator } {
  if (!who.guildId)
    throw new UserError('error.serverOnly', {
      command: (t) => localizedCommandName(t, 'curate') ?? 'curate',
    });
  const allowed =
    canManageServer(who.memberPermissions) ||
    (roleId !== undefined && (who.memberRoles ?? []).includes(roleId));
  if (!allowed) {
    throw refusal(describeCurationProblem({ code: 'not-curator', roleConfigured: roleId !== undefined }));
  }
  return { guildId: who.guildId, by: { id: who.userId, name: truncate(who.userName ?? who.userId, 100) } };
}

/** A CurationError in words, as a private answer. */
async function worded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof CurationError)) throw error;
    throw refusal(describeCurationProblem(error.problem));
  }
}

/** A curation refusal, in the curator's language. */
function refusal({ title, message }: { title?: Msg | undefined; message: Msg }): UserError {
  return UserError.of(message, { title });
}

const componentWho = (input: ComponentInput): Who => input;

export function createCurateCommand({ curation, feeds, curatorRoleId }: CurateCommandDeps) {
  const curator = (who: Who) => requireCurator(who, curatorRoleId);
  const dataset = (ctx: { book: { dataset: import('../src/domain/model.ts').Dataset } }) => ctx.book.dataset;

  return defineCommand({
    data: curateData,
    ephemeral: true,
    modal(ctx, input) {
      if (
        input.subcommand !== 'article' ||
        input.options.url !== undefined ||
        input.options.file !== undefined
      )
        return undefined;
      curator(input);
      const text = (name: string) => {
        const v = input.options[name];
        return typeof v === 'string' && v.trim() ? v.trim() : undefined;
      };
      return renderPasteForm(ctx.t, {
        published: text('published'),
        title: text('title'),
        publisher: text('publisher'),
      });
    },
    async execute(ctx, args, input) {
      const { guildId, by } = curator(input);
      return worded(async () => {
        switch (args.subcommand) {
          case 'article': {
            const file = args.file ? input.attachments?.file : undefined;
            if (args.url && args.file) throw new UserError('curate.urlAndFile', {});
            if (!args.url && !file) throw new UserError('curate.urlOrFile', {});
            const progress = async (step: ProgressStep) => {
              await input.progress?.(renderProgress(ctx.t, step));
            };
            const state = await curation.submit(
              {
                guildId,
                channelId: input.channelId ?? '',
                by,
                article: args.url
                  ? { kind: 'url', url: args.url }
                  : { kind: 'file', name: file?.name ?? 'file', size: file?.size ?? 0, url: file?.url ?? '' },
                published: args.published,
                title: args.title,
                publisher: args.publisher,
                language: ctx.t.language.code,
              },
              progress,
            );
            return renderSubmitted(ctx.t, state);
          }
          case 'queue':
            return renderQueue(ctx.t, await curation.queue(guildId));
          case 'discard':
            return renderDiscarded(ctx.t, await curation.discard(guildId, args.draft, by));
          case 'feed add':
            return renderFeedAdded(
              ctx.t,
              await feeds.add({
                guildId,
                url: args.url,
                channelId: args.channel ?? input.channelId ?? '',
                by,
                backfill: args.backfill ?? 0,
                language: ctx.t.language.code,
              }),
            );
          case 'feed list':
            return renderFeedList(ctx.t, await feeds.list(guildId));
          case 'feed remove':
            return renderFeedRemoved(ctx.t, await feeds.remove(guildId, args.id));
          case 'feed resume':
            return renderFeedResumed(ctx.t, await feeds.resume(guildId, args.id));
        }
      });
    },
    async autocomplete(_ctx, input) {
      if (!input.guildId) return [];
      const typed = input.focused.value.toLowerCase();
      if (input.focused.name === 'draft') {
        const open = (await curation.queue(input.guildId)).filter((s) => s.status === 'open');
        return open
          .filter(
            (s) =>
              s.id.includes(typed) ||
              JSON.stringify(s.items[0]?.record ?? '')
                .toLowerCase()
                .includes(typed),
          )
          .slice(0, 25)
          .map((s) => {
            const source = s.items.find((i) => i.kind === 'source');
            return {
              name: truncate(`${s.id} — ${source?.kind === 'source' ? source.record.title : ''}`, 100),
              value: s.id,
            };
          });
      }
      if (input.focused.name === 'id') {
        const list = await feeds.list(input.guildId);
        return list
          .filter((f) => f.id.includes(typed) || f.url.toLowerCase().includes(typed))
          .slice(0, 25)
          .map((f) => ({ name: truncate(`${f.id} — ${f.title || f.url}`, 100), value: f.id }));
      }
      return [];
    },
    components: [
      componentOf(CURATE_IDS.decide, { kind: 'button', defer: 'update' }, async (ctx, p, input) => {
        const { guildId, by } = curator(componentWho(input));
        const state = await worded(() => curation.decide(guildId, p.draft, p.item, p.decision, by));
        return pageUpdate(ctx.t, state, p.item, input, dataset(ctx));
      }),
      componentOf(CURATE_IDS.edit, { kind: 'button', defer: 'reply' }, async (ctx, p, input) => {
        const { guildId } = curator(componentWho(input));
        const state = await worded(() => curation.state(guildId, p.draft));
        const item = state.items.find((i) => i.key === p.item);
        if (!item)
          throw refusal({
            message: describeCurationProblem({ code: 'no-such-item', draftId: p.draft, item: p.item })
              .message,
          });
        if (state.status !== 'open')
          throw refusal({
            message: describeCurationProblem({
              code: 'draft-closed',
              draftId: state.id,
              status: state.status,
            }).message,
          });
        return { modal: renderEditForm(ctx.t, state, item) };
      }),
      componentOf(CURATE_IDS.editForm, { kind: 'modal', defer: 'update' }, async (ctx, p, input) => {
        const { guildId, by } = curator(componentWho(input));
        try {
          const state = await curation.edit(guildId, p.draft, p.item, p.rev, input.fields, by);
          return pageUpdate(ctx.t, state, p.item, input, dataset(ctx));
        } catch (error) {
          if (!(error instanceof CurationError)) throw error;
          const { title, message } = describeCurationProblem(error.problem);
          // Nothing the curator typed is lost: it comes back with the refusal.
          const typed = (t: Translator) =>
            Object.entries(input.fields)
              .filter(([, v]) => v.trim() !== '')
              .map(([k, v]) => `**${fieldName(t, k)}:** ${truncate(v, 600)}`)
              .join('\n');
          throw refusal({
            title,
            message: msg('text.verbatim', {
              text: (t) => truncate(`${t.text(message)}\n\n${typed(t)}`, 3900),
            }),
          });
        }
      }),
      componentOf(CURATE_IDS.speakers, { kind: 'button', defer: 'reply' }, async (ctx, p, input) => {
        const { guildId } = curator(componentWho(input));
        const state = await worded(() => curation.state(guildId, p.draft));
        const item = state.items.find((i) => i.key === p.item);
        if (item?.kind !== 'quote')
          throw refusal({
            message: describeCurationProblem({ code: 'no-such-item', draftId: p.draft, item: p.item })
              .message,
          });
        return { reply: renderSpeakerChoice(ctx.t, state, item, dataset(ctx)) };
      }),
      componentOf(CURATE_IDS.pickSpeaker, { kind: 'select', defer: 'update' }, async (ctx, p, input) => {
        const { guildId, by } = curator(componentWho(input));
        const chosen = input.values[0];
        if (!chosen) throw new UserError('curate.chooseSpeaker', {});
        const state = await worded(() => curation.chooseSpeaker(guildId, p.draft, p.item, p.rev, chosen, by));
        const item = state.items.find((i) => i.key === p.item);
        const speaker = item?.kind === 'quote' ? item.record.speaker : chosen;
        return {
          update: {
            ...renderItemNotice(
              ctx.t,
              state,
              p.item,
              ctx.t.t('curateReview.speakerSet', { speaker: inlineCode(speaker) }),
            ),
            components: [],
          },
        };
      }),
      componentOf(CURATE_IDS.publish, { kind: 'button', defer: 'reply' }, async (ctx, p, input) => {
        const { guildId, by } = curator(componentWho(input));
        const state = await worded(() => curation.publish(guildId, p.draft, by));
        return { reply: renderPublishReply(ctx.t, state) };
      }),
      componentOf(CURATE_IDS.discard, { kind: 'button', defer: 'reply' }, async (ctx, p, input) => {
        const { guildId } = curator(componentWho(input));
        const state = await worded(() => curation.state(guildId, p.draft));
        return { reply: renderDiscardConfirm(ctx.t, state) };
      }),
      componentOf(CURATE_IDS.confirmDiscard, { kind: 'button', defer: 'update' }, async (ctx, p, input) => {
        const { guildId, by } = curator(componentWho(input));
        const state = await worded(() => curation.discard(guildId, p.draft, by));
        return { update: { ...renderDiscarded(ctx.t, state), components: [] } };
      }),
      componentOf(CURATE_IDS.refresh, { kind: 'button', defer: 'update' }, async (_ctx, p, input) => {
        const { guildId } = curator(componentWho(input));
        const state = await worded(() => curation.state(guildId, p.draft));
        void curation.refreshMessages(state, 'all');
        // The summary every curator shares stays in the review's language, whoever clicked.
        return { update: renderReviewSummary(reviewTranslator(state), state) };
      }),
      componentOf(CURATE_IDS.pasteForm, { kind: 'modal', defer: 'reply' }, async (ctx, _p, input) => {
        const { guildId, by } = curator(componentWho(input));
        const f = input.fields;
        const text = [f[FORM_FIELDS.text] ?? '', f[FORM_FIELDS.more] ?? ''].join('\n');
        const opt = (name: string) => (f[name]?.trim() ? f[name]?.trim() : undefined);
        const state = await worded(() =>
          curation.submit(
            {
              guildId,
              channelId: input.channelId ?? '',
              by,
              article: { kind: 'paste', text },
              published: opt(FORM_FIELDS.published),
              title: opt(FORM_FIELDS.title),
              publisher: opt(FORM_FIELDS.publisher),
              language: ctx.t.language.code,
            },
            async () => undefined,
          ),
        );
        return { reply: renderSubmitted(ctx.t, state) };
      }),
    ],
  });
}

/**
 * After a change from a review page: that page re-rendered in the review's language (every curator
 * shares it), or a private note in the clicker's language elsewhere.
 */
function pageUpdate(
  t: Translator,
  state: import('../src/curation/review.ts').ReviewState,
  key: string,
  input: ComponentInput,
  dataset: import('../src/domain/model.ts').Dataset,
): { update: MessagePayload } | { reply: MessagePayload } {
  const page = pageOf(state, key);
  const onPage = page >= 0 && state.pages[page]?.messageId === input.messageId;
  if (onPage) return { update: renderReviewPage(reviewTranslator(state), state, page, dataset) };
  return { reply: renderItemNotice(t, state, key, t.t('curateReview.saved')) };
}

/**
 * /curate as registered, where curation does not run (registration, preview): it says so. The bot
 * serves createCurateCommand() instead.
 */
export const curateWithoutCuration = defineCommand({
  data: curateData,
  ephemeral: true,
  async execute() {
    throw new UserError('curate.unavailable', {});
  },
});
