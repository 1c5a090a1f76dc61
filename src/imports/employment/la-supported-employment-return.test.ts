import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCsvBytes } from '../csv-table.ts';
import { laSupportedEmploymentReturn } from './la-supported-employment-return.ts';

const parse = (text: string) => {
  const read = readCsvBytes('supported.csv', new TextEncoder().encode(text), 'utf-8');
  assert.ok(read.ok);
  return laSupportedEmploymentReturn.parse(read.table);
};

describe("the LA's return of assisted employment opportunities for young people with LDD", () => {
  it("reads the year's total over the types of opportunity", () => {
    const read = parse(
      'academic_year,la_code,opportunity_type,taken_up\n2014/15,886,supported-internship,22\n2014/15,886,supported-employment,104\n2014/15,886,traineeship,0\n2015/16,886,other,9\n',
    );
    assert.deepEqual(read.issues, []);
    // 2014/15: 22 + 104 + 0 = 126; 2015/16: 9.
    assert.deepEqual(
      read.records.map((r) => [r.indicator, r.place.code, r.period, r.value]),
      [
        ['ldd-assisted-employment', '886', '201415', 126],
        ['ldd-assisted-employment', '886', '201516', 9],
      ],
    );
  });

  it('refuses an unknown type, a blank count and a repeated type, naming file, line and column', () => {
    const read = parse(
      'academic_year,la_code,opportunity_type,taken_up\n2014/15,886,internship,22\n2014/15,886,supported-employment,\n2014/15,886,traineeship,3\n2014/15,886,traineeship,4\n',
    );
    assert.deepEqual(read.records, []);
    assert.deepEqual(read.issues, [
      {
        file: 'supported.csv',
        line: 2,
        column: 'opportunity_type',
        message: 'unknown opportunity type "internship" (expected one of: supported-internship, supported-employment, traineeship, other)',
      },
      { file: 'supported.csv', line: 3, column: 'taken_up', message: 'taken_up is blank: write 0 for a type with none' },
      { file: 'supported.csv', line: 5, column: 'opportunity_type', message: 'duplicate LA, academic year and type 886 201415 traineeship (first on line 4)' },
    ]);
  });
});
