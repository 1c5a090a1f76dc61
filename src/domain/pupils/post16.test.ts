import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aLevelHeadline, aLevelPoints } from './post16.ts';

describe('post-16 rules', () => {
  it('scores A levels on the 0-300 QCDA scale to 2014/15 and on the 0-60 scale from 2015/16 (DfE written answer UIN 16871, 2024)', () => {
    // "A* is 300 points and a grade E is 150 points" (to 2014/15); "A* is given 60 points and a grade E is 10 points".
    assert.deepEqual(
      (['A*', 'A', 'B', 'C', 'D', 'E', 'U'] as const).map((g) => aLevelPoints(g, '201415')),
      [300, 270, 240, 210, 180, 150, 0],
    );
    assert.deepEqual(
      (['A*', 'A', 'B', 'C', 'D', 'E', 'U'] as const).map((g) => aLevelPoints(g, '201516')),
      [60, 50, 40, 30, 20, 10, 0],
    );
  });

  it('changes the A level headline in 2015/16, as the catalogue and Kent framework target 44 do', () => {
    // indicators/key-stage-4-and-post-16.yaml: a-level-2-plus-a-e to 201415, a-level-aps-per-entry from 201516.
    assert.equal(aLevelHeadline('201213').indicator, 'a-level-2-plus-a-e');
    assert.equal(aLevelHeadline('201415').indicator, 'a-level-2-plus-a-e');
    assert.equal(aLevelHeadline('201516').indicator, 'a-level-aps-per-entry');
  });
});
