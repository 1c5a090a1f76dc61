import { senCaseListColumns, type SenCaseListValues } from '../../domain/casework/ehc-case-list.ts';
import type { FileIssue } from '../../domain/errors.ts';
import { asWrittenByWaymark, readCsvBytes } from '../csv-table.ts';

/**
 * An LA's existing list of EHC needs assessment cases, as CSV (UTF-8, with or without a byte-order mark; one row per
 * request): the columns Waymark's own export writes (senCaseListColumns), so an export loads back. Read here; each
 * row's fields are checked by the SEN service against the same rules as the forms (ehc-case-list.ts).
 */
export type SenCaseListRow = Readonly<{ line: number; values: SenCaseListValues }>;

/** The file's rows, or what is wrong with the file as a whole (encoding, CSV syntax, missing or unknown columns). */
export function readSenCaseList(file: string, bytes: Uint8Array): { rows: SenCaseListRow[]; hash: string } | { issues: FileIssue[] } {
  const read = readCsvBytes(file, bytes, 'utf-8');
  if (!read.ok) return { issues: read.issues };
  const header = read.table.header.map((h) => h.trim().toLowerCase());
  const missing = senCaseListColumns.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(senCaseListColumns as readonly string[]).includes(h));
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  const issues: FileIssue[] = [];
  const plural = (n: number) => (n > 1 ? 's' : '');
  if (missing.length > 0) issues.push({ file, line: 1, column: null, message: `the header lacks the column${plural(missing.length)} ${missing.join(', ')}` });
  // A column the list does not have would be dropped unread: refused, so nothing the LA holds is lost without a word.
  if (unknown.length > 0)
    issues.push({
      file,
      line: 1,
      column: null,
      message: `the header has the column${plural(unknown.length)} ${unknown.join(', ')}, not one of the case list's`,
    });
  if (repeated.length > 0) issues.push({ file, line: 1, column: repeated[0]!, message: 'the header names this column twice' });
  if (issues.length > 0) return { issues };
  return {
    hash: read.table.hash,
    rows: asWrittenByWaymark(read.table).rows.map((r) => ({
      line: r.line,
      values: Object.fromEntries(senCaseListColumns.map((c) => [c, r.cells[header.indexOf(c)] ?? ''])) as SenCaseListValues,
    })),
  };
}
