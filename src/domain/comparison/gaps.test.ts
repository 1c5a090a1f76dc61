import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeOnLastYear, describeGap, gapBetween } from './gaps.ts';

describe('gaps', () => {
  it('measures the disadvantaged gap in percentage points, other minus group (data.md row 12: Kent KS4 2013/14, 65.3 − 30.6 = 34.7)', () => {
    const gap = gapBetween(30.6, 65.3, { polarity: 'higher_is_better', unit: 'percent' }, 1, 'other pupils in Kent');
    assert.deepEqual(gap, { points: 34.7, behind: true, description: '34.7 percentage points below other pupils in Kent' });
  });

  it('says a score’s gap in points, one point in the singular, and a count’s as a bare number', () => {
    assert.equal(gapBetween(103, 104, { polarity: 'higher_is_better', unit: 'average_score' }, 0, 'others').description, '1 point below others');
    assert.equal(gapBetween(-0.4, 0.1, { polarity: 'higher_is_better', unit: 'points' }, 2, 'others').description, '0.50 points below others');
    assert.equal(gapBetween(130, 10, { polarity: 'none', unit: 'count' }, 0, 'others').description, '120 above others');
  });

  it('reads a gap on a lower-is-better measure the other way (persistent absence 14.0% against 9.5%)', () => {
    const gap = gapBetween(14.0, 9.5, { polarity: 'lower_is_better', unit: 'percent' }, 1, 'other pupils nationally');
    assert.equal(gap.points, -4.5);
    assert.equal(gap.behind, true);
  });

  it('says which figure is missing rather than inventing a gap', () => {
    assert.deepEqual(gapBetween(30.6, null, { polarity: 'higher_is_better', unit: 'percent' }, 1, 'other pupils nationally'), {
      points: null,
      behind: null,
      description: 'not available (no figure for other pupils nationally)',
    });
  });
});

describe('change on last year', () => {
  it('calls a rise better when higher is better, and worse when lower is better', () => {
    assert.deepEqual(changeOnLastYear(68, 65, 'higher_is_better', 0), { points: 3, direction: 'better' });
    assert.deepEqual(changeOnLastYear(11.34, 10.5, 'lower_is_better', 2), { points: 0.84, direction: 'worse' });
    assert.deepEqual(changeOnLastYear(5, 5, 'lower_is_better', 0), { points: 0, direction: 'same' });
    assert.equal(changeOnLastYear(5, null, 'lower_is_better', 0), null);
  });
});

// Issue 11 point 13: a school profile's gap is shown only where it means something, with its unit and direction in words.
describe('a pupil-group gap in words', () => {
  it('shows no gap for a share of the cohort, a count or a band: a group is 100% of itself', () => {
    // ks4-cohort-disadvantaged (indicators/key-stage-4-and-post-16.yaml): percent, polarity none.
    assert.equal(describeGap({ unit: 'percent', polarity: 'none' }, 'disadvantaged', 'not-disadvantaged', 100, 0, 1), null);
    assert.equal(describeGap({ unit: 'count', polarity: 'lower_is_better' }, 'fsm', 'not-fsm', 3, 12, 0), null);
    assert.equal(describeGap({ unit: 'band', polarity: 'higher_is_better' }, 'fsm', 'not-fsm', 2, 3, 0), null);
  });

  it('says the unit and the direction where higher is better (KS2 RWM 52% against 74%, LAIT 2019 Kent)', () => {
    assert.deepEqual(describeGap({ unit: 'percent', polarity: 'higher_is_better' }, 'disadvantaged', 'not-disadvantaged', 52, 74, 0), {
      points: 22,
      unit: 'percentage points',
      sentence: 'Disadvantaged pupils 22.0 percentage points behind other pupils',
    });
    assert.equal(
      describeGap({ unit: 'average_score', polarity: 'higher_is_better' }, 'fsm', 'not-fsm', 33, 51.3, 1)!.sentence,
      'Pupils eligible for free school meals 18.3 points behind other pupils',
    );
  });

  it('never calls a worse figure "ahead" where lower is better (persistent absence 15.1% against 9.1%)', () => {
    assert.equal(
      describeGap({ unit: 'percent', polarity: 'lower_is_better' }, 'disadvantaged', 'not-disadvantaged', 15.1, 9.1, 1)!.sentence,
      'Disadvantaged pupils 6.0 percentage points higher than other pupils (lower is better, so behind)',
    );
  });
});
