import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccuracyRow } from '../../domain/place-planning/place-planning.ts';
import { summaryOf } from './planning-overview.ts';

// The accuracy summary at LA level (issue 17.5): the largest error keeps its sign, so an under-forecast reads as one.

const row = (basePeriod: string, accuracy: number | null): AccuracyRow => ({
  level: 'la',
  code: '886',
  phase: 'primary',
  basePeriod,
  period: basePeriod,
  yearsAhead: 1,
  forecast: 0,
  actual: 0,
  accuracy,
});

describe('the largest backtest error', () => {
  it('is the signed accuracy of the row with the largest absolute error: −3.1% beats +2.0%, and stays negative', () => {
    // |−3.1| = 3.1 > |+2.0| = 2.0 > |+0.5|: the worst is −3.1 (an under-forecast), not +3.1; mean of 2.0, 3.1, 0.5 = 1.8666….
    const primaryOne = summaryOf([row('201314', 2), row('201415', -3.1), row('201516', 0.5), row('201617', null)]).find(
      (s) => s.phase === 'primary' && s.yearsAhead === 1,
    )!;
    assert.equal(primaryOne.worst, -3.1);
    assert.ok(Math.abs(primaryOne.meanAbsolute! - 5.6 / 3) < 1e-12);
    assert.equal(primaryOne.scored, 3);
  });

  it('is an over-forecast when the largest error is one, and null with nothing scored', () => {
    const summary = summaryOf([row('201314', -1), row('201415', 2.5)]);
    assert.equal(summary.find((s) => s.phase === 'primary' && s.yearsAhead === 1)!.worst, 2.5);
    assert.equal(summary.find((s) => s.phase === 'secondary' && s.yearsAhead === 1)!.worst, null);
  });
});
