import { scoreForecasts } from '../../domain/place-planning/accuracy.ts';
import { changeEffectOnSchool } from '../../domain/place-planning/capacity-changes.ts';
import { commissioningNeeds } from '../../domain/place-planning/commissioning.ts';
import {
  type AccuracyRow,
  type AreaForecast,
  type CommissioningNeed,
  type ForecastMethod,
  type PlannedChange,
  type PlanningPhase,
  type SurplusSummary,
} from '../../domain/place-planning/place-planning.ts';
import { bandPosition, surplusOf } from '../../domain/place-planning/surplus.ts';
import type { HeldForecastCell, HeldForecastRun, HeldPlanningArea } from '../../store/planning-store.ts';
import type { Store } from '../../store/store.ts';
import { actualsOf } from './forecast-service.ts';
import { laOrNotFound, methodOf } from './planning-context.ts';
import { capacityAt, membersAt, readPlanningData, sitePlaces, type PlanningData } from './planning-data.ts';
import type { PlaceRef, SurplusYear } from './planning-views.ts';

/** What the planning pages are drawn from: the LA's records, its latest forecast run with its cells, and the method's band. */
export type ViewData = Readonly<{
  data: PlanningData;
  la: PlaceRef;
  run: HeldForecastRun | null;
  cells: readonly HeldForecastCell[];
  method: ForecastMethod;
  band: Readonly<{ min: number; max: number }>;
  districts: ReadonlyMap<string, PlaceRef>;
}>;

export async function readViewData(tx: Store, laCode: string): Promise<ViewData> {
  const la = await laOrNotFound(tx, laCode);
  const data = await readPlanningData(tx, laCode);
  const run = (await tx.planning.runs(laCode, 'forecast'))[0] ?? null;
  const method = run?.method ?? (await methodOf(tx, laCode));
  const codes = [...new Set(data.areas.flatMap((a) => (a.districtCode === null ? [] : [a.districtCode])))];
  const districts = new Map((await tx.places.findMany('district', codes)).map((d) => [d.code, { code: d.code, name: d.name }]));
  return { data, la: la.ref, run, cells: run === null ? [] : await tx.planning.cells(run.id), method, band: method.surplusBand, districts };
}

/** The latest run's forecast of one area (its area-total cells), null without a run. */
export function areaForecastOf(view: ViewData, area: HeldPlanningArea): AreaForecast | null {
  if (view.run === null) return null;
  const cells = view.cells.filter((c) => c.areaCode === area.code && c.urn === null);
  const ratios = view.run.ratios[area.code] ?? { intake: null, transfer: null, survival: {}, periods: [] };
  return { areaCode: area.code, phase: area.phase, basePeriod: view.run.basePeriod, ratios, cells };
}

/**
 * Where and when the area needs places, from the latest run: every planned change to its schools, whatever area it was
 * recorded against (a split-site school's change is to the whole school; commissioningNeeds counts it by the share on
 * each site), and the new schools planned in the area.
 */
export function needsOf(view: ViewData, area: HeldPlanningArea): CommissioningNeed[] {
  const forecast = areaForecastOf(view, area);
  if (forecast === null || view.run === null) return [];
  const base = view.run.basePeriod;
  const members = new Set(membersAt(view.data, area.code, base).map((m) => m.urn));
  return commissioningNeeds({
    areaCode: area.code,
    phase: area.phase,
    forecast,
    schools: membersAt(view.data, area.code, base).map((m) => ({ urn: m.urn, share: m.share, capacity: capacityAt(view.data, m.urn, base, area.phase) })),
    changes: view.data.changes.filter((c) => (c.urn === null ? c.areaCode === area.code : members.has(c.urn))),
    band: view.band,
    schoolForecast: view.cells.flatMap((c) => (c.areaCode === area.code && c.urn !== null ? [{ ...c, urn: c.urn }] : [])),
  });
}

/**
 * The year a planned change's effect on places is measured in: the furthest period of the latest run's forecast of the
 * change's area (the last forecast year its page shows), or the change's first year when that is later or there is
 * no forecast.
 */
export function effectPeriodOf(view: ViewData, change: PlannedChange): string {
  const furthest = view.cells.reduce(
    (last: string | null, c) => (c.areaCode === change.areaCode && c.urn === null && (last === null || c.period > last) ? c.period : last),
    null,
  );
  return furthest !== null && furthest > change.fromPeriod ? furthest : change.fromPeriod;
}

/**
 * A planned change's effect on places as the pages show it (`placesAdded`): in effectPeriodOf's year, against the
 * school's capacity then with its other changes (a new school: the other changes opening it), so a closure removes the
 * places the school has; a bulge class that has left by then adds 0.
 */
export function placesAddedOf(view: ViewData, change: PlannedChange): number {
  const period = effectPeriodOf(view, change);
  const sameSchool = (c: PlannedChange) =>
    change.urn === null ? c.urn === null && c.areaCode === change.areaCode && c.schoolName === change.schoolName : c.urn === change.urn;
  const record = change.urn === null ? null : capacityAt(view.data, change.urn, period, change.phase);
  return changeEffectOnSchool(change, record, view.data.changes.filter(sameSchool), period);
}

/** Census surplus of one area (its sites by share), or of the LA's whole schools of a phase when `area` is null. */
export function censusSurplus(data: PlanningData, phase: PlanningPhase, period: string, area: HeldPlanningArea | null): SurplusSummary | null {
  const whole = new Map<string, number>();
  for (const a of area === null ? data.areas.filter((x) => x.phase === phase) : [area])
    for (const m of membersAt(data, a.code, period)) whole.set(m.urn, (whole.get(m.urn) ?? 0) + m.share);
  const schools = [...whole].flatMap(([urn, share]) => sitePlaces(data, urn, period, phase, Math.min(1, share)) ?? []);
  return schools.length === 0 ? null : surplusOf(schools);
}

/** A surplus as a page year: with where its rate sits against the band. */
export function surplusYear(period: string, source: SurplusYear['source'], surplus: SurplusSummary, band: ViewData['band']): SurplusYear {
  return { period, source, surplus, band: surplus.rate === null ? null : bandPosition(surplus.rate, band) };
}

/** Several areas' surplus added up (each already counted school by school), the rate remade from the sums. */
export function addSurplus(parts: readonly SurplusSummary[]): SurplusSummary {
  const sum = (f: (s: SurplusSummary) => number) => parts.reduce((n, s) => n + f(s), 0);
  const capacity = sum((s) => s.capacity);
  const unfilled = sum((s) => s.unfilled);
  return {
    capacity,
    pupils: sum((s) => s.pupils),
    unfilled,
    excess: sum((s) => s.excess),
    rate: capacity === 0 ? null : (unfilled / capacity) * 100,
    schools: sum((s) => s.schools),
    atOrOver: sum((s) => s.atOrOver),
  };
}

/**
 * The runs the accuracy figures score (issue 17.5: every forecast is compared with the census that followed): the
 * backtests, and the newest kept forecast from each base census that a later census is held for. Where both a kept
 * forecast and a backtest start from one base, the kept forecast (what the LA forecast at the time) is scored in the
 * backtest's place, so no base is counted twice in a mean.
 */
export function runsToScore(backtests: readonly HeldForecastRun[], forecasts: readonly HeldForecastRun[], censusPeriods: readonly string[]): HeldForecastRun[] {
  const latest = censusPeriods[censusPeriods.length - 1];
  const kept = new Map<string, HeldForecastRun>();
  for (const run of forecasts) {
    const newer = kept.get(run.basePeriod);
    if (
      latest !== undefined &&
      run.basePeriod < latest &&
      (newer === undefined || run.madeOn > newer.madeOn || (run.madeOn === newer.madeOn && run.id > newer.id))
    )
      kept.set(run.basePeriod, run);
  }
  return [...backtests.filter((r) => !kept.has(r.basePeriod)), ...kept.values()].sort((a, b) => a.basePeriod.localeCompare(b.basePeriod));
}

/** The runs of runsToScore scored against the census held, at area and LA level, at these years ahead. */
export async function backtestRows(tx: Store, view: ViewData, yearsAhead: readonly number[]): Promise<AccuracyRow[]> {
  const forecasts: AreaForecast[] = [];
  const runs = runsToScore(await tx.planning.runs(view.data.laCode, 'backtest'), await tx.planning.runs(view.data.laCode, 'forecast'), view.data.censusPeriods);
  for (const run of runs) {
    const byArea = new Map<string, HeldForecastCell[]>();
    for (const c of await tx.planning.cells(run.id, { totals: true })) byArea.set(c.areaCode, [...(byArea.get(c.areaCode) ?? []), c]);
    for (const area of view.data.areas) {
      const cells = byArea.get(area.code);
      if (cells === undefined) continue;
      const ratios = run.ratios[area.code] ?? { intake: null, transfer: null, survival: {}, periods: [] };
      forecasts.push({ areaCode: area.code, phase: area.phase, basePeriod: run.basePeriod, ratios, cells });
    }
  }
  return scoreForecasts({ laCode: view.data.laCode, forecasts, actuals: actualsOf(view.data), yearsAhead });
}
