import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ObservationRow } from '../../store/observation-store.ts';
import { ownFigures } from './own-figures.ts';

// Where several figures are held for one cell (indicator, place, pupil group, year), a place's own figure is the one the
// documented precedence shows (domain/indicators/figure-precedence.ts; docs/architecture.md "Precedence"): a published
// figure before a computed one, final before revised before provisional, more decimals before fewer, the later import
// last. What this file pins is that ownFigures groups by exactly that cell and keeps every other row in its order.
let batch = 0;
const held = (overrides: Partial<ObservationRow>): ObservationRow => ({
  indicatorCode: 'ks2-level4-rwm',
  placeId: 1,
  period: '201314',
  breakdown: 'all',
  value: 79,
  numerator: null,
  denominator: null,
  symbol: null,
  dataVersion: 'final',
  basis: 'published',
  source: 'lait-data',
  detail: null,
  publicSuppression: null,
  decimalPlaces: 0,
  place: { kind: 'la', code: '886', name: 'Kent' },
  provenance: { batchId: ++batch, file: 'f.csv', format: 'lait-data', line: 2, importedAt: new Date('2015-01-01T00:00:00Z') },
  ...overrides,
});

describe("a place's own figure among those held for a cell", () => {
  it('shows the published figure before one computed from pupil records for the same cell', () => {
    const computed = held({ basis: 'computed', source: 'pupil-records', value: 78.6, decimalPlaces: null });
    const published = held({ value: 79 });
    assert.deepEqual(ownFigures([computed, published]), [published]);
  });

  it('shows the final figure before the provisional one of the same publication, whichever was imported last', () => {
    const final = held({ dataVersion: 'final', value: 80 });
    const provisional = held({ dataVersion: 'provisional', value: 79 });
    assert.deepEqual(ownFigures([final, provisional]), [final]);
  });

  it('keeps one figure per cell, and every cell, in the order the rows came', () => {
    const rows = [
      held({ placeId: 2 }),
      held({ breakdown: 'fsm:yes', value: 60 }),
      held({ period: '201415', value: 81 }),
      held({ indicatorCode: 'ks2-level4-english-maths', value: 82 }),
      held({ placeId: 2, basis: 'computed', source: 'pupil-records' }),
    ];
    assert.deepEqual(ownFigures(rows), rows.slice(0, 4));
  });
});
