import type { FileIssue } from '../domain/errors.ts';
import type { CsvRow, CsvTable, CsvText } from './csv-table.ts';

/** What a chunk of a file's rows shares with the file: its name, hash, encoding and header. */
export type TableHead = Omit<CsvTable, 'rows'>;

/**
 * A format's rule over a file's rows a chunk at a time (issue 20.5): `read` takes each chunk in the file's order, then
 * `finish` gives what the whole file gave. A file read as one chunk gives what it gives read in many.
 */
export type ChunkReader<P> = Readonly<{ read: (chunk: CsvTable) => undefined; finish: () => P }>;

/**
 * A format whose writer takes its records a chunk at a time (issue 20.5): `read` gives the records a chunk's rows make,
 * each decided by the rows before it (a repeat of an earlier row left out, say); `finish` gives the file's problems and
 * counts. The file is read through one such reader to screen it, and through a second to write it.
 */
export type RecordReader<R, P extends { issues: FileIssue[] }> = Readonly<{ read: (chunk: CsvTable) => readonly R[]; finish: () => P }>;

/** A record reader's records gathered, for a table held whole (a format's `parse`). */
export function gathered<R, P extends { issues: FileIssue[] }>(reader: RecordReader<R, P>): ChunkReader<P & { records: R[] }> {
  const records: R[] = [];
  return {
    read: (chunk) => {
      for (const r of reader.read(chunk)) records.push(r);
    },
    finish: () => ({ ...reader.finish(), records }),
  };
}

/**
 * A file streamed through a format's record reader to screen it: its problems, counts and rows, with `seen` shown each
 * chunk's records (to keep what the writer needs to know before it writes, such as the first line naming each county),
 * and `records` to read it again for the writer, `chunkRows` rows at a time. A file no longer the one screened ends that
 * pass with its issues in the `issues` it is given.
 */
export async function screenRecords<R, P extends { issues: FileIssue[] }>(
  text: CsvText,
  reader: () => RecordReader<R, P>,
  seen: (records: readonly R[]) => void = () => {},
  chunkRows = 1_000,
): Promise<{ ok: true; parsed: P; rowCount: number; records: (issues: FileIssue[]) => AsyncGenerator<readonly R[]> } | { ok: false; issues: FileIssue[] }> {
  const { file, hash, encoding, header } = text;
  const chunkOf = (rows: readonly CsvRow[]): CsvTable => ({ file, hash, encoding, header, rows });
  const screening = reader();
  const screen = await readInChunks(
    text,
    {
      read: (chunk) => {
        seen(screening.read(chunk));
      },
      finish: () => screening.finish(),
    },
    chunkRows,
  );
  if (!screen.ok) return screen;
  if (screen.parsed.issues.length > 0) return { ok: false, issues: screen.parsed.issues };
  const records = async function* (issues: FileIssue[]): AsyncGenerator<readonly R[]> {
    const again = reader();
    for await (const rows of text.rows(issues, chunkRows)) yield again.read(chunkOf(rows));
    if (issues.length === 0) issues.push(...again.finish().issues);
  };
  return { ok: true, parsed: screen.parsed, rowCount: screen.rowCount, records };
}

/**
 * A rule that needs every row at once, for a file whose size is bounded by what it lists (the LAs and their
 * neighbours, LAIT's measures, an LA's own returns and groupings): its rows are held, then read whole.
 */
export function wholeTable<P>(head: TableHead, parse: (table: CsvTable) => P): ChunkReader<P> {
  const rows: CsvRow[] = [];
  return {
    read: (chunk) => {
      for (const row of chunk.rows) rows.push(row);
    },
    finish: () => parse({ ...head, rows }),
  };
}

/** A table held whole, read by a format's chunk reader as one chunk. */
export function readWhole<P>(table: CsvTable, reader: (head: TableHead) => ChunkReader<P>): P {
  const read = reader(table);
  read.read(table);
  return read.finish();
}

/**
 * A file streamed through a format's chunk reader, `chunkRows` rows at a time. A file CSV cannot read (a row it cannot
 * parse, a byte that is not in its encoding) is refused for that alone, as the whole-file reader refuses it before a
 * format reads a row.
 */
export async function readInChunks<P>(
  text: CsvText,
  reader: ChunkReader<P>,
  chunkRows = 1_000,
): Promise<{ ok: true; parsed: P; rowCount: number } | { ok: false; issues: FileIssue[] }> {
  const { file, hash, encoding, header } = text;
  const issues: FileIssue[] = [];
  let rowCount = 0;
  for await (const rows of text.rows(issues, chunkRows)) {
    rowCount += rows.length;
    if (issues.length === 0) reader.read({ file, hash, encoding, header, rows });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, parsed: reader.finish(), rowCount };
}
