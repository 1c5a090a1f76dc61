import { londonDateOf } from '../../domain/periods/london-time.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { describeGap } from '../../domain/comparison/gaps.ts';
import { laOfficerDisclosure, type DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import { pupilsOnRollCode, type Indicator } from '../../domain/indicators/indicator.ts';
import { academicYearLabel } from '../../domain/periods/period.ts';
import { judgementIndex, predecessorIndex } from '../../domain/schools/inspection-history.ts';
import {
  assessSchools,
  contextGroups,
  contextIndicators,
  headlineIndicators,
  latestHeadlinePeriod,
  priorAttainmentIndicators,
  summarise,
  type SchoolAssessment,
  type SchoolCoasting,
  type SchoolFloor,
  type SchoolHeld,
} from '../../domain/schools/school-assessment.ts';
import { trendSummaryOf, watchListOf, watchListPageSize, type WatchListFilter } from '../../domain/schools/watch-list.ts';
import { pageOf, type PageAsked } from '../../domain/paging.ts';
import { mainstreamPhaseOf } from '../../domain/schools/school-phase.ts';
import type { ObservationRow } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import type { createFloorService } from './floor-service.ts';
import { discloseRows } from '../indicators/disclose-rows.ts';
import { ownFigures } from '../indicators/own-figures.ts';
import { trendAsShown } from '../../domain/schools/trends.ts';

/**
 * School improvement intelligence for an LA (docs/adr/0008-school-improvement.md): each state-funded mainstream
 * school's current Ofsted judgement (across predecessor URNs), its floor standard in the latest year held, the latest
 * three-year trend on each headline indicator, its 20 most similar schools in the county and its rank among them,
 * and a risk score made of named components. Everything is read from the store; nothing here is stored.
 */

export type LaAssessment = Readonly<{ la: Readonly<{ code: string; name: string }>; schools: readonly SchoolAssessment[]; asAt: string }>;

export function createSchoolImprovementService(
  store: Store,
  clock: Clock,
  catalogue: () => readonly Indicator[],
  floors: ReturnType<typeof createFloorService>,
) {
  const indicatorOf = (code: string) => catalogue().find((i) => i.code === code);

  // An LA's assessment is remade only when a change is committed (the data version, ADR 0022) or the day changes.
  const cache = new Map<string, { stamp: string; result: Promise<LaAssessment> }>();
  async function assess(laCode: string): Promise<LaAssessment> {
    const stamp = `${(await store.dataVersion.current()).version}|${londonDateOf(clock())}`;
    const held = cache.get(laCode);
    if (held !== undefined && held.stamp === stamp) return held.result;
    const result = assessNow(laCode);
    cache.set(laCode, { stamp, result });
    result.catch(() => cache.delete(laCode));
    return result;
  }

  async function assessNow(laCode: string): Promise<LaAssessment> {
    const la = await store.places.find('la', laCode);
    if (la === undefined) throw new NotFoundError(`no local authority with code ${laCode}`);
    const today = londonDateOf(clock());
    const placements = (await store.places.placementsOn(today)).schools;
    const inLa = new Set(placements.filter((p) => p.parentKind === 'la' && p.parentCode === laCode).map((p) => p.urn));
    const places = (await store.places.findMany('school', [...inLa])).filter((s) => s.closedOn === null || s.closedOn >= today);
    const schools = places.flatMap((s) => {
      const phase = mainstreamPhaseOf(s.attributes);
      return phase === null ? [] : [{ place: s, phase, attributes: s.attributes }];
    });
    const districtNames = new Map((await store.places.byKind('district')).map((d) => [d.code, d.name]));
    const groupingNames = new Map((await store.places.byKind('grouping')).map((d) => [d.code, d.name]));
    const districtOf = new Map(placements.filter((p) => p.parentKind === 'district').map((p) => [p.urn, p.parentCode]));
    const groupingsOf = new Map<string, string[]>();
    for (const p of placements.filter((p) => p.parentKind === 'grouping')) groupingsOf.set(p.urn, [...(groupingsOf.get(p.urn) ?? []), p.parentCode]);

    const ids = schools.map((s) => s.place.id);
    const all = ownFigures(
      await store.observations.find({
        indicatorCodes: [
          ...new Set([...headlineIndicators.primary, ...headlineIndicators.secondary, ...priorAttainmentIndicators.primary, 'ks4-cohort-disadvantaged']),
        ],
        placeIds: ids,
        breakdown: 'all',
        basis: ['published', 'computed'],
        limit: 2_000_000,
      }),
    );
    const byPlace = new Map<number, ObservationRow[]>();
    for (const r of all) byPlace.set(r.placeId, [...(byPlace.get(r.placeId) ?? []), r]);

    // Floor standards in the latest year held for each phase, and coasting where that year is one of 2016-2018.
    const floorByUrn = new Map<string, SchoolFloor>();
    const coastingByUrn = new Map<string, SchoolCoasting>();
    for (const phase of ['primary', 'secondary'] as const) {
      const latest = latestHeadlinePeriod(all, phase);
      if (latest === '') continue;
      const listing = await floors.floorStandards(laCode, phase, latest, laOfficerDisclosure);
      for (const s of listing.schools) floorByUrn.set(s.urn, { period: listing.period, label: listing.label, result: s.result });
      const coasting = await floors.coasting(laCode, phase, latest, laOfficerDisclosure);
      for (const s of coasting.schools) coastingByUrn.set(s.urn, { period: coasting.period, label: coasting.label, result: s.result });
    }

    // Ofsted: each school's current judgement across its predecessors.
    const successions = await store.register.allSuccessions();
    const chainOf = predecessorIndex(successions);
    const judgementOf = judgementIndex(successions, await store.inspections.forUrns([...new Set(schools.flatMap((s) => chainOf(s.place.code)))]));

    // Context for similar schools: each school's pupils in each group, by period, from the context indicators' figures.
    const groupPupils = new Map<number, Map<string, Map<string, number>>>();
    for (const breakdown of contextGroups) {
      const rows = ownFigures(
        await store.observations.find({
          indicatorCodes: [...contextIndicators.primary, ...contextIndicators.secondary],
          placeIds: ids,
          breakdown,
          basis: ['published', 'computed'],
          limit: 2_000_000,
        }),
      );
      for (const r of rows) {
        if (r.denominator === null) continue;
        const byGroup = groupPupils.get(r.placeId) ?? new Map<string, Map<string, number>>();
        groupPupils.set(r.placeId, byGroup.set(breakdown, (byGroup.get(breakdown) ?? new Map<string, number>()).set(r.period, r.denominator)));
      }
    }

    const held: SchoolHeld[] = schools.map(({ place, phase, attributes }) => {
      const district = districtOf.get(place.code);
      return {
        urn: place.code,
        name: place.name,
        phase,
        typeName: attributes.typeName,
        pupilsOnRoll: attributes.pupilsOnRoll,
        rows: byPlace.get(place.id) ?? [],
        groupPupils: groupPupils.get(place.id) ?? new Map(),
        ofsted: judgementOf(place.code),
        floor: floorByUrn.get(place.code) ?? null,
        coasting: coastingByUrn.get(place.code) ?? null,
        district: district === undefined || !inLa.has(place.code) ? null : { code: district, name: districtNames.get(district) ?? district },
        groupings: (groupingsOf.get(place.code) ?? []).map((code) => ({ code, name: groupingNames.get(code) ?? code })),
      };
    });
    const result = assessSchools(held, indicatorOf);
    return { la: { code: la.code, name: la.name }, schools: result, asAt: today };
  }

  return {
    assess,

    /**
     * The watch list (watch-list.ts): the LA's schools meeting the filter, in its order, each with its risk band and
     * status; one page of `watchListPageSize` or all of them (the default), and the districts to filter by.
     */
    async watchList(laCode: string, filter: WatchListFilter = {}, page: PageAsked = 'all') {
      const { la, asAt, schools } = await assess(laCode);
      const list = watchListOf(schools, filter);
      const { items, ...paging } = pageOf(list.schools, page, watchListPageSize);
      return { la, asAt, districts: list.districts, paging, schools: items };
    },

    /** Rapidly improving schools with what they have in common, and declining schools with their risk flags. */
    async trends(laCode: string) {
      const assessment = await assess(laCode);
      return { ...assessment, ...trendSummaryOf(assessment.schools) };
    },

    /** One school's profile: its assessment, every indicator held for it by year, and its pupil-group gaps. */
    async profile(urn: string, policy: DisclosurePolicy) {
      const school = await store.places.find('school', urn);
      if (school === undefined) throw new NotFoundError(`no school with URN ${urn}`);
      const la = (await store.places.parents(school.id)).find((p) => p.kind === 'la');
      const assessment = la === undefined ? null : ((await assess(la.code)).schools.find((s) => s.urn === urn) ?? null);
      // Pupils on roll has its own table on the school page.
      const held = ownFigures(await store.observations.find({ placeIds: [school.id], basis: ['published', 'computed'], limit: 100_000 })).filter(
        (r) => r.indicatorCode !== pupilsOnRollCode && indicatorOf(r.indicatorCode) !== undefined,
      );
      // Every figure as the audience may see it: a hidden cell shows its symbol, and no gap is worked from it.
      const shown = discloseRows(held, (code) => indicatorOf(code)!, policy);
      const rows = held.map((r, index) => ({ ...r, shown: shown[index]! }));
      const codes = [...new Set(rows.map((r) => r.indicatorCode))];
      const indicators = codes
        .map((code) => {
          const indicator = indicatorOf(code)!;
          const all = rows.filter((r) => r.indicatorCode === code && r.breakdown === 'all').sort((a, b) => a.period.localeCompare(b.period));
          return {
            code,
            title: indicator.title,
            unit: indicator.unit,
            decimalPlaces: indicator.decimalPlaces,
            breaks: indicator.breaks,
            rows: all.map((r) => ({
              period: r.period,
              label: academicYearLabel(r.period),
              value: r.shown.value,
              symbol: r.shown.symbol,
              denominator: r.shown.denominator,
              basis: r.basis,
            })),
            gaps: (
              [
                ['disadvantaged', 'not-disadvantaged'],
                ['fsm', 'not-fsm'],
              ] as const
            ).flatMap(([group, other]) => {
              const latest = all.at(-1)?.period;
              const g = rows.find((r) => r.indicatorCode === code && r.breakdown === group && r.period === latest);
              const o = rows.find((r) => r.indicatorCode === code && r.breakdown === other && r.period === latest);
              // From the unrounded figures, and only where both are shown to this audience and a gap means something.
              if (g === undefined || o === undefined || g.value === null || o.value === null || g.shown.value === null || o.shown.value === null) return [];
              const words = describeGap(indicator, group, other, g.value, o.value, indicator.decimalPlaces);
              return words === null ? [] : [{ group, other, period: latest!, ...words }];
            }),
          };
        })
        .filter((i) => i.rows.length > 0)
        .sort((a, b) => a.title.localeCompare(b.title));
      // A trend only where both its ends are shown to this reader: its change would give a hidden end away.
      const shownIn = (code: string) => (period: string) =>
        rows.some((r) => r.indicatorCode === code && r.breakdown === 'all' && r.period === period && r.shown.value !== null);
      const seen =
        assessment === null ? null : { ...assessment, trends: assessment.trends.map((t) => ({ ...t, trend: trendAsShown(t.trend, shownIn(t.indicator)) })) };
      return { school, assessment: seen, indicators, summary: seen === null ? null : summarise(seen) };
    },
  };
}
