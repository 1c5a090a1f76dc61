import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCalendarDate } from './dates.ts';

describe('calendar dates', () => {
  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    assert.equal(isCalendarDate('2016-02-29'), true); // a leap year
    assert.equal(isCalendarDate('2015-02-29'), false);
    assert.equal(isCalendarDate('2015-13-01'), false);
    assert.equal(isCalendarDate('01-09-2015'), false);
  });
});
