import { censusDateOf, startYearOf } from '../../domain/periods/period.ts';
import {
  phaseYearGroups,
  type AreaForecastInput,
  type AreaMembership,
  type BirthsByYear,
  type ByYearGroup,
  type CapacityRecord,
  type HousingSite,
  type PlannedChange,
  type PlanningPhase,
  type SchoolPlaces,
  type YearGroup,
} from '../../domain/place-planning/place-planning.ts';
import type { HeldPlanningArea } from '../../store/planning-store.ts';
import type { Store } from '../../store/store.ts';

/** Everything an LA plans places from, read once: its areas and members, and their schools' rolls, capacity, births and housing. */
export type PlanningData = Readonly<{
  laCode: string;
  areas: readonly HeldPlanningArea[];
  members: readonly AreaMembership[];
  /** School rolls by URN, then census period. */
  rolls: ReadonlyMap<string, ReadonlyMap<string, ByYearGroup>>;
  /** School capacity by URN and phase (capacityKey: an all-through school has a record for each), then period. */
  capacity: ReadonlyMap<string, ReadonlyMap<string, CapacityRecord>>;
  changes: readonly PlannedChange[];
  housing: readonly HousingSite[];
  births: ReadonlyMap<string, BirthsByYear>;
  /** Census periods any member school has rolls for, oldest first. */
  censusPeriods: readonly string[];
}>;

export async function readPlanningData(tx: Store, laCode: string): Promise<PlanningData> {
  const areas = await tx.planning.areas(laCode);
  const members = await tx.planning.memberships(laCode);
  const urns = [...new Set(members.map((m) => m.urn))];
  const rolls = new Map<string, Map<string, Partial<Record<YearGroup, number>>>>();
  for (const r of await tx.planning.schoolRolls(urns)) {
    const byPeriod = rolls.get(r.urn) ?? new Map<string, Partial<Record<YearGroup, number>>>();
    const roll = byPeriod.get(r.period) ?? {};
    roll[r.yearGroup] = r.pupils;
    byPeriod.set(r.period, roll);
    rolls.set(r.urn, byPeriod);
  }
  const capacity = new Map<string, Map<string, CapacityRecord>>();
  for (const c of await tx.planning.capacity(urns)) {
    const key = capacityKey(c.urn, c.phase);
    capacity.set(key, (capacity.get(key) ?? new Map<string, CapacityRecord>()).set(c.period, c));
  }
  const districts = [...new Set(areas.flatMap((a) => (a.districtCode === null ? [] : [a.districtCode])))];
  const censusPeriods = [...new Set([...rolls.values()].flatMap((byPeriod) => [...byPeriod.keys()]))].sort();
  return {
    laCode,
    areas,
    members,
    rolls,
    capacity,
    changes: await tx.planning.changes(laCode),
    housing: await tx.planning.housing(laCode),
    births: await tx.planning.births(districts),
    censusPeriods,
  };
}

/** Whether a dated record is in force on a day ('YYYY-MM-DD'; null ends are open). */
export const inForce = (r: Readonly<{ validFrom: string | null; validTo: string | null }>, day: string): boolean =>
  (r.validFrom === null || r.validFrom <= day) && (r.validTo === null || r.validTo >= day);

/** An area's members at a period's January census. */
export function membersAt(data: PlanningData, areaCode: string, period: string): AreaMembership[] {
  const day = censusDateOf(period);
  return data.members.filter((m) => m.areaCode === areaCode && inForce(m, day));
}

/** A school's roll in a period with its share applied (the pupils on the area's site). */
export function shareOf(roll: ByYearGroup | undefined, share: number): ByYearGroup {
  const out: Partial<Record<YearGroup, number>> = {};
  for (const [g, n] of Object.entries(roll ?? {}) as [YearGroup, number][]) out[g] = n * share;
  return out;
}

/** An area's rolls by census period: Σ its members' rolls × share, in the area's phase's year groups. */
export function areaRolls(data: PlanningData, area: HeldPlanningArea, upTo?: string): Record<string, ByYearGroup> {
  const out: Record<string, ByYearGroup> = {};
  for (const period of data.censusPeriods) {
    if (upTo !== undefined && period > upTo) continue;
    const sum: Partial<Record<YearGroup, number>> = {};
    let held = false;
    for (const m of membersAt(data, area.code, period)) {
      const roll = data.rolls.get(m.urn)?.get(period);
      if (roll === undefined) continue;
      held = true;
      for (const g of phaseYearGroups[area.phase]) sum[g] = (sum[g] ?? 0) + (roll[g] ?? 0) * m.share;
    }
    if (held) out[period] = sum;
  }
  return out;
}

/**
 * Each area's forecast input from a base census: its rolls up to the base; a primary area's district births known by
 * then (births to mid-year of the base year's start, published before the SCAP return); a secondary area's feeding
 * primary areas' Year 6; the housing sites yielding pupils for it.
 */
export function forecastInputs(data: PlanningData, basePeriod: string): AreaForecastInput[] {
  const rollsOf = new Map(data.areas.map((a) => [a.code, areaRolls(data, a, basePeriod)]));
  const knownBy = startYearOf(basePeriod);
  return data.areas.map((area) => {
    const held = area.districtCode === null ? undefined : data.births.get(area.districtCode);
    const births = held === undefined ? null : Object.fromEntries(Object.entries(held).filter(([year]) => Number(year) <= knownBy));
    let feederYear6: Record<string, number> | null = null;
    if (area.phase === 'secondary') {
      feederYear6 = {};
      for (const feeder of data.areas.filter((a) => a.feedsArea === area.code))
        for (const [period, roll] of Object.entries(rollsOf.get(feeder.code) ?? {})) feederYear6[period] = (feederYear6[period] ?? 0) + (roll['6'] ?? 0);
    }
    const housing = data.housing.filter((s) => (area.phase === 'primary' ? s.primaryArea : s.secondaryArea) === area.code);
    return { area, basePeriod, rolls: rollsOf.get(area.code) ?? {}, births, feederYear6, housing };
  });
}

/** The base-period rolls of an area's schools, share applied, keyed by URN (what forecastSchools apportions by). */
export function schoolRollsAt(data: PlanningData, area: HeldPlanningArea, period: string): Record<string, ByYearGroup> {
  return Object.fromEntries(membersAt(data, area.code, period).map((m) => [m.urn, shareOf(data.rolls.get(m.urn)?.get(period), m.share)]));
}

/** How capacity is keyed: a school's phase (an all-through school's primary and secondary places are two records). */
export const capacityKey = (urn: string, phase: PlanningPhase): string => `${urn}:${phase}`;

/** The latest census period with rolls at or before `period` (a school's capacity record of that period, else its latest before). */
export function capacityAt(data: PlanningData, urn: string, period: string, phase: PlanningPhase): CapacityRecord | null {
  const byPeriod = data.capacity.get(capacityKey(urn, phase));
  if (byPeriod === undefined) return null;
  const exact = byPeriod.get(period);
  if (exact !== undefined) return exact;
  const earlier = [...byPeriod.keys()].filter((p) => p <= period).sort();
  return earlier.length === 0 ? null : byPeriod.get(earlier[earlier.length - 1]!)!;
}

/** A site's (or whole school's) places and pupils in a census period, share applied; null without both. */
export function sitePlaces(data: PlanningData, urn: string, period: string, phase: PlanningPhase, share: number): SchoolPlaces | null {
  const capacity = data.capacity.get(capacityKey(urn, phase))?.get(period);
  const roll = data.rolls.get(urn)?.get(period);
  if (capacity === undefined || roll === undefined) return null;
  const groups = phaseYearGroups[phase];
  return {
    urn,
    capacity: groups.reduce((s, g) => s + (capacity.places[g] ?? 0), 0) * share,
    pupils: groups.reduce((s, g) => s + (roll[g] ?? 0), 0) * share,
  };
}
