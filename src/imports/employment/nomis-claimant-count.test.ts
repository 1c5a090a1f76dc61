import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCsvBytes } from '../csv-table.ts';
import { nomisClaimantCount } from './nomis-claimant-count.ts';

// A download with `select=` keeps only the columns asked for; some NM_162_1 queries name the sex dimension SEX, not GENDER.
const header = 'DATE_NAME,GEOGRAPHY_NAME,GEOGRAPHY_CODE,SEX_NAME,AGE_NAME,MEASURE_NAME,MEASURES_NAME,OBS_VALUE';
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const year = (value: (month: number) => string, measure = 'Claimant count') =>
  months.map((m, i) => `${m} 2015,Dover,E07000108,Total,Aged 18-24,${measure},Value,${value(i + 1)}`);
const parse = (lines: readonly string[]) => {
  const read = readCsvBytes('claimants.csv', new TextEncoder().encode(`${[header, ...lines].join('\n')}\n`), 'utf-8');
  assert.ok(read.ok);
  return nomisClaimantCount.parse(read.table);
};

describe('the Nomis claimant count reader', () => {
  it('is recognised with SEX_NAME in place of GENDER_NAME, and averages the year', () => {
    assert.ok(nomisClaimantCount.recognise(header.split(',')));
    // 300 for January-June, 240 for July-December: (6 × 300 + 6 × 240) / 12 = 270.
    const read = parse(year((m) => (m <= 6 ? '300' : '240')));
    assert.deepEqual(
      read.records.map((r) => [r.indicator, r.place.kind, r.place.code, r.period, r.value]),
      [['unemployed-18-24', 'district', 'E07000108', '2015', 270]],
    );
  });

  it('leaves out a year whose month is blank, naming the month, rather than averaging eleven', () => {
    const read = parse(year((m) => (m === 11 ? '' : '300')));
    assert.deepEqual(read.records, []);
    assert.deepEqual(read.incomplete, ['Dover 2015 claimant count (11 of 12 months; lacks Nov)']);
  });

  it('skips a proportion of residents aged 16-64: it is not the rate of 18-24 year olds', () => {
    const read = parse(year(() => '1.2', 'Claimants as a proportion of residents aged 16-64'));
    assert.deepEqual([read.records.length, read.skipped], [0, 12]);
  });

  it('refuses a value that is not a number at its line and column', () => {
    const read = parse(year((m) => (m === 3 ? '1,2' : '300')).map((l) => l.replace(',1,2', ',"1,2"')));
    assert.deepEqual(read.issues, [
      { file: 'claimants.csv', line: 4, column: 'OBS_VALUE', message: '"1,2" is not a count or a proportion (a number, 0 or more)' },
    ]);
  });
});
