import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPlanningAreaFile } from './planning-area-file.ts';

// An LA's planning areas, one row per school per area (SCAP: a split-site school in two areas since 2022).
const header = 'area_code,area_name,phase,district_code,feeds_area,urn,share,valid_from,valid_to';
const read = (lines: string[]) => readPlanningAreaFile('areas.csv', new TextEncoder().encode([header, ...lines].join('\n')), '886');

describe('planning areas file', () => {
  it('reads areas once each with their members, a split-site school 0.6 and 0.4 in two areas, and an area dated by its members', () => {
    const file = read([
      '886-S-ASH,Ashford secondary,secondary,E07000105,,900500,,,',
      '886-P-ASH-WYE,Wye (Ashford),primary,E07000105,886-S-ASH,900001,1,2012-09-01,',
      '886-P-ASH-WYE,Wye (Ashford),primary,E07000105,886-S-ASH,900002,0.6,2010-09-01,',
      '886-P-ASH-CHARING,Charing (Ashford),primary,E07000105,886-S-ASH,900002,0.4,2010-09-01,',
    ]);
    assert.ok(!('issues' in file), JSON.stringify(file));
    const { areas, memberships } = file.records;
    assert.deepEqual(
      areas.map((a) => [a.code, a.phase, a.feedsArea, a.validFrom, a.laCode]),
      [
        ['886-S-ASH', 'secondary', null, null, '886'],
        ['886-P-ASH-WYE', 'primary', '886-S-ASH', '2010-09-01', '886'],
        ['886-P-ASH-CHARING', 'primary', '886-S-ASH', '2010-09-01', '886'],
      ],
    );
    assert.deepEqual(
      memberships.filter((m) => m.urn === '900002').map((m) => [m.areaCode, m.share]),
      [
        ['886-P-ASH-WYE', 0.6],
        ['886-P-ASH-CHARING', 0.4],
      ],
    );
    assert.equal(memberships.find((m) => m.urn === '900500')!.share, 1);
  });

  it('names the file, line and column of a bad phase, a bad district, a share over 1, dates the wrong way round and an area whose repeated fields disagree', () => {
    const file = read([
      '886-P-A,Area A,primary,E07000105,,900001,1,,',
      '886-P-A,Area A renamed,primary,E07000105,,900002,1,,',
      '886-P-B,Area B,infant,E07000105,,900003,1,,',
      '886-P-C,Area C,primary,Kent,,900004,1,,',
      '886-P-C,Area C,primary,Kent,,900005,1.5,,',
      '886-P-D,Area D,primary,E07000105,,900006,1,2016-09-01,2015-08-31',
    ]);
    assert.ok('issues' in file);
    assert.deepEqual(
      file.issues.map((i) => [i.file, i.line, i.column]),
      [
        ['areas.csv', 3, 'area_name'],
        ['areas.csv', 4, 'phase'],
        ['areas.csv', 5, 'district_code'],
        ['areas.csv', 6, 'district_code'],
        ['areas.csv', 6, 'share'],
        ['areas.csv', 7, 'valid_to'],
      ],
    );
  });

  it('refuses a school whose shares add up to more than 1 at a date, naming the later line, and a secondary area that feeds another', () => {
    const file = read([
      '886-P-A,Area A,primary,,,900001,0.7,2015-09-01,',
      '886-P-B,Area B,primary,,,900001,0.5,,',
      '886-S-X,X secondary,secondary,,886-S-Y,900100,1,,',
    ]);
    assert.ok('issues' in file);
    assert.deepEqual(
      file.issues.map((i) => [i.line, i.column]),
      [
        [3, 'share'],
        [4, 'feeds_area'],
      ],
    );
    assert.match(file.issues[0]!.message, /add up to 1\.2 on 2015-09-01/);
  });

  it('takes an all-through school wholly in a primary area and wholly in a secondary one (shares add up by phase)', () => {
    // Shares 1 (primary) + 1 (secondary): each phase's shares add up to 1, at most 1; a second primary share of 0.5
    // would make the primary shares 1.5 and is refused on its line.
    const file = read(['886-P-A,Area A,primary,,886-S-X,900001,1,,', '886-S-X,X secondary,secondary,,,900001,1,,']);
    assert.ok(!('issues' in file), JSON.stringify(file));
    assert.deepEqual(
      file.records.memberships.map((m) => [m.areaCode, m.urn, m.share, m.line]),
      [
        ['886-P-A', '900001', 1, 2],
        ['886-S-X', '900001', 1, 3],
      ],
    );
    const over = read(['886-P-A,Area A,primary,,,900001,1,,', '886-S-X,X secondary,secondary,,,900001,1,,', '886-P-B,Area B,primary,,,900001,0.5,,']);
    assert.ok('issues' in over);
    assert.deepEqual(
      over.issues.map((i) => [i.line, i.column]),
      [[4, 'share']],
    );
    assert.match(over.issues[0]!.message, /primary shares add up to 1\.5/);
  });

  it('names a missing column on the header line', () => {
    const file = readPlanningAreaFile('areas.csv', new TextEncoder().encode('area_code,area_name,phase\n886-P-A,A,primary\n'), '886');
    assert.ok('issues' in file);
    assert.deepEqual([file.issues[0]!.line, file.issues[0]!.column], [1, 'district_code']);
  });
});
