import { startYearOf } from '../periods/period.ts';
import { entryYearGroup, phaseYearGroups } from './place-planning.ts';
import type { ByYearGroup, CapacityRecord, PlannedChange, PlanningPhase, YearGroup } from './place-planning.ts';

/**
 * Planned changes to places (SCAP: planned place changes for the next three years), applied to a school's capacity.
 * A change first applies in its `fromPeriod`. Expansions and new schools add `entryPlaces` to a year group, reductions
 * remove them: to every year group at once (`whole-school`) or, `year-by-year`, to the entry group in `fromPeriod` and one
 * more group each year after as the changed cohorts move up. A bulge adds its places to the one entry cohort of
 * `fromPeriod` as it moves up the school. A closure takes every place from `fromPeriod`. A withdrawn change does nothing.
 */

/** Places the change adds to each of the phase's year groups in `period` (negative removes); closures are not additive. */
function placesAdded(change: PlannedChange, phase: PlanningPhase, period: string): Partial<Record<YearGroup, number>> {
  const groups = phaseYearGroups[phase];
  const yearsIn = startYearOf(period) - startYearOf(change.fromPeriod);
  const added: Partial<Record<YearGroup, number>> = {};
  if (change.status === 'withdrawn' || change.phase !== phase || yearsIn < 0 || change.kind === 'closure') return added;
  if (change.kind === 'bulge') {
    const group = groups[yearsIn];
    if (group !== undefined) added[group] = change.entryPlaces;
    return added;
  }
  const sign = change.kind === 'reduction' ? -1 : 1;
  groups.forEach((group, i) => {
    if (change.phasing === 'whole-school' || i <= yearsIn) added[group] = sign * change.entryPlaces;
  });
  return added;
}

/** Admission number the change adds in `period` (negative removes): not a bulge's, which is places over the number. */
function admissionNumberAdded(change: PlannedChange, phase: PlanningPhase, period: string): number {
  if (change.status === 'withdrawn' || change.phase !== phase || startYearOf(period) < startYearOf(change.fromPeriod)) return 0;
  if (change.kind === 'expansion' || change.kind === 'new-school') return change.entryPlaces;
  if (change.kind === 'reduction') return -change.entryPlaces;
  return 0;
}

/**
 * A school's places by year group and admission number in `period`: its capacity record with the planned changes in
 * force by then applied, in the order they come in (a closure last in its year). A capacity record is the school as it
 * stood on 1 May of its period (SCAP), so it already includes every change delivered by then: a change with
 * base.period < fromPeriod ≤ period is applied whole; a change from base.period or before is not applied again, only
 * what it has added since the record (a year-by-year expansion reaching one more year group each year, a bulge class
 * moving up a group). With no record (a new school) every change with fromPeriod ≤ period is applied to nothing. A record
 * without an admission number takes its entry group's places. Places and the admission number never go below 0.
 */
export function capacityInPeriod(
  base: CapacityRecord | null,
  changes: readonly PlannedChange[],
  phase: PlanningPhase,
  period: string,
): { places: ByYearGroup; admissionNumber: number } {
  const groups = phaseYearGroups[phase];
  const places: Partial<Record<YearGroup, number>> = Object.fromEntries(groups.map((g) => [g, base?.places[g] ?? 0]));
  let admissionNumber = base?.admissionNumber ?? base?.places[entryYearGroup[phase]] ?? 0;
  const inForce = changes
    .filter((c) => c.status !== 'withdrawn' && c.phase === phase && startYearOf(c.fromPeriod) <= startYearOf(period))
    .sort((a, b) => startYearOf(a.fromPeriod) - startYearOf(b.fromPeriod) || Number(a.kind === 'closure') - Number(b.kind === 'closure'));
  for (const change of inForce) {
    const inRecord = base !== null && startYearOf(change.fromPeriod) <= startYearOf(base.period);
    if (change.kind === 'closure') {
      if (inRecord) continue;
      for (const g of groups) places[g] = 0;
      admissionNumber = 0;
      continue;
    }
    const added = placesAdded(change, phase, period);
    const already = inRecord ? placesAdded(change, phase, base.period) : {};
    for (const g of groups) places[g] = Math.max(0, (places[g] ?? 0) + (added[g] ?? 0) - (already[g] ?? 0));
    if (!inRecord) admissionNumber = Math.max(0, admissionNumber + admissionNumberAdded(change, phase, period));
  }
  return { places, admissionNumber };
}

/**
 * Places a change adds over the phase in `period` (negative removes), its own effect whatever the school's record holds:
 * 0 before its `fromPeriod`, when withdrawn, or for another phase. A closure removes the places the school had
 * (`placesBefore`, its places without the closure); without them, `entryPlaces` in every year group.
 */
export function changeEffect(change: PlannedChange, phase: PlanningPhase, period: string, placesBefore?: ByYearGroup): number {
  if (change.kind !== 'closure') return Object.values(placesAdded(change, phase, period)).reduce((sum, n) => sum + n, 0);
  if (change.status === 'withdrawn' || change.phase !== phase || startYearOf(period) < startYearOf(change.fromPeriod)) return 0;
  const groups = phaseYearGroups[phase];
  return -groups.reduce((sum, g) => sum + (placesBefore === undefined ? change.entryPlaces : (placesBefore[g] ?? 0)), 0);
}

/**
 * A change's effect on its school's places in `period` (changeEffect), with the places the school would have then
 * without it passed as the places before: its capacity record with its other changes in force (`schoolChanges`, this
 * one among them or not). So a closure removes what the school has by then (a 1FE school's 210, whatever `entryPlaces`
 * the closure was recorded with), not its entry places in every year group.
 */
export function changeEffectOnSchool(change: PlannedChange, record: CapacityRecord | null, schoolChanges: readonly PlannedChange[], period: string): number {
  const before = capacityInPeriod(
    record,
    schoolChanges.filter((c) => c.code !== change.code),
    change.phase,
    period,
  );
  return changeEffect(change, change.phase, period, before.places);
}
