import { endYearOf } from '../../domain/periods/period.ts';
import { floorHeadlineOf, supportedSchoolIn, supportedShareOf, type FloorYear, type SupportedSchool } from '../../domain/schools/supported-schools.ts';
import type { Partnership } from '../../domain/schools/system-leaders.ts';
import type { DerivedFigure } from '../../store/observation-store.ts';
import type { FloorListing } from './floor-service.ts';

/** Target 14's indicator, made from the partnerships and the floor standards (domain/schools/supported-schools.ts). */
export const supportedSchoolsCode = 'underperforming-schools-improving-supported';

const rule =
  'state-funded mainstream schools below the floor in any of the three years before (decided below, or failing its attainment condition where progress cannot be checked; their own or a predecessor’s result), judged by the floor this year: the share decided above the floor, improving on their last year below, and in a sponsored academy arrangement or federation from 1 September to the results day (1 June); "x" where such a school meeting every other condition has a floor that cannot be decided';

/**
 * Target 14's figures for an LA and its districts, one a year in which a floor standard was in force, from the LA's
 * floor listings of every year (both phases) and its partnerships. `chainOf` gives a school's URN and its
 * predecessors' (a sponsored academy replaces the school it took on under a new URN). None for an LA with no partnership
 * recorded.
 */
export function supportedSchoolsFigures(
  laCode: string,
  listings: readonly FloorListing[],
  partnerships: readonly Pick<Partnership, 'urn' | 'kind' | 'startedOn' | 'endedOn'>[],
  chainOf: (urn: string) => readonly string[],
  placeIds: ReadonlyMap<string, number>,
): DerivedFigure[] {
  // An LA that has recorded no partnership has not connected this feed: its schools' "no arrangement" would be a
  // statement about its records, not its schools, so no figure is made.
  if (partnerships.length === 0) return [];
  const decisions = new Map<string, Map<number, FloorYear>>(); // `${phase}|${urn}` → summer → decision
  for (const l of listings) {
    const summer = endYearOf(l.period);
    for (const s of l.schools) {
      if (!s.result.applies) continue;
      const key = `${l.phase}|${s.urn}`;
      const years = decisions.get(key) ?? new Map<number, FloorYear>();
      years.set(summer, { below: s.result.below, ...floorHeadlineOf(l.phase, summer, s.figures) });
      decisions.set(key, years);
    }
  }
  const figures: DerivedFigure[] = [];
  const years = [...new Set(listings.filter((l) => l.inForce).map((l) => l.period))].sort();
  for (const period of years) {
    const summer = endYearOf(period);
    const standing: SupportedSchool[] = [];
    for (const l of listings.filter((x) => x.period === period && x.inForce))
      for (const s of l.schools) {
        const chain = chainOf(s.urn);
        // The school's own decisions, and each predecessor's in years the school has none.
        const merged = new Map<number, FloorYear>();
        for (const urn of [...chain].reverse()) for (const [y, d] of decisions.get(`${l.phase}|${urn}`) ?? []) merged.set(y, d);
        const result = supportedSchoolIn(
          { urn: s.urn, district: s.district?.code ?? null, years: merged, partnerships: partnerships.filter((p) => chain.includes(p.urn)) },
          summer,
        );
        if (result !== null) standing.push(result);
      }
    const places = new Map<string, SupportedSchool[]>([[`la:${laCode}`, standing]]);
    for (const s of standing) if (s.district !== null) places.set(`district:${s.district}`, [...(places.get(`district:${s.district}`) ?? []), s]);
    for (const [place, schools] of places) {
      const placeId = placeIds.get(place);
      if (placeId === undefined || schools.length === 0) continue;
      const share = supportedShareOf(schools);
      figures.push({
        indicatorCode: supportedSchoolsCode,
        placeId,
        period,
        breakdown: 'all',
        value: share.value,
        numerator: share.value === null ? null : share.met,
        denominator: share.value === null ? null : share.decided,
        symbol: share.value === null ? 'x' : null,
        rule,
        detail: {
          history: share.history,
          decided: share.decided,
          met: share.met,
          undecided: share.undecided,
          schools: schools.map((s) => ({ urn: s.urn, met: s.met, reason: s.reason })),
        },
      });
    }
  }
  return figures;
}
