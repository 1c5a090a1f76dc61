import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { forecastArea, forecastSchools } from './forecast.ts';
import type { AreaForecast, AreaForecastInput, ForecastMethod, PlanningArea, PlanningPhase, YearGroup } from './place-planning.ts';
import { phaseYearGroups } from './place-planning.ts';

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

// One year averaged, so every ratio is one year's ratio and the forecast can be worked by hand.
const method: ForecastMethod = {
  yearsAveraged: 1,
  birthsBeyondHeld: 'hold-last',
  yields: { primary: { market: 0.2, affordable: 0.4 }, secondary: { market: 0.1, affordable: 0.2 } },
  surplusBand: { min: 5, max: 7 },
};

// Base 2015/16. Survival ratios (2015/16 ÷ 2014/15 a group below): 1: 105/100 = 1.05, 2: 1, 3: 1.02, 4: 1, 5: 0.99, 6: 1.01.
// Intake: Reception 110 ÷ births to mid-2011 1,100 = 0.1.
const primary: AreaForecastInput = {
  area: area('primary'),
  basePeriod: '201516',
  rolls: {
    '201415': { R: 100, '1': 100, '2': 100, '3': 100, '4': 100, '5': 100, '6': 100 },
    '201516': { R: 110, '1': 105, '2': 100, '3': 102, '4': 100, '5': 99, '6': 101 },
  },
  births: { 2011: 1100, 2012: 1200, 2013: 1300 },
  feederYear6: null,
  housing: [],
};

const cell = (f: AreaForecast, period: string, group: YearGroup) => f.cells.find((c) => c.period === period && c.yearGroup === group)!;
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe('an area forecast by cohort survival (SCAP guide 2014)', () => {
  it('rolls each cohort up by its survival ratio and takes Reception from births × intake, five years ahead, by hand', () => {
    const f = forecastArea(primary, method);
    assert.equal(f.cells.length, 5 * 7);
    assert.deepEqual([...new Set(f.cells.map((c) => c.period))], ['201617', '201718', '201819', '201920', '202021']);
    // 2016/17: R = births 2012 1,200 × 0.1 = 120; Y1 = 110 × 1.05 = 115.5; Y3 = 100 × 1.02 = 102; Y6 = 99 × 1.01 = 99.99.
    close(cell(f, '201617', 'R').pupils, 120);
    close(cell(f, '201617', '1').pupils, 115.5);
    close(cell(f, '201617', '3').pupils, 102);
    close(cell(f, '201617', '6').pupils, 99.99);
    // 2017/18: R = births 2013 1,300 × 0.1 = 130; Y1 = 120 × 1.05 = 126.
    close(cell(f, '201718', 'R').pupils, 130);
    close(cell(f, '201718', '1').pupils, 126);
    // 2018/19 on: births to mid-2014 and later are not held, so the last held (2013) is taken: R = 130.
    close(cell(f, '202021', 'R').pupils, 130);
    // 2020/21 Y6: the base's Year 1 (105) × 1 × 1.02 × 1 × 0.99 × 1.01 = 107.08929.
    close(cell(f, '202021', '6').pupils, 105 * 1.02 * 0.99 * 1.01);
    assert.ok(f.cells.every((c) => c.fromHousing === 0));
    assert.equal(f.ratios.intake, 0.1);
  });

  it('adds pupils from housing completed since the base to every year after rolling, never through a survival ratio', () => {
    // 70 market dwellings in 2016/17 × 0.2 = 14 primary pupils, 2 a year group from 2016/17; 35 affordable in 2018/19 × 0.4
    // = 14 more, 4 a year group from 2018/19. Y1 2017/18 = 120 × 1.05 + 2 = 128 (not (120 + 2) × 1.05 + 2 = 130.1).
    const withHousing = {
      ...primary,
      housing: [
        {
          code: 'H1',
          name: 'H1',
          laCode: '886',
          primaryArea: 'P1',
          secondaryArea: null,
          completions: [
            { period: '201617', market: 70, affordable: 0 },
            { period: '201819', market: 0, affordable: 35 },
          ],
        },
      ],
    };
    const f = forecastArea(withHousing, method);
    assert.deepEqual(cell(f, '201617', 'R'), { period: '201617', yearGroup: 'R', pupils: 122, fromHousing: 2 });
    close(cell(f, '201718', '1').pupils, 128);
    close(cell(f, '201819', 'R').pupils, 134);
    close(cell(f, '201819', 'R').fromHousing, 4);
  });

  it('knows births only up to mid-year of the base’s first year, as a forecast made then (or a backtest re-run as if then) would', () => {
    // Base 2012/13 (rolls as 2014/15 and 2015/16 moved back three years; intake 110 ÷ births to mid-2008 1,100 = 0.1).
    // Births to mid-2013 (1,500) had not happened by January 2013: Reception 2017/18 (births to mid-2013) takes the last
    // known, mid-2012 1,400 → 140, not 150.
    const early: AreaForecastInput = {
      ...primary,
      basePeriod: '201213',
      rolls: { '201112': primary.rolls['201415']!, '201213': primary.rolls['201516']! },
      births: { 2008: 1100, 2012: 1400, 2013: 1500 },
    };
    const f = forecastArea(early, method);
    close(cell(f, '201617', 'R').pupils, 140);
    close(cell(f, '201718', 'R').pupils, 140);
  });

  it('carries the base Reception forward when there are no births', () => {
    const f = forecastArea({ ...primary, births: null }, method);
    for (const period of ['201617', '201920']) close(cell(f, period, 'R').pupils, 110);
  });

  it('takes Year 7 from the feeders’ Year 6 the year before × transfer, forecast Year 6 where given, and a missing survival ratio as 1', () => {
    // Transfer = Year 7 2015/16 180 ÷ feeders' Year 6 2014/15 200 = 0.9. Survival 7→8 = 170 ÷ 170 = 1; no Year 8 in 2014/15,
    // so 8→9 has no ratio and is taken as 1.
    const secondary: AreaForecastInput = {
      area: area('secondary'),
      basePeriod: '201516',
      rolls: { '201415': { '7': 170 }, '201516': { '7': 180, '8': 170 } },
      births: null,
      feederYear6: { '201415': 200, '201516': 210 },
      housing: [],
    };
    const held = forecastArea(secondary, method);
    assert.equal(held.cells.length, 7 * 7);
    // 2016/17: Year 7 = held Year 6 2015/16 210 × 0.9 = 189; Year 9 = Year 8 170 × 1 (no ratio) = 170.
    close(cell(held, '201617', '7').pupils, 189);
    close(cell(held, '201617', '9').pupils, 170);
    // No forecast Year 6: 2017/18 on, the last held (210) → 189.
    close(cell(held, '201718', '7').pupils, 189);
    // A Year 6 census after the base (300 in 2016/17) is not known to a forecast from 2015/16 (nor to a backtest): still 189.
    const later = forecastArea({ ...secondary, feederYear6: { ...secondary.feederYear6, '201617': 300 } }, method);
    close(cell(later, '201718', '7').pupils, 189);
    // With the feeders' forecast Year 6 (2016/17 220, 2017/18 230): 2017/18 220 × 0.9 = 198; 2018/19 230 × 0.9 = 207;
    // 2019/20 past the forecast: the last known, 230 → 207.
    const fed = forecastArea(secondary, method, { '201617': 220, '201718': 230 });
    close(cell(fed, '201617', '7').pupils, 189);
    close(cell(fed, '201718', '7').pupils, 198);
    close(cell(fed, '201819', '7').pupils, 207);
    close(cell(fed, '201920', '7').pupils, 207);
  });
});

describe('a forecast apportioned to schools by their share of each cohort at the base census', () => {
  // A has 30 of the base Reception's 40 (0.75) and 10 of Year 1's 40 (0.25); B the rest; no one has Year 2.
  const rolls = { A: { R: 30, '1': 10 }, B: { R: 10, '1': 30 } };
  const f: AreaForecast = {
    areaCode: 'P1',
    phase: 'primary',
    basePeriod: '201516',
    ratios: { intake: null, transfer: null, survival: {}, periods: [] },
    cells: [
      { period: '201617', yearGroup: 'R', pupils: 100, fromHousing: 4 }, // not yet at school at the base: Reception shares
      { period: '201617', yearGroup: '1', pupils: 50, fromHousing: 0 }, // the base's Reception: A 0.75
      { period: '201617', yearGroup: '2', pupils: 40, fromHousing: 0 }, // the base's Year 1: A 0.25
      { period: '201617', yearGroup: '3', pupils: 20, fromHousing: 0 }, // the base's Year 2, held by none: Reception shares
      { period: '201718', yearGroup: '2', pupils: 10, fromHousing: 0 }, // two years on, the base's Reception: A 0.75
    ],
  };

  it('follows each cohort: Year 1 next year takes this Reception’s shares, Year 2 this Year 1’s, by hand', () => {
    const cells = forecastSchools(f, rolls);
    const of = (urn: string, period: string, group: YearGroup) => cells.find((c) => c.urn === urn && c.period === period && c.yearGroup === group)!;
    // 100 × 0.75 = 75 (housing 4 × 0.75 = 3); 50 × 0.75 = 37.5; 40 × 0.25 = 10; 20 × 0.75 = 15; 10 × 0.75 = 7.5.
    assert.deepEqual(of('A', '201617', 'R'), { period: '201617', yearGroup: 'R', pupils: 75, fromHousing: 3, urn: 'A' });
    assert.equal(of('A', '201617', '1').pupils, 37.5);
    assert.equal(of('B', '201617', '2').pupils, 30);
    assert.equal(of('A', '201617', '3').pupils, 15);
    assert.equal(of('B', '201718', '2').pupils, 2.5);
    assert.equal(cells.length, 10);
  });

  it('gives no cells with no schools, and equal shares when no school has pupils', () => {
    assert.deepEqual(forecastSchools(f, {}), []);
    assert.equal(forecastSchools(f, { A: {}, B: {} }).find((c) => c.urn === 'B' && c.yearGroup === 'R')!.pupils, 50);
  });

  it('sums each cell over its schools back to the area cell, for any rolls and forecast', () => {
    const groups = phaseYearGroups.primary;
    const roll = fc.record(Object.fromEntries(groups.map((g) => [g, fc.integer({ min: 0, max: 90 })])) as Record<YearGroup, fc.Arbitrary<number>>, {
      requiredKeys: [],
    });
    const forecast = fc.array(
      fc.record({
        period: fc.constantFrom('201617', '201718', '201819', '201920', '202021'),
        yearGroup: fc.constantFrom(...groups),
        pupils: fc.double({ min: 0, max: 1000, noNaN: true }),
      }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^1\d{5}$/), roll, { minKeys: 1, maxKeys: 6 }), forecast, (schoolRolls, cells) => {
        const area: AreaForecast = { ...f, cells: cells.map((c) => ({ ...c, fromHousing: 0 })) };
        const bySchool = forecastSchools(area, schoolRolls);
        area.cells.forEach((c, i) => {
          const sum = bySchool.slice(i * Object.keys(schoolRolls).length, (i + 1) * Object.keys(schoolRolls).length).reduce((s, x) => s + x.pupils, 0);
          assert.ok(Math.abs(sum - c.pupils) <= 1e-9 * Math.max(1, c.pupils));
        });
      }),
    );
  });
});
