import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { tableCsv, tableXlsx, type DownloadFormat } from '../presentation/download-table.ts';
import { pageTables } from '../presentation/page-tables.ts';
import { withScrollingTables } from '../presentation/scrolling-tables.ts';

/**
 * Every table a page shows can be downloaded as CSV and XLSX (issue 19.3), from the page itself: the same address with
 * `download=csv` (or `xlsx`) and `table=N` (the Nth downloadable table, from 1) runs the page's route as any request
 * does (its access check, its disclosure, its audit) and answers with that table instead of the page. So a download can
 * never show more than the page does. A page's HTML gets a "Download this table" line under each such table; a table
 * with a download of its own names it in `data-csv` and `data-xlsx` (the indicator page's LA table), one with a file in
 * the DfE's open-data layout names it in `data-open-data` (the line then offers it as a third download), and a
 * table marked `data-no-download` (a form laid out as a table, the cookie list) gets none. Every table is then put in
 * a container it scrolls in (withScrollingTables), so no page scrolls sideways on a narrow screen.
 */
const formats = new Set<string>(['csv', 'xlsx']);
const mark = Symbol('table download');

type Marked = FastifyRequest & { [mark]?: Readonly<{ format: DownloadFormat; table: number }> };

export function registerTableDownloads(app: FastifyInstance): void {
  app.addHook('onRequest', (request: Marked, _reply, done) => {
    markDownload(request);
    done();
  });

  app.addHook('onSend', async (request: Marked, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    const wanted = request[mark];
    // The download line goes after each table, outside the container the table then scrolls in.
    if (wanted === undefined) return withScrollingTables(withDownloadLinks(payload, request.url));
    return download(reply, payload, wanted, request.url);
  });
}

/** Mark a GET for a page's table as a download (`download=csv|xlsx`, `table=N`), taking both off what the route reads. */
function markDownload(request: Marked): void {
  if (request.method !== 'GET' || request.url.startsWith('/api/')) return;
  const query = request.query as Record<string, unknown>;
  const format = query.download;
  if (typeof format !== 'string' || !formats.has(format)) return;
  const table = Number(query.table ?? '1');
  request[mark] = { format: format as DownloadFormat, table: Number.isInteger(table) && table >= 1 && table <= 100 ? table : 0 };
  // The route reads its own parameters only: these two are the download's.
  delete query.download;
  delete query.table;
}

async function download(reply: FastifyReply, html: string, wanted: Readonly<{ format: DownloadFormat; table: number }>, url: string): Promise<string | Buffer> {
  const table = pageTables(html)[wanted.table - 1];
  if (table === undefined) {
    reply.code(404).header('content-type', 'text/plain; charset=utf-8');
    return `This page has no table ${wanted.table}.\n`;
  }
  const name = `${
    url
      .split('?')[0]!
      .replace(/^\/+/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-') || 'home'
  }-table-${wanted.table}`;
  reply.header('content-disposition', `attachment; filename="${name}.${wanted.format}"`);
  if (wanted.format === 'csv') {
    reply.header('content-type', 'text/csv; charset=utf-8');
    return tableCsv(table);
  }
  reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return Buffer.from(await tableXlsx(table));
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The page with a download line after each downloadable table, numbered in page order as `pageTables` reads them. The
 * tables are found by their opening tags; Waymark's pages never nest one table in another.
 */
export function withDownloadLinks(html: string, url: string): string {
  const [path, query = ''] = url.split('?') as [string, string?];
  const params = new URLSearchParams(query);
  params.delete('download');
  params.delete('table');
  let n = 0;
  return html.replace(/<table\b([^>]*)>([\s\S]*?)<\/table>/g, (whole, attributes: string) => {
    if (!/class="[^"]*\bgovuk-table\b/.test(attributes) || /\bdata-no-download\b/.test(attributes)) return whole;
    n++;
    const hrefOf = (format: DownloadFormat) => {
      const own = new RegExp(`\\bdata-${format}="([^"]*)"`).exec(attributes)?.[1];
      if (own !== undefined) return own;
      const p = new URLSearchParams(params);
      p.set('download', format);
      p.set('table', String(n));
      return escapeAttribute(`${path}?${p.toString()}`);
    };
    // A table with an open-data file of its own (the DfE's layout, data.csv and meta.csv in a ZIP) names it in data-open-data.
    const openData = /\bdata-open-data="([^"]*)"/.exec(attributes)?.[1];
    const links =
      openData === undefined
        ? `<a class="govuk-link" href="${hrefOf('csv')}" download>CSV</a> or <a class="govuk-link" href="${hrefOf('xlsx')}" download>Excel (XLSX)</a>`
        : `<a class="govuk-link" href="${hrefOf('csv')}" download>CSV</a>, <a class="govuk-link" href="${hrefOf('xlsx')}" download>Excel (XLSX)</a> or <a class="govuk-link" href="${openData}" download>open data (ZIP with meta.csv)</a>`;
    return `${whole}\n<p class="govuk-body-s waymark-table-download">Download this table: ${links}</p>`;
  });
}
