import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { academicYearCode, academicYearLabel, startYearOf } from './academic-year.ts';
import { isCalendarDate } from './dates.ts';

describe('dates and academic years', () => {
  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    assert.equal(isCalendarDate('2016-02-29'), true); // a leap year
    assert.equal(isCalendarDate('2015-02-29'), false);
    assert.equal(isCalendarDate('2015-13-01'), false);
    assert.equal(isCalendarDate('01-09-2015'), false);
  });

  it('writes academic years as DfE files do: 2015/16 is 201516', () => {
    assert.equal(academicYearCode(2015), '201516');
    assert.equal(academicYearCode(1999), '199900');
    assert.equal(academicYearLabel('201516'), '2015/16');
    assert.equal(startYearOf('201516'), 2015);
    assert.throws(() => startYearOf('201517'), /not an academic year code/);
  });
});
