import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fnv1a32, seededKey } from './seeded-order.ts';

describe('the seeded random order (Code 1.35: random allocation that can be re-run and checked)', () => {
  it('hashes references with FNV-1a 32-bit, matching the published test vectors', () => {
    // Fowler, Noll and Vo, FNV test vectors (isthe.com/chongo/src/fnv/test_fnv.c): "" → 0x811c9dc5, "a" → 0xe40c292c,
    // "foobar" → 0xbf9cf968.
    assert.equal(fnv1a32(''), 0x811c9dc5);
    assert.equal(fnv1a32('a'), 0xe40c292c);
    assert.equal(fnv1a32('foobar'), 0xbf9cf968);
  });

  it('gives the same key for the same seed and reference, and spreads references across the range', () => {
    assert.equal(seededKey(2016, fnv1a32('KCC-0001')), seededKey(2016, fnv1a32('KCC-0001')));
    // 1,000 references: keys unsigned 32-bit, about half above the midpoint (binomial(1000, 0.5): 500 ± 16 sd; 430-570 is
    // over four standard deviations), and a different seed changes most keys.
    const keys = Array.from({ length: 1000 }, (_, i) => seededKey(7, fnv1a32(`KCC-${i}`)));
    assert.ok(keys.every((k) => Number.isInteger(k) && k >= 0 && k <= 0xffffffff));
    const high = keys.filter((k) => k >= 0x80000000).length;
    assert.ok(high > 430 && high < 570, `${high} of 1000 above the midpoint`);
    const changed = keys.filter((k, i) => k !== seededKey(8, fnv1a32(`KCC-${i}`))).length;
    assert.ok(changed > 990, `${changed} of 1000 changed with the seed`);
  });
});
