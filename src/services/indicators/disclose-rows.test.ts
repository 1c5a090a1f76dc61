import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { laOfficerDisclosure, publicDisclosure } from '../../domain/indicators/disclosure.ts';
import { catalogue } from '../../../tests/support/catalogue.ts';
import { discloseRows, groupFigureOf } from './disclose-rows.ts';

// The disclosure step every read for a face goes through. The thresholds are domain/indicators/disclosure.ts's public
// policy (DfE's statistical policy on confidentiality: counts and numerators of 1 or 2 suppressed, rates over fewer than
// 6 pupils suppressed); what this file pins is that a figure whose suppression was decided over its whole table family
// at compute (primary or secondary) stays hidden from the public whatever its own numbers, and that a reader's scope
// decides, place by place, which policy applies.
// The shipped catalogue's KS2 measure: a percentage shown to 0 decimal places (indicators/key-stage-1-and-2.yaml).
const percent = catalogue.find((i) => i.code === 'ks2-level4-rwm')!;
const indicatorOf = () => percent;
const row = (placeId: number, value: number, numerator: number, denominator: number, publicSuppression: 'primary' | 'secondary' | 'pending' | null = null) => ({
  placeId,
  indicatorCode: percent.code,
  decimalPlaces: null,
  value,
  numerator,
  denominator,
  symbol: null,
  publicSuppression,
  breakdown: 'all',
});

describe('disclosing stored rows to an audience', () => {
  it('hides from the public a rate whose numerator is 1 or 2, and shows the rest rounded to the indicator’s decimals', () => {
    // 2 of 40 = 5%: numerator under 3, suppressed; 31 of 40 = 77.5% shown as 78 (half up, 0 decimals).
    const shown = discloseRows([row(1, 5, 2, 40), row(2, 77.5, 31, 40)], indicatorOf, publicDisclosure);
    assert.deepEqual(
      shown.map((s) => [s.value, s.symbol, s.suppression]),
      [
        [null, 'c', 'primary'],
        [78, null, null],
      ],
    );
  });

  it('keeps hidden from the public a figure the compute suppressed over its table family, however large its own numbers', () => {
    const shown = discloseRows([row(1, 77.5, 31, 40, 'secondary'), row(2, 80, 40, 50, 'pending')], indicatorOf, publicDisclosure);
    assert.deepEqual(
      shown.map((s) => [s.value, s.symbol, s.suppression, s.numerator, s.denominator]),
      [
        [null, 'c', 'secondary', null, null],
        [null, 'c', 'primary', null, null],
      ],
    );
  });

  it('shows an LA officer the true values, rounded as published, suppressed or not', () => {
    const shown = discloseRows([row(1, 5, 2, 40), row(2, 77.5, 31, 40, 'secondary')], indicatorOf, laOfficerDisclosure);
    assert.deepEqual(
      shown.map((s) => s.value),
      [5, 78],
    );
  });

  it('shows a reader true values at the places their roles reach and public figures elsewhere, row by row', () => {
    const school = { ...publicDisclosure, unsuppressedAt: new Set([1]) };
    const shown = discloseRows([row(1, 5, 2, 40, 'secondary'), row(2, 5, 2, 40, 'secondary')], indicatorOf, school);
    assert.deepEqual(
      shown.map((s) => [s.value, s.symbol]),
      [
        [5, null],
        [null, 'c'],
      ],
    );
  });
});

describe("a place's figure for a pupil group among disclosed rows", () => {
  it('gives the shown value with the unrounded one a gap is worked from, and x where no row is held', () => {
    const rows = [row(1, 77.5, 31, 40), { ...row(1, 60.25, 241, 400), breakdown: 'fsm:yes' }];
    const figureOf = groupFigureOf(rows, discloseRows(rows, indicatorOf, publicDisclosure), 1);
    assert.deepEqual(figureOf('all'), { value: 78, symbol: null, unrounded: 77.5 });
    assert.deepEqual(figureOf('fsm:yes'), { value: 60, symbol: null, unrounded: 60.25 });
    assert.deepEqual(figureOf('sen:yes'), { value: null, symbol: 'x', unrounded: null });
  });

  it('never hands on the unrounded value of a figure the reader may not see', () => {
    const rows = [row(1, 5, 2, 40)];
    assert.deepEqual(groupFigureOf(rows, discloseRows(rows, indicatorOf, publicDisclosure), 1)('all'), { value: null, symbol: 'c', unrounded: null });
  });
});
