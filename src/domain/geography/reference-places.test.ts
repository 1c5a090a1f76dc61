import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { laCodeOfCounty } from './reference-places.ts';

describe('laCodeOfCounty', () => {
  it("reads Kent's ONS county code in the postcode file as DfE's LA 886", () => {
    // Code-Point Open 2014-08 (../shared/data/public/kent-postcode-district): Kent's postcodes carry Admin_county_code
    // E10000016; the DfE LA code list (lait/la_code_list.csv) gives Kent as 886.
    assert.equal(laCodeOfCounty('E10000016'), '886');
  });

  it('gives no LA for a county code it does not list (a unitary or a typo)', () => {
    assert.equal(laCodeOfCounty('E06000035'), null);
    assert.equal(laCodeOfCounty(''), null);
  });
});
