import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CurrentJudgement } from './inspection-history.ts';
import { aboveFloorShare, belowFloorCount, ofstedOutcome } from './school-outcomes.ts';

const judged = (grade: 1 | 2 | 3 | 4, category: CurrentJudgement['category'] = null): CurrentJudgement => ({
  grade,
  label: '',
  inspectedOn: '2014-01-01',
  urn: 'x',
  carried: false,
  category,
});

describe('place outcomes from school judgements', () => {
  it('gives domain.md §10.2’s worked example: 5 of 8 schools (62.5%), 2,265 of 4,015 pupils (56.4%), one in special measures', () => {
    const schools = (
      [
        [1, 420],
        [2, 210],
        [2, 630],
        [3, 350],
        [2, 105],
        [4, 200],
        [1, 900],
        [3, 1200],
      ] as const
    ).map(([g, pupils], i) => ({ urn: String(i), judgement: judged(g, g === 4 ? 'special-measures' : null), pupils }));
    const outcome = ofstedOutcome(schools);
    assert.equal(outcome.goodOrOutstanding, 62.5);
    assert.equal(outcome.pupilsInGood, 2265);
    assert.equal(outcome.pupilsJudged, 4015);
    assert.ok(Math.abs(outcome.pupilsGoodOrOutstanding! - 56.41) < 0.01);
    assert.equal(outcome.category, 1);
  });

  it('gives no share when fewer than 80% of the place’s schools have a judgement held', () => {
    const outcome = ofstedOutcome([
      { urn: '1', judgement: judged(2), pupils: null },
      { urn: '2', judgement: null, pupils: null },
      { urn: '3', judgement: null, pupils: null },
    ]);
    assert.equal(outcome.covered, false);
    assert.equal(outcome.goodOrOutstanding, null);
  });

  it('gives floor counts only when every school’s floor was decided', () => {
    assert.equal(aboveFloorShare({ judged: 20, below: 1, undecided: 0 }), 95);
    assert.equal(aboveFloorShare({ judged: 20, below: 1, undecided: 2 }), null);
    assert.equal(belowFloorCount({ judged: 300, below: 4, undecided: 0 }), 4);
    assert.equal(belowFloorCount({ judged: 300, below: 4, undecided: 1 }), null);
  });
});
