import type { AccuracyRow, PlanningArea, PlanningPhase } from '../../domain/place-planning/place-planning.ts';
import type { HeldPlanningArea } from '../../store/planning-store.ts';
import type { Store } from '../../store/store.ts';
import { membersAt } from './planning-data.ts';
import type { AccuracyView, AreaSummary, CommissioningView, PlanningOverview, PublishedAccuracy, SurplusYear } from './planning-views.ts';
import { addSurplus, backtestRows, censusSurplus, effectPeriodOf, needsOf, placesAddedOf, readViewData, surplusYear, type ViewData } from './view-data.ts';

/** The indicators the DfE's scorecards publish forecast accuracy in (per cent, by phase). */
const publishedCodes = { oneYear: 'forecast-accuracy-one-year', threeYear: 'forecast-accuracy-three-year' } as const;

/** Typical LA one-year error in the DfE's published accuracy (domain.md §12.2): within ±2%. */
const typicalPercent = 2;

/** A planning area as the pages take it, without the place that carries its figures. */
export const plainArea = (a: HeldPlanningArea): PlanningArea => ({
  code: a.code,
  name: a.name,
  laCode: a.laCode,
  phase: a.phase,
  districtCode: a.districtCode,
  feedsArea: a.feedsArea,
  validFrom: a.validFrom,
  validTo: a.validTo,
});

/** The DfE-published accuracy held, at the LA (or every LA when `laCode` is null) and England. */
async function publishedAccuracy(tx: Store, laCode: string | null): Promise<PublishedAccuracy[]> {
  const rows = await tx.observations.find({ indicatorCodes: Object.values(publishedCodes), basis: 'published', limit: 1_000_000 });
  const byKey = new Map<
    string,
    { period: string; phase: PlanningPhase; place: { code: string; name: string }; oneYear: number | null; threeYear: number | null }
  >();
  for (const r of rows) {
    const phase = r.breakdown.replace('phase:', '');
    if (phase !== 'primary' && phase !== 'secondary') continue;
    if (!(r.place.kind === 'country' || (r.place.kind === 'la' && (laCode === null || r.place.code === laCode)))) continue;
    const key = `${r.place.code}|${r.period}|${phase}`;
    const entry = byKey.get(key) ?? { period: r.period, phase, place: { code: r.place.code, name: r.place.name }, oneYear: null, threeYear: null };
    if (r.indicatorCode === publishedCodes.oneYear) entry.oneYear = r.value;
    else entry.threeYear = r.value;
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => a.period.localeCompare(b.period) || a.place.code.localeCompare(b.place.code) || a.phase.localeCompare(b.phase));
}

/**
 * The LA-level backtest error by phase and years ahead: the mean absolute error, and the worst as the signed accuracy
 * of the row with the largest absolute error (so an under-forecast reads as one).
 */
export function summaryOf(rows: readonly AccuracyRow[]) {
  return (['primary', 'secondary'] as const).flatMap((phase) =>
    [1, 3].map((yearsAhead) => {
      const scored = rows.filter((r) => r.level === 'la' && r.phase === phase && r.yearsAhead === yearsAhead && r.accuracy !== null);
      const errors = scored.map((r) => Math.abs(r.accuracy!));
      const worst = scored.reduce<number | null>((w, r) => (w === null || Math.abs(r.accuracy!) > Math.abs(w) ? r.accuracy : w), null);
      const latest = [...scored].sort((a, b) => b.basePeriod.localeCompare(a.basePeriod))[0] ?? null;
      return {
        phase,
        yearsAhead,
        meanAbsolute: errors.length === 0 ? null : errors.reduce((s, e) => s + e, 0) / errors.length,
        worst,
        scored: scored.length,
        latest,
      };
    }),
  );
}

function summaryOfArea(view: ViewData, area: HeldPlanningArea): AreaSummary {
  const latestPeriod = view.data.censusPeriods[view.data.censusPeriods.length - 1];
  const latest = latestPeriod === undefined ? null : censusSurplus(view.data, area.phase, latestPeriod, area);
  const needs = needsOf(view, area);
  const last = needs[needs.length - 1];
  return {
    area: plainArea(area),
    district: area.districtCode === null ? null : (view.districts.get(area.districtCode) ?? null),
    schools: latestPeriod === undefined ? 0 : membersAt(view.data, area.code, latestPeriod).length,
    latest: latest === null ? null : surplusYear(latestPeriod!, 'census', latest, view.band),
    furthest: last === undefined ? null : surplusYear(last.period, 'forecast', last.surplus, view.band),
    formsOfEntryNeeded: Math.max(0, ...needs.map((n) => n.formsOfEntryNeeded)),
    firstPeriodShort: needs.find((n) => n.placesNeeded > 0)?.period ?? null,
  };
}

/** The LA's surplus by phase: every census year held, then the latest run's forecast years (its areas' surplus added up). */
function byPhaseOf(view: ViewData): PlanningOverview['byPhase'] {
  return (['primary', 'secondary'] as const)
    .filter((phase) => view.data.areas.some((a) => a.phase === phase))
    .map((phase) => {
      const years: SurplusYear[] = [];
      for (const period of view.data.censusPeriods) {
        const s = censusSurplus(view.data, phase, period, null);
        if (s !== null) years.push(surplusYear(period, 'census', s, view.band));
      }
      const needs = view.data.areas.filter((a) => a.phase === phase).flatMap((a) => needsOf(view, a));
      for (const period of [...new Set(needs.map((n) => n.period))].sort())
        years.push(surplusYear(period, 'forecast', addSurplus(needs.filter((n) => n.period === period).map((n) => n.surplus)), view.band));
      return { phase, years };
    });
}

/** The LA overview, the commissioning view, the accuracy view, the SCAP-shaped export and the areas list. */
export function createPlanningOverviews(store: Store) {
  return {
    async overview(laCode: string): Promise<PlanningOverview> {
      const view = await readViewData(store, laCode);
      const rows = await backtestRows(store, view, [1, 3]);
      return {
        la: view.la,
        band: view.band,
        latestCensus: view.data.censusPeriods[view.data.censusPeriods.length - 1] ?? null,
        run: view.run,
        byPhase: byPhaseOf(view),
        areas: view.data.areas.map((a) => summaryOfArea(view, a)),
        accuracy: summaryOf(rows).map((s) => ({ phase: s.phase, yearsAhead: s.yearsAhead, meanAbsolute: s.meanAbsolute, scored: s.scored, latest: s.latest })),
        published: await publishedAccuracy(store, laCode),
      };
    },

    async commissioning(laCode: string): Promise<CommissioningView> {
      const view = await readViewData(store, laCode);
      const byCode = new Map(view.data.areas.map((a) => [a.code, a]));
      return {
        la: view.la,
        band: view.band,
        run: view.run,
        needs: view.data.areas.flatMap((a) => needsOf(view, a).map((n) => ({ ...n, area: plainArea(a) }))),
        changes: view.data.changes.flatMap((c) => {
          const area = byCode.get(c.areaCode);
          if (area === undefined) return [];
          return [{ ...c, area: plainArea(area), placesAdded: placesAddedOf(view, c), effectPeriod: effectPeriodOf(view, c) }];
        }),
      };
    },

    async accuracy(laCode: string): Promise<AccuracyView> {
      const view = await readViewData(store, laCode);
      const rows = await backtestRows(store, view, [1, 3]);
      return {
        la: view.la,
        rows,
        summary: summaryOf(rows).map((s) => ({
          phase: s.phase,
          yearsAhead: s.yearsAhead,
          meanAbsolute: s.meanAbsolute,
          worst: s.worst,
          beyondTypical: s.worst === null ? null : Math.max(0, Math.abs(s.worst) - typicalPercent),
        })),
        published: await publishedAccuracy(store, null),
      };
    },

    async areas(laCode: string): Promise<PlanningArea[]> {
      return (await store.planning.areas(laCode)).map(plainArea);
    },
  };
}
