import type { Succession } from '../geography/succession.ts';
import { predecessorIndex } from './inspection-history.ts';
import type { InspectionProvenance } from './inspection.ts';
import { tallyByYear } from './inspections-in-year.ts';
import type { OverallGrade } from './ofsted-judgements.ts';
import { minimumCoverage } from './school-outcomes.ts';

/**
 * A school's quality-of-teaching judgement, from the sub-judgements Ofsted's files carry (Kent target 15, "teaching
 * consistently good"). Ofsted has named the judgement three ways, one per inspection framework, each column 1-4:
 *
 *   "Quality of teaching"                            section 5 framework, September 2012 - August 2015 (and before)
 *   "Quality of teaching, learning and assessment"   common inspection framework, September 2015 - August 2019
 *   "Quality of education"                           education inspection framework, September 2019 onwards
 *
 * "Quality of education" is read as the teaching judgement of its framework, because it is the judgement under which
 * the 2019 framework inspects teaching (curriculum intent, implementation — teaching — and impact); it is broader than
 * teaching alone, so the catalogue marks 2019/20 as a break in the measure rather than pretend the two are one scale.
 * Report-card grades (from November 2025, five points) are never mapped to 1-4 (domain.md §10.1, rule 53): a file
 * holding them has none of these columns, so such an inspection carries no teaching judgement.
 *
 * A school's current teaching judgement is that of its latest inspection that carries one, read across its
 * predecessors as the overall grade is (inspection-history.ts). Section 8 rows count only when they carry the
 * judgement: in Ofsted's official inspection-level files the section 8 rows that do are inspections deemed section 5
 * ("s8ds5 - Exempt") or no-formal-designation visits that became full inspections ("s8 NFD due to concern"), graded
 * like any section 5 (the 2013/14 file grades all 6,469 rows); monitoring visits and short inspections of good schools
 * have no sub-judgements (NULL), so they never replace the judgement of the last full inspection — the rule Ofsted
 * applies to the overall grade (domain.md §10.1: a section 8 visit does not change the grade unless converted).
 */

export const teachingColumns = ['Quality of teaching', 'Quality of teaching, learning and assessment', 'Quality of education'] as const;
export type TeachingColumn = (typeof teachingColumns)[number];

export type TeachingJudgement = Readonly<{ grade: OverallGrade; column: TeachingColumn; inspectedOn: string; urn: string; carried: boolean }>;

/** The facts of an inspection the teaching judgement needs. */
export type TeachingFacts = Readonly<{
  urn: string;
  startedOn: string;
  judgements: Readonly<Record<string, OverallGrade | null>>;
  provenance: InspectionProvenance;
}>;

/** The teaching grade an inspection carries, from whichever of the three columns its file has; null when none. */
export function teachingGradeOf(judgements: Readonly<Record<string, OverallGrade | null>>): Readonly<{ grade: OverallGrade; column: TeachingColumn }> | null {
  for (const column of teachingColumns) {
    const grade = judgements[column];
    if (grade !== undefined && grade !== null) return { grade, column };
  }
  return null;
}

/**
 * Many schools' current teaching judgements at once: the latest inspection on or before `asAt` (its start date) of
 * the school or a predecessor that carries a teaching judgement; an official row is preferred over an unofficial one
 * of the same day.
 */
export function teachingIndex(
  successions: readonly Succession[],
  inspections: readonly TeachingFacts[],
): (urn: string, asAt: string) => TeachingJudgement | null {
  const chainOf = predecessorIndex(successions);
  const byUrn = new Map<string, TeachingFacts[]>();
  for (const i of inspections) {
    if (teachingGradeOf(i.judgements) === null) continue;
    const list = byUrn.get(i.urn);
    if (list === undefined) byUrn.set(i.urn, [i]);
    else list.push(i);
  }
  return (urn, asAt) => {
    let latest: TeachingFacts | null = null;
    for (const u of chainOf(urn))
      for (const i of byUrn.get(u) ?? []) {
        if (i.startedOn > asAt) continue;
        const later = latest === null || i.startedOn > latest.startedOn;
        const sameDayOfficial = latest !== null && i.startedOn === latest.startedOn && latest.provenance === 'unofficial' && i.provenance === 'official';
        if (later || sameDayOfficial) latest = i;
      }
    if (latest === null) return null;
    const { grade, column } = teachingGradeOf(latest.judgements)!;
    return { grade, column, inspectedOn: latest.startedOn, urn: latest.urn, carried: latest.urn !== urn };
  };
}

export type TeachingShare = Readonly<{ schools: number; judged: number; good: number; covered: boolean; goodOrOutstanding: number | null }>;

/**
 * The share of a place's schools whose current teaching judgement is good or outstanding (1 or 2), of those with
 * one; given only when at least `minimumCoverage` of the schools have one held, as for the overall grade.
 */
export function teachingShare(judgements: readonly (TeachingJudgement | null)[]): TeachingShare {
  const judged = judgements.filter((j) => j !== null);
  const good = judged.filter((j) => j.grade <= 2).length;
  const covered = judgements.length > 0 && judged.length / judgements.length >= minimumCoverage;
  return { schools: judgements.length, judged: judged.length, good, covered, goodOrOutstanding: covered ? (100 * good) / judged.length : null };
}

export type TeachingTally = Readonly<{ good: number; judged: number; inspections: number }>;

/** An inspection in a year, for the in-year teaching count; `laCode` null: counted for England only. */
export type YearTeachingInspection = Readonly<{ laCode: string | null; startedOn: string; judgements: Readonly<Record<string, OverallGrade | null>> }>;

/**
 * Inspections in each academic year (by start date, as inspections-in-year.ts counts them) whose teaching was judged
 * good or outstanding, of those that judged teaching: by LA and, where the year's inspections name at least
 * `nationalMinimumLas` LAs, for England.
 */
export function teachingByYear(
  inspections: readonly YearTeachingInspection[],
): readonly Readonly<{ period: string; las: ReadonlyMap<string, TeachingTally>; england: TeachingTally | null }>[] {
  return tallyByYear(inspections, (list) => {
    const grades = list.map((i) => teachingGradeOf(i.judgements)?.grade ?? null);
    return {
      good: grades.filter((g) => g !== null && g <= 2).length,
      judged: grades.filter((g) => g !== null).length,
      inspections: list.length,
    };
  });
}
