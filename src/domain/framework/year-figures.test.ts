import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { targetFigure, type ShownGroupFigure } from './year-figures.ts';

describe("a target's figure for a year", () => {
  const gapTarget = { breakdown: 'all', gap: { group: 'fsm', other: 'not-fsm' } };
  const shown = (value: number | null, unrounded: number | null, symbol: ShownGroupFigure['symbol'] = null): ShownGroupFigure => ({ value, symbol, unrounded });

  it('works a gap from the unrounded figures and rounds it once (Kent, level 3 by 19, 2016: 58.06081856 − 25.64855605)', () => {
    // attainment-age-19/l2_l3_attainment_by_19_la_2005-2025.csv, Kent 2016, l3_by19_rate: not FSM 58.06…, FSM 25.64…
    // The rounded rates (58.1 − 25.6) would give 32.5; the unrounded give 32.41 → 32.4.
    const figure = targetFigure(gapTarget, 1, (b) => (b === 'fsm' ? shown(25.6, 25.64855605) : shown(58.1, 58.06081856)));
    assert.deepEqual(figure, { value: 32.4, symbol: null });
  });

  it('gives no gap from a hidden figure, only its symbol', () => {
    const figure = targetFigure(gapTarget, 1, (b) => (b === 'fsm' ? shown(null, null, 'c') : shown(58.1, 58.06081856)));
    assert.deepEqual(figure, { value: null, symbol: 'c' });
  });

  it('gives the group’s own figure as shown for a target that is not a gap', () => {
    assert.deepEqual(
      targetFigure({ breakdown: 'all', gap: null }, 0, () => shown(78, 77.6)),
      { value: 78, symbol: null },
    );
  });
});
