import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRate, rateOf } from './count-rates.ts';

// Issue 11 point 14: counts across places are compared as rates of what they count from.
describe('counts as rates', () => {
  it('gives the share of the whole, to one decimal, and none without a whole', () => {
    // The seed's 19 Kent schools in a category of concern (2012), of an illustrative 590 judged: 19 / 590 = 3.22%.
    assert.equal(rateOf({ count: 19, of: 590 }), 3.2);
    assert.equal(rateOf({ count: 19, of: null }), null);
    assert.equal(rateOf({ count: 0, of: 0 }), null);
    assert.equal(describeRate({ count: 19, of: 590 }, 'schools judged'), '3.2% of schools judged (19 of 590)');
  });
});
