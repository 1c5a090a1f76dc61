import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bandPosition, surplusOf } from './surplus.ts';

describe('surplus places as the DfE counts them (domain.md §12.1)', () => {
  it('counts 60 unfilled of 1,050 places with 990 on roll as 5.714…%, inside the 5-7% band (domain.md §12 worked example)', () => {
    // Three schools, none over capacity: 420 + 420 + 210 = 1,050 places; 400 + 400 + 190 = 990 on roll.
    // Unfilled 20 + 20 + 20 = 60; rate 60 ÷ 1,050 × 100 = 5.714285…%.
    const s = surplusOf([
      { urn: 'A', capacity: 420, pupils: 400 },
      { urn: 'B', capacity: 420, pupils: 400 },
      { urn: 'C', capacity: 210, pupils: 190 },
    ]);
    assert.deepEqual({ ...s, rate: undefined }, { capacity: 1050, pupils: 990, unfilled: 60, excess: 0, rate: undefined, schools: 3, atOrOver: 0 });
    assert.ok(Math.abs(s.rate! - 400 / 70) < 1e-12);
    assert.equal(s.rate!.toFixed(1), '5.7');
    assert.equal(bandPosition(s.rate!, { min: 5, max: 7 }), 'within');
  });

  it('counts a school 20 over capacity apart: 80 unfilled and 20 in excess, not a net 60 (domain.md §12 worked example)', () => {
    // Same 1,050 places; A is 20 over (440 on 420), B and C have 40 unfilled each (380 on 420, 170 on 210).
    // Unfilled = 0 + 40 + 40 = 80 (7.619…% of 1,050), excess = 20; on roll 990, so a net count would say 60.
    const s = surplusOf([
      { urn: 'A', capacity: 420, pupils: 440 },
      { urn: 'B', capacity: 420, pupils: 380 },
      { urn: 'C', capacity: 210, pupils: 170 },
    ]);
    assert.equal(s.pupils, 990);
    assert.equal(s.unfilled, 80);
    assert.equal(s.excess, 20);
    assert.equal(s.atOrOver, 1);
    assert.equal(s.rate!.toFixed(1), '7.6');
    assert.equal(bandPosition(s.rate!, { min: 5, max: 7 }), 'above');
  });

  it('counts a school exactly full as at or over capacity (NOR ≥ capacity) with nothing unfilled or in excess', () => {
    const s = surplusOf([{ urn: 'A', capacity: 30, pupils: 30 }]);
    assert.deepEqual([s.unfilled, s.excess, s.atOrOver, s.rate], [0, 0, 1, 0]);
  });

  it('gives no rate when there is no capacity, and nothing for no schools', () => {
    assert.equal(surplusOf([{ urn: 'A', capacity: 0, pupils: 12 }]).rate, null);
    assert.deepEqual(surplusOf([]), { capacity: 0, pupils: 0, unfilled: 0, excess: 0, rate: null, schools: 0, atOrOver: 0 });
  });

  it('keeps unfilled − excess equal to capacity − pupils for any schools (each school adds max(0,c−p) − max(0,p−c) = c − p)', () => {
    const school = fc.record({ urn: fc.string(), capacity: fc.integer({ min: 0, max: 2000 }), pupils: fc.integer({ min: 0, max: 2000 }) });
    fc.assert(
      fc.property(fc.array(school, { maxLength: 30 }), (schools) => {
        const s = surplusOf(schools);
        assert.equal(s.unfilled - s.excess, s.capacity - s.pupils);
        assert.ok(s.unfilled >= Math.max(0, s.capacity - s.pupils));
      }),
    );
  });
});

describe('band position of a surplus rate', () => {
  it('places the band ends 5 and 7 within a 5-7% band, and just outside them below or above', () => {
    const band = { min: 5, max: 7 };
    assert.deepEqual(
      [4.999, 5, 6, 7, 7.001].map((r) => bandPosition(r, band)),
      ['below', 'within', 'within', 'within', 'above'],
    );
  });
});
