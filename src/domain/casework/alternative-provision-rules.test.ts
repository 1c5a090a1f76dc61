import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apAchievement } from './alternative-provision-rules.ts';

describe('alternative curriculum achievement (target 24)', () => {
  it('counts each Year 11 pupil once, achieving with a level 1 or 2 qualification, and keeps unknown results apart', () => {
    // Indicator methodology (indicators/send-and-vulnerable-children.yaml): level 1 or 2 by the end of KS4, of pupils on programmes.
    const result = apAchievement([
      { pupil: 'a', yearGroup: 11, start: '2011-09-05', end: '2012-01-10', outcome: 'none' },
      { pupil: 'a', yearGroup: 11, start: '2012-01-11', end: null, outcome: 'level-1' }, // a second placement: still one pupil
      { pupil: 'b', yearGroup: 11, start: '2011-09-05', end: null, outcome: 'entry-level' },
      { pupil: 'c', yearGroup: 11, start: '2011-09-05', end: null, outcome: 'level-2' },
      { pupil: 'd', yearGroup: 11, start: '2011-09-05', end: null, outcome: null },
      { pupil: 'e', yearGroup: 10, start: '2011-09-05', end: null, outcome: null }, // Year 10: counted at the end of Year 11
    ]);
    assert.deepEqual(result, { pupils: 3, achieved: 2, awaiting: 1 }); // 2 of 3 = 66.7%
  });
});
