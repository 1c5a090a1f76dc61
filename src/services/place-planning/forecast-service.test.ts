import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { phaseYearGroups, type ForecastMethod, type PlanningPhase, type YearGroup } from '../../domain/place-planning/place-planning.ts';
import type { HeldPlanningArea } from '../../store/planning-store.ts';
import { forecastAll } from './forecast-service.ts';
import type { PlanningData } from './planning-data.ts';

// The LA's forecast from plain data (no database): a primary area P feeding a secondary area S, one school each.

const method: ForecastMethod = {
  yearsAveraged: 1,
  birthsBeyondHeld: 'hold-last',
  yields: { primary: { market: 0.7, affordable: 0 }, secondary: { market: 0.35, affordable: 0 } },
  surplusBand: { min: 5, max: 7 },
};
const area = (code: string, phase: PlanningPhase, feedsArea: string | null): HeldPlanningArea => ({
  code,
  name: code,
  laCode: '886',
  phase,
  districtCode: null,
  feedsArea,
  validFrom: null,
  validTo: null,
  placeId: 1,
});
const thirtyIn = (phase: PlanningPhase) => Object.fromEntries(phaseYearGroups[phase].map((g) => [g, 30])) as Record<YearGroup, number>;
const data: PlanningData = {
  laCode: '886',
  areas: [area('P', 'primary', 'S'), area('S', 'secondary', null)],
  members: [
    { areaCode: 'P', urn: 'PS', share: 1, validFrom: null, validTo: null },
    { areaCode: 'S', urn: 'SS', share: 1, validFrom: null, validTo: null },
  ],
  rolls: new Map([
    [
      'PS',
      new Map([
        ['201415', thirtyIn('primary')],
        ['201516', thirtyIn('primary')],
      ]),
    ],
    [
      'SS',
      new Map([
        ['201415', thirtyIn('secondary')],
        ['201516', thirtyIn('secondary')],
      ]),
    ],
  ]),
  capacity: new Map(),
  changes: [],
  housing: [{ code: 'H', name: 'Site', laCode: '886', primaryArea: 'P', secondaryArea: 'S', completions: [{ period: '201617', market: 10, affordable: 0 }] }],
  births: new Map(),
  censusPeriods: ['201415', '201516'],
};

describe('forecasting every area of an LA', () => {
  it('draws Year 7 from the feeding areas’ forecast Year 6 without their housing pupils, which the secondary yield adds once', () => {
    // Review of issue 17, finding 3. Every year group 30 in 2014/15 and 2015/16: survival and transfer ratios 1. Ten
    // market dwellings completed in 2016/17 yield 10 × 0.7 = 7 primary pupils (1 a year group) and 10 × 0.35 = 3.5
    // secondary (0.5 a year group). P's Year 6 in 2016/17: 30 + 1 = 31, of which 1 from housing. S's Year 7 in 2017/18:
    // the feeders' Year 6 of 2016/17 less its housing (30) × 1 + S's own 0.5 = 30.5 (before the fix 31 + 0.5 = 31.5:
    // the same dwellings' child counted twice).
    const { areas } = forecastAll(data, '201516', method);
    const cell = (code: string, period: string, g: YearGroup) =>
      areas.find((a) => a.areaCode === code)!.cells.find((c) => c.period === period && c.yearGroup === g)!;
    assert.deepEqual([cell('P', '201617', '6').pupils, cell('P', '201617', '6').fromHousing], [31, 1]);
    assert.deepEqual([cell('S', '201718', '7').pupils, cell('S', '201718', '7').fromHousing], [30.5, 0.5]);
  });
});
