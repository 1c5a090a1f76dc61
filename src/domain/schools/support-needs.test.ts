import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { subjectsOf, supportNeedOf } from './support-needs.ts';
import type { SchoolAssessment } from './school-assessment.ts';

// What a school needs support with, read from its assessment (docs/adr/0025-system-leadership.md).

const declining = {
  classified: true as const,
  class: 'declining' as const,
  from: '201314',
  to: '201516',
  change: -9,
  interval: { lower: -15, upper: -3 },
  rule: '',
};
const stable = { ...declining, class: 'stable' as const };
const base: Pick<SchoolAssessment, 'urn' | 'name' | 'phase' | 'ofsted' | 'floor' | 'coasting' | 'trends'> = {
  urn: '200001',
  name: 'A Primary',
  phase: 'primary',
  ofsted: null,
  floor: null,
  coasting: null,
  trends: [],
};

describe('support needs: what a school needs support with, and why', () => {
  it('needs none with a good judgement, above the floor and nothing declining', () => {
    assert.equal(supportNeedOf({ ...base, trends: [{ indicator: 'ks2-level4-rwm', title: 'L4 RWM', unit: 'percent', trend: stable, series: [] }] }), null);
  });

  it('inadequate: leadership and teaching; below the floor: outcomes; a declining maths measure: maths', () => {
    const need = supportNeedOf({
      ...base,
      ofsted: { grade: 4, label: 'Inadequate', inspectedOn: '2014-03-05', urn: '200001', carried: false, category: 'special-measures' },
      floor: { period: '201314', label: '2013/14', result: { applies: true, below: true, failed: [], met: [], rule: '' } },
      trends: [{ indicator: 'ks2-expected-progress-maths', title: 'Expected progress in maths', unit: 'percent', trend: declining, series: [] }],
    })!;
    assert.deepEqual(need.areas, ['leadership', 'teaching', 'outcomes', 'maths']);
    assert.deepEqual(need.reasons, [
      'Inadequate at its inspection of 2014-03-05',
      'below the floor standard in 2013/14',
      'Expected progress in maths declining',
    ]);
  });

  it('requires improvement: teaching; coasting: outcomes and teaching; undecided floor and coasting add nothing', () => {
    const need = supportNeedOf({
      ...base,
      ofsted: { grade: 3, label: 'Requires improvement', inspectedOn: '2015-06-01', urn: '200001', carried: false, category: null },
      floor: { period: '201516', label: '2015/16', result: { applies: true, below: null, reason: 'no interval', rule: '' } },
      coasting: { period: '201516', label: '2015/16', result: { applies: true, coasting: true, years: [], reason: '' } },
    })!;
    assert.deepEqual(need.areas, ['teaching', 'outcomes']);
    assert.deepEqual(need.reasons, ['Requires improvement at its inspection of 2015-06-01', 'coasting in 2015/16']);
  });

  it('reads a headline’s subjects from its code: RWM is English and maths, Progress 8 is outcomes', () => {
    assert.deepEqual(subjectsOf('ks2-level4-rwm'), ['english', 'maths']);
    assert.deepEqual(subjectsOf('ks4-grade5-english-maths'), ['english', 'maths']);
    assert.deepEqual(subjectsOf('ks4-5ac-em'), ['english', 'maths']);
    assert.deepEqual(subjectsOf('ks2-expected-progress-writing'), ['english']);
    assert.deepEqual(subjectsOf('ks4-progress8'), ['outcomes']);
  });
});
