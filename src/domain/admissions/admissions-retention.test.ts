import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { admissionsAnonymiseOn, lastEntryYearDue } from './admissions-retention.ts';

// The IRMS rule for admissions records (admissions-retention.ts): kept until the date of admission + 1 year. Entry in
// September 2014 (the 2014/15 round, offers in March 2014) is admission on 1 September 2014, so kept to 1 September 2015.
describe('admissions retention', () => {
  it('anonymises the September 2014 entry round on 1 September 2015, one year after admission', () => {
    assert.equal(admissionsAnonymiseOn(2014), '2015-09-01');
  });

  it('on 31 August 2015 the latest round due is the 2013 entry; on 1 September 2015 it is the 2014 entry', () => {
    assert.equal(lastEntryYearDue('2015-08-31'), 2013);
    assert.equal(lastEntryYearDue('2015-09-01'), 2014);
    assert.equal(lastEntryYearDue('2015-12-31'), 2014);
    assert.equal(lastEntryYearDue('2016-01-01'), 2014);
  });
});
