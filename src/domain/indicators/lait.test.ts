import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { laitPeriod, laitPeriodType, laitPolarity, laitUnit, publishedDecimals } from './lait.ts';

describe('reading LAIT', () => {
  it('reads a year label by its end: 2016 is the academic year 2015/16', () => {
    assert.deepEqual(laitPeriod('2016', 'academic'), { kind: 'period', period: '201516', dataVersion: 'final', stageStated: false });
    assert.deepEqual(laitPeriod('2023/24', 'academic'), { kind: 'period', period: '202324', dataVersion: 'final', stageStated: false });
    assert.deepEqual(laitPeriod('2024-25 (OT)', 'financial'), { kind: 'period', period: '202425', dataVersion: 'final', stageStated: false });
    assert.deepEqual(laitPeriod('2024', 'calendar'), { kind: 'period', period: '2024', dataVersion: 'final', stageStated: false });
  });

  it('keeps the release stage LAIT states', () => {
    assert.equal((laitPeriod('2025 (Rev)', 'academic') as { dataVersion: string }).dataVersion, 'revised');
    assert.equal((laitPeriod('2025 (prov)', 'academic') as { dataVersion: string }).dataVersion, 'provisional');
    assert.equal((laitPeriod('2021 (Final)', 'academic') as { dataVersion: string }).dataVersion, 'final');
  });

  it('does not force a multi-year band or a nonsense label into one period', () => {
    assert.deepEqual(laitPeriod('2014-16', 'calendar'), { kind: 'skip', reason: 'values for a multi-year band (rolling averages)' });
    assert.deepEqual(laitPeriod('2021/22-23/24', 'financial'), { kind: 'skip', reason: 'values for a multi-year band (rolling averages)' });
    assert.equal(laitPeriod('0', 'academic').kind, 'skip');
  });

  it('reads polarity, unit and year type from the dictionary', () => {
    assert.equal(laitPolarity('High'), 'higher_is_better');
    assert.equal(laitPolarity('Low'), 'lower_is_better');
    assert.equal(laitPolarity('-'), 'none');
    assert.equal(laitUnit('% achieving expected level', 'KS2 RWM'), 'percent');
    assert.equal(laitUnit('Rate per 10,000', 'Children in need'), 'rate');
    assert.equal(laitUnit('Score per pupil', 'Attainment 8'), 'average_score');
    assert.equal(laitPeriodType('Annual - January'), 'academic');
    assert.equal(laitPeriodType('Fortnightly'), null);
  });

  it('reads the decimals a value was published with, seeing through float artefacts', () => {
    // Values from lait/bds_long_kent_sn_england.csv: Kent TotPerAbNew 2016 "11.34"; South East TotAbs 2016 "4.5199999999999996".
    assert.equal(publishedDecimals('11.34'), 2);
    assert.equal(publishedDecimals('59'), 0);
    assert.equal(publishedDecimals('4.5199999999999996'), 2);
    assert.equal(publishedDecimals('10.210000000000001'), 2);
    assert.equal(publishedDecimals('2.5839999999999998E-2'), null);
  });
});
