import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStateFundedMainstream, mainstreamPhaseOf, phaseBreakdownsOf, schoolPhaseOf } from './school-phase.ts';

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

describe('a school’s phase', () => {
  it('counts an all-through school as a secondary, as the KS4 tables and the secondary floor read it (domain.md §1.5, §2.2)', () => {
    assert.equal(schoolPhaseOf({ sector: 'all-through' }), 'secondary');
    assert.equal(schoolPhaseOf({ sector: 'alternative-provision' }), 'pupil-referral-unit');
    assert.equal(schoolPhaseOf({ sector: 'nursery' }), null);
    assert.equal(schoolPhaseOf({ sector: 'post-16' }), null);
  });

  it('assesses only state-funded primaries and secondaries on the watch list (ADR 0008)', () => {
    assert.equal(mainstreamPhaseOf({ stateFunded: true, sector: 'primary' }), 'primary');
    assert.equal(mainstreamPhaseOf({ stateFunded: true, sector: 'all-through' }), 'secondary');
    assert.equal(mainstreamPhaseOf({ stateFunded: false, sector: 'primary' }), null);
    assert.equal(mainstreamPhaseOf({ stateFunded: true, sector: 'special' }), null);
    assert.equal(mainstreamPhaseOf({ stateFunded: true, sector: 'nursery' }), null);
  });

  it("gives Ofsted outcomes by phase, primaries and secondaries also together (Kent's targets 10 and 11)", () => {
    assert.deepEqual(phaseBreakdownsOf({ sector: 'primary' }), ['phase:primary', 'phase:primary-and-secondary']);
    assert.deepEqual(phaseBreakdownsOf({ sector: 'all-through' }), ['phase:secondary', 'phase:primary-and-secondary']);
    assert.deepEqual(phaseBreakdownsOf({ sector: 'special' }), ['phase:special']);
    assert.deepEqual(phaseBreakdownsOf({ sector: 'alternative-provision' }), ['phase:pupil-referral-unit']);
    assert.deepEqual(phaseBreakdownsOf({ sector: 'post-16' }), []);
  });
});
