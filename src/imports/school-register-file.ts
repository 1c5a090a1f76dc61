import type { FileIssue } from '../domain/errors.ts';
import type { SchoolRecord } from '../domain/geography/register.ts';
import type { SchoolFileSummary } from '../domain/import-file.ts';
import type { CsvRow, CsvTable, CsvText } from './csv-table.ts';
import { findDuplicates, type Screened } from './row-schema.ts';

/** A register file of schools (the performance tables' spine, GIAS establishments): its rows screened a chunk at a time. */
export type SchoolFormat = Readonly<{
  /** A problem of the header alone (a column the format reads that it lacks), which refuses the file before its rows. */
  headerIssue: (file: string, header: readonly string[]) => FileIssue | null;
  /** A chunk of rows: its schools, its rows' problems and the rows the format leaves out on purpose. */
  screen: (chunk: CsvTable) => Screened<SchoolRecord> & { skipped: number };
}>;

/**
 * A file of schools screened as it streams in (issue 20.5): every row read through its format, its problems found, its
 * skipped rows counted, a URN given twice refused naming both lines, and of the schools only the LAs and districts they
 * name kept (SchoolFileSummary). `records` reads the file again, `chunkRows` rows at a time, for the writer; a file
 * that is no longer the one screened ends that pass with an issue in the `issues` it is given.
 *
 * A file CSV cannot read (a row it cannot parse, a byte that is not UTF-8) is refused for that alone, as the whole-file
 * reader refuses it before a row is screened; a problem of the header (line 1: a row is never on it) refuses it alone,
 * as it does; otherwise the rows' problems in line order, then every repeated URN.
 */
export async function screenSchoolFile(
  text: CsvText,
  format: SchoolFormat,
  chunkRows = 1_000,
): Promise<{
  issues: FileIssue[];
  skipped: number;
  rowCount: number;
  summary: SchoolFileSummary;
  records: (issues: FileIssue[]) => AsyncGenerator<readonly SchoolRecord[]>;
}> {
  const chunkOf = (rows: readonly CsvRow[]): CsvTable => ({ file: text.file, hash: text.hash, encoding: text.encoding, header: text.header, rows });
  const csvIssues: FileIssue[] = [];
  const rowIssues: FileIssue[] = [];
  const repeats: FileIssue[] = [];
  const firstLines = new Map<string, number>();
  const las = new Map<string, { line: number; name: string | null }>();
  const districts = new Map<string, { name: string; laCode: string }>();
  let skipped = 0;
  let rowCount = 0;
  const records = async function* (passIssues: FileIssue[]): AsyncGenerator<readonly SchoolRecord[]> {
    // The rows screened, read again: a file changed since it was screened adds its issues to `passIssues`.
    for await (const rows of text.rows(passIssues, chunkRows)) {
      const screened = format.screen(chunkOf(rows));
      passIssues.push(...screened.issues);
      yield screened.records;
    }
  };
  let ofHeader = format.headerIssue(text.file, text.header);
  for await (const rows of text.rows(csvIssues, chunkRows)) {
    rowCount += rows.length;
    if (ofHeader !== null) continue;
    const screened = format.screen(chunkOf(rows));
    ofHeader = screened.issues.find((i) => i.line === 1) ?? null;
    rowIssues.push(...screened.issues);
    skipped += screened.skipped;
    repeats.push(...findDuplicates(text.file, screened.records, (r) => r.urn, 'URN', 'URN', firstLines));
    for (const r of screened.records) {
      const code = r.attributes.laCode;
      las.set(code, { line: las.get(code)?.line ?? r.line, name: r.laName });
      if (r.district !== null) districts.set(r.district.code, { name: r.district.name, laCode: code });
    }
  }
  const issues = csvIssues.length > 0 ? csvIssues : ofHeader !== null ? [ofHeader] : [...rowIssues, ...repeats];
  return { issues, skipped, rowCount, summary: { las, districts }, records };
}
