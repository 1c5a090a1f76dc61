import { NotFoundError } from '../../domain/errors.ts';
import { actualRange } from '../../domain/place-planning/accuracy.ts';
import { pupilsFromSite } from '../../domain/place-planning/housing-yield.ts';
import { entryYearGroup, phaseYearGroups, type AccuracyRow, type ByYearGroup, type YearGroup } from '../../domain/place-planning/place-planning.ts';
import { startYearOf } from '../../domain/periods/period.ts';
import type { HeldPlanningArea } from '../../store/planning-store.ts';
import type { Store } from '../../store/store.ts';
import { areaRolls, capacityKey, membersAt, sitePlaces } from './planning-data.ts';
import { plainArea } from './planning-overview.ts';
import type { AreaSchool, AreaView, AreaYear } from './planning-views.ts';
import { areaForecastOf, backtestRows, censusSurplus, effectPeriodOf, needsOf, placesAddedOf, readViewData, surplusYear, type ViewData } from './view-data.ts';

const total = (roll: ByYearGroup, groups: readonly YearGroup[]) => groups.reduce((s, g) => s + (roll[g] ?? 0), 0);

/**
 * The range past forecasts of the method missed by at `yearsAhead`, as the actual pupils this forecast would meet
 * (actualRange: forecast ÷ (1 + the largest over-forecast) to forecast ÷ (1 + the largest under-forecast)), from the
 * area's backtest scored at the nearest years ahead held at or beyond (so a two-year forecast carries the three-year
 * error, never the smaller one-year error).
 */
function errorBandOf(rows: readonly AccuracyRow[], yearsAhead: number, forecast: number): AreaYear['errorBand'] {
  const scored = [...new Set(rows.map((r) => r.yearsAhead))].sort((a, b) => a - b);
  const at = scored.find((n) => n >= yearsAhead) ?? scored[scored.length - 1];
  return actualRange(
    forecast,
    rows.flatMap((r) => (r.yearsAhead === at && r.accuracy !== null ? [r.accuracy] : [])),
  );
}

/** The census years and the latest run's forecast years of an area: pupils by year group, surplus against the band, and the forecast's band of past error. */
function yearsOf(view: ViewData, area: HeldPlanningArea, errors: readonly AccuracyRow[]): AreaYear[] {
  const groups = phaseYearGroups[area.phase];
  const years: AreaYear[] = [];
  for (const [period, pupils] of Object.entries(areaRolls(view.data, area)).sort(([a], [b]) => a.localeCompare(b))) {
    const surplus = censusSurplus(view.data, area.phase, period, area);
    if (surplus === null) continue;
    years.push({ ...surplusYear(period, 'census', surplus, view.band), pupils, total: total(pupils, groups), errorBand: null });
  }
  const forecast = areaForecastOf(view, area);
  for (const need of needsOf(view, area)) {
    const pupils: Partial<Record<YearGroup, number>> = {};
    for (const c of forecast?.cells ?? []) if (c.period === need.period) pupils[c.yearGroup] = c.pupils;
    const sum = total(pupils, groups);
    const ahead = startYearOf(need.period) - startYearOf(view.run!.basePeriod);
    years.push({ ...surplusYear(need.period, 'forecast', need.surplus, view.band), pupils, total: sum, errorBand: errorBandOf(errors, ahead, sum) });
  }
  return years;
}

/** One area's schools in the latest census: capacity, pupils and unfilled places on the area's site, and the forecast entry. */
async function schoolsOf(tx: Store, view: ViewData, area: HeldPlanningArea): Promise<AreaSchool[]> {
  const latest = view.data.censusPeriods[view.data.censusPeriods.length - 1];
  if (latest === undefined) return [];
  const members = membersAt(view.data, area.code, latest);
  const names = new Map(
    (
      await tx.places.findMany(
        'school',
        members.map((m) => m.urn),
      )
    ).map((s) => [s.code, s.name]),
  );
  const firstPeriod = view.cells.find((c) => c.areaCode === area.code && c.urn === null)?.period;
  return members.map((m) => {
    const site = sitePlaces(view.data, m.urn, latest, area.phase, m.share);
    const entry = view.cells.find((c) => c.areaCode === area.code && c.urn === m.urn && c.period === firstPeriod && c.yearGroup === entryYearGroup[area.phase]);
    return {
      urn: m.urn,
      name: names.get(m.urn) ?? m.urn,
      membership: m,
      capacity: site?.capacity ?? null,
      admissionNumber: view.data.capacity.get(capacityKey(m.urn, area.phase))?.get(latest)?.admissionNumber ?? null,
      pupils: site?.pupils ?? null,
      unfilled: site === null ? null : Math.max(0, site.capacity - site.pupils),
      excess: site === null ? null : Math.max(0, site.pupils - site.capacity),
      forecastEntry: entry?.pupils ?? null,
    };
  });
}

/** What the planning area page shows (issue 17.8): rolls, forecast with its band of past error, capacity, surplus, changes, housing and admissions. */
export async function readAreaView(tx: Store, code: string): Promise<AreaView> {
  const area = await tx.planning.area(code);
  if (area === null) throw new NotFoundError(`no such planning area: ${code}`);
  const view = await readViewData(tx, area.laCode);
  const scored = (await backtestRows(tx, view, [1, 2, 3, 4, 5, 6, 7])).filter((r) => r.level === 'area' && r.code === area.code);
  const members = membersAt(view.data, area.code, view.run?.basePeriod ?? view.data.censusPeriods[view.data.censusPeriods.length - 1] ?? '');
  return {
    area: plainArea(area),
    district: area.districtCode === null ? null : (view.districts.get(area.districtCode) ?? null),
    la: view.la,
    band: view.band,
    run: view.run,
    ratios: view.run?.ratios[area.code] ?? null,
    years: yearsOf(view, area, scored),
    schools: await schoolsOf(tx, view, area),
    // A split-site school's change shows in each of its areas, wherever it was recorded (as its needs count it).
    changes: view.data.changes
      .filter((c) => c.areaCode === area.code || (c.urn !== null && members.some((m) => m.urn === c.urn)))
      .map((c) => ({ ...c, placesAdded: placesAddedOf(view, c), effectPeriod: effectPeriodOf(view, c) })),
    needs: needsOf(view, area),
    housing: view.data.housing
      .filter((s) => (area.phase === 'primary' ? s.primaryArea : s.secondaryArea) === area.code)
      .map((s) => ({
        ...s,
        dwellings: s.completions.reduce((n, c) => n + c.market + c.affordable, 0),
        pupilsYielded: pupilsFromSite(s, area.phase, view.method.yields),
      })),
    admissions: await tx.planning.admissionsCounts(
      area.laCode,
      area.phase,
      members.map((m) => m.urn),
      area.districtCode,
    ),
    accuracy: scored.filter((r) => r.yearsAhead === 1 || r.yearsAhead === 3),
  };
}
