import { capacityInPeriod } from './capacity-changes.ts';
import { entryPlacesNeeded, formsOfEntryNeeded } from './forms-of-entry.ts';
import { entryYearGroup, phaseYearGroups } from './place-planning.ts';
import type { AreaForecast, CapacityRecord, CommissioningNeed, PlannedChange, PlanningPhase, SchoolForecastCell, SchoolPlaces } from './place-planning.ts';
import { surplusOf } from './surplus.ts';

export type CommissioningInput = Readonly<{
  areaCode: string;
  phase: PlanningPhase;
  forecast: AreaForecast;
  /** The area's schools: a split-site school's places and admission number count by its share. */
  schools: readonly Readonly<{ urn: string; share: number; capacity: CapacityRecord | null }>[];
  /**
   * Planned changes: an existing school's by its URN, whatever area they were recorded against (a split-site school's
   * change is to the whole school, then counted by its share here); a new school's (no URN) when of this area, one
   * school a name.
   */
  changes: readonly PlannedChange[];
  band: Readonly<{ min: number; max: number }>;
  /** The area forecast apportioned to its schools (forecastSchools), share applied; without it, pupils go by capacity. */
  schoolForecast?: readonly SchoolForecastCell[];
}>;

/** A school as the commissioning view counts it: an existing school or a new one made of the changes that open it. */
type Unit = Readonly<{ key: string; urn: string | null; share: number; capacity: CapacityRecord | null; changes: readonly PlannedChange[] }>;

/**
 * Where and when places are needed (issue 17.4), one need per forecast period: the forecast entry cohort against the
 * entry places (admission numbers by share with every planned change in force by then, and without the changes), the
 * places and whole forms of entry needed to keep `band.min` per cent spare, and the surplus of the whole phase counted
 * school by school (surplusOf) against the capacity with the changes.
 *
 * A school's forecast pupils are its cells of `schoolForecast` when given, otherwise the area's forecast shared by each
 * school's part of the area's capacity that year. Those cells split the area's forecast by each school's share of its
 * cohorts at the base census, so a new school has none and an expanded school no more than before: as the DfE's SCAP
 * return counts a forecast, pupils a school has no places for go to the area's schools with room, new ones included,
 * in proportion to their room (schoolPupils), and only then are unfilled places and pupils over capacity counted
 * school by school. So a forecast year never shows unfilled places and pupils over capacity both rising only because a
 * new school's places were given no pupils. A school with no places and no pupils that year (not yet open, or closed)
 * is not counted among the schools.
 */
export function commissioningNeeds(input: CommissioningInput): CommissioningNeed[] {
  const { phase, forecast } = input;
  const units: Unit[] = input.schools.map((s) => ({
    key: s.urn,
    urn: s.urn,
    share: s.share,
    capacity: s.capacity,
    changes: input.changes.filter((c) => c.urn === s.urn),
  }));
  const opening = input.changes.filter((c) => c.urn === null && c.areaCode === input.areaCode);
  for (const name of new Set(opening.map((c) => c.schoolName))) {
    const own = opening.filter((c) => c.schoolName === name);
    units.push({ key: own[0]!.code, urn: null, share: 1, capacity: null, changes: own });
  }

  const periods = [...new Set(forecast.cells.map((c) => c.period))].sort();
  return periods.map((period) => {
    const cells = forecast.cells.filter((c) => c.period === period && phaseYearGroups[phase].includes(c.yearGroup));
    const forecastEntry = cells.filter((c) => c.yearGroup === entryYearGroup[phase]).reduce((sum, c) => sum + c.pupils, 0);
    const areaPupils = cells.reduce((sum, c) => sum + c.pupils, 0);
    let entryPlaces = 0;
    let entryPlacesWithoutChanges = 0;
    const capacities = units.map((u) => {
      const withChanges = capacityInPeriod(u.capacity, u.changes, phase, period);
      entryPlaces += withChanges.admissionNumber * u.share;
      entryPlacesWithoutChanges += capacityInPeriod(u.capacity, [], phase, period).admissionNumber * u.share;
      return Object.values(withChanges.places).reduce((sum, n) => sum + n, 0) * u.share;
    });
    const pupils = schoolPupils(units, capacities, areaPupils, period, input.schoolForecast);
    const places: SchoolPlaces[] = units
      .map((u, i) => ({ urn: u.key, capacity: capacities[i]!, pupils: pupils[i]! }))
      .filter((s) => s.capacity > 0 || s.pupils > 0);
    const placesNeeded = entryPlacesNeeded(forecastEntry, entryPlaces, input.band.min);
    return {
      areaCode: input.areaCode,
      period,
      forecastEntry,
      entryPlaces,
      entryPlacesWithoutChanges,
      placesNeeded,
      formsOfEntryNeeded: formsOfEntryNeeded(placesNeeded),
      surplus: surplusOf(places),
    };
  });
}

/**
 * Each unit's forecast pupils in a period (see commissioningNeeds): its own cells of `schoolForecast`, or without them
 * the area's pupils by capacity. Then, as a planning area's schools are one pool of places, pupils above a school's
 * capacity (all of a closed school's) move to the schools of the area with room (new and expanded schools included),
 * each taking a part of them in proportion to its room, never more than its room. What no school has room for stays
 * where it was, and a closed school's share of it goes to the open schools by capacity.
 */
function schoolPupils(
  units: readonly Unit[],
  capacities: readonly number[],
  areaPupils: number,
  period: string,
  schoolForecast?: readonly SchoolForecastCell[],
): number[] {
  const totalCapacity = capacities.reduce((sum, n) => sum + n, 0);
  const byCapacity = (pupils: number) => capacities.map((c) => (totalCapacity > 0 ? (pupils * c) / totalCapacity : pupils / capacities.length));
  if (schoolForecast === undefined) return byCapacity(areaPupils);
  const own = units.map((u) => schoolForecast.reduce((sum, c) => (c.urn === u.urn && c.period === period ? sum + c.pupils : sum), 0));
  if (totalCapacity === 0) return own;
  const over = own.map((n, i) => Math.max(0, n - capacities[i]!));
  const room = own.map((n, i) => Math.max(0, capacities[i]! - n));
  const totalOver = over.reduce((sum, n) => sum + n, 0);
  const totalRoom = room.reduce((sum, n) => sum + n, 0);
  const moved = Math.min(totalOver, totalRoom);
  const placed = own.map((n, i) => n - (totalOver > 0 ? (moved * over[i]!) / totalOver : 0) + (totalRoom > 0 ? (moved * room[i]!) / totalRoom : 0));
  const displaced = byCapacity(placed.reduce((sum, n, i) => sum + (capacities[i] === 0 ? n : 0), 0));
  return placed.map((n, i) => (capacities[i] === 0 ? 0 : n + displaced[i]!));
}
