import { csvFieldText } from '../domain/csv-field.ts';
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { FileIssue } from '../domain/errors.ts';
import { changedWhileRead, defaultReadLimits, fileNameProblem, lineAndCharacter, type ReadLimits } from '../domain/import-file.ts';

/** A CSV file read whole: header, rows with the line each starts on, and the facts an import batch records. */
export type CsvTable = Readonly<{
  file: string;
  hash: string;
  encoding: 'UTF-8' | 'Windows-1252';
  header: readonly string[];
  rows: readonly CsvRow[];
}>;

/** `values` by header name; `cells` by position, for files that repeat a header name (LAIT's neighbour lists repeat SNP). */
export type CsvRow = Readonly<{ line: number; values: Readonly<Record<string, string>>; cells: readonly string[] }>;

export type Encoding = 'utf-8' | 'utf-8-or-windows-1252';

export type ReadResult = { ok: true; table: CsvTable } | { ok: false; issues: FileIssue[] };

export const megabytes = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${Math.round(bytes / 1024 / 1024)} MB`);

/**
 * Read a file as a CSV table. Only a regular file is read: a FIFO, socket, device or folder is refused before a byte
 * is read (it is opened without blocking, so a FIFO with no writer cannot hang the import). The file is streamed in
 * and refused once it passes `limits.maxBytes`; so is what a gzip file expands to.
 */
export async function readCsvFile(filePath: string, encoding: Encoding = 'utf-8', limits: ReadLimits = defaultReadLimits): Promise<ReadResult> {
  const read = await readFileBytes(filePath, limits);
  return read.ok ? readCsvBytes(path.basename(filePath), read.bytes, encoding, limits) : read;
}

/**
 * The SHA-256 of a file's bytes, as its import batch records it (readCsvBytes), read as an import reads it and
 * refused as it would be: what `waymark import` checks before reading a file the store may already hold. The bytes
 * stream through the hash, never held.
 */
export async function hashFile(
  filePath: string,
  limits: ReadLimits = defaultReadLimits,
): Promise<{ ok: true; hash: string } | { ok: false; issues: FileIssue[] }> {
  const hash = createHash('sha256');
  const read = await eachChunk(filePath, limits, (chunk) => hash.update(chunk));
  return read.ok ? { ok: true, hash: hash.digest('hex') } : read;
}

export async function readFileBytes(filePath: string, limits: ReadLimits): Promise<{ ok: true; bytes: Buffer } | { ok: false; issues: FileIssue[] }> {
  const chunks: Buffer[] = [];
  const read = await eachChunk(filePath, limits, (chunk) => chunks.push(chunk));
  return read.ok ? { ok: true, bytes: Buffer.concat(chunks) } : read;
}

/** Each chunk of a regular file as it is read (openRegularFile), refused once the file grows past the limit. */
async function eachChunk(filePath: string, limits: ReadLimits, take: (chunk: Buffer) => void): Promise<{ ok: true } | { ok: false; issues: FileIssue[] }> {
  const file = path.basename(filePath);
  const refuse = (message: string) => ({ ok: false as const, issues: [{ file, line: null, column: null, message }] });
  const nameProblem = fileNameProblem(file);
  if (nameProblem !== null) return refuse(nameProblem);
  const opened = await openRegularFile(filePath, limits);
  if (!opened.ok) return refuse(opened.message);
  try {
    let size = 0;
    for await (const chunk of opened.handle.createReadStream({ autoClose: false, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limits.maxBytes) return refuse(grewPast(limits));
      take(chunk);
    }
    return { ok: true };
  } finally {
    await opened.handle.close();
  }
}

/**
 * A file opened to be read, if it is a regular file within the size limit: a FIFO, socket, device or folder is refused
 * before a byte is read (it is opened without blocking, so a FIFO with no writer cannot hang the import). The caller
 * closes the handle.
 */
export async function openRegularFile(
  filePath: string,
  limits: ReadLimits,
): Promise<{ ok: true; handle: FileHandle; size: number } | { ok: false; message: string }> {
  let handle;
  try {
    handle = await open(filePath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'the file cannot be read (permission denied)' : `the file cannot be opened (${code})`;
    return { ok: false, message };
  }
  const stat = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  const refused = (message: string) => handle.close().then(() => ({ ok: false as const, message }));
  if (!stat.isFile()) {
    const kind = stat.isDirectory() ? 'a folder' : stat.isFIFO() ? 'a FIFO (named pipe)' : stat.isSocket() ? 'a socket' : 'a device';
    return refused(`${kind}, not a regular file: Waymark imports only files saved on disk`);
  }
  if (stat.size > limits.maxBytes) return refused(`the file is ${megabytes(stat.size)}, more than the ${megabytes(limits.maxBytes)} an import reads`);
  return { ok: true, handle, size: stat.size };
}

export { changedWhileRead };

/** A file that passed the limit while it was read (it was smaller when it was opened). */
export const grewPast = (limits: ReadLimits) => `the file grew past the ${megabytes(limits.maxBytes)} an import reads while it was read`;

/**
 * Decode strictly: a file that is not valid UTF-8 is refused with the line and byte where it fails,
 * unless its publisher writes Windows-1252 (GIAS downloads), in which case it is decoded as that.
 */
export function readCsvBytes(file: string, raw: Uint8Array, encoding: Encoding, limits: ReadLimits = defaultReadLimits): ReadResult {
  const decoded = decodeCsvBytes(file, raw, encoding, limits);
  if (!decoded.ok) return decoded;
  const { text, hash, used } = decoded;
  let records: ParsedRecord[];
  try {
    records = parse(text, parseOptions(limits)) as unknown as ParsedRecord[];
  } catch (error) {
    return { ok: false, issues: [parseIssue(file, error, limits)] };
  }
  const [first, ...rest] = records;
  if (first === undefined) return { ok: false, issues: [{ file, line: 1, column: null, message: 'the file is empty' }] };
  const header = first.record.map((h) => h.trim());
  const headerIssue = headerProblem(file, header, limits);
  if (headerIssue !== null) return { ok: false, issues: [headerIssue] };
  const issues: FileIssue[] = [];
  const rows: CsvRow[] = [];
  let previousEnd = first.info.lines;
  for (const { record, info } of rest) {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    const row = rowOf(file, header, record, line, limits);
    if (row === null) continue;
    if ('message' in row) issues.push(row);
    else rows.push(row);
  }
  if (issues.length > 0) return { ok: false, issues };
  if (rows.length === 0) return { ok: false, issues: [{ file, line: 1, column: null, message: 'a header and no rows: there is nothing to import' }] };
  return { ok: true, table: { file, hash, encoding: used, header, rows } };
}

/**
 * A file an import reads (issue 20.5; csv-stream.ts) is read again from disk, a chunk of rows at a time, by each pass
 * over it: the same checks as readCsvBytes, line for line, with the rows of one chunk alive at a time (LAIT's long table
 * has 641,070 rows; tableText passes over a table held whole the same way).
 * `rows()` starts a new pass; a row's problem is added to `issues` and the row left out, and a text CSV cannot parse,
 * or a file that is no longer as it was hashed, stops the pass with its issue alone.
 */
export type CsvText = Readonly<{
  file: string;
  hash: string;
  encoding: CsvTable['encoding'];
  header: readonly string[];
  rows: (issues: FileIssue[], chunkRows?: number) => AsyncIterable<readonly CsvRow[]> | Iterable<readonly CsvRow[]>;
}>;

/** A table held whole, passed over as a file too large to hold is (CsvText): its rows `chunkRows` at a time. */
export function tableText(table: CsvTable): CsvText {
  return {
    file: table.file,
    hash: table.hash,
    encoding: table.encoding,
    header: table.header,
    rows: function* (_issues: FileIssue[], chunkRows = 10_000) {
      for (let i = 0; i < table.rows.length; i += chunkRows) yield table.rows.slice(i, i + chunkRows);
    },
  };
}

/**
 * The rows after the header of a file's parsed records, `chunkRows` at a time, checked as readCsvBytes checks them: a
 * row's problem is added to `issues` and the row left out, and a text CSV cannot parse (or a Refusal from the file,
 * csv-stream.ts) stops the pass with its issue.
 */
export async function* rowsInChunks(
  file: string,
  header: readonly string[],
  records: AsyncIterable<ParsedRecord>,
  issues: FileIssue[],
  chunkRows = 10_000,
  limits: ReadLimits = defaultReadLimits,
): AsyncGenerator<readonly CsvRow[]> {
  let chunk: CsvRow[] = [];
  let previousEnd = 0;
  let count = 0;
  // Rows read and rows refused: a header followed by blank lines alone (`""` is one) has nothing to import.
  let read = 0;
  const rowIssues = new Set<FileIssue>();
  try {
    for await (const { record, info } of records) {
      const line = previousEnd + 1;
      previousEnd = info.lines;
      if (count++ === 0) continue; // the header
      const row = rowOf(file, header, record, line, limits);
      if (row === null) continue;
      read++;
      if ('message' in row) {
        issues.push(row);
        rowIssues.add(row);
      } else chunk.push(row);
      if (chunk.length >= chunkRows) {
        yield chunk;
        chunk = [];
      }
    }
  } catch (error) {
    // Text the file cannot be read as (a byte not in its encoding, a NUL byte, a row CSV cannot parse) refuses it for
    // that alone, as the whole-file reader refuses it before it looks at a row: the rows' problems before it go.
    for (let i = issues.length - 1; i >= 0; i--) if (rowIssues.has(issues[i]!)) issues.splice(i, 1);
    issues.push(error instanceof Refusal ? error.issue : parseIssue(file, error, limits));
    return;
  }
  if (chunk.length > 0) yield chunk;
  if (read === 0) issues.push({ file, line: 1, column: null, message: 'a header and no rows: there is nothing to import' });
}

/**
 * A file's problem found while it streams in (csv-stream.ts): it ends the pass, and the reader reports it as the file's
 * issue.
 */
export class Refusal extends Error {
  readonly issue: FileIssue;
  constructor(issue: FileIssue) {
    super(issue.message);
    this.issue = issue;
  }
}

export type ParsedRecord = { record: string[]; info: { lines: number } };

export function parseOptions(limits: ReadLimits) {
  return { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, max_record_size: limits.maxRowChars } as const;
}

/** csv-parse's own messages can quote the text at fault; a row too long for the limit is described, never echoed. */
export function parseIssue(file: string, error: unknown, limits: ReadLimits): FileIssue {
  const e = error as Error & { lines?: number; code?: string };
  const message =
    e.code === 'CSV_MAX_RECORD_SIZE'
      ? `a row longer than ${limits.maxRowChars.toLocaleString('en-GB')} characters (an unclosed quote, or not a CSV?)`
      : `not readable as CSV: ${e.message.replace(/^Invalid[^:]*: /, '').slice(0, 200)}`;
  return { file, line: e.lines ?? null, column: null, message };
}

export function headerProblem(file: string, header: readonly string[], limits: ReadLimits): FileIssue | null {
  const longName = header.findIndex((h) => h.length > limits.maxFieldChars);
  if (longName === -1) return null;
  return {
    file,
    line: 1,
    column: `column ${longName + 1}`,
    message: `a header name of ${header[longName]!.length.toLocaleString('en-GB')} characters (not shown): not a CSV header`,
  };
}

/** One record as a row of the header's columns, an issue naming its line and column, or null for a blank line. */
function rowOf(file: string, header: readonly string[], record: string[], line: number, limits: ReadLimits): CsvRow | FileIssue | null {
  if (record.length === 1 && record[0] === '') return null;
  if (record.length !== header.length) {
    const missing = header[record.length];
    return {
      file,
      line,
      column: record.length < header.length && missing !== undefined ? missing : null,
      message:
        record.length < header.length
          ? `truncated row: ${record.length} of ${header.length} columns (the row ends before column ${missing})`
          : `${record.length} values but the header has ${header.length} columns`,
    };
  }
  const long = record.findIndex((cell) => cell.length > limits.maxFieldChars);
  if (long !== -1) {
    const message = `a field of ${record[long]!.length.toLocaleString('en-GB')} characters, more than the ${limits.maxFieldChars.toLocaleString('en-GB')} a field may hold (not shown)`;
    return { file, line, column: header[long] ?? `column ${long + 1}`, message };
  }
  const values: Record<string, string> = {};
  header.forEach((name, i) => (values[name] = record[i] ?? ''));
  return { line, values, cells: record };
}

/**
 * Decode strictly: a file that is not valid UTF-8 is refused with the line and byte where it fails,
 * unless its publisher writes Windows-1252 (GIAS downloads), in which case it is decoded as that.
 */
function decodeCsvBytes(
  file: string,
  raw: Uint8Array,
  encoding: Encoding,
  limits: ReadLimits,
): { ok: true; text: string; hash: string; used: CsvTable['encoding'] } | { ok: false; issues: FileIssue[] } {
  const hash = createHash('sha256').update(raw).digest('hex');
  // A gzip-compressed CSV (e.g. LAIT's bds_long_all_las.csv.gz) is read as the CSV inside it, never past the limit.
  let bytes: Uint8Array = raw;
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      bytes = gunzipSync(raw, { maxOutputLength: limits.maxBytes });
    } catch (error) {
      const message = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? gzipTooLarge(limits, raw.length) : gzipBroken(error);
      return { ok: false, issues: [{ file, line: null, column: null, message }] };
    }
  }
  let text: string;
  let used: CsvTable['encoding'] = 'UTF-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (encoding === 'utf-8-or-windows-1252' && !looksLikeUtf16(bytes)) {
      text = decodeWindows1252(bytes);
      used = 'Windows-1252';
    } else if (looksLikeUtf16(bytes)) {
      return { ok: false, issues: [{ file, line: 1, column: null, message: utf16File }] };
    } else {
      return { ok: false, issues: [{ file, ...locateInvalidUtf8(bytes), column: null }] };
    }
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    const at = lineAndCharacter(text, nul);
    return { ok: false, issues: [{ file, line: at.line, column: null, message: nulByte(at.character) }] };
  }
  return { ok: true, text, hash, used };
}

/** How the whole-file and the streamed reader (csv-stream.ts) refuse a file that is not UTF-8 text, or not gzip. */
export const utf16File = 'a UTF-16 file (it starts with a UTF-16 byte-order mark): save it as UTF-8';
export const nulByte = (character: number) =>
  `a NUL byte at character ${character} of the line: not a text CSV (UTF-16, or a spreadsheet saved under a .csv name?)`;
export const gzipTooLarge = (limits: ReadLimits, rawBytes: number) =>
  `a gzip file that expands to more than ${megabytes(limits.maxBytes)} (from ${megabytes(rawBytes)}): refused unread, as a possible gzip bomb`;
export const gzipBroken = (error: unknown) => `a gzip file that cannot be decompressed: ${(error as Error).message}`;

/**
 * Windows-1252 text, as GIAS writes it: the bytes 0x80-0x9F are letters and marks there ("’" 0x92, "€" 0x80), where
 * Node 20's TextDecoder reads them as Latin-1's control characters. The five bytes Windows-1252 leaves undefined are
 * read as U+FFFD (iconv-lite). Each byte is one character, so a file read a piece at a time decodes piece by piece.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252');
}

export function looksLikeUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/**
 * Where bytes that a strict decoder refused stop being UTF-8: the line and the byte of the line (a piece of a file
 * starts on `line`, `lineBytes` bytes into it).
 */
export function locateInvalidUtf8(bytes: Uint8Array, startLine = 1, lineBytes = 0): { line: number; message: string } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = startLine;
  let lineStart = -lineBytes;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    const b = bytes[i] ?? 0;
    if (b < 0x80) continue;
    const width = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    try {
      decoder.decode(bytes.subarray(i, i + width));
      i += width - 1;
    } catch {
      return {
        line,
        message: `not valid UTF-8: byte 0x${b.toString(16).toUpperCase()} at character ${i - lineStart + 1} of the line (save the file as UTF-8)`,
      };
    }
  }
  return { line, message: 'not valid UTF-8 (save the file as UTF-8)' };
}

/**
 * A case list in the layout Waymark's own exports write (casework lists, the NCCIS extract): every field read back as
 * the text it held, the apostrophe the export put before a formula character taken off (domain/csv-field.ts), so that
 * an export imports back unchanged.
 */
export function asWrittenByWaymark(table: CsvTable): CsvTable {
  return {
    ...table,
    rows: table.rows.map((r) => ({
      ...r,
      values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, csvFieldText(v)])),
      cells: r.cells.map(csvFieldText),
    })),
  };
}
