import { phaseYearGroups, type ScapExportRow, type YearGroup } from '../../domain/place-planning/place-planning.ts';
import type { HeldForecastCell } from '../../store/planning-store.ts';
import type { Store } from '../../store/store.ts';
import { capacityAt, membersAt } from './planning-data.ts';
import type { ScapExport } from './planning-views.ts';
import { readViewData, type ViewData } from './view-data.ts';

/** Pupils by year group from some cells of one period (unrounded: the file rounds). */
function byYearGroup(cells: readonly HeldForecastCell[]): Partial<Record<YearGroup, number>> {
  const out: Partial<Record<YearGroup, number>> = {};
  for (const c of cells) out[c.yearGroup] = (out[c.yearGroup] ?? 0) + c.pupils;
  return out;
}

/**
 * The SCAP-shaped export of the latest forecast run (issue 17.8): for each planning area and each of its own forecast
 * periods (five years ahead for primary, seven for secondary), a row for the area (its capacity and admission numbers
 * summed over its sites) and one for each school (its capacity and admission number on the area's site, share applied;
 * a split-site school has a row in each of its areas), capacity as in the run's base census, pupils by year group as
 * forecast. A year group the run has no cell for is left out of `pupils` (the file leaves it blank, never 0).
 */
export async function readScapExport(tx: Store, laCode: string): Promise<ScapExport> {
  const view = await readViewData(tx, laCode);
  if (view.run === null) return { la: view.la, run: null, rows: [] };
  const urns = view.data.areas.flatMap((a) => membersAt(view.data, a.code, view.run!.basePeriod).map((m) => m.urn));
  const names = new Map((await tx.places.findMany('school', urns)).map((s) => [s.code, s.name]));
  return { la: view.la, run: view.run, rows: scapRows(view, names) };
}

/** The export's rows from the view data and the schools' names (see readScapExport). */
export function scapRows(view: ViewData, names: ReadonlyMap<string, string>): ScapExportRow[] {
  if (view.run === null) return [];
  const base = view.run.basePeriod;
  const laCode = view.data.laCode;
  const rows: ScapExportRow[] = [];
  for (const area of view.data.areas) {
    const groups = phaseYearGroups[area.phase];
    const sites = membersAt(view.data, area.code, base).map((m) => {
      const record = capacityAt(view.data, m.urn, base, area.phase);
      return {
        urn: m.urn,
        capacity: record === null ? null : groups.reduce((s, g) => s + (record.places[g] ?? 0), 0) * m.share,
        admissionNumber: record?.admissionNumber == null ? null : record.admissionNumber * m.share,
      };
    });
    const cells = view.cells.filter((c) => c.areaCode === area.code);
    const periods = [...new Set(cells.map((c) => c.period))].sort();
    const common = { laCode, areaCode: area.code, areaName: area.name, phase: area.phase };
    const sum = (values: readonly (number | null)[]) => (values.every((v) => v === null) ? null : values.reduce((s: number, v) => s + (v ?? 0), 0));
    for (const period of periods) {
      rows.push({
        ...common,
        urn: null,
        schoolName: area.name,
        capacity: sum(sites.map((s) => s.capacity)),
        admissionNumber: sum(sites.map((s) => s.admissionNumber)),
        period,
        pupils: byYearGroup(cells.filter((c) => c.urn === null && c.period === period)),
      });
      for (const site of sites)
        rows.push({
          ...common,
          urn: site.urn,
          schoolName: names.get(site.urn) ?? site.urn,
          capacity: site.capacity,
          admissionNumber: site.admissionNumber,
          period,
          pupils: byYearGroup(cells.filter((c) => c.urn === site.urn && c.period === period)),
        });
    }
  }
  return rows;
}
