import path from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse as parseStream } from 'csv-parse';
import type { FileIssue } from '../domain/errors.ts';
import { defaultReadLimits, fileNameProblem, lineAndCharacter, type ReadLimits } from '../domain/import-file.ts';
import {
  changedWhileRead,
  decodeWindows1252,
  grewPast,
  gzipBroken,
  gzipTooLarge,
  hashFile,
  headerProblem,
  locateInvalidUtf8,
  looksLikeUtf16,
  nulByte,
  openRegularFile,
  parseIssue,
  parseOptions,
  Refusal,
  rowsInChunks,
  type CsvText,
  utf16File,
  type Encoding,
  type ParsedRecord,
} from './csv-table.ts';

/**
 * A CSV file read from disk as it streams in, never whole (issue 20.5): a gzip file expanded, the text decoded (strictly
 * as UTF-8, or as below) and parsed, so that what is held at once is a chunk of rows, whatever the file's size.
 * The file is read first to refuse it as a file (not a regular file, past the size limit, a gzip file that will not
 * expand or expands past the limit: the checks `readFileBytes` and a whole-file decode make) and to hash it, then once
 * more by each pass over its rows, which ends with an issue if the file's bytes are no longer those hashed. A problem
 * in the text (not UTF-8, a NUL byte, a row CSV cannot parse) is found by a pass over the rows, on the line it is on:
 * the first in the file, where the whole-file reader names a byte that is not UTF-8 anywhere in the file before a NUL
 * byte or a row it cannot parse.
 *
 * A format whose publisher writes Windows-1252 (`utf-8-or-windows-1252`: GIAS downloads) is decoded as UTF-8 when every
 * byte of the file is UTF-8 and as Windows-1252 otherwise, as the whole-file reader decodes it: the first pass, which
 * hashes the file, also reads whether it is UTF-8.
 */
export async function streamCsvFile(
  filePath: string,
  limits: ReadLimits = defaultReadLimits,
  encoding: Encoding = 'utf-8',
): Promise<{ ok: true; text: CsvText } | { ok: false; issues: FileIssue[] }> {
  const file = path.basename(filePath);
  const named = nameIssue(file);
  if (named !== null) return named;
  let hash = '';
  let used: CsvText['encoding'] = 'UTF-8';
  try {
    // The whole file, expanded but not decoded: a file that is no CSV at all is refused before its text is read.
    const hashed = (h: string) => (hash = h);
    const pass = encoding === 'utf-8' ? { hashed } : { hashed, notUtf8: () => (used = 'Windows-1252') };
    for await (const piece of fileText(filePath, file, limits, pass)) void piece;
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, issues: [error.issue] };
    throw error;
  }
  const records = () => parsedRecords(fileText(filePath, file, limits, { expected: hash, decoding: used }), limits);
  const head = await headerOf(file, records(), limits);
  if (!head.ok) return head;
  const { header } = head;
  return {
    ok: true,
    text: { file, hash, encoding: used, header, rows: (rowIssues, chunkRows) => rowsInChunks(file, header, records(), rowIssues, chunkRows, limits) },
  };
}

/**
 * A file's header, read strictly as UTF-8 (or as Windows-1252) from the start of the file: what tells an import how to
 * stream the file (streamCsvFile) or that it must read it whole. The first piece read (64 KB) is decoded whole, so a
 * byte in it that is not UTF-8 fails a strict read even past the header.
 */
export async function readCsvHeader(
  filePath: string,
  limits: ReadLimits = defaultReadLimits,
  decoding: CsvText['encoding'] = 'UTF-8',
): Promise<{ ok: true; header: string[] } | { ok: false; issues: FileIssue[] }> {
  const file = path.basename(filePath);
  return nameIssue(file) ?? headerOf(file, parsedRecords(fileText(filePath, file, limits, { expected: null, decoding }), limits), limits);
}

/** A file name an import refuses before opening the file (fileNameProblem). */
function nameIssue(file: string): { ok: false; issues: FileIssue[] } | null {
  const problem = fileNameProblem(file);
  return problem === null ? null : { ok: false, issues: [{ file, line: null, column: null, message: problem }] };
}

/**
 * The first record (a header cell may hold a quoted line break, as Excel writes a wrapped cell), checked as a header.
 */
async function headerOf(
  file: string,
  records: AsyncIterable<ParsedRecord>,
  limits: ReadLimits,
): Promise<{ ok: true; header: string[] } | { ok: false; issues: FileIssue[] }> {
  let header: string[] = [];
  try {
    for await (const { record } of records) {
      header = record.map((h) => h.trim());
      break;
    }
  } catch (error) {
    return { ok: false, issues: [error instanceof Refusal ? error.issue : parseIssue(file, error, limits)] };
  }
  if (header.length === 0) return { ok: false, issues: [{ file, line: 1, column: null, message: 'the file is empty' }] };
  const headerIssue = headerProblem(file, header, limits);
  return headerIssue === null ? { ok: true, header } : { ok: false, issues: [headerIssue] };
}

/** The records csv-parse finds in decoded text, a piece at a time; a Refusal from the text ends them. */
function parsedRecords(text: AsyncIterable<{ text: string }>, limits: ReadLimits): AsyncIterable<ParsedRecord> {
  const source = Readable.from(
    (async function* () {
      for await (const piece of text) if (piece.text !== '') yield piece.text;
    })(),
  );
  // pipeline, not pipe: a Refusal thrown by the source ends the parser's iteration with it.
  return pipeline(source, parseStream(parseOptions(limits)), () => {}) as AsyncIterable<ParsedRecord>;
}

/**
 * One pass over a file: its text a piece at a time, decoded as `decoding`, or with `hashed` nothing (the bytes are
 * read, expanded and hashed, not decoded; with `notUtf8`, told whether they are all UTF-8) and the bytes' hash given at
 * the end. With an `expected` hash, the pass ends in a Refusal if the bytes' hash is no longer that; with
 * `expected: null` (a header read) the hash is not taken.
 */
async function* fileText(
  filePath: string,
  file: string,
  limits: ReadLimits,
  check: { expected: string | null; decoding: CsvText['encoding'] } | { hashed: (hash: string) => void; notUtf8?: () => void },
): AsyncGenerator<{ text: string }> {
  const refuse = (message: string) => new Refusal({ file, line: null, column: null, message });
  const opened = await openRegularFile(filePath, limits);
  if (!opened.ok) throw refuse(opened.message);
  const handle = opened.handle;
  try {
    let size = 0;
    const raw = async function* () {
      for await (const chunk of handle.createReadStream({ autoClose: false, highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > limits.maxBytes) throw refuse(grewPast(limits));
        yield chunk;
      }
    };
    const first = await handle.read({ buffer: Buffer.alloc(2), position: 0 });
    const gzip = first.bytesRead === 2 && first.buffer[0] === 0x1f && first.buffer[1] === 0x8b;
    const decoder = new PieceText(file, 'expected' in check ? check.decoding : 'UTF-8');
    // Whether the bytes are all UTF-8, read when the format may be Windows-1252 instead.
    const utf8 = 'notUtf8' in check ? new TextDecoder('utf-8', { fatal: true }) : null;
    let isUtf8 = true;
    let expanded = 0;
    // A plain file only hashed has nothing to expand or decode: only its hash (below) is read.
    const pieces: AsyncIterable<Buffer> | [] = gzip
      ? (pipeline(Readable.from(raw()), createGunzip(), () => {}) as AsyncIterable<Buffer>)
      : 'hashed' in check && utf8 === null
        ? []
        : raw();
    try {
      for await (const piece of pieces) {
        expanded += piece.length;
        if (gzip && expanded > limits.maxBytes) throw refuse(gzipTooLarge(limits, opened.size));
        if ('expected' in check) yield { text: decoder.decode(piece) };
        else if (utf8 !== null && isUtf8) isUtf8 = decodes(utf8, piece, true);
      }
      if (utf8 !== null && isUtf8) isUtf8 = decodes(utf8, new Uint8Array(0), false);
      if (!isUtf8 && 'notUtf8' in check) check.notUtf8?.();
    } catch (error) {
      if (error instanceof Refusal || !gzip) throw error;
      throw refuse(gzipBroken(error));
    }
    if ('expected' in check) yield { text: decoder.end() };
    // The file's bytes hashed once the pass is over, read again to its last byte (what hashFile reads): gunzip stops at
    // the end of the gzip data, and a gzip file may carry bytes after it (padding), which gunzipSync ignores too.
    if ('expected' in check && check.expected === null) return;
    const hashed = await hashFile(filePath, limits);
    if (!hashed.ok) throw new Refusal(hashed.issues[0]!);
    if ('hashed' in check) check.hashed(hashed.hash);
    else if (hashed.hash !== check.expected) throw refuse(changedWhileRead);
  } finally {
    await handle.close();
  }
}

/** Whether a piece of bytes (`more`: not the last) decodes as UTF-8 after the pieces before it. */
function decodes(decoder: TextDecoder, piece: Uint8Array, more: boolean): boolean {
  try {
    decoder.decode(piece, { stream: more });
    return true;
  } catch {
    return false;
  }
}

/**
 * A file's text decoded a piece at a time, as a whole-file decode would decode or refuse it: a UTF-16 file by its
 * byte-order mark, a NUL byte at the line and character it is on, and, read as UTF-8, bytes that are not UTF-8 at the
 * line and byte where they fail (Windows-1252 decodes every byte). A UTF-8 character split between two pieces is held
 * back until the next; a byte-order mark is left for the CSV parser.
 */
class PieceText {
  private readonly file: string;
  private readonly decoder: TextDecoder | null;
  private carry: Uint8Array = new Uint8Array(0);
  private started = false;
  // Where the next piece starts: its line, the bytes of that line before it, and the characters of the text's line.
  private line = 1;
  private lineBytes = 0;
  private lineCharacters = 0;

  constructor(file: string, encoding: CsvText['encoding']) {
    this.file = file;
    this.decoder = encoding === 'UTF-8' ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }) : null;
  }

  decode(piece: Uint8Array): string {
    const bytes = this.carry.length === 0 ? piece : Buffer.concat([this.carry, piece]);
    // Windows-1252 has one byte to a character: nothing is carried.
    const whole = this.decoder === null ? bytes.length : completeLength(bytes);
    this.carry = bytes.slice(whole);
    return this.text(bytes.subarray(0, whole));
  }

  /** What is left at the end of the file: an unfinished character is not UTF-8. */
  end(): string {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    return rest.length === 0 ? '' : this.text(rest);
  }

  private text(bytes: Uint8Array): string {
    const refuse = (line: number, message: string) => new Refusal({ file: this.file, line, column: null, message });
    if (!this.started && bytes.length > 0) {
      this.started = true;
      if (looksLikeUtf16(bytes)) throw refuse(1, utf16File);
    }
    let text: string;
    try {
      text = this.decoder === null ? decodeWindows1252(bytes) : this.decoder.decode(bytes);
    } catch {
      const at = locateInvalidUtf8(bytes, this.line, this.lineBytes);
      throw refuse(at.line, at.message);
    }
    // Where in the file a place in the piece is: the piece's first line continues the line before it.
    const inFile = (index: number) => {
      const at = lineAndCharacter(text, index);
      return { line: this.line + at.line - 1, character: at.line === 1 ? this.lineCharacters + at.character : at.character };
    };
    const nul = text.indexOf('\u0000');
    if (nul !== -1) {
      const at = inFile(nul);
      throw refuse(at.line, nulByte(at.character));
    }
    const end = inFile(text.length);
    [this.line, this.lineCharacters] = [end.line, end.character - 1];
    const lastByte = bytes.lastIndexOf(0x0a);
    this.lineBytes = lastByte === -1 ? this.lineBytes + bytes.length : bytes.length - lastByte - 1;
    return text;
  }
}

/**
 * How many of `bytes` end on a whole UTF-8 character: a lead byte whose character the bytes do not finish is left out.
 */
function completeLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if (b < 0x80) return bytes.length;
    if (b >= 0xc0) {
      const width = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return width > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}
