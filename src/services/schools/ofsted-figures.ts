import { goodOrOutstandingCounts, inspectionsByYear } from '../../domain/schools/inspections-in-year.ts';
import { england } from '../../domain/geography/reference-places.ts';
import type { InspectionRecord } from '../../domain/schools/inspection.ts';
import { minimumCoverage } from '../../domain/schools/school-outcomes.ts';
import { teachingByYear, teachingShare, type TeachingJudgement } from '../../domain/schools/teaching-judgement.ts';
import type { DerivedFigure } from '../../store/observation-store.ts';

/** The Ofsted figures school outcomes write beside the overall grades: inspections in each year, and teaching. */

const inspectionsRule =
  'official inspections that started in the academic year (1 September to 31 August) judged good or outstanding (overall effectiveness 1 or 2), of those with an overall grade (detail: schools = inspections in the year, judged = those graded); England sums every LA where the files cover England';

const teachingInYearRule =
  'official inspections that started in the academic year (1 September to 31 August) whose quality of teaching (from September 2015 of teaching, learning and assessment; from September 2019 the quality of education) was judged good or outstanding, of those that judged it; England sums every LA where the files cover England';

export const teachingRule = (asAt: string) =>
  `open state-funded schools on ${asAt} by the latest inspection on or before that day that judged the quality of teaching (a converter carries its predecessor's), good or outstanding of schools with that judgement; "x" where under ${100 * minimumCoverage}% of the place's schools have one held`;

/** A place's share of schools whose current teaching judgement is good or outstanding; none when no school has one. */
export function teachingFigure(
  judgements: readonly (TeachingJudgement | null)[],
  base: Pick<DerivedFigure, 'placeId' | 'period' | 'breakdown' | 'rule'>,
  asAt: string,
): DerivedFigure | null {
  const t = teachingShare(judgements);
  if (t.judged === 0) return null;
  return {
    ...base,
    indicatorCode: 'schools-teaching-good-or-outstanding',
    value: t.goodOrOutstanding,
    numerator: t.covered ? t.good : null,
    denominator: t.covered ? t.judged : null,
    symbol: t.covered ? null : 'x',
    detail: { schools: t.schools, judged: t.judged, asAt },
  };
}

/**
 * The year's inspections as figures (Ofsted's official statistics count these): good or outstanding overall, and
 * teaching judged good or outstanding, for each LA and, where the files cover it, England. `placeIds` by "la:886",
 * "country:E92000001".
 */
export function inspectionYearFigures(inspections: readonly Omit<InspectionRecord, 'line'>[], placeIds: ReadonlyMap<string, number>): DerivedFigure[] {
  const official = inspections.filter((i) => i.provenance === 'official');
  const overall = placesOfYears(inspectionsByYear(official), placeIds).flatMap(({ placeId, period, tally }): DerivedFigure[] => {
    if (tally.goodOrOutstanding === null) return [];
    const { good, graded } = goodOrOutstandingCounts(tally);
    const detail = { schools: tally.total, judged: graded };
    return [
      {
        indicatorCode: 'inspections-good-or-outstanding',
        placeId,
        period,
        breakdown: 'all',
        value: tally.goodOrOutstanding,
        numerator: good,
        denominator: graded,
        symbol: null,
        rule: inspectionsRule,
        detail,
      },
    ];
  });
  // Inspections in each year that judged teaching good or outstanding, counted as the year's overall grades are.
  const teaching = placesOfYears(teachingByYear(official), placeIds).flatMap(({ placeId, period, tally }): DerivedFigure[] => {
    if (tally.judged === 0) return [];
    const detail = { schools: tally.inspections, judged: tally.judged };
    const value = (100 * tally.good) / tally.judged;
    return [
      {
        indicatorCode: 'inspections-teaching-good-or-outstanding',
        placeId,
        period,
        breakdown: 'all',
        value,
        numerator: tally.good,
        denominator: tally.judged,
        symbol: null,
        rule: teachingInYearRule,
        detail,
      },
    ];
  });
  return [...overall, ...teaching];
}

/** Each year's tallies with the place they are for: each LA's, and England's where the year covers it; places not held left out. */
function placesOfYears<T>(
  years: readonly Readonly<{ period: string; las: ReadonlyMap<string, T>; england: T | null }>[],
  placeIds: ReadonlyMap<string, number>,
): { placeId: number; period: string; tally: T }[] {
  return years.flatMap(({ period, las, england: national }) =>
    [...[...las].map(([la, tally]) => ({ place: `la:${la}`, tally })), { place: `country:${england.code}`, tally: national }].flatMap(({ place, tally }) => {
      const placeId = placeIds.get(place);
      return placeId === undefined || tally === null ? [] : [{ placeId, period, tally }];
    }),
  );
}
