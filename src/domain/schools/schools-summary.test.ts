import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SchoolAssessment } from './school-assessment.ts';
import { schoolsSummary } from './schools-summary.ts';

/** A school's assessment with only what the summary reads; the rest empty. */
function school(urn: string, facts: Partial<Pick<SchoolAssessment, 'ofsted' | 'floor' | 'trends'>> & { risk?: number }): SchoolAssessment {
  return {
    urn,
    name: `School ${urn}`,
    phase: 'primary',
    typeName: 'Community school',
    district: null,
    groupings: [],
    ofsted: facts.ofsted ?? null,
    floor: facts.floor ?? null,
    trends: facts.trends ?? [],
    context: { urn } as SchoolAssessment['context'],
    disadvantagedBand: null,
    similar: [],
    ranks: [],
    risk: { score: facts.risk ?? 0, components: [] },
  };
}
const judged = (grade: 1 | 2 | 3 | 4, category: 'special-measures' | null = null) => ({
  grade,
  label: '',
  inspectedOn: '2015-06-01',
  urn: '1',
  carried: false,
  category,
});
const floor = (below: boolean | null) => ({
  period: '201415',
  label: '2014/15',
  result:
    below === null
      ? { applies: true as const, below: null, reason: 'a figure is missing', rule: '2015' }
      : { applies: true as const, below, failed: [], met: [], rule: '2015' },
});

describe("a place's schools at a glance (issue 19.1)", () => {
  it('tallies current Ofsted judgements; good or outstanding is a share of graded schools only', () => {
    const s = schoolsSummary([
      school('1', { ofsted: judged(1) }),
      school('2', { ofsted: judged(2) }),
      school('3', { ofsted: judged(4, 'special-measures') }),
      school('4', {}),
    ]);
    assert.equal(s.count, 4);
    assert.equal(s.ofsted.total, 3);
    // 2 of the 3 graded schools: 66.7%, by hand.
    assert.equal(s.ofsted.goodOrOutstanding?.toFixed(1), '66.7');
    assert.equal(s.ofsted.specialMeasures, 1);
  });

  it('counts below the floor only among schools the floor was decided for', () => {
    const s = schoolsSummary([
      school('1', { floor: floor(true) }),
      school('2', { floor: floor(false) }),
      school('3', { floor: floor(null) }),
      school('4', { floor: { period: '201415', label: '2014/15', result: { applies: false, reason: 'fewer than 11 pupils' } } }),
    ]);
    assert.deepEqual(
      s.belowFloor.map((b) => b.urn),
      ['1'],
    );
    assert.equal(s.floorJudged, 2);
  });

  it('lists the five highest risk scores, highest first, ties by name, and no school scoring nothing', () => {
    const scores = [3, 9, 0, 5, 9, 1, 2];
    const s = schoolsSummary(scores.map((risk, i) => school(String(i + 1), { risk })));
    assert.deepEqual(
      s.highestRisk.map((r) => [r.urn, r.score]),
      [
        ['2', 9],
        ['5', 9],
        ['4', 5],
        ['1', 3],
        ['7', 2],
      ],
    );
    assert.equal(schoolsSummary([school('1', { risk: 0 })]).highestRisk.length, 0);
  });

  it('names every significantly declining trend, not stable or unclassified ones', () => {
    const trend = (cls: 'declining' | 'rapidly-declining' | 'stable') => ({
      indicator: 'ks2-expected-rwm',
      title: 'KS2 expected standard',
      unit: 'percent' as const,
      trend: { classified: true as const, class: cls, from: '201314', to: '201516', change: -12, interval: { lower: -20, upper: -4 }, rule: '' },
      series: [],
    });
    const s = schoolsSummary([
      school('1', { trends: [trend('rapidly-declining')] }),
      school('2', { trends: [trend('stable')] }),
      school('3', { trends: [{ ...trend('declining'), trend: { classified: false, reason: 'cohort under 10', from: null, to: null, change: null } }] }),
    ]);
    assert.deepEqual(
      s.declining.map((d) => d.urn),
      ['1'],
    );
  });
});
