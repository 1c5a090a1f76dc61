import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { straightLineMetres } from './distance.ts';

describe('straight-line distance on the National Grid (School Admissions Code 2014 para 1.13: distance as the arrangements define it)', () => {
  it('is Euclidean in metres: a 3-4-5 triangle of 3 km east and 4 km north is 5 km', () => {
    assert.equal(straightLineMetres({ easting: 600_000, northing: 150_000 }, { easting: 603_000, northing: 154_000 }), 5000);
  });

  it('is the same both ways and zero from a point to itself', () => {
    const a = { easting: 612_345, northing: 141_210 };
    const b = { easting: 598_001, northing: 160_777 };
    assert.equal(straightLineMetres(a, b), straightLineMetres(b, a));
    assert.equal(straightLineMetres(a, a), 0);
  });
});
