import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AreaForecastInput, PlanningArea, PlanningPhase } from './place-planning.ts';
import { forecastRatios, receptionBirthYear } from './ratios.ts';

const area = (phase: PlanningPhase): PlanningArea => ({
  code: phase === 'primary' ? 'P1' : 'S1',
  name: 'Area',
  laCode: '886',
  phase,
  districtCode: null,
  feedsArea: null,
  validFrom: null,
  validTo: null,
});

const input = (over: Partial<AreaForecastInput> & Pick<AreaForecastInput, 'area'>): AreaForecastInput => ({
  basePeriod: '201516',
  rolls: {},
  births: null,
  feederYear6: null,
  housing: [],
  ...over,
});

// A primary area's Reception and Year 1 by January census, and its district's births by mid-year.
const primary = input({
  area: area('primary'),
  rolls: {
    '201213': { R: 100 },
    '201314': { R: 110, '1': 99 },
    '201415': { R: 120, '1': 121 },
    '201516': { R: 125, '1': 126 },
  },
  births: { 2008: 900, 2009: 1000, 2010: 1200, 2011: 1250 },
});

describe('the cohort of a Reception year (SCAP guide 2014: births four years before)', () => {
  it('takes births to mid-2009 for Reception in 2013/14, and to mid-2011 for 2015/16', () => {
    assert.equal(receptionBirthYear('201314'), 2009);
    assert.equal(receptionBirthYear('201516'), 2011);
  });
});

describe('cohort survival and intake ratios averaged over recent years (SCAP guide 2014)', () => {
  it('averages the Year 1 survival ratio and the intake ratio over the last three census periods, by hand', () => {
    // Survival R→1: 2013/14 99 ÷ 100 = 0.99; 2014/15 121 ÷ 110 = 1.1; 2015/16 126 ÷ 120 = 1.05 → mean 3.14 ÷ 3 = 1.04666…
    // Intake: 2013/14 110 ÷ births 2009 1,000 = 0.11; 2014/15 120 ÷ 1,200 = 0.1; 2015/16 125 ÷ 1,250 = 0.1 → 0.31 ÷ 3 = 0.10333…
    // 2012/13 is a fourth year back and is not averaged. No Year 2 is held, so a missing year group is none: 1→2 is
    // 0 ÷ 99, 0 ÷ 121, 0 ÷ 126 → 0; Years 3-6 have nothing to divide by in any year → no ratio.
    const r = forecastRatios(primary, 3);
    assert.ok(Math.abs(r.survival['1']! - 3.14 / 3) < 1e-12);
    assert.deepEqual(Object.keys(r.survival), ['1', '2']);
    assert.equal(r.survival['2'], 0);
    assert.ok(Math.abs(r.intake! - 0.31 / 3) < 1e-12);
    assert.equal(r.transfer, null);
    assert.deepEqual(r.periods, ['201314', '201415', '201516']);
  });

  it('averages each ratio over the years that have its figures: with four years, intake over four and survival over three', () => {
    // 2012/13 adds an intake year (100 ÷ births 2008 900 = 0.1111…) but no survival year (no 2011/12 census held).
    // Intake = (1/9 + 0.11 + 0.1 + 0.1) ÷ 4; survival R→1 as before over three years.
    const r = forecastRatios(primary, 4);
    assert.ok(Math.abs(r.intake! - (1 / 9 + 0.31) / 4) < 1e-12);
    assert.ok(Math.abs(r.survival['1']! - 3.14 / 3) < 1e-12);
    assert.deepEqual(r.periods, ['201213', '201314', '201415', '201516']);
  });

  it('leaves out a year whose births are not held and gives no intake ratio with no births', () => {
    const noBirths2010 = forecastRatios({ ...primary, births: { 2009: 1000, 2011: 1250 } }, 3);
    assert.ok(Math.abs(noBirths2010.intake! - 0.105) < 1e-12); // (0.11 + 0.1) ÷ 2
    assert.equal(forecastRatios({ ...primary, births: null }, 3).intake, null);
  });

  it('takes the transfer ratio from the feeding areas’ Year 6 the year before, and survival up to Year 13 (no sixth form: Year 12 ratio 0)', () => {
    // Transfer: 2014/15 Year 7 180 ÷ feeders' Year 6 2013/14 200 = 0.9; 2015/16 200 ÷ 250 = 0.8 → 0.85.
    // Survival 7→8: 2014/15 168 ÷ 160 = 1.05; 2015/16 171 ÷ 180 = 0.95 → 1. 10→11: 150 ÷ 150 both years → 1.
    // 11→12: no Year 12 held, so 0 ÷ 150 → 0. 12→13: Year 12 is none, nothing to divide by → no ratio.
    const r = forecastRatios(
      input({
        area: area('secondary'),
        rolls: {
          '201314': { '7': 160, '10': 150 },
          '201415': { '7': 180, '8': 168, '10': 150, '11': 150 },
          '201516': { '7': 200, '8': 171, '11': 150 },
        },
        feederYear6: { '201314': 200, '201415': 250 },
      }),
      2,
    );
    assert.ok(Math.abs(r.transfer! - 0.85) < 1e-12);
    assert.equal(r.intake, null);
    assert.ok(Math.abs(r.survival['8']! - 1) < 1e-12);
    assert.equal(r.survival['11'], 1);
    assert.equal(r.survival['12'], 0);
    assert.equal(r.survival['13'], undefined);
    assert.equal(r.survival['9'], 0); // no Year 9 held while Year 8 is: 0 ÷ 168
    assert.equal(r.survival['10'], undefined); // Year 9 none in every year before: nothing to divide by
    assert.deepEqual(r.periods, ['201415', '201516']);
  });

  it('gives no ratios and no periods when only the base census is held', () => {
    const r = forecastRatios(input({ area: area('primary'), rolls: { '201516': { R: 10, '1': 10 } } }), 3);
    assert.deepEqual(r, { intake: null, transfer: null, survival: {}, periods: [] });
  });
});
