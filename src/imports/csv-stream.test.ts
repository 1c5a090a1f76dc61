import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { FileIssue } from '../domain/errors.ts';
import { defaultReadLimits } from '../domain/import-file.ts';
import { streamCsvFile } from './csv-stream.ts';
import { hashFile, readCsvBytes, type Encoding } from './csv-table.ts';

// The streamed reader (LAIT's long table, issue 20.5) against the whole-file reader every other import uses: the same
// rows, lines and issues, for a file on disk and the same file gzipped, whatever the size of the chunks of rows.

const dir = mkdtempSync(join(tmpdir(), 'waymark-csv-stream-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const saved = (bytes: Uint8Array, name = 'f.csv') => {
  const folder = join(dir, String(files++));
  mkdirSync(folder);
  const at = join(folder, name);
  writeFileSync(at, bytes);
  return at;
};

/** The rows and issues of a file streamed from disk a chunk at a time. */
async function streamed(at: string, chunkRows: number, limits = defaultReadLimits, encoding: Encoding = 'utf-8') {
  const read = await streamCsvFile(at, limits, encoding);
  if (!read.ok) return { header: [], rows: [], issues: read.issues };
  const issues: FileIssue[] = [];
  const rows = [];
  for await (const chunk of read.text.rows(issues, chunkRows)) rows.push(...chunk);
  return { header: read.text.header, hash: read.text.hash, encoding: read.text.encoding, rows, issues };
}

// A character of four bytes across the end of a piece the file is read in (at one megabyte), its two UTF-16 units
// across the parser's pieces (a gzip file's text is expanded in pieces of 16 KB, which this and other characters cross).
const acrossPieces = (character: string) => `A,B\n${'x,y\n'.repeat(262_142)}ab${character.repeat(3)},b\n`;

describe('a CSV file streamed from disk', () => {
  it('gives the header, rows, lines and issues the whole-file reader gives, gzipped or not', async () => {
    const texts = [
      '\uFEFFA,B\n1,2\n\n3,"x\ny"\n5,6\r\n7,8\n',
      'A,B\n1,2\n3\n4,5,6\n7,8\n',
      'A,B\n1,2\n',
      '\n\nA,B\n1,2\n3,4\n',
      // A header cell with a quoted line break, as Excel writes a wrapped cell.
      'A,"B\n(%)"\n1,2\n',
      acrossPieces('🙂'),
    ];
    for (const text of texts) {
      const bytes = Buffer.from(text);
      const whole = readCsvBytes('f.csv', bytes, 'utf-8');
      for (const at of [saved(bytes), saved(gzipSync(bytes))])
        for (const size of text.length > 1e6 ? [10_000] : [1, 2, 100]) {
          const chunked = await streamed(at, size);
          if (whole.ok) {
            assert.deepEqual(chunked.issues, [], JSON.stringify(text.slice(0, 40)));
            assert.deepEqual(chunked.header, whole.table.header);
            assert.deepEqual(chunked.rows, whole.table.rows, JSON.stringify(text.slice(0, 40)));
          } else assert.deepEqual(chunked.issues, whole.issues, JSON.stringify(text.slice(0, 40)));
        }
    }
  });

  it('records the hash of the bytes on disk, as the whole-file reader and hashFile do, gzipped or not', async () => {
    // A gzip file padded with bytes after its end (which gunzip does not read) is hashed to its last byte.
    const gzipped = gzipSync(Buffer.from('A,B\n1,2\n'));
    for (const bytes of [Buffer.from('A,B\n1,2\n'), gzipped, Buffer.concat([gzipped, Buffer.alloc(200_000)])]) {
      const whole = readCsvBytes('f.csv', bytes, 'utf-8');
      assert.ok(whole.ok);
      const at = saved(bytes);
      const read = await streamed(at, 10);
      assert.deepEqual(read.issues, []);
      assert.equal(read.hash, whole.table.hash);
      assert.deepEqual(await hashFile(at), { ok: true, hash: whole.table.hash });
    }
  });

  it('refuses a header and no rows, an empty file, and one of blank lines alone, as the whole-file reader does', async () => {
    // A line holding only "" is one empty field: a blank line, skipped by both readers, so nothing is left to import.
    for (const text of ['A,B\n', '', 'A,B\n""\n', 'A,B\n""', 'A,B\n\n\n""\n']) {
      const whole = readCsvBytes('f.csv', Buffer.from(text), 'utf-8');
      assert.ok(!whole.ok);
      assert.deepEqual((await streamed(saved(Buffer.from(text)), 10)).issues, whole.issues, JSON.stringify(text));
    }
  });

  it('refuses text that is not UTF-8 at the line and byte the whole-file reader names, in any piece of the file', async () => {
    const cases = [
      Buffer.from('A,B\n1,2\n3,caf\xE9\n', 'latin1'),
      // Past a megabyte, and a lead byte whose character the file never finishes.
      Buffer.concat([Buffer.from(acrossPieces('x')), Buffer.from('q,\xE9x\n', 'latin1')]),
      Buffer.concat([Buffer.from(acrossPieces('x')), Buffer.from([0x71, 0x2c, 0xe2, 0x82])]),
      // The second byte of a two-byte character across the pieces' end at a megabyte is not a continuation byte.
      Buffer.concat([Buffer.from(`A,B\n${'x,y\n'.repeat(262_142)}ab`), Buffer.from([0xc3, 0x41, 0x0a])]),
    ];
    for (const bytes of cases) {
      const whole = readCsvBytes('f.csv', bytes, 'utf-8');
      assert.ok(!whole.ok);
      assert.match(whole.issues[0]!.message, /^not valid UTF-8/);
      assert.deepEqual((await streamed(saved(bytes), 100)).issues, whole.issues);
    }
  });

  it('refuses a NUL byte at its line and character, and a UTF-16 file by its byte-order mark, as the whole-file reader does', async () => {
    const cases = [
      Buffer.from('A,B\n1,2\n3,\u0000\n'),
      Buffer.from(`${acrossPieces('é')}q,r\u0000\n`),
      Buffer.from('\uFEFFA,B\n1,2\n', 'utf16le'),
      Buffer.from('A,B\n1,2\n', 'utf16le'),
      // A truncated row before the NUL byte, or before a row CSV cannot parse, a chunk and more away: the file is refused
      // for the NUL byte or the row alone, as the whole-file reader refuses it before it looks at a row.
      Buffer.from(`A,B\n1\n${'x,y\n'.repeat(300)}q,\u0000\n`),
      Buffer.from(`A,B\n1\n${'x,y\n'.repeat(300)}"q"r,s\n`),
    ];
    for (const bytes of cases) {
      const whole = readCsvBytes('f.csv', bytes, 'utf-8');
      assert.ok(!whole.ok);
      assert.deepEqual((await streamed(saved(bytes), 100)).issues, whole.issues);
    }
  });

  it('decodes a format GIAS writes as Windows-1252 when any byte of the file is not UTF-8, as the whole-file reader does', async () => {
    // GIAS downloads are Windows-1252: "é" is the byte 0xE9, and the bytes 0x80-0x9F are letters and marks ("€" 0x80,
    // "’" 0x92), read here against the whole-file reader, which decodes the file as one piece. A file that is all
    // UTF-8 is read as UTF-8; a NUL byte or a UTF-16 byte-order mark is refused either way.
    const gias = (tail: string) => Buffer.concat([Buffer.from(acrossPieces('x')), Buffer.from(tail, 'latin1')]);
    const cases = [
      Buffer.from('URN,Name\n1,Caf\xE9\n2,St Mary\x92s\n3,\x80\x81\x9D\n', 'latin1'),
      gias('q,Caf\xE9\n'),
      Buffer.from(`A,B\n1,${'é'.repeat(40_000)}\n`),
      Buffer.from('A,\xE9\n1,2\n', 'latin1'),
      Buffer.from('A,B\n1,\xE9\u0000\n', 'latin1'),
      Buffer.from('A,B\n1,2\n', 'utf16le'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A,B\n1,\xE9\n', 'latin1')]),
    ];
    for (const bytes of cases) {
      const whole = readCsvBytes('f.csv', bytes, 'utf-8-or-windows-1252');
      for (const at of [saved(bytes), saved(gzipSync(bytes))])
        for (const size of [1, 1_000]) {
          const read = await streamed(at, size, defaultReadLimits, 'utf-8-or-windows-1252');
          if (!whole.ok) assert.deepEqual(read.issues, whole.issues);
          else {
            assert.deepEqual(read.issues, []);
            assert.deepEqual([read.header, read.encoding, read.rows], [whole.table.header, whole.table.encoding, whole.table.rows]);
          }
        }
    }
    // The letter the byte 0x92 is in Windows-1252 (a right single quotation mark), read in from disk.
    const read = await streamed(saved(cases[0]!), 10, defaultReadLimits, 'utf-8-or-windows-1252');
    assert.deepEqual([read.encoding, read.rows[1]?.values.Name], ['Windows-1252', 'St Mary\u2019s']);
  });

  it('refuses a gzip file past the read limit, or one that cannot be decompressed, before its text is read', async () => {
    const limits = { ...defaultReadLimits, maxBytes: 64 * 1024 };
    const big = gzipSync(Buffer.from(`A,B\n${'1,2\n'.repeat(20_000)}`));
    for (const [bytes, message] of [
      [big, /^a gzip file that expands to more than 64 KB \(from 1 KB\): refused unread, as a possible gzip bomb$/],
      [big.subarray(0, 30), /^a gzip file that cannot be decompressed: /],
    ] as const) {
      const whole = readCsvBytes('f.csv.gz', bytes, 'utf-8', limits);
      const read = await streamCsvFile(saved(bytes, 'f.csv.gz'), limits);
      assert.ok(!whole.ok && !read.ok);
      assert.match(read.issues[0]!.message, message);
      assert.deepEqual(read.issues, whole.issues);
    }
  });

  it('ends a pass over the rows with an issue when the file is no longer the one hashed', async () => {
    const at = saved(Buffer.from('A,B\n1,2\n'));
    const read = await streamCsvFile(at);
    assert.ok(read.ok);
    writeFileSync(at, 'A,B\n1,3\n');
    const issues: FileIssue[] = [];
    for await (const chunk of read.text.rows(issues)) void chunk;
    assert.deepEqual(issues, [{ file: 'f.csv', line: null, column: null, message: 'the file changed while it was read: import it again once it is saved' }]);
  });
});
