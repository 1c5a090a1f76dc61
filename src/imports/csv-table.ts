import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { FileIssue } from '../domain/errors.ts';

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

export async function readCsvFile(filePath: string, encoding: Encoding = 'utf-8'): Promise<ReadResult> {
  const bytes = await readFile(filePath);
  return readCsvBytes(path.basename(filePath), bytes, encoding);
}

/**
 * Decode strictly: a file that is not valid UTF-8 is refused with the line and byte where it fails,
 * unless its publisher writes Windows-1252 (GIAS downloads), in which case it is decoded as that.
 */
export function readCsvBytes(file: string, raw: Uint8Array, encoding: Encoding): ReadResult {
  const hash = createHash('sha256').update(raw).digest('hex');
  // A gzip-compressed CSV (e.g. LAIT's bds_long_all_las.csv.gz) is read as the CSV inside it.
  let bytes: Uint8Array = raw;
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      bytes = gunzipSync(raw);
    } catch (error) {
      return { ok: false, issues: [{ file, line: null, column: null, message: `a gzip file that cannot be decompressed: ${(error as Error).message}` }] };
    }
  }
  let text: string;
  let used: CsvTable['encoding'] = 'UTF-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (encoding === 'utf-8-or-windows-1252' && !looksLikeUtf16(bytes)) {
      text = new TextDecoder('windows-1252').decode(bytes);
      used = 'Windows-1252';
    } else {
      return { ok: false, issues: [{ file, ...locateInvalidUtf8(bytes), column: null }] };
    }
  }
  if (text.includes('\u0000'))
    return {
      ok: false,
      issues: [
        { file, line: 1, column: null, message: 'the file contains NUL bytes: it is not a text CSV (UTF-16 or a spreadsheet saved under a .csv name?)' },
      ],
    };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as Error & { lines?: number };
    return { ok: false, issues: [{ file, line: e.lines ?? null, column: null, message: `not readable as CSV: ${e.message.replace(/^Invalid[^:]*: /, '')}` }] };
  }
  const [first, ...rest] = records;
  if (first === undefined) return { ok: false, issues: [{ file, line: 1, column: null, message: 'the file is empty' }] };
  const header = first.record.map((h) => h.trim());
  const issues: FileIssue[] = [];
  const rows: CsvRow[] = [];
  let previousEnd = first.info.lines;
  for (const { record, info } of rest) {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    if (record.length === 1 && record[0] === '') continue;
    if (record.length !== header.length) {
      const missing = header[record.length];
      issues.push({
        file,
        line,
        column: record.length < header.length && missing !== undefined ? missing : null,
        message:
          record.length < header.length
            ? `truncated row: ${record.length} of ${header.length} columns (the row ends before column ${missing})`
            : `${record.length} values but the header has ${header.length} columns`,
      });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((name, i) => (values[name] = record[i] ?? ''));
    rows.push({ line, values, cells: record });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, table: { file, hash, encoding: used, header, rows } };
}

function looksLikeUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function locateInvalidUtf8(bytes: Uint8Array): { line: number; message: string } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let lineStart = 0;
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
