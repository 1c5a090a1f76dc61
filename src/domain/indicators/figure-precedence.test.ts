import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseFigure, type HeldFigure } from './figure-precedence.ts';

const figure = (over: Partial<HeldFigure>): HeldFigure => ({
  value: 1,
  basis: 'published',
  dataVersion: 'final',
  source: 'lait-data',
  decimalPlaces: 2,
  batchId: 1,
  ...over,
});

describe('which held figure a page shows', () => {
  it('shows the published figure before one computed here', () => {
    const got = chooseFigure([figure({ basis: 'computed', batchId: 9 }), figure({ batchId: 1 })]);
    assert.equal(got!.shown.basis, 'published');
    assert.equal(got!.others.length, 1);
  });

  it('shows the final version before the revised and the provisional', () => {
    const got = chooseFigure([figure({ dataVersion: 'provisional' }), figure({ dataVersion: 'final' }), figure({ dataVersion: 'revised' })]);
    assert.equal(got!.shown.dataVersion, 'final');
  });

  it('shows the more precise of two publications: LAIT’s unrounded exclusion rate before the release’s two decimals', () => {
    // Kent 2012/13: the exclusions release gives the permanent exclusion rate as 0.06 (2 dp); LAIT carries more decimals.
    // LAIT writes 2.5839999999999998E-2 (Kent 2015/16): more than 4 decimals, so no published decimals are kept.
    const got = chooseFigure([
      figure({ source: 'mapped-csv:dfe-exclusions-by-la', decimalPlaces: 2, value: 0.03, batchId: 5 }),
      figure({ source: 'lait-data', decimalPlaces: null, value: 0.02584, batchId: 2 }),
    ]);
    assert.equal(got!.shown.source, 'lait-data');
    assert.deepEqual(
      got!.others.map((o) => o.source),
      ['mapped-csv:dfe-exclusions-by-la'],
    );
  });

  it('shows the later import where the publications are equally precise', () => {
    assert.equal(chooseFigure([figure({ batchId: 3 }), figure({ batchId: 7 })])!.shown.batchId, 7);
  });

  it('has nothing to show when nothing is held', () => {
    assert.equal(chooseFigure([]), null);
  });
});
