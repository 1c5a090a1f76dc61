import { capacityInPeriod } from '../domain/place-planning/capacity-changes.ts';
import {
  entryYearGroup,
  phaseYearGroups,
  type AreaMembership,
  type CapacityRecord,
  type ForecastMethod,
  type HousingSite,
  type PlannedChange,
  type PlanningArea,
  type YearGroup,
} from '../domain/place-planning/place-planning.ts';
import { seededRandom, type DemoCounty } from './generate-county.ts';
import { housingSites } from './housing-sites.ts';
import { kentBirths, type DemoBirths } from './kent-births.ts';
import { areaMemberships, chooseSplitSites, planningAreas, schoolLines, type SchoolLine } from './planning-areas.ts';
import { planChanges } from './planning-changes.ts';

export type { DemoBirths } from './kent-births.ts';

/**
 * The demo county's place-planning records (issue 17.7): planning areas (a primary area per district and town, a
 * secondary area per district), the schools in them, each school's SCAP capacity for every census year it is open, the
 * planned changes (the seed's expansions, delivered; later ones approved or proposed), housing sites, Kent's real births
 * by district, and the forecast method. Deterministic for a seed.
 */
export type DemoPlanning = Readonly<{
  areas: readonly PlanningArea[];
  memberships: readonly AreaMembership[];
  capacity: readonly CapacityRecord[];
  changes: readonly PlannedChange[];
  housing: readonly HousingSite[];
  births: DemoBirths;
  method: ForecastMethod;
}>;

/**
 * Admission numbers are the first census's entry roll with this margin (then rounded to 15): set so the county's primary
 * surplus starts above Kent's 5-7% band in 2012/13 and falls into it as Reception grows (place-planning.test.ts).
 */
const primaryMargin = 0.02;
const secondaryMargin = 0.12;
const sixthFormMargin = 0.15;

/**
 * The demo's method: three years averaged (the SCAP guide's example), births after 2014 held. The pupil yields are the
 * demo's illustrative assumption, in the range LAs publish for their own areas — not Kent's published yields.
 */
export const demoForecastMethod: ForecastMethod = {
  yearsAveraged: 3,
  birthsBeyondHeld: 'hold-last',
  yields: { primary: { market: 0.25, affordable: 0.35 }, secondary: { market: 0.18, affordable: 0.25 } },
  surplusBand: { min: 5, max: 7 },
};

const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);

export function generatePlanning(county: DemoCounty, seed: number): DemoPlanning {
  const random = seededRandom(seed);
  const lines = schoolLines(county);
  const areas = planningAreas(lines);
  const memberships = areaMemberships(county, lines, chooseSplitSites(lines, areas, random));
  const bases = new Map(lines.map((l) => [l.key, l.isNew ? null : baseCapacity(l)]));
  const plan = planChanges(lines, bases, (l) => Math.max(30, roundTo(entryRollOf(l, firstPeriodOf(l)) * (1 + primaryMargin), 15)));
  const capacity = lines.flatMap((l) =>
    [...l.urnByPeriod.entries()].map(([period, urn]): CapacityRecord => {
      const inForce = capacityInPeriod(bases.get(l.key) ?? null, plan.byLine.get(l.key) ?? [], l.phase, period);
      const places = Object.fromEntries(phaseYearGroups[l.phase].filter((g) => (inForce.places[g] ?? 0) > 0).map((g) => [g, inForce.places[g]!]));
      return { urn, period, phase: l.phase, places, admissionNumber: inForce.admissionNumber };
    }),
  );
  return {
    areas,
    memberships,
    capacity,
    changes: plan.changes,
    housing: housingSites(areas, random),
    births: kentBirths,
    method: demoForecastMethod,
  };
}

const firstPeriodOf = (l: SchoolLine) => [...l.rolls.keys()].sort()[0]!;
const entryRollOf = (l: SchoolLine, period: string) => l.rolls.get(period)?.get(entryYearGroup[l.phase]) ?? 0;

/**
 * A school's capacity in its first census: the admission number from that year's entry roll with a margin, rounded to
 * a multiple of 15 (at least 15), as the places of every year group to Year 11; a sixth form's places from its rolls
 * with a margin, rounded to 5.
 */
function baseCapacity(l: SchoolLine): CapacityRecord {
  const period = firstPeriodOf(l);
  const admissionNumber = roundTo(entryRollOf(l, period) * (1 + (l.phase === 'primary' ? primaryMargin : secondaryMargin)), 15);
  const rolls = l.rolls.get(period)!;
  const sixth = (['12', '13'] as const).map((g) => rolls.get(g)).filter((n) => n !== undefined);
  const sixthFormPlaces = sixth.length === 0 ? 0 : roundTo(((sixth[0]! + (sixth[1] ?? sixth[0]!)) / 2) * (1 + sixthFormMargin), 5);
  const places: Partial<Record<YearGroup, number>> = {};
  for (const g of phaseYearGroups[l.phase]) places[g] = g === '12' || g === '13' ? sixthFormPlaces : admissionNumber;
  return { urn: l.urnByPeriod.get(period)!, period, phase: l.phase, places, admissionNumber };
}
