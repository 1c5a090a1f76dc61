import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSameFact, type Fact } from './same-fact.ts';

// ks4_2013-14_school_and_la.csv lists URN 133289 twice with the same PTAC5EM_PTQ and TPUP in every column.
const fact: Fact = { value: 58.1, numerator: null, denominator: 16320, symbol: null, publishedDecimals: 1 };

describe('whether two rows state the same fact', () => {
  it('takes a row that repeats another exactly as the same fact', () => {
    assert.equal(isSameFact(fact, { ...fact }), true);
  });

  it('takes rows that differ in value, count, symbol or decimals as conflicting', () => {
    assert.equal(isSameFact(fact, { ...fact, value: 58.2 }), false);
    assert.equal(isSameFact(fact, { ...fact, denominator: 16321 }), false);
    assert.equal(isSameFact({ ...fact, value: null, symbol: 'x' }, { ...fact, value: null, symbol: 'c' }), false);
    assert.equal(isSameFact(fact, { ...fact, value: 58.1, publishedDecimals: 2 }), false);
  });
});
