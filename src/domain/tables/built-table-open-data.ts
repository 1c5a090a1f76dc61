import type { PlaceKind } from '../geography/place.ts';
import type { OpenDataLevel, OpenDataRow } from '../indicators/open-data.ts';
import { endYearOf, type PeriodType } from '../periods/period.ts';
import type { BuiltTable } from './built-table.ts';

/**
 * Built tables (a fresh build, or a permalink's kept tables) as the rows of the DfE's open-data layout (issue 19.3,
 * open-data.ts): every figure a table shows, as it shows it (already disclosed), at its place's geographic level, in
 * its pupil group, under its indicator's kind of year. A cell with no figure held is left out (the file then writes
 * `x` where a line has another indicator's figure). Tables of different kinds of year go to different data files:
 * `openDataArchive` splits them, as the standard asks.
 */

/** The standard's geographic level for each kind of place the builder offers; an LA's own grouping has none. */
export const openDataLevels: Readonly<Partial<Record<PlaceKind, OpenDataLevel>>> = {
  country: 'National',
  region: 'Regional',
  la: 'Local authority',
  district: 'Local authority district',
  school: 'School',
};

/** The places of the tables the open-data layout has no level for (an LA's grouping), each named once. */
export function placesWithoutLevel(tables: readonly BuiltTable[]): string[] {
  return [...new Set(tables.flatMap((t) => t.rows.filter((r) => openDataLevels[r.place.kind] === undefined).map((r) => r.place.name)))];
}

/**
 * The tables' figures as open-data rows, year by year (oldest first, as `periodsBetween` orders a table's years),
 * then in each year table by table and row by row, so the file reads in time order with the places as chosen.
 * `periodTypeOf` gives the kind of year of an indicator kept without one (a permalink made before it was kept).
 * A row whose place has no level is refused: call `placesWithoutLevel` first.
 */
export function builtTablesOpenData(tables: readonly BuiltTable[], periodTypeOf: (indicatorCode: string) => PeriodType): OpenDataRow[] {
  const periods = [...new Set(tables.flatMap((t) => t.periods))].sort((a, b) => endYearOf(a) - endYearOf(b) || a.localeCompare(b));
  const out: OpenDataRow[] = [];
  for (const period of periods)
    for (const t of tables) {
      const column = t.periods.indexOf(period);
      if (column === -1) continue;
      const periodType = t.indicator.periodType ?? periodTypeOf(t.indicator.code);
      const indicator = { code: t.indicator.code, title: t.indicator.title, unit: t.indicator.unit, decimalPlaces: t.indicator.decimalPlaces };
      for (const r of t.rows) {
        const cell = r.cells[column];
        if (cell == null) continue;
        const level = openDataLevels[r.place.kind];
        if (level === undefined) throw new Error(`The open-data layout has no geographic level for ${r.place.name} (${r.place.kind})`);
        out.push({
          indicator,
          period,
          periodType,
          place: { level, code: r.place.code, name: r.place.name, region: r.place.region, la: r.place.la, newCode: r.place.newCode, laestab: r.place.laestab },
          breakdown: r.group,
          value: cell.value,
          symbol: cell.symbol,
          decimalPlaces: cell.decimalPlaces,
        });
      }
    }
  return out;
}
