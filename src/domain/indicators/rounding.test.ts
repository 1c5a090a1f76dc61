import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { roundHalfUp } from './rounding.ts';

describe('DfE rounding', () => {
  it('rounds half up, away from zero, where JavaScript and R would not', () => {
    // 2.675 is stored as 2.67499999999999982236431605997495353221893310546875: DfE publishes 2.68.
    assert.equal(roundHalfUp(2.675, 2), 2.68);
    assert.equal(roundHalfUp(0.5, 0), 1);
    assert.equal(roundHalfUp(2.5, 0), 3); // R's round() gives 2 (half to even)
    assert.equal(roundHalfUp(-2.5, 0), -3);
    assert.equal(roundHalfUp(11.345, 1), 11.3);
  });

  it('removes binary float artefacts from published files before rounding', () => {
    // LAIT writes values such as 20.329999999999998 (data/public/lait/PROVENANCE.md).
    assert.equal(roundHalfUp(20.329999999999998, 2), 20.33);
    assert.equal(roundHalfUp(58.05, 1), 58.1);
  });
});
