import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { academicYearCode } from '../../domain/periods/period.ts';
import { forecastHorizon, phaseYearGroups, type ForecastMethod, type PlanningPhase } from '../../domain/place-planning/place-planning.ts';
import type { HeldForecastCell, HeldPlanningArea } from '../../store/planning-store.ts';
import { scapRows } from './scap-export.ts';
import type { ViewData } from './view-data.ts';

// The SCAP-shaped export's rows from plain data: a primary area (forecast five years ahead) and a secondary (seven).

const method: ForecastMethod = {
  yearsAveraged: 1,
  birthsBeyondHeld: 'hold-last',
  yields: { primary: { market: 0, affordable: 0 }, secondary: { market: 0, affordable: 0 } },
  surplusBand: { min: 5, max: 7 },
};
const area = (code: string, phase: PlanningPhase): HeldPlanningArea => ({
  code,
  name: code,
  laCode: '886',
  phase,
  districtCode: null,
  feedsArea: null,
  validFrom: null,
  validTo: null,
  placeId: 1,
});
// Base 2015/16: primary cells 2016/17 … 2020/21, secondary 2016/17 … 2022/23; one school in each area.
const cellsOf = (code: string, urn: string, phase: PlanningPhase): HeldForecastCell[] =>
  Array.from({ length: forecastHorizon[phase] }, (_, k) => academicYearCode(2016 + k)).flatMap((period) =>
    phaseYearGroups[phase].flatMap((g) => [null, urn].map((u) => ({ areaCode: code, urn: u, period, yearGroup: g, pupils: 30, fromHousing: 0 }))),
  );
const view: ViewData = {
  data: {
    laCode: '886',
    areas: [area('P', 'primary'), area('S', 'secondary')],
    members: [
      { areaCode: 'P', urn: 'PS', share: 1, validFrom: null, validTo: null },
      { areaCode: 'S', urn: 'SS', share: 1, validFrom: null, validTo: null },
    ],
    rolls: new Map(),
    capacity: new Map(),
    changes: [],
    housing: [],
    births: new Map(),
    censusPeriods: ['201516'],
  },
  la: { code: '886', name: 'Kent' },
  run: { id: 1, laCode: '886', madeOn: '2016-03-03', madeBy: 'user:1', basePeriod: '201516', kind: 'forecast', method, ratios: {} },
  cells: [...cellsOf('P', 'PS', 'primary'), ...cellsOf('S', 'SS', 'secondary')],
  method,
  band: method.surplusBand,
  districts: new Map(),
};

describe('the SCAP-shaped export’s rows', () => {
  it('gives each area its own forecast years: primary five (to 2020/21), secondary seven (to 2022/23), never a year of 0 pupils', () => {
    // Review of issue 17, finding 6: the periods were taken from every area's cells, so primary had rows for 2021/22 and
    // 2022/23 with no forecast, which the file wrote as 0 pupils. Now 5 periods × (area + school) = 10 primary rows and
    // 7 × 2 = 14 secondary; every row's pupils are 30 a year group, 210 in all.
    const rows = scapRows(view, new Map([['PS', 'Primary School']]));
    const periodsOf = (phase: PlanningPhase) => [...new Set(rows.filter((r) => r.phase === phase).map((r) => r.period))];
    assert.deepEqual(periodsOf('primary'), ['201617', '201718', '201819', '201920', '202021']);
    assert.deepEqual(periodsOf('secondary'), ['201617', '201718', '201819', '201920', '202021', '202122', '202223']);
    assert.deepEqual([rows.filter((r) => r.phase === 'primary').length, rows.filter((r) => r.phase === 'secondary').length], [10, 14]);
    for (const r of rows)
      assert.equal(
        Object.values(r.pupils).reduce((s, n) => s + n, 0),
        210,
      );
    assert.equal(rows.find((r) => r.urn === 'PS')!.schoolName, 'Primary School');
  });
});
