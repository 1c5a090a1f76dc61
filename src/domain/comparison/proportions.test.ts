import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { differenceOfProportions, wilsonInterval } from './proportions.ts';

const close = (actual: number, expected: number, dp = 4) => assert.equal(actual.toFixed(dp), expected.toFixed(dp));

describe('Wilson score intervals', () => {
  // Worked examples: R. G. Newcombe, "Two-sided confidence intervals for the single proportion: comparison
  // of seven methods", Statistics in Medicine 17 (1998) 857-872, Table II, method 3 (score, no correction).
  it('matches Newcombe (1998) for 81/263', () => {
    const i = wilsonInterval(81, 263);
    close(i.lower, 0.2553);
    close(i.upper, 0.3662);
  });

  it('matches Newcombe (1998) for 15/148', () => {
    const i = wilsonInterval(15, 148);
    close(i.lower, 0.0624);
    close(i.upper, 0.1605);
  });

  it('matches Newcombe (1998) at the boundaries 0/20 and 1/29', () => {
    const none = wilsonInterval(0, 20);
    close(none.lower, 0);
    close(none.upper, 0.1611);
    const one = wilsonInterval(1, 29);
    close(one.lower, 0.0061);
    close(one.upper, 0.1718);
  });

  it('refuses an impossible proportion', () => {
    assert.throws(() => wilsonInterval(5, 4), /successes <= trials/);
  });
});

describe('the difference of two proportions', () => {
  // R. G. Newcombe, "Interval estimation for the difference between independent proportions: comparison of
  // eleven methods", Statistics in Medicine 17 (1998) 873-890, Table II, method 10: 56/70 - 48/80 = 0.2000,
  // 95% interval 0.0524 to 0.3339.
  it('matches Newcombe (1998) for 56/70 against 48/80 and is significant', () => {
    const d = differenceOfProportions(56, 70, 48, 80);
    close(d.difference, 0.2);
    close(d.interval.lower, 0.0524);
    close(d.interval.upper, 0.3339);
    assert.equal(d.significant, true);
  });

  it('is not significant when the interval spans zero (a small school against the county)', () => {
    // 9 of 15 pupils (60%) against 10,000 of 16,000 (62.5%): the gap is within noise.
    assert.equal(differenceOfProportions(9, 15, 10_000, 16_000).significant, false);
  });
});
