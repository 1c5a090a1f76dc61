import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileIssue } from '../domain/errors.ts';
import { readCsvBytes, readCsvText } from './csv-table.ts';

/** The rows and issues of a file read a chunk at a time, as LAIT's long table is read (issue 20.5). */
async function inChunks(text: string, chunkRows: number) {
  const read = readCsvText('f.csv', Buffer.from(text), 'utf-8');
  if (!read.ok) return { rows: [], issues: read.issues };
  const issues: FileIssue[] = [];
  const rows = [];
  for await (const chunk of read.text.rows(issues, chunkRows)) rows.push(...chunk);
  return { rows, issues };
}

describe('a CSV read a chunk of rows at a time', () => {
  it('gives the rows, lines and issues the whole-file reader gives', async () => {
    const files = [
      '\uFEFFA,B\n1,2\n\n3,"x\ny"\n5,6\r\n7,8\n',
      'A,B\n1,2\n3\n4,5,6\n7,8\n',
      'A,B\n1,2\n',
      '\n\nA,B\n1,2\n3,4\n',
      // A header cell with a quoted line break, as Excel writes a wrapped cell.
      'A,"B\n(%)"\n1,2\n',
      // A character of two UTF-16 units across the first megabyte the parser is given.
      `A,B\n${'x,y\n'.repeat(262_142)}abc${'🙂'.repeat(3)},b\n`,
    ];
    for (const file of files) {
      const whole = readCsvBytes('f.csv', Buffer.from(file), 'utf-8');
      for (const size of [1, 2, 100]) {
        const chunked = await inChunks(file, size);
        if (whole.ok) {
          assert.deepEqual(chunked.issues, [], JSON.stringify(file));
          assert.deepEqual(chunked.rows, whole.table.rows, JSON.stringify(file));
        } else assert.deepEqual(chunked.issues, whole.issues, JSON.stringify(file));
      }
    }
  });

  it('refuses a file with a header and no rows, an empty one, and one of blank lines alone, as the whole-file reader does', async () => {
    // A line holding only "" is one empty field: a blank line, skipped by both readers, so nothing is left to import.
    for (const file of ['A,B\n', '', 'A,B\n""\n', 'A,B\n""', 'A,B\n\n\n""\n']) {
      const whole = readCsvBytes('f.csv', Buffer.from(file), 'utf-8');
      assert.ok(!whole.ok);
      assert.deepEqual((await inChunks(file, 10)).issues, whole.issues, JSON.stringify(file));
    }
  });
});
