import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCsvBytes } from '../csv-table.ts';
import { read903 } from './ssda903-csv.ts';

const table = (file: string, text: string) => {
  const read = readCsvBytes(file, Buffer.from(text), 'utf-8');
  assert.ok(read.ok);
  return read.table;
};

describe('SSDA903 header and episodes CSV', () => {
  const header = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n101,1,05/06/2002,WBRI,A123456789012,,\n';
  it('reads the DfE layout, converting DD/MM/YYYY dates and dropping postcodes and the mother’s details', () => {
    const episodes =
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' +
      '101,10/06/2009,S,C2,N1,U1,PR1,14/11/2011,X1,CARPL,ME10 1AA,CT9 1AA,\n' +
      '101,14/11/2011,P,C2,N1,U4,PR1,,,,ME10 1AA,CT9 2AA,\n';
    const read = read903(table('header.csv', header), table('episodes.csv', episodes));
    assert.ok(read.ok);
    assert.deepEqual(read.children, [{ child: '101', upn: 'A123456789012', sex: '1', dateOfBirth: '2002-06-05', ethnic: 'WBRI' }]);
    assert.deepEqual(
      read.episodes.map((e) => [e.start, e.end, e.legalStatus, e.placement]),
      [
        ['2009-06-10', '2011-11-14', 'C2', 'U1'],
        ['2011-11-14', null, 'C2', 'U4'],
      ],
    );
    assert.equal(JSON.stringify(read).includes('ME10'), false);
  });

  it('refuses a file naming line and column: a bad date, an unknown legal status, a child not in the header', () => {
    const episodes =
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' +
      '101,31/02/2011,S,C2,N1,U1,PR1,,,,,,\n' +
      '101,01/03/2011,S,ZZ,N1,U1,PR1,,,,,,\n' +
      '999,01/03/2011,S,C2,N1,U1,PR1,,,,,,\n';
    const read = read903(table('header.csv', header), table('episodes.csv', episodes));
    assert.ok(!read.ok);
    assert.deepEqual(
      read.issues.map((i) => [i.file, i.line, i.column]),
      [
        ['episodes.csv', 2, 'DECOM'],
        ['episodes.csv', 3, 'LS'],
        ['episodes.csv', 4, 'CHILD'],
      ],
    );
  });
});
