import type { CurrentJudgement } from './inspection-history.ts';

/**
 * Place-level outcomes from school-level facts (ADR 0008): % of schools good or outstanding (and % of pupils in
 * them), schools in a category of concern, and floor-standard counts, for the schools a place holds on a date.
 * A share is only given when at least `minimumCoverage` of the place's schools have a judgement: a place whose
 * inspection history is not held (an official file of one year's inspections, say) gets "x", not a share of a few.
 */

export const minimumCoverage = 0.8;

export type JudgedSchool = Readonly<{ urn: string; judgement: CurrentJudgement | null; pupils: number | null }>;

export type OfstedOutcome = Readonly<{
  schools: number;
  judged: number;
  good: number;
  category: number;
  goodOrOutstanding: number | null;
  pupilsJudged: number;
  pupilsInGood: number;
  pupilsGoodOrOutstanding: number | null;
  covered: boolean;
}>;

export function ofstedOutcome(schools: readonly JudgedSchool[]): OfstedOutcome {
  const judged = schools.filter((s) => s.judgement !== null);
  const good = judged.filter((s) => s.judgement!.grade <= 2);
  const withPupils = judged.filter((s) => s.pupils !== null);
  const pupilsJudged = withPupils.reduce((a, s) => a + s.pupils!, 0);
  const pupilsInGood = withPupils.filter((s) => s.judgement!.grade <= 2).reduce((a, s) => a + s.pupils!, 0);
  const covered = schools.length > 0 && judged.length / schools.length >= minimumCoverage;
  return {
    schools: schools.length,
    judged: judged.length,
    good: good.length,
    // Every inadequate school is in a category (special measures, serious weaknesses or, before September 2012, a
    // notice to improve): a file that does not record the category (the scraped history) still counts it.
    category: judged.filter((s) => s.judgement!.category !== null || s.judgement!.grade === 4).length,
    goodOrOutstanding: covered ? (100 * good.length) / judged.length : null,
    pupilsJudged,
    pupilsInGood,
    pupilsGoodOrOutstanding: covered && withPupils.length === judged.length && pupilsJudged > 0 ? (100 * pupilsInGood) / pupilsJudged : null,
    covered,
  };
}

export type FloorCount = Readonly<{ judged: number; below: number; undecided: number }>;

/** Secondary schools above the floor, % of those judged; none when any school's floor cannot be decided. */
export function aboveFloorShare(c: FloorCount): number | null {
  return c.judged === 0 || c.undecided > 0 ? null : (100 * (c.judged - c.below)) / c.judged;
}

/** Primary schools below the floor; none when any school's floor cannot be decided. */
export function belowFloorCount(c: FloorCount): number | null {
  return c.judged === 0 || c.undecided > 0 ? null : c.below;
}
