import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexPostcodes, normalisePostcode, placeByPostcode } from './postcode.ts';

const index = indexPostcodes([
  { postcode: 'TN48AA', districtCode: 'E07000116' },
  { postcode: 'TN48AB', districtCode: 'E07000116' },
  { postcode: 'TN48AD', districtCode: 'E07000115' },
  { postcode: 'ME101AA', districtCode: 'E07000113' },
]);

describe('placing a school in its district by postcode', () => {
  it('normalises Code-Point and register spellings to one key', () => {
    assert.equal(normalisePostcode(' me10 1aa '), 'ME101AA');
  });

  it('uses the district of the exact postcode when the postcode is listed', () => {
    assert.deepEqual(placeByPostcode('ME10 1AA', index), { kind: 'exact', districtCode: 'E07000113', basis: 'postcode' });
  });

  it('falls back to the majority district of the postcode sector, with the counts in the basis', () => {
    // TN4 8: two live postcodes in Tunbridge Wells, one in Tonbridge and Malling.
    assert.deepEqual(placeByPostcode('TN4 8ZZ', index), { kind: 'sector', districtCode: 'E07000116', basis: 'postcode sector majority (2/3)' });
  });

  it('leaves a school unplaced when neither its postcode nor its sector is known', () => {
    assert.equal(placeByPostcode('CT1 1AA', index).kind, 'none');
    assert.equal(placeByPostcode(null, index).kind, 'none');
  });
});
