import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeOnLastYear, gapBetween, previousPeriod } from './gaps.ts';

describe('gaps', () => {
  it('measures the disadvantaged gap in points, other minus group (data.md row 12: Kent KS4 2013/14, 65.3 − 30.6 = 34.7)', () => {
    const gap = gapBetween(30.6, 65.3, 'higher_is_better', 1, 'other pupils in Kent');
    assert.deepEqual(gap, { points: 34.7, behind: true, description: '34.7 points below other pupils in Kent' });
  });

  it('reads a gap on a lower-is-better measure the other way (persistent absence 14.0% against 9.5%)', () => {
    const gap = gapBetween(14.0, 9.5, 'lower_is_better', 1, 'other pupils nationally');
    assert.equal(gap.points, -4.5);
    assert.equal(gap.behind, true);
  });

  it('says which figure is missing rather than inventing a gap', () => {
    assert.deepEqual(gapBetween(30.6, null, 'higher_is_better', 1, 'other pupils nationally'), {
      points: null,
      behind: null,
      description: 'not available (no figure for other pupils nationally)',
    });
  });
});

describe('change on last year', () => {
  it('finds the period before for academic and calendar years', () => {
    assert.equal(previousPeriod('201516'), '201415');
    assert.equal(previousPeriod('200001'), '199900');
    assert.equal(previousPeriod('2016'), '2015');
  });

  it('calls a rise better when higher is better, and worse when lower is better', () => {
    assert.deepEqual(changeOnLastYear(68, 65, 'higher_is_better', 0), { points: 3, direction: 'better' });
    assert.deepEqual(changeOnLastYear(11.34, 10.5, 'lower_is_better', 2), { points: 0.84, direction: 'worse' });
    assert.deepEqual(changeOnLastYear(5, 5, 'lower_is_better', 0), { points: 0, direction: 'same' });
    assert.equal(changeOnLastYear(5, null, 'lower_is_better', 0), null);
  });
});
