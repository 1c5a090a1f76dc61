import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { againstNeighbours, comparisonOverTime, latestRun } from './over-time.ts';

// An LA against its statistical neighbours year by year, as LAIT lays it out (R/fn_analysis.R: the neighbours' average is
// the plain mean of those with a value, the LA excluded; ranks over those with a value, ties sharing the lowest). The
// figures are made up; each expected number is worked by hand in the comment beside it.

const group = (values: readonly (number | null)[]) => values.map((value, i) => ({ code: `n${i}`, value }));

describe('an LA against its neighbours over time', () => {
  const years = comparisonOverTime(
    '886',
    [
      // Given out of order: the rows come back by period.
      { period: '201415', la: 80, england: 80, group: group([81, 82, null, 80]) },
      { period: '201213', la: 74, england: 75, group: [...group([76, 78, 70]), { code: '886', value: 74 }] },
    ],
    'higher_is_better',
    [],
  );

  it('averages the neighbours with a figure, leaving out the LA itself and a missing one', () => {
    assert.deepEqual(
      years.map((y) => y.period),
      ['201213', '201415'],
    );
    // 2012/13: (76 + 78 + 70) ÷ 3 = 74.67; the LA's own 74 in the group is not counted.
    assert.equal(years[0]!.neighbours!.toFixed(2), '74.67');
    assert.equal(years[0]!.neighboursWithFigure, 3);
    // 2014/15: (81 + 82 + 80) ÷ 3 = 81, the null left out.
    assert.equal(years[1]!.neighbours, 81);
    assert.equal(years[1]!.neighboursWithFigure, 3);
  });

  it('ranks the LA among the group with a figure, 1 best, ties sharing the lowest rank', () => {
    // 2012/13: 78, 76 above 74; 70 below: 3rd of 4.
    assert.deepEqual([years[0]!.rank, years[0]!.rankedOf], [3, 4]);
    // 2014/15: 82, 81 above; 80 ties with the LA's 80: both 3rd, of 4 with a figure.
    assert.deepEqual([years[1]!.rank, years[1]!.rankedOf], [3, 4]);
  });

  it('ranks lower-is-better measures the other way and gives no rank without polarity', () => {
    const lower = comparisonOverTime('886', [{ period: '201415', la: 4, england: 5, group: group([3, 6]) }], 'lower_is_better', []);
    assert.equal(lower[0]!.rank, 2);
    const none = comparisonOverTime('886', [{ period: '201415', la: 4, england: 5, group: group([3, 6]) }], 'none', []);
    assert.equal(none[0]!.rank, null);
  });

  it('marks the year after a break in the series and starts the latest run there (issue 11 point 11)', () => {
    const broken = comparisonOverTime(
      '886',
      ['201314', '201415', '201516', '201617'].map((period) => ({ period, la: 10, england: 11, group: group([12]) })),
      'lower_is_better',
      [{ period: '201516', note: 'pupil-level 10% threshold' }],
    );
    assert.deepEqual(
      broken.map((y) => y.breakBefore?.period ?? null),
      [null, null, '201516', null],
    );
    assert.deepEqual(
      latestRun(broken).map((y) => y.period),
      ['201516', '201617'],
    );
    assert.equal(latestRun(years).length, 2, 'an unbroken series is one run');
  });
});

describe('how the LA stood against its neighbours, first and last year', () => {
  it('compares the figures as shown (rounded once), from the first to the last year both exist', () => {
    const rows = comparisonOverTime(
      '886',
      [
        { period: '201213', la: 74.4, england: 75, group: group([76.2, 75.8]) },
        { period: '201314', la: 78, england: 79, group: group([null]) },
        { period: '201415', la: 80.5, england: 80, group: group([81, 80]) },
      ],
      'higher_is_better',
      [],
    );
    const summary = againstNeighbours(rows, 'higher_is_better', 0)!;
    // 2012/13: LA 74.4 → 74; neighbours (76.2 + 75.8) ÷ 2 = 76 → 76; 74 − 76 = −2, behind.
    assert.deepEqual(summary.first, { period: '201213', la: 74, neighbours: 76, apart: -2, ahead: false });
    // 2014/15: LA 80.5 → 81 (half up); neighbours 80.5 → 81; level. 2013/14 has no neighbour figure and is not the last.
    assert.deepEqual(summary.last, { period: '201415', la: 81, neighbours: 81, apart: 0, ahead: null });
  });

  it('says nothing with fewer than two comparable years', () => {
    const one = comparisonOverTime('886', [{ period: '201415', la: 1, england: 1, group: group([2]) }], 'higher_is_better', []);
    assert.equal(againstNeighbours(one, 'higher_is_better', 1), null);
  });
});
