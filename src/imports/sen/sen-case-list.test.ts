import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { senCaseListColumns } from '../../domain/casework/ehc-case-list.ts';
import { readSenCaseList } from './sen-case-list.ts';

const header = senCaseListColumns.join(',');
const line = '17,Ella,Hughes,2016-03-27,,E07000113,,2024-01-08,parent,assess,2024-02-12,,,,,,,,,';
const bytes = (text: string) => new TextEncoder().encode(text);

describe('reading an EHC needs assessment case list', () => {
  it('reads the export’s columns, with or without a UTF-8 byte-order mark, naming each row’s line', () => {
    for (const text of [`${header}\r\n${line}\r\n`, `\uFEFF${header}\n${line}\n`]) {
      const read = readSenCaseList('cases.csv', bytes(text));
      assert.ok('rows' in read, JSON.stringify(read));
      assert.equal(read.rows.length, 1);
      assert.equal(read.rows[0]!.line, 2);
      assert.equal(read.rows[0]!.values.request_id, '17', 'the BOM is not part of the first column’s name');
      assert.equal(read.rows[0]!.values.decision_on, '2024-02-12');
    }
  });

  it('reads the columns in any order', () => {
    const reversed = [...senCaseListColumns].reverse();
    const cells = line.split(',').reverse();
    const read = readSenCaseList('cases.csv', bytes(`${reversed.join(',')}\n${cells.join(',')}\n`));
    assert.ok('rows' in read);
    assert.equal(read.rows[0]!.values.given_name, 'Ella');
  });

  it('refuses a header without a column, naming it', () => {
    const read = readSenCaseList('cases.csv', bytes(`${header.replace(',reviews', '')}\n${line.slice(0, -1)}\n`));
    assert.deepEqual(read, { issues: [{ file: 'cases.csv', line: 1, column: null, message: 'the header lacks the column reviews' }] });
  });

  it('refuses a column the list does not have, rather than drop it unread', () => {
    const read = readSenCaseList('cases.csv', bytes(`${header},notes\n${line},x\n`));
    assert.ok('issues' in read);
    assert.match(read.issues[0]!.message, /notes, not one of the case list's/);
  });

  it('refuses a malformed quote with the line it is on', () => {
    const read = readSenCaseList('cases.csv', bytes(`${header}\n${line}\n${line.replace('Ella', '"El"la')}\n`));
    assert.ok('issues' in read);
    assert.equal(read.issues[0]!.line, 3);
    assert.match(read.issues[0]!.message, /not readable as CSV/);
  });

  it('refuses a truncated row with its line and the first column missing', () => {
    const read = readSenCaseList('cases.csv', bytes(`${header}\n${line}\n17,Ella,Hughes\n`));
    assert.ok('issues' in read);
    assert.deepEqual(read.issues[0], {
      file: 'cases.csv',
      line: 3,
      column: 'date_of_birth',
      message: 'truncated row: 3 of 20 columns (the row ends before column date_of_birth)',
    });
  });

  it('refuses a file that is not UTF-8', () => {
    const raw = new Uint8Array([...bytes(`${header}\n`), ...bytes('17,'), 0xe9, ...bytes(line.slice(3))]);
    const read = readSenCaseList('cases.csv', raw);
    assert.ok('issues' in read);
    assert.match(read.issues[0]!.message, /not valid UTF-8/);
  });
});
