import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { roundDatesOf } from './round-dates.ts';

// Expected dates: the DfE's national offer days as published in *Secondary and primary school applications and offers*
// (June of each year) and the closing dates of the School Admissions Code 2014 (domain.md §13); weekdays and Easter
// from a printed calendar.
describe('coordinated round dates (School Admissions Code 2014; national offer days)', () => {
  it('closes secondary applications on 31 October of the year before entry and offers on 1 March when it is a weekday', () => {
    // 1 March 2021 was a Monday: national offer day 2021.
    assert.deepEqual(roundDatesOf('secondary', 2021), { closingDate: '2020-10-31', offerDay: '2021-03-01' });
  });

  it('moves the secondary offer day from a weekend to the Monday', () => {
    // 1 March 2014 was a Saturday: offers were made on Monday 3 March 2014; 1 March 2015 a Sunday: Monday 2 March 2015.
    assert.deepEqual(roundDatesOf('secondary', 2014), { closingDate: '2013-10-31', offerDay: '2014-03-03' });
    assert.equal(roundDatesOf('secondary', 2015).offerDay, '2015-03-02');
  });

  it('closes primary applications on 15 January of the year of entry and offers on 16 April', () => {
    // 16 April 2014 was a Wednesday.
    assert.deepEqual(roundDatesOf('primary', 2014), { closingDate: '2014-01-15', offerDay: '2014-04-16' });
  });

  it('skips Easter Monday after a weekend 16 April', () => {
    // 2017: 16 April was Easter Sunday and 17 April Easter Monday, offers on Tuesday 18 April. 2022: 16 April a Saturday,
    // Easter Monday 18 April, offers on Tuesday 19 April. 2023: 16 April a Sunday, offers on Monday 17 April.
    assert.equal(roundDatesOf('primary', 2017).offerDay, '2017-04-18');
    assert.equal(roundDatesOf('primary', 2022).offerDay, '2022-04-19');
    assert.equal(roundDatesOf('primary', 2023).offerDay, '2023-04-17');
  });

  it('skips Good Friday when 16 April falls on it', () => {
    // Easter Sunday 18 April 2049 (checked with python-dateutil's easter()): Good Friday is 16 April, offers on Tuesday 20 April after Easter Monday.
    assert.equal(roundDatesOf('primary', 2049).offerDay, '2049-04-20');
  });
});
