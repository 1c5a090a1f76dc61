import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { riskPoints, riskScore } from './risk.ts';

describe('the watch list risk score', () => {
  it('adds its named components, each with points and reason', () => {
    const risk = riskScore({
      ofsted: { grade: 4, label: 'Inadequate', category: 'special-measures', inspectedOn: '2014-03-01', carried: false },
      floor: { below: true, period: '2016/17', failed: ['52% at the expected standard (under 65%)', 'reading progress -6.1 (below -5)'] },
      trends: [
        { indicator: 'KS2 RWM', class: 'rapidly-declining' },
        { indicator: 'KS2 EP maths', class: 'stable' },
      ],
      similarRanks: [{ indicator: 'KS2 RWM', rank: 19, of: 21 }],
    });
    assert.equal(risk.score, riskPoints.category + riskPoints.belowFloor + riskPoints.rapidlyDeclining + riskPoints.bottomOfSimilar);
    assert.deepEqual(
      risk.components.map((c) => c.label),
      ['Ofsted category of concern', 'Below the floor standard', 'KS2 RWM: rapidly declining', 'KS2 RWM: bottom quarter of similar schools'],
    );
    assert.match(risk.components[1]!.reason, /reading progress -6.1/);
  });

  it('a good school that is stable and mid-table scores nothing', () => {
    const risk = riskScore({
      ofsted: { grade: 2, label: 'Good', category: null, inspectedOn: '2015-01-01', carried: true },
      floor: { below: false, period: '2016/17', failed: [] },
      trends: [{ indicator: 'KS2 RWM', class: 'stable' }],
      similarRanks: [{ indicator: 'KS2 RWM', rank: 10, of: 21 }],
    });
    assert.deepEqual(risk, { score: 0, components: [] });
  });

  it('grade 3 is named by its date: "satisfactory" before September 2012', () => {
    const risk = riskScore({
      ofsted: { grade: 3, label: 'Satisfactory', category: null, inspectedOn: '2011-05-01', carried: false },
      floor: null,
      trends: [],
      similarRanks: [],
    });
    assert.equal(risk.components[0]?.label, 'Ofsted satisfactory');
    assert.equal(risk.score, riskPoints.requiresImprovement);
  });
});
