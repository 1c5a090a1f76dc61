import { NotFoundError } from '../../domain/errors.ts';
import { breakBetween, newMeasureNote } from '../../domain/indicators/breaks.ts';
import { changeOnLastYear, gapBetween, gapPairs, type Change, type Gap } from '../../domain/comparison/gaps.ts';
import { previousPeriod } from '../../domain/periods/period.ts';
import { neighbourAverage, quartileBand, quartilesOf, rankPlaces, type QuartileBand, type Quartiles } from '../../domain/comparison/ranking.ts';
import type { DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import type { DfeSymbol, Indicator } from '../../domain/indicators/indicator.ts';
import { figureBases, type Basis, type ObservationRow } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import { shownByRow } from '../indicators/disclose-rows.ts';
import { ownFigures } from '../indicators/own-figures.ts';
import type { YearComparison } from '../../domain/comparison/over-time.ts';
import { schoolPhaseOf, type SchoolPhase } from '../../domain/schools/school-phase.ts';
import { overTime } from './over-time-figures.ts';

/**
 * An indicator across places for one period and breakdown, as the indicator page shows it: every LA ranked and
 * banded as LAIT does, England and the regions, and for one LA in focus its neighbours, its districts (roll-ups of
 * school figures) and its schools. Every value passes the disclosure step.
 */

export type ShownValue = Readonly<{ value: number | null; symbol: DfeSymbol | null; decimalPlaces: number }>;
export type PlaceFigure = Readonly<{ kind: string; code: string; name: string }> & ShownValue;
export type RankedFigure = PlaceFigure & Readonly<{ rank: number | null; band: QuartileBand | null; inFocusGroup: boolean }>;
/** A district's (or the LA's) figure: computed from pupil records where held, otherwise a roll-up of its schools. */
export type DistrictFigure = PlaceFigure & Readonly<{ basis: Basis; schools: number | null; pupils: number | null }>;

/** A year of the LA against its neighbours and England, with the LA's and England's figures as shown (value or symbol). */
export type OverTimeRow = YearComparison & Readonly<{ laFigure: ShownValue | null; englandFigure: ShownValue | null }>;

export type Comparison = Readonly<{
  indicator: Indicator;
  periods: readonly string[];
  breakdowns: readonly string[];
  period: string | null;
  breakdown: string;
  england: PlaceFigure | null;
  regions: readonly PlaceFigure[];
  las: readonly RankedFigure[];
  rankedCount: number;
  quartiles: Quartiles | null;
  focus: Readonly<{
    la: RankedFigure | null;
    neighbourGroup: Readonly<{ name: string; average: number | null; rank: number | null; size: number }> | null;
    districts: readonly DistrictFigure[];
    /** Each school with its district today (null where it is placed in none) and its phase (school-phase.ts), best first. */
    schools: readonly (PlaceFigure & Readonly<{ district: Readonly<{ code: string; name: string }> | null; phase: SchoolPhase | null }>)[];
    change: Readonly<{ since: string; change: Change | null; newMeasure: string | null }>;
    gaps: readonly Readonly<{ label: string; group: ShownValue; within: Gap; national: Gap }>[];
    /** The LA, its neighbours' average and rank among them, and England in every year held for the breakdown. */
    overTime: readonly OverTimeRow[];
  }> | null;
}>;

export function createComparisonService(store: Store) {
  return {
    async compare(
      indicatorCode: string,
      options: Readonly<{ period?: string; breakdown?: string; focus?: string }>,
      policy: DisclosurePolicy,
    ): Promise<Comparison> {
      const indicator = (await store.indicators.all()).find((i) => i.code === indicatorCode);
      if (indicator === undefined) throw new NotFoundError(`No indicator with code ${indicatorCode}`);
      const coverage = await store.observations.coverage(indicatorCode);
      const period = options.period ?? coverage.periods[0] ?? null;
      const breakdown = options.breakdown ?? (coverage.breakdowns.includes('all') ? 'all' : (coverage.breakdowns[0] ?? 'all'));
      const empty: Comparison = {
        indicator,
        periods: coverage.periods,
        breakdowns: coverage.breakdowns,
        period,
        breakdown,
        england: null,
        regions: [],
        las: [],
        rankedCount: 0,
        quartiles: null,
        focus: null,
      };
      if (period === null) return empty;
      const published = ownFigures(await store.observations.find({ indicatorCode, period, breakdown, basis: figureBases, limit: 50_000 }));
      const shown = shownByRow(published, indicator, policy);
      const figure = (r: ObservationRow): PlaceFigure => ({ ...r.place, ...shown.get(r)! });

      // Rank and band on the values as published (rounded), as LAIT does, over the LAs that have one.
      const laRows = published.filter((r) => r.place.kind === 'la');
      const values = laRows.map((r) => ({ code: r.place.code, value: shown.get(r)!.value }));
      const ranks = rankPlaces(values, indicator.polarity);
      const quartiles = indicator.polarity === 'none' ? null : quartilesOf(values.map((v) => v.value));

      const focusLa = options.focus ?? (await defaultFocus(store));
      const group = focusLa === null ? null : await neighbourGroupOf(store, focusLa);
      const groupCodes = new Set(group?.members ?? []);
      const las = laRows
        .map((r): RankedFigure => {
          const f = figure(r);
          return {
            ...f,
            rank: ranks.get(r.place.code) ?? null,
            band: quartileBand(f.value, quartiles, indicator.polarity),
            inFocusGroup: groupCodes.has(r.place.code),
          };
        })
        .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name));

      let focus: Comparison['focus'] = null;
      if (focusLa !== null) {
        const la = las.find((l) => l.code === focusLa) ?? null;
        const groupValues = las.filter((l) => groupCodes.has(l.code)).map((l) => ({ code: l.code, value: l.value }));
        const groupRanks = rankPlaces(groupValues, indicator.polarity);
        const laPlace = await store.places.find('la', focusLa);
        const districtIds = laPlace === undefined ? [] : (await store.places.members(laPlace.id, 'district')).map((d) => d.id);
        // Districts: computed from pupil records where the LA holds them, otherwise rolled up from school figures.
        const districtRows = await store.observations.find({
          indicatorCode,
          period,
          breakdown,
          basis: ['computed', 'roll-up'],
          placeIds: [...districtIds, ...(laPlace ? [laPlace.id] : [])],
          limit: 1000,
        });
        const computedPlaces = new Set(districtRows.filter((r) => r.basis === 'computed').map((r) => r.placeId));
        const rollUps = districtRows.filter(
          (r) => (r.basis === 'computed' && r.place.kind !== 'la') || (r.basis === 'roll-up' && !computedPlaces.has(r.placeId)),
        );
        const shownRollUps = shownByRow(rollUps, indicator, policy);
        const laSchools = laPlace === undefined ? [] : await store.places.members(laPlace.id, 'school');
        const schoolIds = laSchools.map((s) => s.id);
        // Each school's phase from its register record, so the page's list of schools can be narrowed to one phase.
        const phaseOf = new Map(laSchools.map((s) => [s.id, schoolPhaseOf(s.attributes)]));
        const schools =
          schoolIds.length === 0
            ? []
            : ownFigures(await store.observations.find({ indicatorCode, period, breakdown, basis: figureBases, placeIds: schoolIds, limit: 10_000 }));
        const shownSchools = shownByRow(schools, indicator, policy);
        // The district each school is in today, so the page's list of schools can be narrowed to one district.
        const districtOf = new Map<number, Readonly<{ code: string; name: string }>>();
        if (laPlace !== undefined && schools.length > 0)
          for (const d of (await store.places.members(laPlace.id, 'district')).filter((d) => d.validTo === null))
            for (const school of await store.places.members(d.id, 'school'))
              if (school.validTo === null) districtOf.set(school.id, { code: d.code, name: d.name });
        const better = indicator.polarity === 'lower_is_better' ? 1 : -1;
        // A figure as shown, with its unrounded value where it is shown at all: gaps are worked from unrounded figures and
        // rounded once (domain.md §9.2), never from a hidden one.
        const valueOf = async (placeId: number | undefined, at: string, group: string): Promise<(ShownValue & { unrounded: number | null }) | null> => {
          if (placeId === undefined) return null;
          const rows = ownFigures(
            await store.observations.find({ indicatorCode, period: at, breakdown: group, basis: figureBases, placeIds: [placeId], limit: 10 }),
          );
          if (rows.length === 0) return null;
          const shown = shownByRow(rows, indicator, policy).get(rows[0]!)!;
          return { ...shown, unrounded: shown.value === null ? null : rows[0]!.value };
        };
        const since = previousPeriod(period);
        // No change across a break in the measure (issue 11 point 11): the figure is a new measure instead.
        const brk = breakBetween(indicator.breaks, since, period);
        const breakNote = brk === null ? null : newMeasureNote(brk);
        const englandId = published.find((r) => r.place.kind === 'country')?.placeId;
        const gaps = [];
        for (const pair of gapPairs.filter((p) => coverage.breakdowns.includes(p.group) && coverage.breakdowns.includes(p.other))) {
          const group = await valueOf(laPlace?.id, period, pair.group);
          if (group === null) continue;
          const other = await valueOf(laPlace?.id, period, pair.other);
          const nationalOther = await valueOf(englandId, period, pair.other);
          gaps.push({
            label: pair.label,
            group: { value: group.value, symbol: group.symbol, decimalPlaces: group.decimalPlaces },
            within: gapBetween(group.unrounded, other?.unrounded ?? null, indicator, indicator.decimalPlaces, `other pupils in ${laPlace?.name ?? 'the LA'}`),
            national: gapBetween(group.unrounded, nationalOther?.unrounded ?? null, indicator, indicator.decimalPlaces, 'other pupils nationally'),
          });
        }
        focus = {
          la,
          overTime: await overTime(store, indicator, breakdown, focusLa, laPlace?.id, group?.members ?? [], policy),
          neighbourGroup:
            group === null
              ? null
              : {
                  name: group.name,
                  average: neighbourAverage(focusLa, groupValues),
                  rank: groupRanks.get(focusLa) ?? null,
                  size: groupValues.filter((v) => v.value !== null).length,
                },
          districts: rollUps
            .map((r): DistrictFigure => {
              const shown = shownRollUps.get(r)!;
              const covers = r.detail === null ? null : 'schools' in r.detail ? r.detail : null;
              const computed = r.detail !== null && 'rule' in r.detail ? r.detail : null;
              return {
                ...r.place,
                ...shown,
                basis: r.basis,
                schools: covers?.schools ?? null,
                // A suppressed cell's pupils are not shown either.
                pupils: shown.value === null && shown.symbol !== 'x' ? null : (covers?.pupils ?? computed?.pupils ?? null),
              };
            })
            .sort((a, b) => Number(a.kind === 'la') - Number(b.kind === 'la') || a.name.localeCompare(b.name)),
          schools: schools
            .map((r) => ({ ...r.place, ...shownSchools.get(r)!, district: districtOf.get(r.placeId) ?? null, phase: phaseOf.get(r.placeId) ?? null }))
            .sort((a, b) => (a.value === null ? 1 : b.value === null ? -1 : better * (a.value - b.value)) || a.name.localeCompare(b.name)),
          change: {
            since,
            newMeasure: breakNote,
            change:
              breakNote !== null
                ? null
                : changeOnLastYear(
                    la?.value ?? null,
                    (await valueOf(laPlace?.id, since, breakdown))?.value ?? null,
                    indicator.polarity,
                    indicator.decimalPlaces,
                  ),
          },
          gaps,
        };
      }
      const england = published.find((r) => r.place.kind === 'country');
      return {
        ...empty,
        england: england === undefined ? null : figure(england),
        regions: published
          .filter((r) => r.place.kind === 'region')
          .map(figure)
          .sort((a, b) => a.name.localeCompare(b.name)),
        las,
        rankedCount: [...ranks.values()].filter((r) => r !== null).length,
        quartiles,
        focus,
      };
    },
  };
}

/** The LA Waymark serves: the one whose districts are held (Kent in the demo and in a Kent import). */
async function defaultFocus(store: Store): Promise<string | null> {
  return (await store.places.lasWithDistricts())[0] ?? null;
}

/** The LA's statistical-neighbour group (the LA itself and its neighbours), where one is held. */
export async function neighbourGroupOf(store: Store, laCode: string): Promise<{ name: string; members: string[] } | null> {
  // The newest list held for the LA (lists are versioned: the 2012 group of Kent's framework, DfE's 2021 and 2025 lists).
  const groups = (await store.places.byKind('neighbour_group')).filter((g) => g.attributes.of === laCode);
  const group = groups.sort((a, b) => b.attributes.version.localeCompare(a.attributes.version))[0];
  if (group === undefined) return null;
  return { name: group.name, members: (await store.places.members(group.id, 'la')).map((m) => m.code) };
}
