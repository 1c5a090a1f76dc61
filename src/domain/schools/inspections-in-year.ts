import { academicYearOf } from '../periods/period.ts';
import { tallyJudgements, type JudgementTally } from './inspection-history.ts';
import type { Category, OverallGrade } from './ofsted-judgements.ts';

/**
 * Inspections in a year, as Ofsted's official statistics count them ("Maintained schools and academies inspections
 * and outcomes", inspection-level data: one row per inspection in the period): the inspections that started in an
 * academic year (1 September to 31 August), by overall effectiveness; "% good or outstanding" is grades 1 and 2 of the
 * inspections with an overall grade (domain.md §10.2 on schools' grades; this is inspections in the year, not every
 * school's current grade). England's tally is the sum over every LA, given only where the year's inspections name at
 * least `nationalMinimumLas` LAs (a file of one county's inspections is not England).
 */

export const nationalMinimumLas = 100;

/** `laCode` null: an inspection the file places in no LA, counted for England only. */
export type YearInspection = Readonly<{ laCode: string | null; startedOn: string; grade: OverallGrade | null; category: Category }>;

export type InspectionYear = Readonly<{ period: string; las: ReadonlyMap<string, JudgementTally>; england: JudgementTally | null }>;

/** The academic year (201314) an inspection that started on an ISO date falls in. */
export function inspectionYearOf(startedOn: string): string {
  return academicYearOf(startedOn);
}

/** Each academic year's inspections tallied by LA and, where the year covers England, for England. */
export function inspectionsByYear(inspections: readonly YearInspection[]): InspectionYear[] {
  return tallyByYear(inspections, tallyJudgements);
}

/**
 * Inspections grouped by the academic year they started in, each year's tallied by LA and, where the year's
 * inspections name at least `nationalMinimumLas` LAs, for England (every inspection of the year, placed or not).
 */
export function tallyByYear<I extends Readonly<{ laCode: string | null; startedOn: string }>, T>(
  inspections: readonly I[],
  tally: (inspections: readonly I[]) => T,
): { period: string; las: ReadonlyMap<string, T>; england: T | null }[] {
  const years = new Map<string, I[]>();
  for (const i of inspections) {
    const period = inspectionYearOf(i.startedOn);
    const list = years.get(period);
    if (list === undefined) years.set(period, [i]);
    else list.push(i);
  }
  return [...years]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, all]) => {
      const byLa = new Map<string, I[]>();
      for (const i of all) {
        if (i.laCode === null) continue;
        const list = byLa.get(i.laCode);
        if (list === undefined) byLa.set(i.laCode, [i]);
        else list.push(i);
      }
      return {
        period,
        las: new Map([...byLa].map(([la, list]) => [la, tally(list)])),
        england: byLa.size >= nationalMinimumLas ? tally(all) : null,
      };
    });
}

/** The share a tally gives as a figure: good or outstanding of the inspections with an overall grade. */
export function goodOrOutstandingCounts(t: JudgementTally): Readonly<{ good: number; graded: number }> {
  return { good: t.byGrade[1] + t.byGrade[2], graded: t.total - t.noGrade };
}
