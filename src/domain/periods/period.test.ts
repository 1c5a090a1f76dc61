import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  periodSpanLabel,
  academicAge,
  academicStartYearOf,
  academicYearCode,
  academicYearLabel,
  academicYearOf,
  academicYearSpan,
  censusDateOf,
  endYearOf,
  frameworkYearOf,
  isTwoYearCode,
  periodLabel,
  periodOfYear,
  previousPeriod,
  startYearOf,
} from './period.ts';

// The DfE writes an academic year by its two years (EES `time_period` 201516 for 2015/16; the school year runs from
// 1 September to 31 August, Education Act 1996 s.579 "school year"); LAIT and the framework name it by the year it ends.

describe('period codes: academic and financial years by their two years, calendar years by one', () => {
  it('writes and reads 2015/16 as 201516, across a century too', () => {
    assert.equal(academicYearCode(2015), '201516');
    assert.equal(academicYearCode(1999), '199900');
    assert.equal(startYearOf('201516'), 2015);
    assert.equal(academicYearLabel('201516'), '2015/16');
  });
  it('refuses a code whose second year does not follow its first', () => {
    assert.equal(isTwoYearCode('201517'), false);
    assert.equal(isTwoYearCode('2016'), false);
    assert.throws(() => startYearOf('201517'), /not an academic year code/);
    assert.throws(() => academicYearLabel('2016'), /not an academic year code/);
  });
  it('labels any period for people: 2015/16, or 2016 for a calendar year', () => {
    assert.deepEqual([periodLabel('201516'), periodLabel('2016')], ['2015/16', '2016']);
  });
});

describe('the year a period ends in, and the framework year', () => {
  it('ends 2018/19 in 2019 and the calendar year 2019 in 2019 (the year that decides which LA a changed name means)', () => {
    assert.deepEqual([endYearOf('201819'), endYearOf('2019'), endYearOf('200809')], [2019, 2019, 2009]);
    assert.throws(() => endYearOf('19'), /not a period code/);
  });
  it('reads the framework year 2016 as 2015/16 for academic and financial measures and as 2016 for calendar ones', () => {
    assert.equal(periodOfYear(2016, 'academic'), '201516');
    assert.equal(periodOfYear(2016, 'financial'), '201516');
    assert.equal(periodOfYear(2016, 'calendar'), '2016');
  });
  it('finds the period one or more years before, of the same kind', () => {
    assert.equal(previousPeriod('201516'), '201415');
    assert.equal(previousPeriod('200001'), '199900');
    assert.equal(previousPeriod('2016'), '2015');
    assert.equal(previousPeriod('201516', 2), '201314');
  });
});

describe('dates in academic years', () => {
  it('starts an academic year on 1 September: 31 August 2014 is 2013/14, 1 September 2014 is 2014/15', () => {
    assert.equal(academicYearOf('2014-08-31'), '201314');
    assert.equal(academicYearOf('2014-09-01'), '201415');
    assert.deepEqual(academicYearSpan('201415'), { from: '2014-09-01', to: '2015-08-31' });
  });
  it('counts a milestone done in October 2014 for 2014/15, the framework’s 2015 (issue 13.2)', () => {
    assert.equal(frameworkYearOf('2014-10-15'), 2015);
    assert.equal(frameworkYearOf('2015-07-31'), 2015);
    assert.equal(frameworkYearOf('2015-09-01'), 2016);
  });
  it('takes the January census of 2015/16 as 15 January 2016', () => {
    assert.equal(censusDateOf('201516'), '2016-01-15');
  });

  it('takes academic age as the age on 31 August before the academic year (DfE school census guide: the age on 31 August decides the year group)', () => {
    // Born 31 August 1995: 16 on 31 August 2011, so academic age 16 (Year 12) in 2011/12.
    assert.equal(academicAge('1995-08-31', 2011), 16);
    // Born 1 September 1995: still 15 on 31 August 2011 — academic age 15 in 2011/12, a year group below.
    assert.equal(academicAge('1995-09-01', 2011), 15);
    assert.equal(academicStartYearOf('2012-01-31'), 2011);
    assert.equal(academicStartYearOf('2012-09-30'), 2012);
  });
});

describe('periodSpanLabel writes a run of periods as a page does', () => {
  it('gives the first and last, one period alone, or nothing', () => {
    assert.equal(periodSpanLabel(['201213', '201314', '201415']), '2012/13 to 2014/15');
    assert.equal(periodSpanLabel(['2016']), '2016');
    assert.equal(periodSpanLabel([]), '');
  });
});
