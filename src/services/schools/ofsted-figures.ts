import { goodOrOutstandingCounts, inspectionsByYear } from '../../domain/schools/inspections-in-year.ts';
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
  const figures: DerivedFigure[] = [];
  // Inspections in each year (Ofsted's official statistics count these): each LA's and, where the files cover it, England's.
  for (const year of inspectionsByYear(inspections.filter((i) => i.provenance === 'official'))) {
    const places = [...[...year.las].map(([la, tally]) => ({ place: `la:${la}`, tally })), { place: 'country:E92000001', tally: year.england }];
    for (const { place, tally } of places) {
      const placeId = placeIds.get(place);
      if (placeId === undefined || tally === null || tally.goodOrOutstanding === null) continue;
      const { good, graded } = goodOrOutstandingCounts(tally);
      figures.push({
        indicatorCode: 'inspections-good-or-outstanding',
        placeId,
        period: year.period,
        breakdown: 'all',
        value: tally.goodOrOutstanding,
        numerator: good,
        denominator: graded,
        symbol: null,
        rule: inspectionsRule,
        detail: { schools: tally.total, judged: graded },
      });
    }
  }

  // Inspections in each year that judged teaching good or outstanding, as the year's overall grades are counted above.
  for (const year of teachingByYear(inspections.filter((i) => i.provenance === 'official'))) {
    const places = [...[...year.las].map(([la, tally]) => ({ place: `la:${la}`, tally })), { place: 'country:E92000001', tally: year.england }];
    for (const { place, tally } of places) {
      const placeId = placeIds.get(place);
      if (placeId === undefined || tally === null || tally.judged === 0) continue;
      figures.push({
        indicatorCode: 'inspections-teaching-good-or-outstanding',
        placeId,
        period: year.period,
        breakdown: 'all',
        value: (100 * tally.good) / tally.judged,
        numerator: tally.good,
        denominator: tally.judged,
        symbol: null,
        rule: teachingInYearRule,
        detail: { schools: tally.inspections, judged: tally.judged },
      });
    }
  }

  return figures;
}
