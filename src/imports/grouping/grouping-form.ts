import type { FileIssue } from '../../domain/errors.ts';
import type { ImportFile } from '../../domain/import-file.ts';
import { readCsvBytes } from '../csv-table.ts';
import { groupingFile } from './grouping-file.ts';

/**
 * A collaboration defined through the form: its code, name and members, one per line as `URN, valid from, valid to`
 * (dates yyyy-mm-dd, blank for open-ended). The form is read as the grouping file it stands for, through the same
 * checks; problems name the line of the members list they are on.
 */
export function groupingFromForm(code: string, name: string, members: string): { ok: true; file: ImportFile } | { ok: false; issues: FileIssue[] } {
  const label = `collaboration form (${code.trim() || 'no code'})`;
  const lines = members.split(/\r?\n/).map((l) => l.trim());
  if (lines.every((l) => l === ''))
    return { ok: false, issues: [{ file: label, line: null, column: 'Members', message: 'list at least one school (its URN)' }] };
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const rows = lines.map((l) => {
    if (l === '') return '';
    const [urn = '', from = '', to = ''] = l.split(',').map((c) => c.trim());
    return [urn, code.trim(), name.trim(), from, to].map(quote).join(',');
  });
  const csv = ['URN,Group code,Group name,Valid from,Valid to', ...rows].join('\n') + '\n';
  const read = readCsvBytes(label, new TextEncoder().encode(csv), 'utf-8');
  if (!read.ok) return read;
  const parsed = groupingFile.parse(read.table);
  // Line 2 of the file is line 1 of the members list.
  const issues = parsed.issues.map((i) => ({
    ...i,
    line: i.line === null ? null : i.line - 1,
    column: i.column === 'URN' || i.column?.startsWith('Valid') ? `Members (${i.column})` : i.column,
  }));
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    file: {
      file: label,
      path: label,
      hash: read.table.hash,
      encoding: 'UTF-8',
      rowCount: read.table.rows.length,
      skipped: 0,
      notes: ['entered through the collaboration form'],
      format: 'grouping-file',
      records: parsed.records,
    },
  };
}
