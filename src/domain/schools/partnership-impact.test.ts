import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { impactYears, partnershipImpact, seriesAlong, type ImpactPoint, type ImpactSeries } from './partnership-impact.ts';

// A partnership's impact (docs/adr/0025-system-leadership.md): the supported school's change from its last result
// before the partnership to its latest since, beside similar schools without support over the same years. Worked by hand.

const points = (values: Record<string, number | null>) => Object.entries(values).map(([period, value]) => ({ period, value }));

describe('partnership impact: the supported school against similar schools without support', () => {
  it('reads from the last result sat before the start (2013/14, sat by 1 June 2014) to the latest sat since', () => {
    const held = points({ '201213': 50, '201314': 52, '201415': 60, '201516': null });
    assert.deepEqual(impactYears('2014-09-01', held), { before: '201314', after: '201415' });
    // Begun mid-year: 2014/15's results came after it began.
    assert.deepEqual(impactYears('2015-01-10', held), { before: '201314', after: '201415' });
    // Begun in July 2015, after that summer's results were sat (taken as 1 June): 2014/15 is before it, nothing after.
    assert.equal(impactYears('2015-07-20', held), null);
    assert.deepEqual(impactYears('2015-07-20', [...held, { period: '201617', value: 61 }]), { before: '201415', after: '201617' });
    assert.equal(impactYears('2012-09-01', held), null);
  });

  it('supported +8 points while three similar schools without support rose +1, +2 and +3 (mean +2): +6 beyond them; a similar school supported over the years is left out', () => {
    const series: ImpactSeries = {
      indicator: 'ks2-level4-rwm',
      title: 'Level 4+ in reading, writing and maths',
      higherIsBetter: true,
      supported: points({ '201314': 52, '201415': 60 }),
      comparators: [
        { urn: 'a', points: points({ '201314': 70, '201415': 71 }), partnerships: [] },
        { urn: 'b', points: points({ '201314': 60, '201415': 62 }), partnerships: [] },
        { urn: 'c', points: points({ '201314': 65, '201415': 68 }), partnerships: [{ startedOn: '2012-09-01', endedOn: '2013-09-01' }] }, // ended before 2013/14: kept
        { urn: 'd', points: points({ '201415': 80 }), partnerships: [] }, // no result before: left out
        // Supported itself from 1 September 2013 to 1 September 2014 (within 2013/14-2014/15): left out.
        { urn: 'e', points: points({ '201314': 40, '201415': 60 }), partnerships: [{ startedOn: '2013-09-01', endedOn: '2014-09-01' }] },
        // Supported until 1 September 2013, before 2013/14 began: kept... but its 2013/14 result is missing, so left out too.
        { urn: 'f', points: points({ '201415': 60 }), partnerships: [{ startedOn: '2012-09-01', endedOn: '2013-09-01' }] },
      ],
    };
    const impact = partnershipImpact('2014-09-01', [series]);
    assert.ok(impact.measured);
    assert.equal(impact.change, 8);
    assert.deepEqual(impact.comparison, { schools: 3, meanChange: 2, beyond: 6 });
  });

  it('takes the first headline holding both years, so a change is never read across a change of measure; gives no comparison with two similar schools', () => {
    const newer: ImpactSeries = {
      indicator: 'ks2-expected-rwm',
      title: 'Expected standard',
      higherIsBetter: true,
      supported: points({ '201516': 40 }),
      comparators: [],
    };
    const older: ImpactSeries = {
      indicator: 'ks2-level4-rwm',
      title: 'Level 4+',
      higherIsBetter: true,
      supported: points({ '201314': 52, '201415': 57 }),
      comparators: [
        { urn: 'a', points: points({ '201314': 70, '201415': 71 }), partnerships: [] },
        { urn: 'b', points: points({ '201314': 60, '201415': 62 }), partnerships: [] },
      ],
    };
    const impact = partnershipImpact('2014-09-01', [newer, older]);
    assert.ok(impact.measured);
    assert.equal(impact.indicator, 'ks2-level4-rwm');
    assert.equal(impact.comparison, null);
    assert.match(impact.comparisonReason!, /only 2 similar schools/);
  });

  it('says so when nothing was held before the partnership began', () => {
    assert.deepEqual(
      partnershipImpact('2012-09-01', [{ indicator: 'x', title: 'x', higherIsBetter: true, supported: points({ '201213': 50 }), comparators: [] }]),
      {
        measured: false,
        reason: 'no headline result held both before the partnership began and since',
      },
    );
  });
});

describe('a school’s results along its line of URNs', () => {
  it('reads each year from the newest URN with a result', () => {
    const held: Record<string, ImpactPoint[]> = {
      '100': points({ '201314': 52, '201415': 55 }),
      '200': points({ '201415': 58, '201516': 63 }),
    };
    // 2014/15 is held under both URNs: the newest's (200's 58) is the year's.
    assert.deepEqual(
      seriesAlong(['200', '100'], (urn) => held[urn] ?? []),
      points({ '201314': 52, '201415': 58, '201516': 63 }),
    );
    // Real case (perf-tables-2016-2019): 118444 converted to 145117 on 4 August 2017, and the DfE published 2017/18's
    // KS2 results under 118444 (63%), 145117's row left blank: a year blank under the newest URN is read from the one before.
    assert.deepEqual(
      seriesAlong(['145117', '118444'], (urn) => (urn === '145117' ? points({ '201718': null }) : points({ '201617': 55, '201718': 63 }))),
      points({ '201617': 55, '201718': 63 }),
    );
    assert.deepEqual(
      seriesAlong(['200', '100'], () => points({ '201516': null })),
      points({ '201516': null }),
    );
  });
});
