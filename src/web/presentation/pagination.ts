import { pageNumbersShown } from '../../domain/paging.ts';

/**
 * The GOV.UK pagination component's parameters for page `current` of `pages` (null, no component, for the all view or a
 * single page): previous and next, the page numbers shown with ellipses between (domain/paging.ts), the current one
 * marked, each link from `href`, and the navigation landmark named by `label`.
 */
export function paginationOf(current: number | null, pages: number, href: (page: number) => string, label: string) {
  if (current === null || pages === 1) return null;
  return {
    previous: current > 1 ? { href: href(current - 1) } : undefined,
    next: current < pages ? { href: href(current + 1) } : undefined,
    items: pageNumbersShown(current, pages).map((n) => (n === null ? { ellipsis: true } : { number: String(n), href: href(n), current: n === current })),
    landmarkLabel: label,
  };
}
