import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readHousingSiteFile } from './housing-site-file.ts';

// Housing sites' build-out by academic year of completion and tenure, one row per site per year.
const header = 'site_code,site_name,primary_area,secondary_area,period,market_dwellings,affordable_dwellings';
const read = (lines: string[]) => readHousingSiteFile('housing.csv', new TextEncoder().encode([header, ...lines].join('\n')), '886');

describe('housing sites file', () => {
  it("gathers a site's years into its completions, in order", () => {
    const file = read([
      'H1,Wye Fields,886-P-ASH-WYE,886-S-ASH,2018/19,70,30',
      'H1,Wye Fields,886-P-ASH-WYE,886-S-ASH,2017/18,35,15',
      'H2,Charing Park,,886-S-ASH,201718,100,0',
    ]);
    assert.ok(!('issues' in file), JSON.stringify(file));
    assert.equal(file.records.length, 2);
    assert.deepEqual(file.records[0]!.completions, [
      { period: '201718', market: 35, affordable: 15 },
      { period: '201819', market: 70, affordable: 30 },
    ]);
    assert.equal(file.records[1]!.primaryArea, null);
    assert.equal(file.records[1]!.laCode, '886');
  });

  it('names the file, line and column of negative dwellings, a blank count, a site whose area disagrees and a year twice', () => {
    const file = read([
      'H1,Wye Fields,886-P-ASH-WYE,886-S-ASH,2016/17,10,5',
      'H1,Wye Fields,886-P-ASH-WYE,886-S-ASH,2017/18,-10,30',
      'H1,Wye Fields,886-P-ASH-WYE,886-S-ASH,2018/19,10,',
      'H1,Wye Fields,886-P-ASH-CHARING,886-S-ASH,2019/20,10,5',
      'H1,Wye Fields,886-P-ASH-WYE,886-S-ASH,2020/21,10,5',
      'H1,Wye Fields,886-P-ASH-WYE,886-S-ASH,2020/21,10,5',
    ]);
    assert.ok('issues' in file);
    assert.deepEqual(
      file.issues.map((i) => [i.file, i.line, i.column]),
      [
        ['housing.csv', 3, 'market_dwellings'],
        ['housing.csv', 4, 'affordable_dwellings'],
        ['housing.csv', 5, 'primary_area'],
        ['housing.csv', 7, 'period'],
      ],
    );
  });
});
