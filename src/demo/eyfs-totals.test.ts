import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eyfsScales, eyfsTotals } from './eyfs-totals.ts';

// The gap is worked out here from its definition (domain.md §1.7), independently of how the totals were made:
// (median − mean of the lowest ceil(0.2 × n)) ÷ median × 100.
function gapOf(totals: readonly number[]): number {
  const sorted = [...totals].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const lowest = sorted.slice(0, Math.ceil(0.2 * n));
  return (100 * (median - lowest.reduce((s, v) => s + v, 0) / lowest.length)) / median;
}

const cohort = (n: number, share: number) => Array.from({ length: n }, (_, i) => ({ i, upper: i >= Math.round(share * n) }));

describe('the demo’s EYFS totals', () => {
  it('give the 2012 profile a gap near the one asked, every child on their side of the good level of development', () => {
    for (const [share, gap] of [
      [0.36, 28.5],
      [0.25, 25.9],
    ] as const) {
      const children = cohort(17_000, share);
      const totals = eyfsTotals(children, (c) => c.upper, eyfsScales['eyfsp-2012'], gap);
      const values = children.map((c) => totals.get(c)!);
      assert.ok(Math.abs(gapOf(values) - gap) < 1, `${share}: ${gapOf(values)} against ${gap}`);
      for (const c of children) {
        const t = totals.get(c)!;
        assert.ok(c.upper ? t >= 32 && t <= 51 : t >= 17 && t <= 31, `${c.i}: ${t}`);
      }
    }
  });

  it('give the 2008 profile Kent’s 2012 gap of 24.8% with 79% at 78 points or more', () => {
    const children = cohort(15_000, 0.21);
    const totals = eyfsTotals(children, (c) => c.upper, eyfsScales['eyfsp-2008'], 24.8);
    const values = children.map((c) => totals.get(c)!);
    assert.ok(Math.abs(gapOf(values) - 24.8) < 1, String(gapOf(values)));
    assert.equal(values.filter((v) => v >= 78).length, children.filter((c) => c.upper).length);
    assert.ok(Math.min(...values) >= 13 && Math.max(...values) <= 117);
  });

  it('refuses a ranking that puts a child under the boundary above one over it', () => {
    const children = [
      { i: 0, upper: true },
      { i: 1, upper: false },
    ];
    assert.throws(() => eyfsTotals(children, (c) => c.upper, eyfsScales['eyfsp-2012'], 30), /ranked above/);
  });
});
