import type { FileIssue } from '../../domain/errors.ts';
import { cmeCaseListColumns } from '../../domain/casework/cme-referral.ts';
import { asWrittenByWaymark, readCsvBytes } from '../csv-table.ts';

/**
 * An LA's existing list of children missing education cases, as CSV (one row per case, its latest episode): the columns
 * Waymark's own export writes, so an export loads back into another Waymark. Read here; each row's fields are checked
 * by the CME service against the same rules as the referral form.
 */

export type CmeCaseListRow = Readonly<{ line: number; values: Readonly<Record<(typeof cmeCaseListColumns)[number], string>> }>;

/** The file's rows, or what is wrong with the file as a whole (encoding, CSV syntax, missing columns). */
export function readCmeCaseList(file: string, bytes: Uint8Array): { rows: CmeCaseListRow[] } | { issues: FileIssue[] } {
  const read = readCsvBytes(file, bytes, 'utf-8');
  if (!read.ok) return { issues: read.issues };
  const header = read.table.header.map((h) => h.trim().toLowerCase());
  const missing = cmeCaseListColumns.filter((c) => !header.includes(c));
  if (missing.length > 0)
    return { issues: [{ file, line: 1, column: null, message: `the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` }] };
  if (read.table.rows.length === 0) return { issues: [{ file, line: 2, column: null, message: 'no cases: the file has a header and no rows' }] };
  return {
    rows: asWrittenByWaymark(read.table).rows.map((r) => ({
      line: r.line,
      values: Object.fromEntries(cmeCaseListColumns.map((c) => [c, r.cells[header.indexOf(c)] ?? ''])) as CmeCaseListRow['values'],
    })),
  };
}
