import { endYearOf } from '../periods/period.ts';

/**
 * Post-16 rules: the A level point scale of each year and the DfE's A level headline of each year. Not raising one's
 * qualification level between 16 and 19 (targets 32 and 43) is counted by its measure in src/compute/measures.ts.
 * Periods are DfE codes such as '201516' (the year 16-18 study ended).
 */

export const aLevelGrades = ['A*', 'A', 'B', 'C', 'D', 'E', 'U'] as const;
export type ALevelGrade = (typeof aLevelGrades)[number];

/**
 * Points per A level grade in the DfE's 16-18 performance measures. From 2015/16 a scale of 0-60 (A* 60, A 50, B 40,
 * C 30, D 20, E 10); to 2014/15 the older QCDA scale of 0-300 (A* 300, A 270, B 240, C 210, D 180, E 150, 30 points a
 * grade). Source: DfE written answer UIN 16871, 11 March 2024 ("APS data for the 2015/16 to 2022/23 academic years
 * for A levels is on a scale of 0-60, where a grade A* is given 60 points and a grade E is 10 points … 2009/10 to
 * 2014/15 … uses an older QCDA points scale … A* is 300 points and a grade E is 150 points"); the steps between are
 * the DfE's "Examination point scores used in the 2014 school and college performance tables". U scores 0.
 */
export function aLevelPoints(grade: ALevelGrade, period: string): number {
  const step = aLevelGrades.indexOf(grade);
  if (grade === 'U') return 0;
  return endYearOf(period) >= 2016 ? 60 - 10 * step : 300 - 30 * step;
}

/** The passes an A level student needs for "2 or more passes at A*-E" (A level students, to 2014/15). */
export const aLevelPassesNeeded = 2;

export type ALevelHeadline = Readonly<{ indicator: 'a-level-2-plus-a-e' | 'a-level-aps-per-entry'; rule: string }>;

/**
 * The DfE's A level headline of the year (indicators/key-stage-4-and-post-16.yaml; SFR 05/2017, "A new 16-18 school
 * and college accountability system has been implemented in 2016 … new headline accountability measures"): to
 * 2014/15 the percentage of A level students with 2 or more A level passes at A*-E; from 2015/16 the average point
 * score per A level entry on the 0-60 scale.
 */
export function aLevelHeadline(period: string): ALevelHeadline {
  return endYearOf(period) <= 2015
    ? { indicator: 'a-level-2-plus-a-e', rule: `${aLevelPassesNeeded} or more A level passes at A*-E, of A level students (1 or more A level entries)` }
    : { indicator: 'a-level-aps-per-entry', rule: 'A level points (A* 60 … E 10, U 0) ÷ A level entries, over A level students' };
}
