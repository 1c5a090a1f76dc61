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

  it('moves a school forecast’s pupils above a school’s capacity to the schools with room, before counting school by school', () => {
    // 2017/18 school forecast: A 250, B 198 (448); the free school has no base-year pupils, so none of its own.
    // A 250 on 240 → 10 over; room: B 210 − 198 = 12, free school 30 (42). The 10 move by room: B 10 × 12/42 = 2.857…,
    // free school 10 × 30/42 = 7.142…. A 240 on 240 (at capacity); unfilled 9.142… + 22.857… = 32 (= 480 − 448), excess 0.
    const schoolForecast: SchoolForecastCell[] = [
      { urn: 'A', period: '201718', yearGroup: 'R', pupils: 250, fromHousing: 0 },
      { urn: 'B', period: '201718', yearGroup: 'R', pupils: 198, fromHousing: 0 },
    ];
    const second = commissioningNeeds({ ...input, schoolForecast })[1]!;
    assert.deepEqual(
      { ...second.surplus, pupils: null, unfilled: null, rate: null },
      { capacity: 480, pupils: null, unfilled: null, excess: 0, rate: null, schools: 3, atOrOver: 1 },
    );
    assert.ok(Math.abs(second.surplus.pupils - 448) < 1e-9 && Math.abs(second.surplus.unfilled - 32) < 1e-9);
  });

  it('gives a new school pupils in a forecast year: the review’s two 490-place schools, 1,050 pupils and a 210-place school', () => {
    // Review of issue 17, finding 1. X and Y: 490 places (70 a year group, number 70), each forecast 525 by its base
    // share; a new 1FE school (30 a year group whole-school = 210) opening 2016/17. Before the fix the new school had
    // 0 pupils: unfilled 210, excess 70, rate 17.6% ("above band"). Now X's and Y's 35 over capacity each (70) move to
    // the new school's 210 room: X 490, Y 490, new 70. Capacity 1,190, pupils 1,050, unfilled 140, excess 0,
    // rate 140 ÷ 1,190 = 11.76…% (the area as a whole).
    const area = (reception: number) => phaseYearGroups.primary.map((g) => ({ period: '201617', yearGroup: g, pupils: reception, fromHousing: 0 }));
    const [need] = commissioningNeeds({
      areaCode: 'P1',
      phase: 'primary',
      forecast: { ...forecast, cells: area(150) },
      schools: [
        { urn: 'X', share: 1, capacity: record('X', 70) },
        { urn: 'Y', share: 1, capacity: record('Y', 70) },
      ],
      changes: [change({ code: 'N', urn: null, schoolName: 'New Primary', kind: 'new-school', phasing: 'whole-school', fromPeriod: '201617' })],
      band: { min: 5, max: 7 },
      schoolForecast: [
        { urn: 'X', period: '201617', yearGroup: 'R', pupils: 525, fromHousing: 0 },
        { urn: 'Y', period: '201617', yearGroup: 'R', pupils: 525, fromHousing: 0 },
      ],
    });
    assert.deepEqual({ ...need!.surplus, rate: null }, { capacity: 1190, pupils: 1050, unfilled: 140, excess: 0, rate: null, schools: 3, atOrOver: 2 });
    assert.ok(Math.abs(need!.surplus.rate! - 14000 / 1190) < 1e-12);
  });

  it('shares the pupils of a school closed by then over the open schools: room first, then by capacity', () => {
    // B closes from 2017/18 (0 places): its 198 and A's 10 over 240 are 208 over; the free school's 30 room takes 30 of
    // them. The 178 left (B's 198 × 178/208 = 169.44… goes to A and the free school by capacity 240 : 30) are over
    // capacity: unfilled 0, excess 178 (= 448 − 270). B (no places, no pupils) is not counted. Entry places 60 + 30 = 90.
    const schoolForecast: SchoolForecastCell[] = [
      { urn: 'A', period: '201718', yearGroup: 'R', pupils: 250, fromHousing: 0 },
      { urn: 'B', period: '201718', yearGroup: 'R', pupils: 198, fromHousing: 0 },
    ];
    const closing = { ...input, schoolForecast, changes: [...input.changes, change({ code: 'C4', urn: 'B', kind: 'closure' })] };
    const second = commissioningNeeds(closing)[1]!;
    assert.equal(second.entryPlaces, 90);
    assert.deepEqual(
      { ...second.surplus, excess: null, rate: null },
      { capacity: 270, pupils: 448, unfilled: 0, excess: null, rate: null, schools: 2, atOrOver: 2 },
    );
    assert.ok(Math.abs(second.surplus.excess - 178) < 1e-9);
  });

  it('applies a split-site school’s change to the whole school, then each area’s share: the review’s 60 + 30 at 0.6 and 0.4', () => {
    // Review of issue 17, finding 2. Admission number 60 (a 2FE school, 60 a year group), shares 0.6 in P1 and 0.4 in
    // P2; a whole-school +30 expansion from 2016/17 recorded against P1. Each area is given the school's changes by URN:
    // P1 (60 + 30) × 0.6 = 54, P2 (60 + 30) × 0.4 = 36; together 90 (before the fix P2 had 60 × 0.4 = 24: 78 in all).
    const expansion = change({ urn: 'S', areaCode: 'P1', phasing: 'whole-school', fromPeriod: '201617' });
    const needIn = (areaCode: string, share: number) =>
      commissioningNeeds({
        areaCode,
        phase: 'primary',
        forecast: { ...forecast, areaCode },
        schools: [{ urn: 'S', share, capacity: record('S', 60) }],
        changes: [expansion],
        band: { min: 5, max: 7 },
      })[0]!;
    const [p1, p2] = [needIn('P1', 0.6), needIn('P2', 0.4)];
    assert.ok(Math.abs(p1.entryPlaces - 54) < 1e-9 && Math.abs(p2.entryPlaces - 36) < 1e-9);
    assert.ok(Math.abs(p1.entryPlaces + p2.entryPlaces - 90) < 1e-9);
  });
});
