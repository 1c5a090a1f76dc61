import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { numberArrayLiteral } from './number-arrays.ts';

// PostgreSQL's array input syntax (docs, "8.15.2. Array Value Input"): '{val1,val2}', NULL unquoted for a null element.
describe('a number array literal', () => {
  it('writes each number as JavaScript does and a null as NULL', () => {
    assert.equal(numberArrayLiteral([1, 2.5, null, 66.66666666666667, -0.125, 1e21]), '{1,2.5,NULL,66.66666666666667,-0.125,1e+21}');
  });

  it('writes no elements as an empty array', () => {
    assert.equal(numberArrayLiteral([]), '{}');
  });
});
