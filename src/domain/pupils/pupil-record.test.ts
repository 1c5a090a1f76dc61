import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unknownSchoolsNote } from './pupil-record.ts';

describe('pupils at schools the register does not hold', () => {
  const register = new Set(['118298', '118299']);
  it('says nothing when every URN is a school in the register', () => {
    assert.equal(
      unknownSchoolsNote(['118298', '118299', '118298'], (u) => register.has(u)),
      null,
    );
  });

  it('counts the unknown URNs once each and shows the first five, sorted (issue 12, item 7)', () => {
    const note = unknownSchoolsNote(['999906', '999901', '118298', '999905', '999904', '999903', '999902', '999901'], (u) => register.has(u));
    assert.equal(
      note,
      '6 URNs not in the register (999901, 999902, 999903, 999904, 999905, …): their pupils stay unplaced (in no school, district or LA) until the register holds those schools',
    );
  });
});
