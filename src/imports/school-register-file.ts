import type { FileIssue } from '../domain/errors.ts';
import type { SchoolRecord } from '../domain/geography/register.ts';
import type { SchoolFileSummary } from '../domain/import-file.ts';
import type { RecordReader, TableHead } from './chunk-reader.ts';
import type { CsvTable } from './csv-table.ts';
import { findDuplicates, type Screened } from './row-schema.ts';

/** A register file of schools (the performance tables' spine, GIAS establishments): its rows screened a chunk at a time. */
export type SchoolFormat = Readonly<{
  /** A problem of the header alone (a column the format reads that it lacks), which refuses the file before its rows. */
  headerIssue: (file: string, header: readonly string[]) => FileIssue | null;
  /** A chunk of rows: its schools, its rows' problems and the rows the format leaves out on purpose. */
  screen: (chunk: CsvTable) => Screened<SchoolRecord> & { skipped: number };
}>;

/**
 * A file of schools read a chunk at a time (issue 20.5, chunk-reader.ts): each chunk's schools, a URN given twice
 * refused naming both lines. A problem of the header (line 1: a row is never on it) refuses the file alone, as when it
 * was read whole; otherwise the rows' problems in line order, then every repeated URN.
 */
export function schoolsReader(head: TableHead, format: SchoolFormat): RecordReader<SchoolRecord, { issues: FileIssue[]; skipped: number }> {
  let ofHeader = format.headerIssue(head.file, head.header);
  const rowIssues: FileIssue[] = [];
  const repeats: FileIssue[] = [];
  const firstLines = new Map<string, number>();
  let skipped = 0;
  return {
    read(chunk) {
      if (ofHeader !== null) return [];
      const screened = format.screen(chunk);
      ofHeader = screened.issues.find((i) => i.line === 1) ?? null;
      if (ofHeader !== null) return [];
      rowIssues.push(...screened.issues);
      skipped += screened.skipped;
      repeats.push(...findDuplicates(head.file, screened.records, (r) => r.urn, 'URN', 'URN', firstLines));
      return screened.records;
    },
    finish: () => ({ issues: ofHeader !== null ? [ofHeader] : [...rowIssues, ...repeats], skipped }),
  };
}

/**
 * What the writer must know of a file of schools before it writes one (SchoolFileSummary), gathered as the file is
 * screened: each LA's first line and the name its last school gives it, each district's name and LA as its last
 * school gives them.
 */
export function schoolFileSummary(): { summary: SchoolFileSummary; seen: (records: readonly SchoolRecord[]) => void } {
  const las = new Map<string, { line: number; name: string | null }>();
  const districts = new Map<string, { name: string; laCode: string }>();
  const seen = (records: readonly SchoolRecord[]) => {
    for (const r of records) {
      const code = r.attributes.laCode;
      las.set(code, { line: las.get(code)?.line ?? r.line, name: r.laName });
      if (r.district !== null) districts.set(r.district.code, { name: r.district.name, laCode: code });
    }
  };
  return { summary: { las, districts }, seen };
}
