import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { numberText } from './number-text.ts';

// Issue 19 item 6, "one minus sign": a negative number on a page is written with Unicode's MINUS SIGN, U+2212 (the
// Chicago Manual of Style, 11.2, prefers it to a hyphen or dash in typeset text), as web/presentation/format.ts already
// wrote the pages' figures; the hyphen-minus (U+002D) is what a program parses, kept for CSV and the API.
describe('a number written for a reader', () => {
  it('writes a negative with the true minus sign (U+2212), never a hyphen-minus', () => {
    assert.equal(numberText(-3.2, 1), '\u22123.2');
    assert.equal(numberText(-0.25, 2), '\u22120.25');
    assert.equal(numberText(-6.1), '\u22126.1');
    assert.equal(numberText(-5), '\u22125');
    assert.doesNotMatch(numberText(-1234.5, 1), /-/);
  });

  it('rounds once, half up and away from zero as the DfE rounds, to exactly the decimals asked', () => {
    assert.equal(numberText(2.675, 2), '2.68'); // stored as 2.67499…; toFixed alone gives 2.67
    assert.equal(numberText(-2.5, 0), '\u22123'); // Math.round(-2.5) is -2
    assert.equal(numberText(75, 1), '75.0');
  });

  it('writes a number as held, to as many decimals as it has, where no decimals are asked', () => {
    assert.equal(numberText(-0.72), '\u22120.72');
    assert.equal(numberText(52), '52');
    assert.equal(numberText(-5.04), '\u22125.04');
  });

  it('never writes a minus sign before nothing: -0 and a negative rounding to nothing are 0', () => {
    assert.equal(numberText(-0.04, 1), '0.0');
    assert.equal(numberText(-0), '0');
    assert.equal(numberText(-0.4, 0), '0');
  });
});
