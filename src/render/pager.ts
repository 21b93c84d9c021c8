import {
  type APIActionRowComponent,
  type APIButtonComponent,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import type { Translator } from '../i18n/catalog.ts';

export interface Page<T> {
  items: T[];
  /** Zero-based. */
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
}

/** One page of `items` (`page` clamped to the pages there are). */
export function paginate<T>(items: readonly T[], page: number, pageSize: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const clamped = Math.min(Math.max(0, Math.trunc(page)), pageCount - 1);
  return {
    items: items.slice(clamped * pageSize, clamped * pageSize + pageSize),
    page: clamped,
    pageCount,
    total: items.length,
    pageSize,
  };
}

/** The custom_id of the button that shows another page of the same list. */
export type PageLink = (page: number) => string;

/** Previous / "page i of n" / next buttons; none when everything fits one page. */
export function pagerRow(
  t: Translator,
  page: Page<unknown>,
  link: PageLink,
): APIActionRowComponent<APIButtonComponent>[] {
  if (page.pageCount <= 1) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: t.t('pager.previous'),
          custom_id: link(Math.max(0, page.page - 1)),
          disabled: page.page === 0,
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: t.t('pager.page', { page: page.page + 1, pages: page.pageCount }),
          custom_id: 'noop|page',
          disabled: true,
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Primary,
          label: t.t('pager.next'),
          custom_id: link(Math.min(page.pageCount - 1, page.page + 1)),
          disabled: page.page === page.pageCount - 1,
        },
      ],
    },
  ];
}
