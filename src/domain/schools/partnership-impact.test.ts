import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversionLines, impactYears, partnershipImpact, seriesAlong, type ImpactPoint, type ImpactSeries } from './partnership-impact.ts';

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

describe('a partnership’s school followed along its line of URNs (a conversion before or after support began)', () => {
  // Successions worked by hand: 100 converted to academy 200, which converted again to 250; 300 merged into 250's
  // neighbour 260 with 310 (two predecessors); 400 split into 500 and 600; 700 converted to 800, recorded as
  // "merged" (not a conversion: another school).
  const successions = [
    { predecessorUrn: '100', successorUrn: '200', reason: 'successor' },
    { predecessorUrn: '200', successorUrn: '250', reason: 'successor' },
    { predecessorUrn: '300', successorUrn: '260', reason: 'successor' },
    { predecessorUrn: '310', successorUrn: '260', reason: 'merged' },
    { predecessorUrn: '400', successorUrn: '500', reason: 'split' },
    { predecessorUrn: '400', successorUrn: '600', reason: 'split' },
    { predecessorUrn: '700', successorUrn: '800', reason: 'merged' },
  ];
  const lineOf = conversionLines(successions);

  it('runs from the newest URN back to the oldest through one-to-one conversions, from any URN on it', () => {
    for (const urn of ['100', '200', '250']) assert.deepEqual(lineOf(urn), ['250', '200', '100'], urn);
    assert.deepEqual(lineOf('900'), ['900'], 'no succession');
  });

  it('ends at a merger, an amalgamation or a split: the school on the other side is another school', () => {
    assert.deepEqual(lineOf('300'), ['300'], 'merged into 260 with 310');
    assert.deepEqual(lineOf('260'), ['260']);
    assert.deepEqual(lineOf('400'), ['400'], 'split');
    assert.deepEqual(lineOf('500'), ['500']);
    assert.deepEqual(lineOf('700'), ['700'], 'one to one, but recorded as merged');
  });

  it('survives a cycle in the links', () => {
    const cycle = conversionLines([
      { predecessorUrn: 'a', successorUrn: 'b', reason: 'successor' },
      { predecessorUrn: 'b', successorUrn: 'a', reason: 'successor' },
    ]);
    assert.deepEqual(cycle('a'), ['b', 'a']);
  });

  it('reads each year from the newest URN with a result', () => {
    const held: Record<string, ImpactPoint[]> = {
      '100': points({ '201314': 52, '201415': 55 }),
      '200': points({ '201415': 58, '201516': 63 }),
    };
    // 2014/15 is held under both URNs: the newest's (200's 58) is the year's.
    assert.deepEqual(
      seriesAlong(lineOf('100'), (urn) => held[urn] ?? []),
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
