import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInPopulation } from './school-populations.ts';

// Populations as DfE's KS2 and KS4 statistics define them (state-funded: LA maintained, academies and free schools;
// special schools in "all state-funded" but not in "mainstream"; independent and non-maintained special schools only in
// "all schools"; AP and PRUs outside the headline state-funded figures).
describe('school populations', () => {
  const school = (stateFunded: boolean, sector: 'primary' | 'special' | 'alternative-provision') => ({ stateFunded, sector });

  it('counts a state-funded primary in every population', () => {
    assert.deepEqual(
      (['state-funded-mainstream', 'state-funded', 'all-schools'] as const).map((p) => isInPopulation(school(true, 'primary'), p)),
      [true, true, true],
    );
  });

  it('counts a state-funded special school as state-funded but not mainstream', () => {
    assert.equal(isInPopulation(school(true, 'special'), 'state-funded'), true);
    assert.equal(isInPopulation(school(true, 'special'), 'state-funded-mainstream'), false);
  });

  it('counts an independent school only among all schools', () => {
    assert.equal(isInPopulation(school(false, 'primary'), 'state-funded'), false);
    assert.equal(isInPopulation(school(false, 'primary'), 'all-schools'), true);
  });

  it('leaves pupil referral units out of the state-funded headline populations', () => {
    assert.equal(isInPopulation(school(true, 'alternative-provision'), 'state-funded'), false);
  });
});
