import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { csvField } from '../../domain/csv-field.ts';
import type { DfeSymbol } from '../../domain/indicators/indicator.ts';
import { symbolTitles } from './labels.ts';

/**
 * A table a page shows, as a download (issue 19.3): the same rows, figures and symbols as the page, so a download
 * discloses nothing the page does not. CSV is UTF-8 with a byte-order mark, so Excel reads names such as "Sévenoaks"
 * rightly; XLSX (exceljs) holds figures as numbers at the decimals the page shows them to, DfE symbols as text, and
 * the title, units and notes on the sheet above and below the table.
 */
/** A column of text, or of figures: at fixed decimals, or (`decimals: null`) each figure as given, where rows differ. */
export type DownloadColumn = Readonly<{ header: string; kind: 'text' }> | Readonly<{ header: string; kind: 'number'; decimals: number | null }>;

/**
 * A cell: text; a figure as shown (already rounded to the column's decimals); a figure with the decimals it was shown
 * to, where a column's figures differ (a table read back from a page); a DfE symbol; or nothing (blank).
 */
export type DownloadCell = string | number | Readonly<{ figure: number; decimals: number }> | Readonly<{ symbol: DfeSymbol }> | null;

export type DownloadTable = Readonly<{
  /** The sheet's title: what the table is, for which place and year. */
  title: string;
  columns: readonly DownloadColumn[];
  rows: readonly (readonly DownloadCell[])[];
  /** Units, sources and what the symbols mean, written under the table. */
  notes: readonly string[];
}>;

export type DownloadFormat = 'csv' | 'xlsx';

/** The meaning of each DfE symbol, for a table's notes: the words the pages' `<abbr>` titles use (labels.ts). */
export const symbolNotes: readonly string[] = Object.entries(symbolTitles).map(([symbol, meaning]) => `${symbol}: ${meaning}`);

/** A download's format from a page address ending .csv or .xlsx, with the address without it. */
export function downloadFormatOf(name: string): Readonly<{ name: string; format: DownloadFormat | null }> {
  const match = /\.(csv|xlsx)$/.exec(name);
  return match === null ? { name, format: null } : { name: name.slice(0, -match[0].length), format: match[1] as DownloadFormat };
}

const cellText = (cell: DownloadCell, column: DownloadColumn): string => {
  if (cell === null) return '';
  if (typeof cell === 'object') return 'symbol' in cell ? cell.symbol : cell.figure.toFixed(cell.decimals);
  if (typeof cell === 'number') return column.kind === 'number' && column.decimals !== null ? cell.toFixed(column.decimals) : String(cell);
  return cell;
};

/** The table as CSV: a byte-order mark, a header row and one row per table row; no title or notes (a CSV has one table). */
export function tableCsv(table: DownloadTable): string {
  const lines = [table.columns.map((c) => csvField(c.header)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c, i) => csvField(cellText(row[i] ?? null, c))).join(','));
  return `\uFEFF${lines.join('\n')}\n`;
}

/** The table as an XLSX workbook of one sheet: title, blank row, header, rows, blank row, notes. */
export async function tableXlsx(table: DownloadTable): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Table');
  sheet.addRow([table.title]).font = { bold: true, size: 14 };
  sheet.addRow([]);
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  for (const row of table.rows) {
    const added = sheet.addRow(table.columns.map((c, i) => xlsxValue(row[i] ?? null, c)));
    table.columns.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      const given = row[i] ?? null;
      const decimals = given !== null && typeof given === 'object' && 'figure' in given ? given.decimals : c.kind === 'number' ? c.decimals : null;
      if (c.kind === 'number') cell.alignment = { horizontal: 'right' };
      if (typeof cell.value === 'number' && decimals !== null) cell.numFmt = decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
    });
  }
  sheet.addRow([]);
  for (const note of table.notes) sheet.addRow([note]);
  table.columns.forEach((c, i) => {
    const longest = Math.max(c.header.length, ...table.rows.map((r) => cellText(r[i] ?? null, c).length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const xlsxValue = (cell: DownloadCell, column: DownloadColumn): string | number | null => {
  if (cell === null) return null;
  if (typeof cell === 'object') return 'symbol' in cell ? cell.symbol : cell.figure;
  if (typeof cell === 'number' && column.kind === 'text') return String(cell);
  return cell;
};

/** Send a table as a download named `filename` (without its extension). */
export async function sendTable(reply: FastifyReply, table: DownloadTable, format: DownloadFormat, filename: string): Promise<FastifyReply> {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, '-');
  if (format === 'csv')
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${safe}.csv"`).send(tableCsv(table));
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${safe}.xlsx"`)
    .send(Buffer.from(await tableXlsx(table)));
}
