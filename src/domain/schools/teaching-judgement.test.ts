import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Succession } from '../geography/succession.ts';
import type { OverallGrade } from './ofsted-judgements.ts';
import { nationalMinimumLas } from './inspections-in-year.ts';
import { teachingByYear, teachingGradeOf, teachingIndex, teachingShare, type TeachingFacts, type TeachingJudgement } from './teaching-judgement.ts';

// The columns are those of Ofsted's files: the official statistics' inspection-level data to 2015 ("Quality of
// teaching", ofsted-inspections-2013-14/PROVENANCE.md) and its management information from 2015 and 2019
// (src/imports/ofsted/management-information.ts: "Quality of teaching, learning and assessment", "Quality of education").
const inspection = (
  urn: string,
  startedOn: string,
  judgements: Record<string, OverallGrade | null>,
  provenance: TeachingFacts['provenance'] = 'official',
): TeachingFacts => ({
  urn,
  startedOn,
  judgements,
  provenance,
});

describe('a school’s quality-of-teaching judgement', () => {
  it('reads the teaching grade from whichever framework’s column the inspection has', () => {
    assert.deepEqual(teachingGradeOf({ 'Achievement of pupils': 3, 'Quality of teaching': 2 }), { grade: 2, column: 'Quality of teaching' });
    assert.deepEqual(teachingGradeOf({ 'Quality of teaching, learning and assessment': 3 }), {
      grade: 3,
      column: 'Quality of teaching, learning and assessment',
    });
    assert.deepEqual(teachingGradeOf({ 'Quality of education': 1, 'Behaviour and attitudes': 2 }), { grade: 1, column: 'Quality of education' });
    // NULL or 9 in the file (read as null): not judged; an inspection without the column carries none either.
    assert.equal(teachingGradeOf({ 'Quality of teaching': null }), null);
    assert.equal(teachingGradeOf({}), null);
  });

  it('takes the latest inspection that carries one, so a monitoring visit without sub-judgements leaves it as it was', () => {
    const teaching = teachingIndex(
      [],
      [
        inspection('100', '2012-03-01', { 'Quality of teaching': 3 }),
        inspection('100', '2014-01-15', { 'Quality of teaching': 2 }),
        // A section 8 monitoring visit: no sub-judgements in the file.
        inspection('100', '2015-06-01', { 'Quality of teaching': null }),
      ],
    );
    assert.deepEqual(teaching('100', '2015-08-31'), { grade: 2, column: 'Quality of teaching', inspectedOn: '2014-01-15', urn: '100', carried: false });
    assert.equal(teaching('100', '2013-08-31')?.grade, 3);
    assert.equal(teaching('100', '2011-08-31'), null);
  });

  it('reads across the frameworks: a 2019 "quality of education" replaces an older teaching judgement', () => {
    const teaching = teachingIndex(
      [],
      [inspection('100', '2016-02-01', { 'Quality of teaching, learning and assessment': 2 }), inspection('100', '2019-11-05', { 'Quality of education': 3 })],
    );
    assert.deepEqual([teaching('100', '2019-08-31')?.grade, teaching('100', '2020-08-31')?.grade], [2, 3]);
    assert.equal(teaching('100', '2020-08-31')?.column, 'Quality of education');
  });

  it('carries a predecessor’s judgement until the successor has its own, as the overall grade is carried', () => {
    const successions: Succession[] = [{ predecessorUrn: '100', successorUrn: '200', reason: 'successor', linkedOn: '2013-04-01' }];
    const teaching = teachingIndex(successions, [
      inspection('100', '2012-05-01', { 'Quality of teaching': 2 }),
      inspection('200', '2015-03-01', { 'Quality of teaching': 3 }),
    ]);
    assert.deepEqual([teaching('200', '2014-08-31')?.grade, teaching('200', '2014-08-31')?.carried], [2, true]);
    assert.deepEqual([teaching('200', '2015-08-31')?.grade, teaching('200', '2015-08-31')?.carried], [3, false]);
  });

  it('prefers an official row to an unofficial one of the same day', () => {
    const teaching = teachingIndex(
      [],
      [inspection('100', '2014-01-15', { 'Quality of teaching': 4 }, 'unofficial'), inspection('100', '2014-01-15', { 'Quality of teaching': 2 })],
    );
    assert.equal(teaching('100', '2014-08-31')?.grade, 2);
  });
});

describe('the share of schools whose teaching is good or outstanding', () => {
  const judged = (grade: OverallGrade): TeachingJudgement => ({ grade, column: 'Quality of teaching', inspectedOn: '2014-01-01', urn: 'x', carried: false });

  it('counts grades 1 and 2 of the schools with a judgement, the unjudged left out of both parts', () => {
    // 9 schools, one never judged: 8 judged (80%+ held), 6 good or outstanding = 75%.
    const share = teachingShare([judged(1), judged(2), judged(2), judged(2), judged(1), judged(2), judged(3), judged(4), null]);
    assert.deepEqual(share, { schools: 9, judged: 8, good: 6, covered: true, goodOrOutstanding: 75 });
  });

  it('gives no share where under 80% of the schools have a judgement held (one year’s file, say)', () => {
    const share = teachingShare([judged(2), judged(2), judged(2), null, null]);
    assert.deepEqual([share.covered, share.goodOrOutstanding], [false, null]);
  });
});

describe('inspections in a year whose teaching was good or outstanding', () => {
  it('counts by LA the inspections that judged teaching, and England only where the year covers England', () => {
    const [year] = teachingByYear([
      { laCode: '886', startedOn: '2013-10-01', judgements: { 'Quality of teaching': 1 } },
      { laCode: '886', startedOn: '2014-02-01', judgements: { 'Quality of teaching': 3 } },
      { laCode: '886', startedOn: '2014-03-01', judgements: { 'Quality of teaching': null } },
    ]);
    assert.equal(year!.period, '201314');
    assert.deepEqual(year!.las.get('886'), { good: 1, judged: 2, inspections: 3 });
    assert.equal(year!.england, null);
    const national = teachingByYear(
      Array.from({ length: nationalMinimumLas }, (_, i) => ({
        laCode: String(800 + i),
        startedOn: '2014-09-10',
        judgements: { 'Quality of teaching': (i % 4) + 1 } as Record<string, OverallGrade>,
      })),
    );
    assert.deepEqual(national[0]!.england, { good: nationalMinimumLas / 2, judged: nationalMinimumLas, inspections: nationalMinimumLas });
    assert.equal(national[0]!.period, '201415');
  });
});
