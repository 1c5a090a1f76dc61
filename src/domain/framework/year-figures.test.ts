import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Indicator } from '../indicators/indicator.ts';
import type { Target } from './framework.ts';
import { newMeasuresByYear, targetFigure, type ShownGroupFigure } from './year-figures.ts';

describe("a target's figure for a year", () => {
  const gapTarget = { breakdown: 'all', gap: { group: 'fsm', other: 'not-fsm' } };
  const shown = (value: number | null, unrounded: number | null, symbol: ShownGroupFigure['symbol'] = null): ShownGroupFigure => ({ value, symbol, unrounded });

  it('works a gap from the unrounded figures and rounds it once (Kent, level 3 by 19, 2016: 58.06081856 − 25.64855605)', () => {
    // attainment-age-19/l2_l3_attainment_by_19_la_2005-2025.csv, Kent 2016, l3_by19_rate: not FSM 58.06…, FSM 25.64…
    // The rounded rates (58.1 − 25.6) would give 32.5; the unrounded give 32.41 → 32.4.
    const figure = targetFigure(gapTarget, 1, (b) => (b === 'fsm' ? shown(25.6, 25.64855605) : shown(58.1, 58.06081856)));
    assert.deepEqual(figure, { value: 32.4, symbol: null });
  });

  it('gives no gap from a hidden figure, only its symbol', () => {
    const figure = targetFigure(gapTarget, 1, (b) => (b === 'fsm' ? shown(null, null, 'c') : shown(58.1, 58.06081856)));
    assert.deepEqual(figure, { value: null, symbol: 'c' });
  });

  it('gives the group’s own figure as shown for a target that is not a gap, with its unrounded value (a target of all is judged on it)', () => {
    assert.deepEqual(
      targetFigure({ breakdown: 'all', gap: null }, 0, () => shown(78, 77.6)),
      { value: 78, symbol: null, unrounded: 77.6 },
    );
  });
});

describe('the years that start a new measure', () => {
  const ind = (code: string, title: string, breaks: Indicator['breaks'] = []): Indicator => ({
    code,
    title,
    unit: 'percent',
    decimalPlaces: 0,
    polarity: 'higher_is_better',
    periodType: 'academic',
    source: 'DfE',
    methodology: '',
    numerator: null,
    denominator: null,
    periods: { from: null, to: null },
    successor: null,
    yearRule: null,
    breaks,
    feed: 'published',
    lait: null,
    framework: [],
  });
  const catalogue = new Map([
    ['ks2-level4-rwm', ind('ks2-level4-rwm', 'KS2 pupils at level 4 or above in reading, writing and mathematics')],
    ['ks2-expected-rwm', ind('ks2-expected-rwm', 'KS2 pupils at the expected standard in reading, writing and mathematics')],
    ['same-code', ind('same-code', 'A measure whose scale changes without a catalogue break')],
    [
      'persistent-absence',
      ind('persistent-absence', 'Pupils who are persistently absent', [
        { period: '201516', note: 'pupil-level 10% threshold replaces the fixed session count' },
      ]),
    ],
    ['pa-15', { ...ind('pa-15', 'Pupils persistently absent on the 15% rule'), continues: { indicator: 'persistent-absence', to: '201415' } }],
  ]);
  const t = (measures: Target['measures']): Target => ({
    id: 't',
    number: 1,
    priority: 'p',
    title: 'T',
    wording: 'w',
    indicator: measures[0]!.indicator,
    measures,
    breakdown: 'all',
    gap: null,
    levels: ['county'],
    baseline: null,
    rules: [{ kind: 'vs_comparator', comparator: 'england' }],
    rationale: null,
    done: null,
  });

  it('starts a new measure where a relative-only successor takes over, named by titles, never by codes', () => {
    const marks = newMeasuresByYear(
      t([
        { indicator: 'ks2-level4-rwm', from: 2013, to: 2015 },
        { indicator: 'ks2-expected-rwm', from: 2016, to: null, relativeOnly: true },
      ]),
      [2014, 2015, 2016],
      (c) => catalogue.get(c),
    );
    assert.deepEqual(
      [...marks],
      [
        [
          2016,
          'new measure from 2016 (KS2 pupils at the expected standard in reading, writing and mathematics replaces KS2 pupils at level 4 or above in reading, writing and mathematics)',
        ],
      ],
    );
  });

  it('starts none where the next measure continues the last (the 15% persistent absence rule kept from pupil records after 2014/15)', () => {
    // domain.md §4.2: the LA may keep computing the 15% fixed-count measure from pupil records after the DfE's 10% rule;
    // to 2014/15 it is the DfE's measure, so a target set on it reads one series across 2015/16.
    const marks = newMeasuresByYear(
      t([
        { indicator: 'persistent-absence', from: null, to: 2015 },
        { indicator: 'pa-15', from: 2016, to: null },
      ]),
      [2014, 2015, 2016],
      (c) => catalogue.get(c),
    );
    assert.deepEqual([...marks], []);
  });

  it('starts one where a measure said to continue another takes over after the years it counted the same', () => {
    const marks = newMeasuresByYear(
      t([
        { indicator: 'persistent-absence', from: null, to: 2016 },
        { indicator: 'pa-15', from: 2017, to: null },
      ]),
      [2016, 2017],
      (c) => catalogue.get(c),
    );
    assert.deepEqual([...marks.keys()], [2016, 2017]);
  });

  it('starts one even where the successor keeps the indicator’s code and the catalogue records no break', () => {
    const marks = newMeasuresByYear(
      t([
        { indicator: 'same-code', from: null, to: 2015 },
        { indicator: 'same-code', from: 2016, to: null, relativeOnly: true },
      ]),
      [2015, 2016],
      (c) => catalogue.get(c),
    );
    assert.deepEqual([...marks.keys()], [2016]);
  });
});
