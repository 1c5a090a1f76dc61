import { BadRequestError } from './errors.ts';

/**
 * A long list shown a page at a time, or whole (`'all'`, so a download of the page can hold every row). A page past the
 * last gives the last page and says so (`beyond`): a reader who kept a link while the list shrank sees its end, not an
 * error; the API, whose clients loop over pages, refuses such a page instead (`pageBeyondError`). An empty list has
 * one page, with nothing on it.
 */
export type PageAsked = number | 'all';

export type Paged<T> = Readonly<{
  items: readonly T[];
  /** The page given: the one asked, the last where that is past it, or 'all'. */
  page: PageAsked;
  pages: number;
  size: number;
  total: number;
  /** Positions (from 1) of the first and last item shown; 0 and 0 when nothing is. */
  first: number;
  last: number;
  beyond: boolean;
}>;

export function pageOf<T>(items: readonly T[], asked: PageAsked, size: number): Paged<T> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`a page holds at least one item, not ${size}`);
  const total = items.length;
  const pages = Math.max(1, Math.ceil(total / size));
  if (asked === 'all') return { items: [...items], page: 'all', pages, size, total, first: total === 0 ? 0 : 1, last: total, beyond: false };
  if (!Number.isInteger(asked) || asked < 1) throw new BadRequestError(`page: a page number from 1, or all (not ${asked})`);
  const page = Math.min(asked, pages);
  const shown = items.slice((page - 1) * size, page * size);
  const first = shown.length === 0 ? 0 : (page - 1) * size + 1;
  return { items: shown, page, pages, size, total, first, last: shown.length === 0 ? 0 : first + shown.length - 1, beyond: asked > pages };
}

/** The refusal for a page past the last, where a client must not be given another page than it asked for. */
export function pageBeyondError(paged: Pick<Paged<unknown>, 'beyond' | 'pages'>, asked: PageAsked): BadRequestError | null {
  return paged.beyond ? new BadRequestError(`page: there ${paged.pages === 1 ? 'is 1 page' : `are ${paged.pages} pages`}, so there is no page ${asked}`) : null;
}

/**
 * The page numbers a pagination component links (GOV.UK Design System, pagination: "1 … 6 [7] 8 … 42"): the first,
 * the last, the current and its neighbours; `null` stands for the pages left out, where more than one is (a single
 * page left out is shown rather than an ellipsis in its place).
 */
export function pageNumbersShown(current: number, pages: number): (number | null)[] {
  const wanted = [...new Set([1, current - 1, current, current + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const shown: (number | null)[] = [];
  let previous = 0;
  for (const n of wanted) {
    if (n - previous === 2) shown.push(n - 1);
    else if (n - previous > 2) shown.push(null);
    shown.push(n);
    previous = n;
  }
  return shown;
}
