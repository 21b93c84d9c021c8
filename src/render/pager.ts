import {
  type APIActionRowComponent,
  type APIButtonComponent,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import type { Page } from '../domain/timeline.ts';
import { encodePageState, type PageState } from './custom-id.ts';

/** Previous / "page i of n" / next buttons; none when everything fits one page. */
export function pagerRow(
  page: Page<unknown>,
  state: Omit<PageState, 'page'>,
): APIActionRowComponent<APIButtonComponent>[] {
  if (page.pageCount <= 1) return [];
  const prev = encodePageState({ ...state, page: Math.max(0, page.page - 1) }).id;
  const next = encodePageState({ ...state, page: Math.min(page.pageCount - 1, page.page + 1) }).id;
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: '◀ Previous',
          custom_id: prev,
          disabled: page.page === 0,
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: `Page ${page.page + 1} of ${page.pageCount}`,
          custom_id: 'noop|page',
          disabled: true,
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Primary,
          label: 'Next ▶',
          custom_id: next,
          disabled: page.page === page.pageCount - 1,
        },
      ],
    },
  ];
}
