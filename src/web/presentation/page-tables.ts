import { parseHTML } from 'linkedom';
import type { DfeSymbol } from '../../domain/indicators/indicator.ts';
import { symbolNotes, type DownloadCell, type DownloadColumn, type DownloadTable } from './download-table.ts';

/**
 * The tables a rendered page shows, read back from its HTML for download (issue 19.3): every `table.govuk-table` not
 * marked `data-no-download`, in page order, so a download holds exactly what the page showed the reader, after
 * disclosure and within their scope, and nothing else. A column whose header is numeric (GOV.UK's
 * `govuk-table__header--numeric`) holds figures: "1,234", "−0.25" and "75%" are read as numbers at the decimals shown,
 * a DfE symbol as the symbol, a dash as blank. Charts drawn inside a cell (sparklines) are left out; their figures are
 * in the cells beside them. Each table's title is its caption, else the heading before it, else the page's.
 */
export const downloadableTables = 'table.govuk-table:not([data-no-download])';

const symbols = new Set<string>(['c', 'x', 'z', 'low']);
const blank = new Set<string>(['', '–', '-', '—']);

/** A numeric cell's text as a figure: "1,234" → 1234 (0 decimals), "−0.25" → −0.25 (2), "75.0%" → 75 (1). */
export function figureOf(text: string): DownloadCell {
  const t = text.trim();
  if (blank.has(t)) return null;
  if (symbols.has(t)) return { symbol: t as DfeSymbol };
  const match = /^([−-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?%?$/.exec(t.replace(/\u00a0/g, ' ').replace(/ /g, ''));
  if (match === null) return t;
  const [, sign, whole, fraction] = match;
  const value = Number(`${sign === '' ? '' : '-'}${whole!.replace(/,/g, '')}${fraction === undefined ? '' : `.${fraction}`}`);
  return { figure: value === 0 ? 0 : value, decimals: fraction?.length ?? 0 };
}

const textOf = (cell: Element): string => {
  const copy = cell.cloneNode(true) as Element;
  for (const chart of Array.from(copy.querySelectorAll('svg, figure, script, style'))) chart.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
};

/** Every downloadable table of a page, with the page's title for notes and for tables without a caption. */
export function pageTables(html: string): DownloadTable[] {
  const { document } = parseHTML(html);
  const pageTitle = (document.querySelector('h1')?.textContent ?? document.title ?? '').replace(/\s+/g, ' ').trim();
  return Array.from(document.querySelectorAll(downloadableTables)).map((table) => tableOf(table, pageTitle));
}

function tableOf(table: Element, pageTitle: string): DownloadTable {
  const headerRow = table.querySelector('thead tr');
  const headerCells = headerRow === null ? [] : Array.from(headerRow.querySelectorAll('th, td'));
  const bodyRows = Array.from(table.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.querySelectorAll('th, td')));
  const width = Math.max(headerCells.length, ...bodyRows.map((r) => r.length));
  const numeric = Array.from({ length: width }, (_, i) => headerCells[i]?.classList.contains('govuk-table__header--numeric') ?? false);
  const columns: DownloadColumn[] = Array.from({ length: width }, (_, i) => {
    const header = headerCells[i] === undefined ? `Column ${i + 1}` : textOf(headerCells[i]) || `Column ${i + 1}`;
    return numeric[i] ? { header, kind: 'number', decimals: null } : { header, kind: 'text' };
  });
  const rows = bodyRows.map((cells) =>
    Array.from({ length: width }, (_, i): DownloadCell => {
      const cell = cells[i];
      if (cell === undefined) return null;
      const text = textOf(cell);
      return numeric[i] || cell.classList.contains('govuk-table__cell--numeric') ? figureOf(text) : text === '' ? null : text;
    }),
  );
  return { title: titleOf(table, pageTitle), columns, rows, notes: [`From the page "${pageTitle}".`, ...symbolNotes] };
}

function titleOf(table: Element, pageTitle: string): string {
  const caption = table.querySelector('caption');
  if (caption !== null && textOf(caption) !== '') return textOf(caption);
  for (let node = table.previousElementSibling; node !== null; node = node.previousElementSibling) if (/^H[1-4]$/.test(node.tagName)) return textOf(node);
  return pageTitle;
}
