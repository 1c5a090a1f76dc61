import type { FileIssue } from './errors.ts';
import { isControl } from './errors.ts';
import type {
  AreaNameRecord,
  GroupingRecord,
  GroupMembershipRecord,
  LaRecord,
  NeighbourListRecord,
  PostcodeRecord,
  SchoolRecord,
  SuccessionRecord,
} from './geography/register.ts';
import type { BirthRecord } from './indicators/births.ts';
import type { LaitMeasureRecord, LaitSummary, LaitValueRecord } from './indicators/lait.ts';
import type { PublishedValueRecord } from './indicators/published-values.ts';
import type { PlaceKind } from './geography/place.ts';
import type { InspectionRecord } from './schools/inspection.ts';

/** `skipped`: rows the format leaves out on purpose (each reason is in `notes`). */
type FileFacts = Readonly<{ file: string; path: string; hash: string; encoding: string; rowCount: number; skipped: number; notes: readonly string[] }>;

/** A file read and screened, ready to write: its facts for the import batch and its records. */
export type ImportFile = FileFacts &
  (
    | { format: 'la-code-list'; records: readonly LaRecord[] }
    | {
        format: 'performance-tables-spine' | 'gias-establishments';
        /** What the file names, seen when it was screened; `records` reads it again a chunk at a time (issue 20.5). */
        summary: SchoolFileSummary;
        records: (issues: FileIssue[]) => AsyncIterable<readonly SchoolRecord[]>;
      }
    | { format: 'codepoint-code-names'; records: readonly AreaNameRecord[] }
    | {
        format: 'codepoint-postcodes';
        /** The counties the file names, each with the first line naming it; `records` reads the file again a chunk at a time. */
        counties: ReadonlyMap<string, number>;
        records: (issues: FileIssue[]) => AsyncIterable<readonly PostcodeRecord[]>;
      }
    | { format: 'gias-links'; records: readonly SuccessionRecord[] }
    | { format: 'gias-group-links'; records: readonly GroupMembershipRecord[] }
    | { format: 'grouping-file'; records: readonly GroupingRecord[] }
    | { format: 'statistical-neighbours'; records: readonly NeighbourListRecord[] }
    | { format: 'lait-dictionary'; records: readonly LaitMeasureRecord[] }
    | {
        format: 'lait-data';
        /** What the file names, read when it was screened; `records` gives its values a chunk at a time (issue 20.5). */
        summary: LaitSummary;
        records: () => Iterable<readonly LaitValueRecord[]>;
      }
    | {
        format: 'ofsted-inspection-outcomes' | 'ofsted-ratings-history' | 'ofsted-management-information';
        /** The file read again a chunk at a time (issue 20.5). */
        records: (issues: FileIssue[]) => AsyncIterable<readonly InspectionRecord[]>;
      }
    | { format: 'ons-births'; records: readonly BirthRecord[] }
    | {
        format: 'mapped-csv';
        mapping: string;
        /**
         * What the file gives, seen when it was screened; `records` reads it again a chunk at a time (issue 20.5),
         * and a file no longer the one screened ends that pass with an issue in the `issues` it is given.
         */
        summary: MappedSummary;
        records: (issues: FileIssue[]) => AsyncIterable<readonly PublishedValueRecord[]>;
      }
    | { format: EmploymentFormat; records: readonly PublishedValueRecord[] }
  );

/**
 * The LAs a file of schools names, in the order it first names them (the line of the first school of each and the name
 * its last school gives it), and the districts GIAS places its schools in (the name and LA its last school gives each).
 */
export type SchoolFileSummary = Readonly<{
  las: ReadonlyMap<string, Readonly<{ line: number; name: string | null }>>;
  districts: ReadonlyMap<string, Readonly<{ name: string; laCode: string }>>;
}>;

/** The indicators (each with the first line giving it), periods and kinds of place a mapped file gives figures for. */
export type MappedSummary = Readonly<{ indicators: ReadonlyMap<string, number>; periods: ReadonlySet<string>; placeKinds: ReadonlySet<PlaceKind> }>;

/** Files of youth employment, skills and apprenticeships (targets 35-39, 47), read into figures as published files are. */
export type EmploymentFormat =
  'nomis-claimant-count' | 'la-apprentice-return' | 'school-apprenticeship-survey' | 'fe-skills-starts' | 'la-supported-employment-return';
export const employmentFormats: readonly EmploymentFormat[] = [
  'nomis-claimant-count',
  'la-apprentice-return',
  'school-apprenticeship-survey',
  'fe-skills-starts',
  'la-supported-employment-return',
];

export function isEmploymentFile(file: ImportFile): file is Extract<ImportFile, { format: EmploymentFormat }> {
  return (employmentFormats as readonly string[]).includes(file.format);
}

/** The order files of one import are written in: LAs before schools, schools before their links, measures before values. */
export const importWriteOrder: readonly ImportFile['format'][] = [
  'la-code-list',
  'performance-tables-spine',
  'gias-establishments',
  'codepoint-code-names',
  'codepoint-postcodes',
  'gias-links',
  'gias-group-links',
  'grouping-file',
  'statistical-neighbours',
  'lait-dictionary',
  'lait-data',
  'ofsted-inspection-outcomes',
  'ofsted-management-information',
  'ofsted-ratings-history',
  'ons-births',
  'mapped-csv',
  ...employmentFormats,
];

/** The format an import batch records: mapped files name their mapping. */
export function batchFormat(file: ImportFile): string {
  return file.format === 'mapped-csv' ? `mapped-csv:${file.mapping}` : file.format;
}

/**
 * Why a file's name cannot be an import batch's name, or null. The name is printed by `waymark batches` and shown on
 * pages: a newline would split a batch over two lines and a terminal escape (ESC, CSI) would drive the terminal
 * (issue 12, item 7), so a name holding a control character (C0, DEL or C1) is refused and the file must be renamed.
 */
export function fileNameProblem(name: string): string | null {
  if (![...name].some(isControl)) return null;
  return 'the file name holds a control character (a newline or a terminal escape): rename the file and import it again';
}

/** A file whose bytes are no longer those an earlier pass over it read. */
export const changedWhileRead = 'the file changed while it was read: import it again once it is saved';

/**
 * How much of a file an import reads: `maxBytes` bounds the file and what a gzip file expands to (the largest real file,
 * lait/bds_long_all_las.csv.gz, expands to 40.6 MB; issue 12 saw a 1.7 MB gzip bomb reach 2.96 GB), `maxFieldChars` a
 * single field (the longest real field, a description in lait/lait_data_dictionary.csv, is 3,003 characters) and
 * `maxRowChars` a whole row.
 */
export type ReadLimits = Readonly<{ maxBytes: number; maxFieldChars: number; maxRowChars: number }>;

export const defaultReadLimits: ReadLimits = { maxBytes: 256 * 1024 * 1024, maxFieldChars: 10_000, maxRowChars: 1_000_000 };

/** The first line (1-based) and character of the line at which `text` holds `index`, as an editor shows them. */
export function lineAndCharacter(text: string, index: number): { line: number; character: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: index - lineStart + 1 };
}

/**
 * Reads one published file from disk as an import would (recognised by its header, through its mapping), writing
 * nothing: handed to the services by the composition root, so a demo step can import the files it makes.
 */
export type ReadPublishedFile = (filePath: string) => Promise<Readonly<{ ok: true; file: ImportFile }> | Readonly<{ ok: false; issues: readonly FileIssue[] }>>;

/** An earlier import batch as the unchanged-file rule reads it (migration 0030). */
export type EarlierBatch = Readonly<{
  id: number;
  hash: string;
  format: string;
  /** The reader that read it: Waymark's version and the mappings and options it read with; null before migration 0030. */
  reader: string | null;
  /** The data version its import committed, when that import was the only change committed while it ran; else null. */
  versionAfter: bigint | null;
}>;

/**
 * The batch that already holds a file, so that importing it again need not read it (issue 20.3), or null. Importing is
 * idempotent: a file written again over the store its own import left writes nothing. So a file need not be read when
 * the store holds a batch of the same bytes (SHA-256), read by the same reader (a parser, mapping or option changed
 * since must read it again), whose import was the last change committed to the store (the data version, migration
 * 0028, is the one that import left: no file, compute, casework or catalogue change since could make reading it
 * again write something). Any doubt reads the file: a batch from before the reader was recorded, or whose import ran
 * beside another change, is never the holder.
 */
export function heldBatch<B extends EarlierBatch>(hash: string, reader: string, version: bigint, batches: readonly B[]): B | null {
  const holders = batches.filter((b) => b.hash === hash && b.reader === reader && b.versionAfter !== null && b.versionAfter === version);
  return holders.reduce<B | null>((latest, b) => (latest === null || b.id > latest.id ? b : latest), null);
}

/** Where a batch's format (`mapped-csv:<mapping>` for a mapped file) comes in the write order of one import. */
function writeRank(format: string): number {
  const rank = importWriteOrder.indexOf((format.startsWith('mapped-csv:') ? 'mapped-csv' : format) as ImportFile['format']);
  return rank === -1 ? importWriteOrder.length : rank;
}

/**
 * Which of one import's files must be read, given the batch that holds each (null: not held; a held file's format is
 * its batch's) and the batches of the last import, the one whose commit the store's data version is (ids ascending:
 * the order it wrote them). Returns, for each file in the order given, whether it must be read.
 *
 * Files are written in write order (ties in the order given). A held file stays unread only while every file written
 * before it is held too: a file read and written first may change the store the held one was written over. And the
 * files left held must be the last import's final files, in its order: a file that import wrote before another that
 * overwrote some of its figures (two releases of one table; an LA renamed by a later file) would, read again alone,
 * put its own back. Otherwise every held file is read.
 */
export function filesToRead(files: readonly Readonly<{ format: string; heldBy: number | null }>[], lastImport: readonly number[]): boolean[] {
  const order = files.map((f, i) => ({ ...f, i })).sort((a, b) => writeRank(a.format) - writeRank(b.format) || a.i - b.i);
  const read = files.map((f) => f.heldBy === null);
  let changed = false;
  for (const f of order) {
    if (f.heldBy === null) changed = true;
    else if (changed) read[f.i] = true;
  }
  const held = order.filter((f) => !read[f.i]).map((f) => f.heldBy!);
  const last = lastImport.slice(lastImport.length - held.length);
  const isItsEnd = last.length === held.length && last.every((id, k) => id === held[k]);
  return isItsEnd ? read : files.map(() => true);
}
