import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * A walk through every kind of page a reader can reach by following links (issue 19.8's acceptance: axe passes on every
 * page at 320 px and 1280 px wide, and no page scrolls sideways outside a table's container at 320 px). Pages are
 * reached as a reader reaches them, from the home page, so a new page is checked without a test naming it; one page
 * of each kind is visited (one school stands for every school, one indicator for every indicator).
 */

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What the walk found wrong on one page at one width, or nothing. */
export type PageProblem = Readonly<{ url: string; width: number; problem: string }>;

/**
 * The kind of page an address is: its path with identifiers generalised (a segment holding a digit, or the one after
 * `indicators`, `targets` or `users`, which name an indicator or target by a slug); a page's query (a filter, a year, a page
 * number) does not make another kind.
 */
export function pageKind(url: URL): string {
  const segments = url.pathname.split('/');
  const path = segments
    .map((segment, i) => (/\d/.test(segment) || ['indicators', 'targets', 'users'].includes(segments[i - 1] ?? '') ? ':id' : segment))
    .join('/');
  return path;
}

/** Links worth following: same site, an HTML page (not a download, the API, a file or an asset). */
function followable(href: URL, base: URL): boolean {
  if (href.origin !== base.origin) return false;
  if (/^\/(api|assets|stylesheets|javascripts)\b/.test(href.pathname)) return false;
  if (/\.(csv|xlsx|pdf|json|zip|txt)$/.test(href.pathname)) return false;
  if (href.searchParams.has('download')) return false;
  return true;
}

/**
 * The links of a page's HTML as a browser resolves them (`a[href]` without `download`), without the fragment. Waymark's
 * templates write every attribute in double quotes and escape `&` in addresses as `&amp;`.
 */
export function linksIn(html: string, page: URL): URL[] {
  const links: URL[] = [];
  for (const [tag] of html.matchAll(/<a\s[^>]*>/g)) {
    if (/\sdownload(\s|=|>|\/)/.test(tag)) continue;
    const href = /\shref="([^"]*)"/.exec(tag)?.[1];
    if (href === undefined) continue;
    const decoded = href.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
    const link = new URL(decoded, page);
    link.hash = '';
    links.push(link);
  }
  return links;
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map(
      (v) =>
        `axe ${v.id} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 2)
          .join(', ')})`,
    );
  });
}

/** Elements that reach past the viewport's right edge outside a table's scrolling container. */
async function sideways(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const wide = Array.from(document.querySelectorAll('body *')).filter(
      (el) => el.getBoundingClientRect().right > width + 1 && el.closest('.waymark-table-scroll') === null,
    );
    // The innermost ones say where the problem is.
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    return [
      `scrolls sideways (${document.documentElement.scrollWidth} px): ${innermost
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
        .join(', ')}`,
    ];
  });
}

/**
 * Visits one page of each kind reachable from `start`, checking at 1280 px and 320 px wide each kind not in `seen` (at
 * most `limit`; it adds them to `seen`); returns the kinds checked and every problem found.
 */
export async function walkPages(
  page: Page,
  start: string,
  seen: Set<string>,
  limit: number,
  skip: (url: URL) => boolean = () => false,
): Promise<{ visited: string[]; problems: PageProblem[] }> {
  const base = new URL(start);
  const queue: URL[] = [base];
  const visited: string[] = [];
  const problems: PageProblem[] = [];
  const read = new Set<string>();
  while (queue.length > 0 && visited.length < limit) {
    const url = queue.shift()!;
    const kind = pageKind(url);
    // A kind checked before (in this walk or an earlier one, as another reader) is only read for its links, once a walk:
    // a signed-in reader reaches their own pages through pages the public also sees.
    const check = !seen.has(kind);
    if (read.has(kind) || skip(url)) continue;
    read.add(kind);
    seen.add(kind);
    if (!check) {
      // Read for its links only: fetched with the reader's cookies and its links taken from the HTML the server rendered,
      // without the browser rendering it again (the walk's page reads were most of its navigations).
      const response = await page.request.get(url.href);
      if (!String(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
      for (const href of linksIn(await response.text(), new URL(response.url()))) if (followable(href, base) && !read.has(pageKind(href))) queue.push(href);
      continue;
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    const response = await page.goto(url.href);
    if (response === null || !String(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
    visited.push(`${url.pathname}${url.search}`);
    if (response.status() !== 200) problems.push({ url: url.href, width: 1280, problem: `status ${response.status()}` });
    for (const problem of await axeViolations(page)) problems.push({ url: url.href, width: 1280, problem });
    const links = await page.locator('a[href]:not([download])').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of links) {
      const next = new URL(href);
      next.hash = '';
      if (followable(next, base) && !read.has(pageKind(next))) queue.push(next);
    }
    await page.setViewportSize({ width: 320, height: 900 });
    for (const problem of [...(await sideways(page)), ...(await axeViolations(page))]) problems.push({ url: url.href, width: 320, problem });
  }
  return { visited, problems };
}
