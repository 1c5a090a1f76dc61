import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStateFundedMainstream } from './mainstream.ts';

// DfE performance tables and floor standards (research/domain.md §2): state-funded mainstream schools exclude special
// schools, alternative provision and independent schools.
describe('state-funded mainstream schools', () => {
  it('keeps state-funded primaries and secondaries, not special schools, PRUs or independent schools', () => {
    assert.equal(isStateFundedMainstream({ stateFunded: true, sector: 'primary' }), true);
    assert.equal(isStateFundedMainstream({ stateFunded: true, sector: 'secondary' }), true);
    assert.equal(isStateFundedMainstream({ stateFunded: true, sector: 'special' }), false);
    assert.equal(isStateFundedMainstream({ stateFunded: true, sector: 'alternative-provision' }), false);
    assert.equal(isStateFundedMainstream({ stateFunded: false, sector: 'secondary' }), false);
  });
});
