import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { floorHeadlineOf, supportedSchoolIn, supportedShareOf, type FloorYear, type SchoolHistory } from './supported-schools.ts';

// Target 14 (the Kent framework's "where there has been a history of underperformance the schools will be improving
// and performing above the floor standards as part of a sponsored academy arrangement or federation"), read as
// docs/adr/0025-system-leadership.md sets out. Each expected standing is worked by hand from the case's figures.

const year = (below: boolean | null, value: number | null, measure = 'level4-rwm'): FloorYear => ({ below, measure, value });
const school = (years: Record<number, FloorYear>, partnerships: SchoolHistory['partnerships'] = []): SchoolHistory => ({
  urn: '200001',
  district: 'E07000105',
  years: new Map(Object.entries(years).map(([y, d]) => [Number(y), d])),
  partnerships,
});
const federation = { kind: 'federation' as const, startedOn: '2013-09-01', endedOn: null };

describe('target 14: schools with a history of underperformance, improving and above the floor in a sponsored academy or federation', () => {
  it('meets it: below in 2013, above and higher in 2015, federated during 2014/15', () => {
    const s = supportedSchoolIn(school({ 2013: year(true, 55), 2014: year(false, 62), 2015: year(false, 68) }, [federation]), 2015)!;
    assert.equal(s.met, true);
    assert.match(s.reason, /improving on 2013, in a federation/);
  });

  it('counts a year whose floor cannot be decided (its attainment condition failed) as a history: it never hides a school', () => {
    const s = supportedSchoolIn(school({ 2013: year(null, 35), 2015: year(false, 45) }, [federation]), 2015)!;
    assert.equal(s.met, true);
    assert.match(s.reason, /improving on 2013/);
  });

  it('counts an arrangement begun after the year’s results were sat (1 June) for the next year, not this one', () => {
    const years = { 2014: year(true, 55), 2015: year(false, 66), 2016: year(false, 40, 'expected-rwm') };
    const july = [{ kind: 'federation' as const, startedOn: '2015-07-06', endedOn: null }];
    assert.equal(supportedSchoolIn(school(years, july), 2015)!.met, false);
    assert.equal(supportedSchoolIn(school(years, july), 2016)!.met, true);
  });

  it('has no history when the only year below is four years before, or none', () => {
    assert.equal(supportedSchoolIn(school({ 2012: year(true, 50), 2016: year(false, 70) }), 2016), null);
    assert.equal(supportedSchoolIn(school({ 2015: year(false, 70), 2016: year(false, 70) }), 2016), null);
  });

  it('is not judged in a year it has no floor decision (closed, or too few pupils)', () => {
    assert.equal(supportedSchoolIn(school({ 2014: year(true, 50) }, [federation]), 2015), null);
  });

  it('misses it below the floor, above but not higher, or above and higher with only a support partnership', () => {
    assert.equal(supportedSchoolIn(school({ 2014: year(true, 55), 2015: year(true, 58) }, [federation]), 2015)!.met, false);
    assert.equal(supportedSchoolIn(school({ 2014: year(true, 66), 2015: year(false, 66) }, [federation]), 2015)!.met, false);
    const support = { kind: 'support' as const, startedOn: '2013-09-01', endedOn: null };
    const s = supportedSchoolIn(school({ 2014: year(true, 55), 2015: year(false, 66) }, [support]), 2015)!;
    assert.equal(s.met, false);
    assert.match(s.reason, /in no sponsored academy arrangement or federation/);
  });

  it('decides a school whose floor cannot be decided when another condition fails: not improving, or in no arrangement', () => {
    const notImproving = supportedSchoolIn(school({ 2014: year(true, 38), 2015: year(null, 35) }, [federation]), 2015)!;
    assert.equal(notImproving.met, false);
    assert.match(notImproving.reason, /its floor cannot be decided, and it is not improving on 2014/);
    assert.equal(supportedSchoolIn(school({ 2014: year(true, 30), 2015: year(null, 35) }), 2015)!.met, false);
    // Improving and federated, but its floor cannot be decided: undecided.
    assert.equal(supportedSchoolIn(school({ 2014: year(true, 30), 2015: year(null, 35) }, [federation]), 2015)!.met, null);
  });

  it('counts an arrangement in force at any time in the academic year, not one that ended before it or began after it', () => {
    const years = { 2014: year(true, 55), 2015: year(false, 66) };
    const ended = { kind: 'sponsored-academy' as const, startedOn: '2012-09-01', endedOn: '2014-09-01' };
    const late = { kind: 'sponsored-academy' as const, startedOn: '2015-09-01', endedOn: null };
    const during = { kind: 'sponsored-academy' as const, startedOn: '2012-09-01', endedOn: '2014-09-02' };
    assert.equal(supportedSchoolIn(school(years, [ended, late]), 2015)!.met, false);
    assert.equal(supportedSchoolIn(school(years, [during]), 2015)!.met, true);
  });

  it('across a change of measure (level 4 to the expected standard), moving from below to above the floor is the improvement', () => {
    const s = supportedSchoolIn(school({ 2015: year(true, 60), 2016: year(false, 40, 'expected-rwm') }, [federation]), 2016)!;
    assert.equal(s.met, true);
    assert.match(s.reason, /the measure changed between/);
  });

  it('leaves a school undecided when its floor cannot be decided, and the share is then not given', () => {
    const undecided = supportedSchoolIn(school({ 2014: year(true, 35), 2015: year(null, 45) }, [federation]), 2015)!;
    assert.equal(undecided.met, null);
    const met = supportedSchoolIn(school({ 2013: year(true, 55), 2015: year(false, 68) }, [federation]), 2015)!;
    const missed = supportedSchoolIn(school({ 2014: year(true, 55), 2015: year(true, 50) }), 2015)!;
    // 1 met of 2 decided: 50%.
    assert.deepEqual(supportedShareOf([met, missed]), { history: 2, decided: 2, met: 1, undecided: 0, value: 50 });
    assert.deepEqual(supportedShareOf([met, missed, undecided]), { history: 3, decided: 2, met: 1, undecided: 1, value: null });
    assert.deepEqual(supportedShareOf([]), { history: 0, decided: 0, met: 0, undecided: 0, value: null });
  });

  it('reads each year’s floor headline on its own measure: level 4 in English and maths to 2012, RWM 2013-2015, the expected standard from 2016; 5 A*-C to 2015, then Progress 8', () => {
    const f = { eligiblePupils: 30, attainment: 61, progress8: -0.2 };
    assert.deepEqual(floorHeadlineOf('primary', 2012, f), { measure: 'level4-english-maths', value: 61 });
    assert.deepEqual(floorHeadlineOf('primary', 2015, f), { measure: 'level4-rwm', value: 61 });
    assert.deepEqual(floorHeadlineOf('primary', 2016, f), { measure: 'expected-rwm', value: 61 });
    assert.deepEqual(floorHeadlineOf('secondary', 2015, f), { measure: '5ac-english-maths', value: 61 });
    assert.deepEqual(floorHeadlineOf('secondary', 2016, f), { measure: 'progress8', value: -0.2 });
  });
});
