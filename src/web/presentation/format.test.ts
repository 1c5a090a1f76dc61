import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixed } from './format.ts';

describe('fixed: a figure rounded once, at display, half up as the DfE rounds (its round_five_up)', () => {
  it('rounds half up and away from zero, free of binary artefacts, to fixed decimals', () => {
    assert.equal(fixed(2.675, 2), '2.68'); // stored as 2.67499…; Number.prototype.toFixed gives 2.67
    assert.equal(fixed(-2.5, 0), '-3'); // Math.round(-2.5) is -2
    assert.equal(fixed(75, 1), '75.0');
    assert.equal(fixed(-0.04, 1), '0.0'); // no "-0.0"
  });
  it('shows a dash where there is no number', () => {
    assert.equal(fixed(null, 1), '–');
    assert.equal(fixed(undefined, 1), '–');
  });
});
