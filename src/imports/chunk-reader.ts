import type { FileIssue } from '../domain/errors.ts';
import type { CsvRow, CsvTable, CsvText } from './csv-table.ts';

/** What a chunk of a file's rows shares with the file: its name, hash, encoding and header. */
export type TableHead = Omit<CsvTable, 'rows'>;

/**
 * A format's rule over a file's rows a chunk at a time (issue 20.5): `read` takes each chunk in the file's order, then
 * `finish` gives what the whole file gave. A file read as one chunk gives what it gives read in many.
 */
export type ChunkReader<P> = Readonly<{ read: (chunk: CsvTable) => void; finish: () => P }>;

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
