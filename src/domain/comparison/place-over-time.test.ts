import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { againstComparator, latestPlaceRun, placeHeadlineIndicators, placeOverTime } from './place-over-time.ts';

// A place's key indicator over time against England (issue 19 item 4), cut where the measure changed (issue 11 point 11:
// no line or sentence joins figures across a break). The figures are made up; each expected number is worked by hand.

const breaks = [{ period: '201516', note: 'the expected standard replaced level 4' }];
const year = (period: string, place: number | null, england: number | null, la: number | null = null) => ({ period, place, la, england });

describe('placeOverTime: the place’s years with the break since the year before', () => {
  const years = placeOverTime([year('201516', 52, 53), year('201314', 74, 75), year('201415', 77, 78), year('201617', 58, 61)], breaks);

  it('orders the years and marks the first year of a new measure', () => {
    assert.deepEqual(
      years.map((y) => [y.period, y.breakBefore?.period ?? null]),
      [
        ['201314', null],
        ['201415', null],
        ['201516', '201516'],
        ['201617', null],
      ],
    );
  });

  it('runs from the last break on: the years a chart may join with one line', () => {
    assert.deepEqual(
      latestPlaceRun(years).map((y) => y.period),
      ['201516', '201617'],
    );
    assert.equal(latestPlaceRun(placeOverTime([year('201314', 1, 1), year('201415', 2, 2)], breaks)).length, 2);
  });

  it('finds a break between two years held even where the year of the break is not held', () => {
    const gapped = placeOverTime([year('201415', 77, 78), year('201617', 58, 61)], breaks);
    assert.equal(gapped[1]!.breakBefore?.period, '201516');
  });
});

describe('againstComparator: the place against England at the ends of the latest run', () => {
  const rows = (years: ReturnType<typeof year>[]) => placeOverTime(years, breaks).map((y) => ({ ...y, own: y.place, other: y.england }));

  it('compares the rounded figures in the first and last year both have one, since the last break', () => {
    // 2015/16: 52.4 → 52, England 53.1 → 53: 1 below (worse, higher is better). 2016/17: 61.5 → 62 (half up), 61: 1 above.
    const summary = againstComparator(rows([year('201415', 77, 78), year('201516', 52.4, 53.1), year('201617', 61.5, 61)]), 'higher_is_better', 0);
    assert.deepEqual(summary, {
      first: { period: '201516', own: 52, other: 53, apart: -1, ahead: false },
      last: { period: '201617', own: 62, other: 61, apart: 1, ahead: true },
    });
  });

  it('skips years without both figures, and gives nothing with fewer than two years', () => {
    const summary = againstComparator(rows([year('201516', 50, null), year('201617', 58, 61), year('201718', 60, 60)]), 'lower_is_better', 0);
    // 2016/17: 3 below England, and lower is better: ahead. 2017/18: level, so neither.
    assert.deepEqual(summary, {
      first: { period: '201617', own: 58, other: 61, apart: -3, ahead: true },
      last: { period: '201718', own: 60, other: 60, apart: 0, ahead: null },
    });
    assert.equal(againstComparator(rows([year('201415', 77, 78), year('201516', 52, 53)]), 'higher_is_better', 0), null);
  });
});

describe('placeHeadlineIndicators: the headline measure of each stage, charted on a place dashboard', () => {
  it('holds EYFS, KS1, the KS2 and KS4 headlines of each year and NEET, and not every key indicator', () => {
    for (const code of ['eyfs-gld', 'ks1-l2b-rwm', 'ks2-level4-rwm', 'ks2-expected-rwm', 'ks4-5ac-em', 'ks4-attainment8', 'neet-16-17'])
      assert.ok(placeHeadlineIndicators.has(code), code);
    assert.ok(!placeHeadlineIndicators.has('permanent-exclusions'));
  });
});
