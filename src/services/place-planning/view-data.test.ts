import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { phaseYearGroups, type CapacityRecord, type ForecastMethod, type PlannedChange } from '../../domain/place-planning/place-planning.ts';
import type { HeldForecastCell, HeldPlanningArea } from '../../store/planning-store.ts';
import { capacityKey, type PlanningData } from './planning-data.ts';
import { effectPeriodOf, needsOf, placesAddedOf, runsToScore, type ViewData } from './view-data.ts';

// The planning views' own figures from plain data (no database): what each area is given to count.

const method: ForecastMethod = {
  yearsAveraged: 1,
  birthsBeyondHeld: 'hold-last',
  yields: { primary: { market: 0, affordable: 0 }, secondary: { market: 0, affordable: 0 } },
  surplusBand: { min: 5, max: 7 },
};
const area = (code: string): HeldPlanningArea => ({
  code,
  name: code,
  laCode: '886',
  phase: 'primary',
  districtCode: null,
  feedsArea: null,
  validFrom: null,
  validTo: null,
  placeId: 1,
});
const record: CapacityRecord = {
  urn: 'S',
  period: '201516',
  phase: 'primary',
  places: Object.fromEntries(phaseYearGroups.primary.map((g) => [g, 60])),
  admissionNumber: 60,
};
const expansion: PlannedChange = {
  code: 'E1',
  laCode: '886',
  areaCode: 'P1',
  urn: 'S',
  schoolName: 'Split Primary',
  phase: 'primary',
  kind: 'expansion',
  entryPlaces: 30,
  phasing: 'whole-school',
  fromPeriod: '201617',
  status: 'approved',
  description: '',
};
const data: PlanningData = {
  laCode: '886',
  areas: [area('P1'), area('P2')],
  members: [
    { areaCode: 'P1', urn: 'S', share: 0.6, validFrom: null, validTo: null },
    { areaCode: 'P2', urn: 'S', share: 0.4, validFrom: null, validTo: null },
  ],
  rolls: new Map(),
  capacity: new Map([[capacityKey('S', 'primary'), new Map([['201516', record]])]]),
  changes: [expansion],
  housing: [],
  births: new Map(),
  censusPeriods: ['201516'],
};
const cells: HeldForecastCell[] = ['P1', 'P2'].flatMap((areaCode) =>
  phaseYearGroups.primary.map((g) => ({ areaCode, urn: null, period: '201617', yearGroup: g, pupils: 30, fromHousing: 0 })),
);
const view: ViewData = {
  data,
  la: { code: '886', name: 'Kent' },
  run: { id: 1, laCode: '886', madeOn: '2016-03-03', madeBy: 'user:1', basePeriod: '201516', kind: 'forecast', method, ratios: {} },
  cells,
  method,
  band: method.surplusBand,
  districts: new Map(),
};

describe('what each planning area is given to count its needs', () => {
  it('gives a split-site school’s change to each area the school is in, whatever area it was recorded against', () => {
    // Review of issue 17, finding 2: admission number 60, shares 0.6 (P1) and 0.4 (P2), +30 whole-school from 2016/17
    // recorded against P1. P1 (60 + 30) × 0.6 = 54; P2 (60 + 30) × 0.4 = 36 (before the fix P2 was not given the change:
    // 60 × 0.4 = 24, 78 in all); together the school's 90.
    const [p1, p2] = data.areas.map((a) => needsOf(view, a)[0]!);
    assert.ok(Math.abs(p1!.entryPlaces - 54) < 1e-9, String(p1!.entryPlaces));
    assert.ok(Math.abs(p2!.entryPlaces - 36) < 1e-9, String(p2!.entryPlaces));
    assert.ok(Math.abs(p2!.entryPlacesWithoutChanges - 24) < 1e-9);
  });

  it('shows a closure’s effect as the places its school has then, in the furthest forecast year or its own first year', () => {
    // Review of issue 17, finding 12. S closing from 2016/17 recorded with entryPlaces 0: it removes the 420 S has
    // (60 a year group × 7), not 0; with the whole-school +30 of 2016/17 also in force, (60 + 30) × 7 = 630. P1's
    // forecast runs to 2016/17, so that is the year measured; a change first in 2018/19 is measured in 2018/19.
    const closure: PlannedChange = { ...expansion, code: 'X1', kind: 'closure', entryPlaces: 0 };
    const alone = { ...view, data: { ...data, changes: [closure] } };
    assert.equal(placesAddedOf(alone, closure), -420);
    assert.equal(placesAddedOf({ ...view, data: { ...data, changes: [expansion, closure] } }, closure), -630);
    assert.equal(effectPeriodOf(alone, closure), '201617');
    assert.equal(effectPeriodOf(alone, { ...closure, fromPeriod: '201819' }), '201819');
  });

  it('scores kept forecasts whose next census is held, the newest of a base in place of that base’s backtest', () => {
    // Review of issue 17, finding 11 (issue 17.5: every forecast is compared with the census that followed). Censuses
    // 2013/14 to 2016/17 held. Backtests from 2013/14 and 2014/15; kept forecasts from 2014/15 (two: the later made
    // counts), 2015/16 and 2016/17 (no census after it yet: not scored). Scored: backtest 2013/14, the later kept
    // 2014/15 (not its backtest), kept 2015/16.
    const run = (id: number, kind: 'forecast' | 'backtest', basePeriod: string, madeOn: string) => ({ ...view.run!, id, kind, basePeriod, madeOn });
    const backtests = [run(1, 'backtest', '201314', '2017-03-01'), run(2, 'backtest', '201415', '2017-03-01')];
    const kept = [
      run(3, 'forecast', '201415', '2015-03-01'),
      run(4, 'forecast', '201415', '2015-06-01'),
      run(5, 'forecast', '201516', '2016-03-01'),
      run(6, 'forecast', '201617', '2017-03-01'),
    ];
    assert.deepEqual(
      runsToScore(backtests, kept, ['201314', '201415', '201516', '201617']).map((r) => r.id),
      [1, 4, 5],
    );
  });
});
