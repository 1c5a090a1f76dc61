import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concernOf, riskPoints, riskScore } from './risk.ts';

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

  it('scores each concern once: five overlapping KS4 attainment measures count as one (issue 11 point 14)', () => {
    // Before, a secondary declining on Attainment 8, grade 5 and A*-C English and maths scored 3 × 15; a primary on its
    // one RWM measure 15. Now each concern scores once, on its worst measure, and names the measures behind it.
    const risk = riskScore({
      ofsted: null,
      floor: null,
      trends: [
        { indicator: 'Attainment 8', concern: concernOf('ks4-attainment8'), class: 'rapidly-declining' },
        { indicator: 'Grade 5 English and maths', concern: concernOf('ks4-grade5-english-maths'), class: 'declining' },
        { indicator: 'A*-C English and maths', concern: concernOf('ks4-a-c-english-maths'), class: 'rapidly-declining' },
        { indicator: 'Progress 8', concern: concernOf('ks4-progress8'), class: 'stable' },
      ],
      similarRanks: [
        { indicator: 'Attainment 8', concern: concernOf('ks4-attainment8'), rank: 20, of: 21 },
        { indicator: 'Grade 5 English and maths', concern: concernOf('ks4-grade5-english-maths'), rank: 19, of: 21 },
      ],
    });
    assert.equal(risk.score, riskPoints.rapidlyDeclining + riskPoints.bottomOfSimilar);
    assert.deepEqual(
      risk.components.map((c) => [c.label, c.reason]),
      [
        ['KS4 attainment: rapidly declining', 'significant fall over three years (Attainment 8; A*-C English and maths)'],
        ['KS4 attainment: bottom quarter of similar schools', 'Attainment 8: ranked 20 of 21; Grade 5 English and maths: ranked 19 of 21'],
      ],
    );
  });
});
