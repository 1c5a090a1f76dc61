import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPlannedChangeFile } from './planned-change-file.ts';

// Planned changes to places (SCAP: the next three years'), one row per change.
const header = 'code,area_code,urn,school_name,phase,kind,entry_places,phasing,from_period,status,description';
const read = (lines: string[]) => readPlannedChangeFile('changes.csv', new TextEncoder().encode([header, ...lines].join('\n')), '886');

describe('planned changes file', () => {
  it('reads an expansion, a bulge, and a new school with no URN yet, for the LA it is loaded for', () => {
    const file = read([
      '886-2017-01,886-P-ASH-WYE,900001,Oakfield Primary School,primary,expansion,30,year-by-year,2017/18,approved,1 FE more',
      '886-2017-02,886-P-ASH-WYE,900002,Beechwood Primary School,primary,bulge,30,year-by-year,201718,approved,',
      '886-2018-01,886-P-ASH-WYE,,Wye new primary school,primary,new-school,60,year-by-year,2018/19,proposed,A 2FE school',
    ]);
    assert.ok(!('issues' in file), JSON.stringify(file));
    assert.deepEqual(
      file.records.map((c) => [c.code, c.laCode, c.urn, c.kind, c.entryPlaces, c.fromPeriod]),
      [
        ['886-2017-01', '886', '900001', 'expansion', 30, '201718'],
        ['886-2017-02', '886', '900002', 'bulge', 30, '201718'],
        ['886-2018-01', '886', null, 'new-school', 60, '201819'],
      ],
    );
  });

  it('names the file, line and column of a missing URN on an expansion, an unknown kind, an unknown status, no places and a code twice', () => {
    const file = read([
      '886-1,886-P-A,,Oakfield,primary,expansion,30,year-by-year,2017/18,approved,',
      '886-2,886-P-A,900001,Oakfield,primary,extension,30,year-by-year,2017/18,approved,',
      '886-3,886-P-A,900001,Oakfield,primary,expansion,30,year-by-year,2017/18,agreed,',
      '886-4,886-P-A,900001,Oakfield,primary,bulge,0,year-by-year,2017/18,approved,',
      '886-5,886-P-A,900001,Oakfield,primary,bulge,30,year-by-year,2018/19,approved,',
      '886-5,886-P-A,900001,Oakfield,primary,bulge,30,year-by-year,2019/20,approved,',
    ]);
    assert.ok('issues' in file);
    assert.deepEqual(
      file.issues.map((i) => [i.file, i.line, i.column]),
      [
        ['changes.csv', 2, 'urn'],
        ['changes.csv', 3, 'kind'],
        ['changes.csv', 4, 'status'],
        ['changes.csv', 5, 'entry_places'],
        ['changes.csv', 7, 'code'],
      ],
    );
  });
});
