import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concernOf, riskBandFrom, riskBandOf, riskPoints, riskScore, type RiskInput } from './risk.ts';

describe('the watch list risk score', () => {
  it('adds its named components, each with points and reason', () => {
    const risk = riskScore({
      ofsted: { grade: 4, label: 'Inadequate', category: 'special-measures', inspectedOn: '2014-03-01', carried: false },
      floor: { below: true, period: '2016/17', failed: ['52% at the expected standard (under 65%)', 'reading progress \u22126.1 (below \u22125)'] },
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
    assert.match(risk.components[1]!.reason, /reading progress \u22126\.1/);
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

// docs/adr/0008-school-improvement.md (Risk bands): high from a category of concern's points (40), medium from requires
// improvement's (20), low from 1, none at 0.
describe('the watch list risk bands', () => {
  it('bands a score at its edges: 0 none, 1-19 low, 20-39 medium, 40 or more high', () => {
    assert.deepEqual([0, 1, 19, 20, 39, 40, 130].map(riskBandOf), ['none', 'low', 'low', 'medium', 'medium', 'high', 'high']);
    assert.deepEqual(riskBandFrom, { high: 40, medium: 20, low: 1 });
  });

  const scored = (input: Partial<RiskInput>) => riskBandOf(riskScore({ ofsted: null, floor: null, trends: [], similarRanks: [], ...input }).score);
  const ofsted = (grade: 3 | 4, category: 'special-measures' | null = null) => ({
    grade,
    label: grade === 3 ? 'Requires improvement' : 'Inadequate',
    category,
    inspectedOn: '2015-03-01',
    carried: false,
  });
  const below = { below: true, period: '2016/17', failed: ['52% at the expected standard (under 65%)'] };
  const ks2 = (cls: 'declining' | 'rapidly-declining', concern = 'KS2 attainment') => ({ indicator: 'KS2 RWM', concern, class: cls });

  it('puts a category of concern alone, and two serious components together, in the high band', () => {
    assert.equal(scored({ ofsted: ofsted(4, 'special-measures') }), 'high');
    assert.equal(scored({ ofsted: ofsted(3), floor: below }), 'high', 'requires improvement and below the floor: 50');
    assert.equal(scored({ floor: below, trends: [ks2('rapidly-declining')] }), 'high', 'below the floor and rapidly declining: 45');
  });

  it('puts one serious component alone in the medium band, and results evidence only when it adds up to 20', () => {
    assert.equal(scored({ ofsted: ofsted(3) }), 'medium', 'requires improvement: 20');
    assert.equal(scored({ ofsted: ofsted(4) }), 'medium', 'inadequate, no category recorded: 30');
    assert.equal(scored({ floor: below, trends: [ks2('declining')] }), 'medium', 'below the floor and declining: 38');
    assert.equal(scored({ trends: [ks2('rapidly-declining'), ks2('rapidly-declining', 'KS2 progress')] }), 'medium', 'two rapid declines: 30');
    assert.equal(scored({ trends: [ks2('declining')], similarRanks: [{ indicator: 'KS2 RWM', rank: 20, of: 21 }] }), 'low', 'a decline and a poor rank: 18');
    assert.equal(scored({ trends: [ks2('rapidly-declining')] }), 'low', 'one rapid decline: 15');
    assert.equal(scored({}), 'none');
  });
});
