import { type FileIssue, quoted } from '../../domain/errors.ts';
import type { NeighbourListRecord } from '../../domain/geography/register.ts';
import type { CsvTable } from '../csv-table.ts';
import { hasColumns } from '../row-schema.ts';

/**
 * DfE's children's services statistical neighbours (sn_april_2021, sn_may_2025, first sheet as CSV): one row per LA
 * with SN1…SN10 (LA codes, closest first), each followed by an "SNP" closeness band. The SNP header repeats, so
 * cells are read by position. The list's version comes from the file name (sn_<month>_<year>).
 */
const closeness = ['Extremely Close', 'Very Close', 'Close', 'Somewhat close', 'Not Close'];
const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export function versionFromFileName(file: string): string | null {
  const m = /sn_([a-z]+)_(\d{4})/i.exec(file);
  const month = m === null ? -1 : months.indexOf(m[1]!.toLowerCase());
  return m === null || month < 0 ? null : `${m[2]}-${String(month + 1).padStart(2, '0')}`;
}

export const statisticalNeighbours = {
  id: 'statistical-neighbours',
  label: 'DfE statistical neighbours',
  encoding: 'utf-8',
  recognise: (header: readonly string[]) => hasColumns(header, ['LA num', 'LA Name', 'SN1', 'SNP', 'SN10']),
  parse(table: CsvTable): { records: NeighbourListRecord[]; issues: FileIssue[]; unlisted: number } {
    const issues: FileIssue[] = [];
    const version = versionFromFileName(table.file);
    if (version === null)
      return {
        records: [],
        unlisted: 0,
        issues: [
          {
            file: table.file,
            line: null,
            column: null,
            message: 'the list version comes from the file name, written sn_<month>_<year>.csv (e.g. sn_april_2021.csv)',
          },
        ],
      };
    const at = (name: string) => table.header.indexOf(name);
    const records: NeighbourListRecord[] = [];
    let unlisted = 0;
    for (const row of table.rows) {
      // The sheet separates its "Old SNs:" section (lists of abolished LAs, still read) with blank rows and a heading.
      if ((row.cells[at('LA num')] ?? '').trim() === '' && row.cells.slice(at('SN1')).every((c) => c.trim() === '')) continue;
      // LAs created after the list was made (e.g. Cumberland in the April 2021 list) have "-" for every neighbour.
      if (Array.from({ length: 10 }, (_, i) => (row.cells[at(`SN${i + 1}`)] ?? '').trim()).every((c) => c === '-')) {
        unlisted++;
        continue;
      }
      const laCode = (row.cells[at('LA num')] ?? '').trim();
      if (!/^\d{3}$/.test(laCode)) {
        issues.push({ file: table.file, line: row.line, column: 'LA num', message: `${quoted(laCode)} is not a 3-digit LA code` });
        continue;
      }
      const neighbours: NeighbourListRecord['neighbours'][number][] = [];
      for (let rank = 1; rank <= 10; rank++) {
        const column = at(`SN${rank}`);
        const code = (row.cells[column] ?? '').trim();
        const band = (row.cells[column + 1] ?? '').trim();
        if (!/^\d{3}$/.test(code)) issues.push({ file: table.file, line: row.line, column: `SN${rank}`, message: `"${code}" is not a 3-digit LA code` });
        else if (!closeness.some((c) => c.toLowerCase() === band.toLowerCase()))
          issues.push({
            file: table.file,
            line: row.line,
            column: `SNP after SN${rank}`,
            message: `unknown code: closeness ${quoted(band)} (expected ${closeness.join(', ')})`,
          });
        else neighbours.push({ rank, code, closeness: band });
      }
      records.push({ line: row.line, laCode, laName: (row.cells[at('LA Name')] ?? '').trim(), version, neighbours });
    }
    return { records, issues, unlisted };
  },
} as const;
