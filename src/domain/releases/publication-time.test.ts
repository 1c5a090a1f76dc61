import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateInFull, londonDateTimeInFull, londonInstant, londonWallClock, timeInWords } from './publication-time.ts';

describe('a publication time entered and shown on the clocks in England', () => {
  it('reads 9:30 on a winter day as 09:30 UTC (GMT)', () => {
    assert.equal(londonInstant('2026-12-04', '09:30')?.toISOString(), '2026-12-04T09:30:00.000Z');
  });

  it('reads 9:30 on a summer day as 08:30 UTC (BST, an hour ahead)', () => {
    assert.equal(londonInstant('2026-07-02', '09:30')?.toISOString(), '2026-07-02T08:30:00.000Z');
  });

  it('refuses a day that is no day, a time that is no time, and the hour the clocks skip in spring (29 March 2026, 01:00 GMT to 02:00 BST)', () => {
    assert.equal(londonInstant('2026-02-30', '09:30'), null);
    assert.equal(londonInstant('2026-12-04', '24:00'), null);
    assert.equal(londonInstant('2026-12-04', '9:30'), null);
    assert.equal(londonInstant('2026-03-29', '01:30'), null);
  });

  it('takes the first (BST) 01:30 when the clocks go back (25 October 2026)', () => {
    assert.equal(londonInstant('2026-10-25', '01:30')?.toISOString(), '2026-10-25T00:30:00.000Z');
  });

  it('reads an instant back as the day and time in England', () => {
    assert.deepEqual(londonWallClock(new Date('2026-07-14T23:30:00Z')), { date: '2026-07-15', time: '00:30' });
  });

  it('writes dates and times in full as GOV.UK style does ("4 December 2026 at 9:30am", "5pm", "midday", "midnight")', () => {
    assert.equal(londonDateTimeInFull(new Date('2026-12-04T09:30:00Z')), '4 December 2026 at 9:30am');
    assert.equal(londonDateTimeInFull(new Date('2026-07-02T08:30:00Z')), '2 July 2026 at 9:30am');
    assert.equal(timeInWords('17:00'), '5pm');
    assert.equal(timeInWords('12:00'), 'midday');
    assert.equal(timeInWords('00:00'), 'midnight');
    assert.equal(timeInWords('12:05'), '12:05pm');
    assert.equal(dateInFull('2015-01-09'), '9 January 2015');
  });
});
