import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activityGroupOn, isActivityCode, isEet } from './nccis-codes.ts';

describe('NCCIS current-activity codes (domain.md §6.2)', () => {
  it('groups the codes as the NCCIS requirement lists them: 210 education, 310 employment, 410 training, 619 NEET, 810 not known', () => {
    assert.equal(activityGroupOn('210', '2012-12-31'), 'education');
    assert.equal(activityGroupOn('310', '2012-12-31'), 'employment');
    assert.equal(activityGroupOn('410', '2012-12-31'), 'training');
    assert.equal(activityGroupOn('619', '2012-12-31'), 'neet');
    assert.equal(activityGroupOn('810', '2012-12-31'), 'not-known');
    assert.equal(activityGroupOn('710', '2012-12-31'), 'excluded');
    assert.equal(isEet('re-engagement'), true); // 530 re-engagement provision is not NEET
    assert.equal(isEet('neet'), false);
  });

  it('moves code 550 from NEET to employment when the later code lists do (domain.md §6.2, versioned)', () => {
    assert.equal(activityGroupOn('550', '2013-01-31'), 'neet');
    assert.equal(activityGroupOn('550', '2018-01-31'), 'employment');
  });

  it('leaves refugees and asylum seekers (720) out of the cohort until April 2018, then counts the code as not known', () => {
    assert.equal(activityGroupOn('720', '2018-03-31'), 'excluded');
    assert.equal(activityGroupOn('720', '2018-04-30'), 'not-known');
  });

  it('refuses a code the requirement does not list', () => {
    assert.equal(isActivityCode('999'), false);
    assert.throws(() => activityGroupOn('999', '2013-01-31'), /not an NCCIS activity code/);
  });
});
