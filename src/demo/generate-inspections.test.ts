import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspectionHistory } from '../domain/schools/inspection-history.ts';
import { generateCounty } from './generate-county.ts';
import { generateInspections } from './generate-inspections.ts';

const county = generateCounty(2013);
const inspections = generateInspections(county, 2013);

const openOn = (asAt: string) =>
  county.schools.filter((s) => s.attributes.stateFunded && (s.openedOn === null || s.openedOn <= asAt) && (s.closedOn === null || s.closedOn > asAt));

describe('the demo county’s inspections', () => {
  it('has the seed’s 80% of special schools good or outstanding on 31 August 2012: 19 of 24 (calibration.ts)', () => {
    // Counted with inspectionHistory (the latest graded inspection on or before the day, a predecessor's carried).
    const special = openOn('2012-08-31').filter((s) => s.attributes.sector === 'special');
    const grades = special.map((s) => inspectionHistory(s.urn, county.successions, inspections, '2012-08-31').current?.grade);
    assert.equal(special.length, 24);
    assert.ok(grades.every((g) => g !== undefined));
    assert.equal(grades.filter((g) => g !== undefined && g <= 2).length, 19);
  });

  it('judges teaching at the overall grade or one better, never worse, under the column of the inspection’s date', () => {
    let better = 0;
    for (const i of inspections) {
      const entries = Object.entries(i.judgements);
      assert.equal(entries.length, 1);
      const [column, teaching] = entries[0]!;
      assert.equal(column, i.startedOn < '2015-09-01' ? 'Quality of teaching' : 'Quality of teaching, learning and assessment');
      assert.ok(teaching !== null && i.grade !== null && teaching <= i.grade && teaching >= i.grade - 1, `${i.urn} ${i.startedOn}`);
      if (teaching < i.grade) better++;
    }
    // calibration.ts teachingAboveOverall: a few in a hundred (Ofsted's 2013/14 file: 114 of 6,469).
    assert.ok(better > 0 && better < inspections.length * 0.06, `${better} of ${inspections.length}`);
  });
});
