import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { annualAverage } from './annual-average.ts';

// The rule's source: claimant count annual figures are the mean of the calendar year's twelve monthly counts
// (StatsWales claimant count tables, "Data are annual averages for each calendar year"; annual-average.ts).
const year = (values: readonly number[]) => values.map((value, i) => ({ month: i + 1, value }));

describe('the annual average of a monthly series', () => {
  it('is the mean of the twelve months, January to December', () => {
    // 100, 110, …, 210: the sum is 12 × (100 + 210) / 2 = 1,860, the mean 155.
    assert.deepEqual(annualAverage(year(Array.from({ length: 12 }, (_, i) => 100 + 10 * i))), { kind: 'average', value: 155 });
  });

  it('does not depend on the order the months come in', () => {
    const months = year([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 17]).reverse();
    // 11 × 5 + 17 = 72; 72 / 12 = 6.
    assert.deepEqual(annualAverage(months), { kind: 'average', value: 6 });
  });

  it('keeps a proportion unrounded: 3.1 eleven times and 3.4 once average to 3.125', () => {
    const result = annualAverage(year([3.1, 3.1, 3.1, 3.1, 3.1, 3.1, 3.1, 3.1, 3.1, 3.1, 3.1, 3.4]));
    assert.equal(result.kind, 'average');
    assert.ok(result.kind === 'average' && Math.abs(result.value - 3.125) < 1e-12);
  });

  it('refuses to average a year with months missing, naming them', () => {
    assert.deepEqual(annualAverage(year([10, 20, 30])), { kind: 'incomplete', missingMonths: [4, 5, 6, 7, 8, 9, 10, 11, 12] });
    assert.deepEqual(annualAverage([]), { kind: 'incomplete', missingMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
  });

  it('throws on two values for one month or a month outside 1 to 12 (the importer refuses those rows first)', () => {
    assert.throws(() => annualAverage([...year([1, 2]), { month: 2, value: 3 }]), /two values for month 2/);
    assert.throws(() => annualAverage([{ month: 13, value: 1 }]), /month 13/);
  });
});
