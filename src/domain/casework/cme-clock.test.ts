import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cmePhaseOf,
  childrenNotOnRoll,
  cmeClockOn,
  cmePlacedWithin30Days,
  cmeResultOn,
  isOfCompulsorySchoolAge,
  isPlacement,
  isReportedSeparately,
  type CmeEpisode,
} from './cme-clock.ts';
import { addDays, daysBetween } from '../periods/dates.ts';
import { londonDateOf } from '../periods/london-time.ts';

const placed = (knownOn: string, outcomeOn: string, outcome: CmeEpisode['outcome'] = 'school'): CmeEpisode => ({ knownOn, outcome, outcomeOn });
const open = (knownOn: string): CmeEpisode => ({ knownOn, outcome: null, outcomeOn: null });

describe('the CME 30-day clock (domain.md §8.1, Kent target 28)', () => {
  it('counts known 4 March 2024, placed 2 April 2024 as 29 days, within 30 (domain.md §8.1 worked example)', () => {
    assert.equal(daysBetween('2024-03-04', '2024-04-02'), 29);
    assert.equal(cmeResultOn(placed('2024-03-04', '2024-04-02'), '2024-08-31'), 'within');
  });

  it('counts known 4 March, placed 4 April 2024 as 31 days, not within (domain.md §8.1 worked example)', () => {
    assert.equal(daysBetween('2024-03-04', '2024-04-04'), 31);
    assert.equal(cmeResultOn(placed('2024-03-04', '2024-04-04'), '2024-08-31'), 'not-within');
  });

  it('counts exactly 30 days as within: "within 30 days" is 30 or fewer', () => {
    assert.equal(cmeResultOn(placed('2024-03-04', '2024-04-03'), '2024-08-31'), 'within');
  });

  it('counts 29 February in a leap year: 15 February to 16 March 2024 is 30 days, in 2023 it is 29', () => {
    assert.equal(daysBetween('2024-02-15', '2024-03-16'), 30);
    assert.equal(daysBetween('2023-02-15', '2023-03-16'), 29);
    assert.equal(addDays('2024-02-15', 30), '2024-03-16');
    assert.equal(addDays('2023-02-15', 30), '2023-03-17');
  });

  it('counts calendar days in Europe/London across the clock changes: no day is lost or gained (BST ends 27 October 2013, starts 30 March 2014)', () => {
    // A 23- or 25-hour day is still one day: the dates are the calendar's, not elapsed hours.
    assert.equal(daysBetween('2013-10-20', '2013-11-19'), 30);
    assert.equal(daysBetween('2014-03-25', '2014-04-24'), 30);
    assert.equal(addDays('2014-03-25', 30), '2014-04-24');
  });

  it('gives the due date (known + 30), days open and overdue for an open episode', () => {
    const clock = cmeClockOn(open('2024-03-04'), '2024-04-04');
    assert.deepEqual(clock, { daysOpen: 31, dueOn: '2024-04-03', overdue: true, open: true, daysLeft: -1 });
    assert.equal(cmeClockOn(open('2024-03-04'), '2024-04-03').overdue, false);
    // A closed episode stops its clock at its outcome date.
    assert.equal(cmeClockOn(placed('2024-03-04', '2024-03-20'), '2024-06-01').daysOpen, 16);
    assert.equal(cmeClockOn(placed('2024-03-04', '2024-03-20'), '2024-06-01').overdue, false);
  });

  it('counts an episode still open more than 30 days after becoming known as not within, and one open 30 days or fewer as pending', () => {
    assert.equal(cmeResultOn(open('2024-03-04'), '2024-04-04'), 'not-within');
    assert.equal(cmeResultOn(open('2024-03-04'), '2024-04-03'), 'pending');
    // A placement recorded after the day asked about is not yet known on that day.
    assert.equal(cmeResultOn(placed('2024-03-04', '2024-03-10'), '2024-03-08'), 'pending');
  });

  it('reports left the LA, found abroad, found on a roll and end of compulsory age separately, out of the denominator (domain.md §8.1)', () => {
    for (const kind of ['left-la', 'found-abroad', 'found-on-roll', 'ceased-compulsory-age'] as const) {
      assert.equal(isReportedSeparately(kind), true, kind);
      assert.equal(isPlacement(kind), false, kind);
      assert.equal(cmeResultOn(placed('2024-03-04', '2024-03-10', kind), '2024-08-31'), 'separate');
    }
    // Suitable elective home education is a placement (domain.md §8.1: "confirmed as receiving suitable EHE").
    assert.equal(isPlacement('elective-home-education'), true);
    // Closed for another reason without a place counts against the target.
    assert.equal(cmeResultOn(placed('2024-03-04', '2024-03-10', 'other'), '2024-08-31'), 'not-within');
  });

  it('gives the rate within ÷ (within + not within), unrounded, with the separate and pending counts kept', () => {
    // 2 within (29 and 10 days), 1 not within (31 days), 1 open 50 days (not within), 1 separate, 1 pending: 2 ÷ 4 = 50%.
    const rate = cmePlacedWithin30Days(
      [
        placed('2024-03-04', '2024-04-02'),
        placed('2024-05-01', '2024-05-11', 'academy'),
        placed('2024-03-04', '2024-04-04'),
        open('2024-06-01'),
        placed('2024-04-01', '2024-04-05', 'left-la'),
        open('2024-08-20'),
      ],
      '2024-08-31',
    );
    assert.deepEqual(rate, { within: 2, notWithin: 2, separate: 1, pending: 1, value: 50 });
    assert.equal(cmePlacedWithin30Days([open('2024-08-20')], '2024-08-31').value, null);
    // 2 of 3: the value is kept unrounded.
    const twoOfThree = cmePlacedWithin30Days(
      [placed('2024-03-04', '2024-03-05'), placed('2024-03-04', '2024-03-06'), placed('2024-03-04', '2024-05-06')],
      '2024-08-31',
    );
    assert.equal(twoOfThree.value, (2 / 3) * 100);
  });

  it('treats a reopened case as a new episode with its own date known: the first episode keeps its result', () => {
    // Placed in 10 days, then missing again from 1 June: the second episode's clock runs from 1 June, not from March.
    const first = placed('2024-03-04', '2024-03-14');
    const second = open('2024-06-01');
    assert.equal(cmeResultOn(first, '2024-07-15'), 'within');
    assert.equal(cmeClockOn(second, '2024-06-20').daysOpen, 19);
    assert.equal(cmeResultOn(second, '2024-06-20'), 'pending');
    assert.equal(cmeResultOn(second, '2024-07-15'), 'not-within');
  });
});

describe('compulsory school age (Education Act 1996 s.8) and children not on roll (Kent target 20)', () => {
  it('starts on the prescribed day on or after the fifth birthday (31 Aug, 31 Dec, 31 Mar: SI 1998/1607)', () => {
    // Born 15 October 2008: five on 15 October 2013, of compulsory school age from 31 December 2013.
    assert.equal(isOfCompulsorySchoolAge('2008-10-15', '2013-12-30'), false);
    assert.equal(isOfCompulsorySchoolAge('2008-10-15', '2013-12-31'), true);
    // Five on a prescribed day: from that day (s.8(2)(a)).
    assert.equal(isOfCompulsorySchoolAge('2008-03-31', '2013-03-31'), true);
    assert.equal(isOfCompulsorySchoolAge('2008-03-31', '2013-03-30'), false);
  });

  it('ends on the school leaving date, the last Friday in June of the school year in which the child turns 16 (SI 1997/1970)', () => {
    // Born 10 May 1998: 16 on 10 May 2014; the last Friday of June 2014 is 27 June.
    assert.equal(isOfCompulsorySchoolAge('1998-05-10', '2014-06-27'), true);
    assert.equal(isOfCompulsorySchoolAge('1998-05-10', '2014-06-28'), false);
    // Born 1 September 1997: 16 on 1 September 2013, in school year 2013/14: leaves 27 June 2014.
    assert.equal(isOfCompulsorySchoolAge('1997-09-01', '2014-01-15'), true);
    assert.equal(isOfCompulsorySchoolAge('1997-09-01', '2014-08-31'), false);
  });

  it('counts open episodes of children of compulsory school age on the day (31 August at the end of the year)', () => {
    const episodes = [
      { ...open('2014-05-01'), dateOfBirth: '2004-02-01' }, // open, aged 10: counted
      { ...placed('2014-05-01', '2014-06-01'), dateOfBirth: '2004-02-01' }, // placed before: not
      { ...placed('2014-05-01', '2014-09-10'), dateOfBirth: '2004-02-01' }, // placed after 31 August: counted
      { ...open('2014-05-01'), dateOfBirth: '1998-03-01' }, // turned 16 in 2013/14, past the leaving date: not
      { ...open('2014-09-05'), dateOfBirth: '2004-02-01' }, // known after the day: not
    ];
    assert.equal(childrenNotOnRoll(episodes, '2014-08-31'), 2);
  });
});

describe('the day in England', () => {
  it('takes the date in Europe/London: 23:30 UTC is the next day in summer (BST), the same day in winter (GMT)', () => {
    assert.equal(londonDateOf(new Date('2024-07-01T23:30:00Z')), '2024-07-02');
    assert.equal(londonDateOf(new Date('2024-12-01T23:30:00Z')), '2024-12-01');
  });
});

describe('the school phase a child missing education is of an age for', () => {
  it('counts Year 6 age as primary and Year 7 age as secondary, by the age on 31 August before the year known', () => {
    // Known 1 October 2014 (2014/15). Born 1 September 2003: 10 on 31 August 2014, Year 6 in 2014/15.
    assert.equal(cmePhaseOf('2003-09-01', '2014-10-01'), 'phase:primary');
    // Born 31 August 2003: 11 on 31 August 2014, Year 7.
    assert.equal(cmePhaseOf('2003-08-31', '2014-10-01'), 'phase:secondary');
    // The same child known in July 2014 (2013/14) was of Year 6 age.
    assert.equal(cmePhaseOf('2003-08-31', '2014-07-01'), 'phase:primary');
  });
});
