import { academicYearCode, academicYearSpan, resultsDayOf } from '../periods/period.ts';
import type { FloorFigures, Phase } from './floor-standards.ts';
import { inForceDuring, partnershipSpan, type Partnership } from './system-leaders.ts';

/**
 * Target 14 read from the records (docs/adr/0025-system-leadership.md): "where there has been a history of
 * underperformance the schools will be improving and performing above the floor standards as part of a sponsored
 * academy arrangement or federation with good leadership capacity". For a year (its summer):
 *   - a school has a history of underperformance if it (or a predecessor it replaced) was below the floor standard in
 *     any of the three years before: decided below, or failing its attainment condition where the progress conditions
 *     cannot be checked (a floor that cannot be decided has failed it), so an undecided past year never hides a school;
 *   - of those judged by the floor in the year, it meets the target if it is decided above the floor, improving (its
 *     floor headline higher than in its last year below, on the same measure; across a change of measure, moving
 *     from below the floor to above it is the improvement, and the reason says so), and in a sponsored academy
 *     arrangement or federation in force at some time from the academic year's start to its results (`resultsDayOf`);
 *   - a condition decided against a school decides it (not met) even where another cannot be decided; a school is
 *     undecided only when every condition decided holds and one cannot be decided;
 *   - the share is of those decided; where any school is undecided that year the share is not given.
 */

export const historyYears = 3;
export const targetKinds: readonly Partnership['kind'][] = ['sponsored-academy', 'federation'];

/** The measure a year's floor headline is read on (a value on another measure is not comparable) and its value. */
export function floorHeadlineOf(phase: Phase, summer: number, f: FloorFigures): Readonly<{ measure: string; value: number | null }> {
  if (phase === 'primary') return { measure: summer <= 2012 ? 'level4-english-maths' : summer <= 2015 ? 'level4-rwm' : 'expected-rwm', value: f.attainment };
  return summer <= 2015 ? { measure: '5ac-english-maths', value: f.attainment } : { measure: 'progress8', value: f.progress8 ?? null };
}

export type FloorYear = Readonly<{ below: boolean | null; measure: string; value: number | null }>;

export type SchoolHistory = Readonly<{
  urn: string;
  district: string | null;
  /** Floor decisions by summer, the school's own and its predecessors' (its own where both are held). */
  years: ReadonlyMap<number, FloorYear>;
  partnerships: readonly Pick<Partnership, 'kind' | 'startedOn' | 'endedOn'>[];
}>;

export type SupportedSchool = Readonly<{ urn: string; district: string | null; met: boolean | null; reason: string }>;

/** The school's standing against target 14 in `summer`, or null if it has no history of underperformance or is not judged that year. */
export function supportedSchoolIn(school: SchoolHistory, summer: number): SupportedSchool | null {
  // Below the floor, or failing its attainment condition where the progress conditions cannot be checked (an undecided
  // floor has always failed the attainment condition: floor-standards.ts decides a school meeting it above).
  const below = [...school.years.entries()].filter(([y, d]) => y < summer && y >= summer - historyYears && d.below !== false).map(([y]) => y);
  const now = school.years.get(summer);
  if (below.length === 0 || now === undefined) return null;
  const last = Math.max(...below);
  const then = school.years.get(last)!;
  const base = { urn: school.urn, district: school.district };
  if (now.below === true) return { ...base, met: false, reason: `below the floor in ${summer}` };
  // Any condition decided against it decides the school, even where another cannot be decided.
  const sameMeasure = now.measure === then.measure;
  const known = now.value !== null && then.value !== null;
  if (sameMeasure && known && now.value <= then.value)
    return { ...base, met: false, reason: `${now.below === null ? 'its floor cannot be decided, and it is' : 'above the floor but'} not improving on ${last}` };
  // In force at some time from the academic year's start to the day its results are taken as sat.
  const year = academicYearCode(summer - 1);
  const arrangement = school.partnerships.find(
    (p) => targetKinds.includes(p.kind) && inForceDuring(partnershipSpan(p), academicYearSpan(year).from, resultsDayOf(year)),
  );
  if (arrangement === undefined) return { ...base, met: false, reason: `in no sponsored academy arrangement or federation in ${summer}` };
  if (now.below === null) return { ...base, met: null, reason: `below the floor in ${last}; its ${summer} floor cannot be decided` };
  if (sameMeasure && !known)
    return { ...base, met: null, reason: `above the floor in ${summer}; whether it improved on ${last} is not known (a result not held)` };
  const how = sameMeasure ? `improving on ${last}` : `from below the floor in ${last} to above it (the measure changed between)`;
  return {
    ...base,
    met: true,
    reason: `above the floor in ${summer}, ${how}, in a ${arrangement.kind === 'federation' ? 'federation' : 'sponsored academy arrangement'}`,
  };
}

export type SupportedShare = Readonly<{ history: number; decided: number; met: number; undecided: number; value: number | null }>;

/** The share meeting the target, of the schools with a history decided that year; none where any cannot be decided, or none has a history. */
export function supportedShareOf(schools: readonly SupportedSchool[]): SupportedShare {
  const undecided = schools.filter((s) => s.met === null).length;
  const decided = schools.length - undecided;
  const met = schools.filter((s) => s.met === true).length;
  return { history: schools.length, decided, met, undecided, value: decided === 0 || undecided > 0 ? null : (100 * met) / decided };
}
