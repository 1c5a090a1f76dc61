import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commissioningNeeds } from './commissioning.ts';
import type { CommissioningInput } from './commissioning.ts';
import type { AreaForecast, CapacityRecord, PlannedChange, SchoolForecastCell } from './place-planning.ts';
import { phaseYearGroups } from './place-planning.ts';

const record = (urn: string, perGroup: number): CapacityRecord => ({
  urn,
  period: '201516',
  phase: 'primary',
  places: Object.fromEntries(phaseYearGroups.primary.map((g) => [g, perGroup])),
  admissionNumber: perGroup,
});

const change = (over: Partial<PlannedChange>): PlannedChange => ({
  code: 'C1',
  laCode: '886',
  areaCode: 'P1',
  urn: 'A',
  schoolName: 'A Primary',
  phase: 'primary',
  kind: 'expansion',
  entryPlaces: 30,
  phasing: 'year-by-year',
  fromPeriod: '201718',
  status: 'approved',
  description: '',
  ...over,
});

const cells = (period: string, reception: number, others: number) =>
  phaseYearGroups.primary.map((g) => ({ period, yearGroup: g, pupils: g === 'R' ? reception : others, fromHousing: 0 }));

// 2016/17: Reception 62, Years 1-6 55 each (392 in all); 2017/18: Reception 100, Years 1-6 58 each (448).
const forecast: AreaForecast = {
  areaCode: 'P1',
  phase: 'primary',
  basePeriod: '201516',
  ratios: { intake: null, transfer: null, survival: {}, periods: [] },
  cells: [...cells('201617', 62, 55), ...cells('201718', 100, 58)],
};

// A: a 1FE school (210 places, number 30) expanding to 2FE year by year from 2017/18. B: half of a split-site 2FE (420
// places, number 60, share 0.5 → 210 and 30). A new 1FE free school opening from Reception in 2017/18. B's bulge withdrawn.
const input: CommissioningInput = {
  areaCode: 'P1',
  phase: 'primary',
  forecast,
  schools: [
    { urn: 'A', share: 1, capacity: record('A', 30) },
    { urn: 'B', share: 0.5, capacity: record('B', 60) },
  ],
  changes: [
    change({}),
    change({ code: 'C2', urn: null, schoolName: 'Meadow Free School', kind: 'new-school' }),
    change({ code: 'C3', urn: 'B', kind: 'bulge', status: 'withdrawn' }),
  ],
  band: { min: 5, max: 7 },
};

describe('where and when places are needed (issue 17.4)', () => {
  it('needs 6 places (1 FE) in 2016/17: 62 children on 60 entry places want 62 ÷ 0.95 = 65.26… → 66 places', () => {
    const [first] = commissioningNeeds(input);
    assert.equal(first!.period, '201617');
    assert.deepEqual([first!.forecastEntry, first!.entryPlaces, first!.entryPlacesWithoutChanges], [62, 60, 60]);
    assert.deepEqual([first!.placesNeeded, first!.formsOfEntryNeeded], [6, 1]);
    // Capacity 210 + 210 = 420 (the free school not open: not counted); 392 pupils by capacity: 196 each; 14 + 14 = 28
    // unfilled = 6.67%.
    assert.deepEqual({ ...first!.surplus, rate: null }, { capacity: 420, pupils: 392, unfilled: 28, excess: 0, rate: null, schools: 2, atOrOver: 0 });
    assert.ok(Math.abs(first!.surplus.rate! - 2800 / 420) < 1e-12);
  });

  it('counts the expansion and the new school in 2017/18: 120 entry places (60 without), none needed for 100 children', () => {
    // A: Reception 60 (number 60), Years 1-6 30 → 240; B 210 (number 30); free school Reception 30 (number 30).
    // Entry places 60 + 30 + 30 = 120; without the changes 30 + 30 = 60. 100 ÷ 0.95 = 105.3 ≤ 120 → 0 needed.
    // Pupils 448 by capacity (240, 210, 30 of 480): 224, 196, 28; unfilled 16 + 14 + 2 = 32 = 6.67% of 480.
    const second = commissioningNeeds(input)[1]!;
    assert.deepEqual(
      [second.forecastEntry, second.entryPlaces, second.entryPlacesWithoutChanges, second.placesNeeded, second.formsOfEntryNeeded],
      [100, 120, 60, 0, 0],
    );
    assert.deepEqual({ ...second.surplus, rate: null }, { capacity: 480, pupils: 448, unfilled: 32, excess: 0, rate: null, schools: 3, atOrOver: 0 });
  });

  it('counts a school forecast school by school when given: one school over capacity does not fill another’s places', () => {
    // 2017/18 school forecast: A 250, B 198 (448); the free school has no base-year pupils, so none.
    // A 250 on 240 → 10 in excess; B 198 on 210 → 12 unfilled; free school 0 on 30 → 30 unfilled. Unfilled 42, excess 10.
    const schoolForecast: SchoolForecastCell[] = [
      { urn: 'A', period: '201718', yearGroup: 'R', pupils: 250, fromHousing: 0 },
      { urn: 'B', period: '201718', yearGroup: 'R', pupils: 198, fromHousing: 0 },
    ];
    const second = commissioningNeeds({ ...input, schoolForecast })[1]!;
    assert.deepEqual({ ...second.surplus, rate: null }, { capacity: 480, pupils: 448, unfilled: 42, excess: 10, rate: null, schools: 3, atOrOver: 1 });
  });

  it('shares the pupils of a school closed by then over the open schools by their capacity', () => {
    // B closes from 2017/18: its 198 go to A and the free school by capacity 240 : 30 → 176 and 22. A 426 on 240 → 186
    // in excess; free school 22 on 30 → 8 unfilled. B (no places, no pupils) is not counted. Entry places 60 + 30 = 90.
    const schoolForecast: SchoolForecastCell[] = [
      { urn: 'A', period: '201718', yearGroup: 'R', pupils: 250, fromHousing: 0 },
      { urn: 'B', period: '201718', yearGroup: 'R', pupils: 198, fromHousing: 0 },
    ];
    const closing = { ...input, schoolForecast, changes: [...input.changes, change({ code: 'C4', urn: 'B', kind: 'closure' })] };
    const second = commissioningNeeds(closing)[1]!;
    assert.equal(second.entryPlaces, 90);
    assert.deepEqual({ ...second.surplus, rate: null }, { capacity: 270, pupils: 448, unfilled: 8, excess: 186, rate: null, schools: 2, atOrOver: 1 });
  });
});
