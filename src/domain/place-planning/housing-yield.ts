import { startYearOf } from '../periods/period.ts';
import { phaseYearGroups } from './place-planning.ts';
import type { ByYearGroup, Completions, HousingSite, PlanningPhase, PupilYields, YearGroup } from './place-planning.ts';

/**
 * Pupils from new housing (SCAP guide 2014, step 4; domain.md §12.1): dwellings completed × the LA's pupil yield per
 * dwelling by phase and tenure, phased by build-out (the year the dwellings are completed is the year the families move in).
 */

/** Pupils of a phase a year's completions yield: market dwellings × the market yield + affordable × the affordable yield. */
function yieldOf(completions: Completions, phase: PlanningPhase, yields: PupilYields): number {
  return completions.market * yields[phase].market + completions.affordable * yields[phase].affordable;
}

/**
 * Pupils in `period` from the dwellings completed after the base period up to and including `period`, spread evenly over
 * the phase's year groups (yields are per phase, not per year group). Dwellings completed by the base period are already
 * in its census rolls, so they add nothing; the result is cumulative from the base, not the year's completions alone.
 */
export function housingPupils(
  sites: readonly HousingSite[],
  phase: PlanningPhase,
  yields: PupilYields,
  basePeriod: string,
  period: string,
): { pupils: ByYearGroup; dwellings: number } {
  const after = startYearOf(basePeriod);
  const upTo = startYearOf(period);
  let dwellings = 0;
  let total = 0;
  for (const site of sites)
    for (const c of site.completions) {
      const year = startYearOf(c.period);
      if (year <= after || year > upTo) continue;
      dwellings += c.market + c.affordable;
      total += yieldOf(c, phase, yields);
    }
  const groups = phaseYearGroups[phase];
  const pupils: Partial<Record<YearGroup, number>> = {};
  for (const group of groups) pupils[group] = total / groups.length;
  return { pupils, dwellings };
}

/** Pupils of a phase a site yields over its whole build-out (every completion held), for the area page. */
export function pupilsFromSite(site: HousingSite, phase: PlanningPhase, yields: PupilYields): number {
  return site.completions.reduce((sum, c) => sum + yieldOf(c, phase, yields), 0);
}
