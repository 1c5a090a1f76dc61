import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cmeAnonymiseOn, cmeDateKnownProblem, cmeDueForAnonymising, defaultCmeRetentionYears } from './cme-retention.ts';

describe('CME retention (IRMS Retention Guidelines for Local Authorities: closure + 6 years, or the LA’s period)', () => {
  it('anonymises a case six years after it closed by default', () => {
    assert.equal(defaultCmeRetentionYears, 6);
    assert.equal(cmeAnonymiseOn('2014-03-20', 6), '2020-03-20');
    assert.equal(cmeDueForAnonymising('2014-03-20', '2020-03-19', 6), false);
    assert.equal(cmeDueForAnonymising('2014-03-20', '2020-03-20', 6), true);
  });

  it('moves a 29 February closure to 28 February in a common year, and never anonymises an open case', () => {
    assert.equal(cmeAnonymiseOn('2016-02-29', 6), '2022-02-28');
    assert.equal(cmeAnonymiseOn('2016-02-29', 8), '2024-02-29');
    assert.equal(cmeDueForAnonymising(null, '2099-01-01', 6), false);
  });

  it('refuses a date known in the future or before the duty (s.436A, in force February 2007)', () => {
    assert.equal(cmeDateKnownProblem('2024-03-05', '2024-03-04'), 'The date the child became known must be today or in the past');
    assert.match(cmeDateKnownProblem('2005-01-01', '2024-03-04')!, /after 1 September 2006/);
    assert.equal(cmeDateKnownProblem('2024-03-04', '2024-03-04'), null);
  });
});
