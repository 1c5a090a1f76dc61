import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCsvBytes } from '../csv-table.ts';
import { feSkillsStarts } from './fe-skills-starts.ts';

// The apprenticeships layout of Explore Education Statistics ("Historical series - Starts, Participation by Age, Level,
// SSA": apps_level, age_summary, ssa_tier_1, starts) with the geography columns of its LA files (old_la_code, la_name).
const header =
  'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,ssa_tier_1,apps_level,age_summary,starts';
const kent = '201415,Academic year,Local authority,E92000001,England,E12000008,South East,E10000016,886,Kent';
const construction = '"Construction, Planning and the Built Environment"';
const parse = (lines: readonly string[], areas?: Parameters<typeof feSkillsStarts.parse>[1]) => {
  const read = readCsvBytes('starts.csv', new TextEncoder().encode(`${[header, ...lines].join('\n')}\n`), 'utf-8');
  assert.ok(read.ok);
  return feSkillsStarts.parse(read.table, areas);
};

describe("the DfE's FE and apprenticeship starts by LA, SSA, level and age", () => {
  it('is recognised by its EES columns whichever of its names the SSA, level and age columns carry', () => {
    assert.ok(feSkillsStarts.recognise(header.split(',')));
    assert.ok(
      feSkillsStarts.recognise(
        header.replace('ssa_tier_1', 'ssa_t1_desc').replace('apps_level', 'level_or_type').replace('age_summary', 'age_group').split(','),
      ),
    );
    assert.ok(!feSkillsStarts.recognise(header.replace('ssa_tier_1,', '').split(',')));
  });

  it("sums Kent's level 2 and 3 starts by 16-24 year olds in the shortage areas, England's and the region's apart", () => {
    const read = parse([
      `${kent},${construction},Intermediate Apprenticeship,Under 19,120`,
      `${kent},${construction},Advanced Apprenticeship,19-24,low`,
      `${kent},${construction},Intermediate Apprenticeship,25+,80`,
      `${kent},Engineering and Manufacturing Technologies,Advanced Apprenticeship,19-24,50`,
      `${kent},Business Administration and Law,Intermediate Apprenticeship,Under 19,400`,
      `201415,Academic year,National,E92000001,England,,,,,,${construction},Intermediate Apprenticeship,Under 19,9100`,
      `201415,Academic year,Regional,E92000001,England,E12000008,South East,,,,${construction},Intermediate Apprenticeship,Under 19,1300`,
      `201415,Academic year,Parliamentary constituency,E92000001,England,E12000008,South East,,,,${construction},Intermediate Apprenticeship,Under 19,30`,
    ]);
    assert.deepEqual(read.issues, []);
    // Kent: 120 + 0 (low) + 50 = 170; England 9,100; the South East 1,300; the constituency row skipped.
    assert.deepEqual(
      read.records.map((r) => [r.place.kind, r.place.code, r.period, r.indicator, r.value, r.symbol]),
      [
        ['la', '886', '201415', 'vocational-starts-skills-shortage', 170, null],
        ['country', 'E92000001', '201415', 'vocational-starts-skills-shortage', 9100, null],
        ['region', 'E12000008', '201415', 'vocational-starts-skills-shortage', 1300, null],
      ],
    );
    assert.deepEqual([read.low, read.skipped], [1, 1]);
    // An LA that names only construction: 120.
    assert.equal(
      parse(
        [
          `${kent},${construction},Intermediate Apprenticeship,Under 19,120`,
          `${kent},Engineering and Manufacturing Technologies,Advanced Apprenticeship,19-24,50`,
        ],
        ['Construction, Planning and the Built Environment'],
      ).records[0]!.value,
      120,
    );
  });

  it('holds a year whose sum needs a suppressed cell as c, with no value', () => {
    const read = parse([`${kent},${construction},Intermediate Apprenticeship,Under 19,120`, `${kent},${construction},Advanced Apprenticeship,Under 19,c`]);
    assert.deepEqual(
      read.records.map((r) => [r.value, r.symbol]),
      [[null, 'c']],
    );
    assert.deepEqual(read.withheld, ['Kent 201415 (c)']);
  });

  it('refuses a count that is not a number or a DfE symbol, a bad year and a repeated row, at their lines and columns', () => {
    const read = parse([
      `${kent},${construction},Intermediate Apprenticeship,Under 19,1 200`,
      `${kent.replace('201415', '2014/15')},${construction},Advanced Apprenticeship,Under 19,30`,
      `${kent},${construction},Advanced Apprenticeship,19-24,40`,
      `${kent},${construction},Advanced Apprenticeship,19-24,40`,
      `${kent.replace(',886,', ',Kent,')},${construction},Advanced Apprenticeship,25+,40`,
    ]);
    assert.deepEqual(read.records, []);
    assert.deepEqual(read.issues, [
      { file: 'starts.csv', line: 2, column: 'starts', message: `"1 200" is neither a count (a whole number) nor one of the DfE's symbols (low, c, x, z)` },
      { file: 'starts.csv', line: 3, column: 'time_period', message: '"2014/15" is not an academic year as EES writes it (201213 for 2012/13)' },
      {
        file: 'starts.csv',
        line: 5,
        column: 'ssa_tier_1',
        message: 'a second row for Kent, 201415, Construction, Planning and the Built Environment, Advanced Apprenticeship, 19-24: the first is on line 4',
      },
      { file: 'starts.csv', line: 6, column: 'old_la_code', message: '"Kent" is not a 3-digit LA code, which a Local authority row gives' },
    ]);
  });
});
