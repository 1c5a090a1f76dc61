import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMonths, cohortGroupOn, cohortPositionOn, monthEnd, mustTrack, positionOn } from './participation-status.ts';

describe("a young person's position on a day (domain.md §6.1-6.2)", () => {
  it('tracks 16-19 to 2015/16 and from 2016/17 only 16-17, and 18-24 with an EHC plan (domain.md §6.1)', () => {
    assert.equal(mustTrack(18, false, 2014), true);
    assert.equal(mustTrack(18, false, 2016), false);
    assert.equal(mustTrack(18, true, 2016), true);
    assert.equal(mustTrack(24, true, 2016), true);
    assert.equal(mustTrack(25, true, 2016), false);
    assert.equal(mustTrack(25, true, 2015), true); // 2015-2017 coverage: to 25 with SEND
  });

  it('counts months to the last day of a shorter month', () => {
    assert.equal(addMonths('2012-11-30', 3), '2013-02-28');
    assert.equal(addMonths('2011-12-31', 2), '2012-02-29');
    assert.equal(monthEnd(2012, 2), '2012-02-29');
    assert.equal(monthEnd(2013, 11), '2013-11-30');
  });

  it('reads the activity with the latest start on or before the day', () => {
    const spells = [
      { code: '210', startDate: '2012-09-03', confirmedOn: '2012-09-20' },
      { code: '619', startDate: '2013-01-14', confirmedOn: '2013-01-14' },
    ];
    assert.equal(positionOn(spells, '2012-12-31').group, 'education');
    assert.equal(positionOn(spells, '2013-01-31').group, 'neet');
    assert.equal(positionOn(spells, '2012-08-31').notKnownReason, 'no-activity');
  });

  it('counts a NEET activity not confirmed within 3 months as not known: its currency has lapsed (assumed period)', () => {
    const spells = [{ code: '619', startDate: '2012-09-10', confirmedOn: '2012-09-10' }];
    assert.equal(positionOn(spells, '2012-12-10').group, 'neet');
    const lapsed = positionOn(spells, '2012-12-31');
    assert.equal(lapsed.group, 'not-known');
    assert.equal(lapsed.notKnownReason, 'lapsed');
    // An LA's own currency period is configuration.
    assert.equal(positionOn(spells, '2012-12-31', { education: 12, employment: 6, training: 6, 're-engagement': 3, neet: 4 }).group, 'neet');
  });

  it("gives the snapshot's group alone by the same rules as the position, a below-leaving-age code lapsing at 16", () => {
    const cases: [{ code: string; startDate: string; confirmedOn: string }[], string, number][] = [
      [[{ code: '210', startDate: '2012-09-03', confirmedOn: '2012-09-20' }], '2012-12-31', 16],
      [[{ code: '619', startDate: '2012-09-10', confirmedOn: '2012-09-10' }], '2012-12-10', 16],
      [[{ code: '619', startDate: '2012-09-10', confirmedOn: '2012-09-10' }], '2012-12-31', 16], // lapsed
      [[{ code: '820', startDate: '2012-09-01', confirmedOn: '2012-09-01' }], '2012-10-31', 17],
      [[{ code: '710', startDate: '2012-09-01', confirmedOn: '2012-09-01' }], '2012-10-31', 17], // custody: out of the cohort
      [[{ code: '110', startDate: '2011-09-01', confirmedOn: '2011-09-01' }], '2011-10-31', 15],
      [[{ code: '110', startDate: '2011-09-01', confirmedOn: '2011-09-01' }], '2012-10-31', 16], // past school age: not known
      [[], '2012-10-31', 16],
    ];
    for (const [spells, day, age] of cases)
      assert.equal(cohortGroupOn(spells, day, age), cohortPositionOn(spells, day, age).group, `${spells[0]?.code} ${day}`);
    assert.equal(cohortGroupOn(cases[6]![0], '2012-10-31', 16), 'not-known');
    assert.equal(cohortGroupOn(cases[2]![0], '2012-12-31', 16), 'not-known');
  });

  it('counts 810-830 as not known as recorded', () => {
    assert.equal(positionOn([{ code: '820', startDate: '2012-09-01', confirmedOn: '2012-09-01' }], '2012-10-31').notKnownReason, 'recorded-not-known');
  });
});
