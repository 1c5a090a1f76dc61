import type { BandPosition, SchoolPlaces, SurplusSummary } from './place-planning.ts';

/**
 * Surplus as the DfE counts it (domain.md §12.1; School capacity data set notes): unfilled places are counted school by
 * school and summed only where positive; pupils over a school's capacity are counted apart ("pupils in places that
 * exceed their school's capacity") and never offset another school's surplus. The rate is unfilled ÷ capacity × 100,
 * unrounded, null when there is no capacity; a school is at or over capacity when its pupils reach its capacity.
 */
export function surplusOf(schools: readonly SchoolPlaces[]): SurplusSummary {
  let capacity = 0;
  let pupils = 0;
  let unfilled = 0;
  let excess = 0;
  let atOrOver = 0;
  for (const school of schools) {
    capacity += school.capacity;
    pupils += school.pupils;
    unfilled += Math.max(0, school.capacity - school.pupils);
    excess += Math.max(0, school.pupils - school.capacity);
    if (school.pupils >= school.capacity) atOrOver += 1;
  }
  return { capacity, pupils, unfilled, excess, rate: capacity > 0 ? (unfilled / capacity) * 100 : null, schools: schools.length, atOrOver };
}

/** Where a surplus rate sits against the band places are planned to (Kent: 5-7%); the band's ends are within it. */
export function bandPosition(rate: number, band: Readonly<{ min: number; max: number }>): BandPosition {
  if (rate < band.min) return 'below';
  if (rate > band.max) return 'above';
  return 'within';
}
