import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakBetween, newMeasureNote } from './breaks.ts';

// indicators/attendance-and-exclusions.yaml: persistent absence breaks at 2010/11 (15% replaces 20%) and at 2015/16
// (each enrolment's own 10% replaces the fixed session count); indicators/early-years.yaml: eyfs-gld at 2012/13.
/** Comparable: no break between the two periods. */
const comparable = (breaks: Parameters<typeof breakBetween>[0], a: string, b: string) => breakBetween(breaks, a, b) === null;

const persistentAbsence = {
  breaks: [
    { period: '201011', note: 'threshold 15% (46/56 sessions) replaces 20%' },
    { period: '201516', note: 'pupil-level 10% threshold replaces the fixed session count' },
  ],
};

describe('comparing two periods across a break in the catalogue', () => {
  it('refuses 2014/15 against 2015/16 for persistent absence, whichever comes first, and allows periods within one measure', () => {
    assert.equal(comparable(persistentAbsence.breaks, '201415', '201516'), false);
    assert.equal(comparable(persistentAbsence.breaks, '201516', '201415'), false);
    assert.equal(comparable(persistentAbsence.breaks, '201213', '201415'), true);
    assert.equal(comparable(persistentAbsence.breaks, '201516', '201819'), true);
    assert.equal(comparable([], '201415', '201516'), true);
  });

  it('names the latest break between two periods and words it as a new measure', () => {
    assert.equal(breakBetween(persistentAbsence.breaks, '200910', '201617')?.period, '201516');
    assert.equal(
      newMeasureNote(breakBetween(persistentAbsence.breaks, '201415', '201516')!),
      'new measure from 2015/16 (pupil-level 10% threshold replaces the fixed session count)',
    );
  });

  it('works on calendar years too (EHC plans within 20 weeks from 2014)', () => {
    assert.equal(comparable([{ period: '2014', note: 'EHC plans' }], '2013', '2014'), false);
  });
});
