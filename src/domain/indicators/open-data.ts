import { csvField } from '../csv-field.ts';
import type { PeriodType } from '../periods/period.ts';
import { breakdownTitle } from '../pupils/breakdowns.ts';
import type { DfeSymbol, Unit } from './indicator.ts';
import { roundHalfUp } from './rounding.ts';

/**
 * Figures in the DfE's open-data layout, as Explore Education Statistics publishes every data file (issue 19.3): a
 * tidy data.csv and a meta.csv describing its filter and indicator columns. The layout is the DfE's open data
 * standards ("Open Data Standards: guidance on how to structure data files", DfE analysts' guide,
 * https://dfe-analytical-services.github.io/analysts-guide/statistics-production/ud.html), as its data screener checks
 * them (dfe-analytical-services' screener: `acceptable_time_identifiers`, `acceptable_levels`, `la_required`,
 * `meta_cols`; the EES API's IndicatorUnit for the units):
 *
 * - data.csv starts with time_period (201415 for 2014/15, 2016 for a calendar year), time_identifier ("Academic
 *   year", "Financial year", "Calendar year"), geographic_level ("National", "Regional", "Local authority", "Local
 *   authority district"), country_code, country_name; then region_code, region_name where a row is regional or
 *   below; old_la_code, new_la_code, la_name where a row is an LA or below; lad_code, lad_name for a district; then
 *   the filter columns, then one column per indicator.
 * - meta.csv has the columns col_name, col_type (Filter or Indicator), label, indicator_grouping, indicator_unit (""
 *   or "%" here; the standard also allows "£", "£m", "pp" and "string"), indicator_dp, filter_hint,
 *   filter_grouping_column: one row per filter and per indicator column. Time and geography columns are the
 *   standard's own and are not described there.
 *
 * Rows are given already disclosed, figures as the page shows them: this writes each at its indicator's decimals
 * (rounded once, half up, as the DfE rounds) with a plain hyphen-minus (machines read it), or its DfE symbol as given.
 * Pure: the caller zips the two files.
 */

export type OpenDataLevel = 'National' | 'Regional' | 'Local authority' | 'Local authority district';

/** Where a row's figure is for: the place itself, with the region and LA above it where its level needs them. */
export type OpenDataPlace = Readonly<{
  level: OpenDataLevel;
  code: string;
  name: string;
  /** The region a Local authority or a district is in (blank columns where it is not known). */
  region?: Readonly<{ code: string; name: string }> | null;
  /** The LA a district is in: its three-digit DfE code, its nine-character ONS code where held, and its name. */
  la?: Readonly<{ code: string; newCode?: string | null; name: string }> | null;
  /** An LA's nine-character ONS code (new_la_code), where held. */
  newCode?: string | null;
}>;

export type OpenDataIndicator = Readonly<{ code: string; title: string; unit: Unit; decimalPlaces: number }>;

/** One disclosed figure: an indicator's value (or symbol) for a place, period and pupil group. */
export type OpenDataRow = Readonly<{
  indicator: OpenDataIndicator;
  period: string;
  periodType: PeriodType;
  place: OpenDataPlace;
  /** The pupil group's code ('all', 'fsm', 'ethnicity:asian' …): written in words in the filter column. */
  breakdown: string;
  value: number | null;
  symbol: DfeSymbol | null;
  /** The decimals the figure is shown to (a publication's own, else the indicator's): it is written to them, never rounded again. */
  decimalPlaces?: number;
}>;

export type OpenDataFiles = Readonly<{ data: string; meta: string }>;

const england = { code: 'E92000001', name: 'England' } as const;

export const timeIdentifiers: Readonly<Record<PeriodType, string>> = {
  academic: 'Academic year',
  financial: 'Financial year',
  calendar: 'Calendar year',
};

/** The filter column every file has: who a figure is for, in words. */
export const breakdownColumn = 'breakdown';

/** A pupil group as the filter column writes it: "Total" for all pupils (the standard's word for a filter's total), else its name. */
export function breakdownValue(code: string): string {
  return code === 'all' ? 'Total' : breakdownTitle(code);
}

/** An indicator code as a column name: lower-case snake_case, starting with a letter ('ks2-expected-rwm' → 'ks2_expected_rwm'). */
export function indicatorColumn(code: string): string {
  const snake = code
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(snake) ? snake : `indicator_${snake}`;
}

/** An indicator's unit as the standard's indicator_unit: "%" for a percentage; no unit for counts, rates, scores, points and bands. */
export function indicatorUnit(unit: Unit): string {
  return unit === 'percent' ? '%' : '';
}

const levelDepth: Readonly<Record<OpenDataLevel, number>> = { National: 0, Regional: 1, 'Local authority': 2, 'Local authority district': 3 };

/** data.csv and meta.csv for the rows, one data row per period, place and pupil group, one column per indicator. */
export function openDataFiles(rows: readonly OpenDataRow[]): OpenDataFiles {
  const indicators = [...new Map(rows.map((r) => [r.indicator.code, r.indicator])).values()];
  const columns = indicators.map((i) => indicatorColumn(i.code));
  if (new Set(columns).size !== columns.length) throw new Error(`two indicators share a column name: ${columns.join(', ')}`);
  const depth = Math.max(0, ...rows.map((r) => levelDepth[r.place.level]));

  const geographyHeader = [
    'country_code',
    'country_name',
    ...(depth >= 1 ? ['region_code', 'region_name'] : []),
    ...(depth >= 2 ? ['old_la_code', 'new_la_code', 'la_name'] : []),
    ...(depth >= 3 ? ['lad_code', 'lad_name'] : []),
  ];
  const geographyOf = (p: OpenDataPlace): string[] => {
    const region = p.level === 'Regional' ? { code: p.code, name: p.name } : (p.region ?? null);
    const la = p.level === 'Local authority' ? { code: p.code, newCode: p.newCode ?? null, name: p.name } : (p.la ?? null);
    const cells: string[] = [england.code, england.name];
    if (depth >= 1) cells.push(...(levelDepth[p.level] >= 1 ? [region?.code ?? '', region?.name ?? ''] : ['', '']));
    if (depth >= 2) cells.push(...(levelDepth[p.level] >= 2 ? [la?.code ?? '', la?.newCode ?? '', la?.name ?? ''] : ['', '', '']));
    if (depth >= 3) cells.push(...(p.level === 'Local authority district' ? [p.code, p.name] : ['', '']));
    return cells;
  };

  // One line per period, place and pupil group, in the order first given; each indicator's figure in its column.
  const lines = new Map<string, { lead: string[]; figures: Map<string, string> }>();
  for (const r of rows) {
    const lead = [r.period, timeIdentifiers[r.periodType], r.place.level, ...geographyOf(r.place), breakdownValue(r.breakdown)];
    const key = JSON.stringify(lead);
    const line = lines.get(key) ?? { lead, figures: new Map<string, string>() };
    lines.set(key, line);
    line.figures.set(r.indicator.code, figureText(r));
  }
  const header = ['time_period', 'time_identifier', 'geographic_level', ...geographyHeader, breakdownColumn, ...columns];
  const data = [header, ...[...lines.values()].map((l) => [...l.lead, ...indicators.map((i) => l.figures.get(i.code) ?? 'x')])];

  const meta = [
    ['col_name', 'col_type', 'label', 'indicator_grouping', 'indicator_unit', 'indicator_dp', 'filter_hint', 'filter_grouping_column'],
    [breakdownColumn, 'Filter', 'Pupil group', '', '', '', 'Filter by pupil group', ''],
    // One dp per column: the most any of its figures is shown to.
    ...indicators.map((i) => [indicatorColumn(i.code), 'Indicator', i.title, '', indicatorUnit(i.unit), String(columnDecimals(rows, i)), '', '']),
  ];
  return { data: csvText(data), meta: csvText(meta) };
}

/** A figure at the decimals it is shown to (else its indicator's) with a plain minus sign, or its symbol ('x' where neither is given). */
function figureText(r: OpenDataRow): string {
  if (r.value === null) return r.symbol ?? 'x';
  const decimals = r.decimalPlaces ?? r.indicator.decimalPlaces;
  const rounded = roundHalfUp(r.value, decimals);
  return (rounded === 0 ? 0 : rounded).toFixed(decimals);
}

/** The decimals an indicator's column is written to in meta.csv: the most of any of its figures. */
function columnDecimals(rows: readonly OpenDataRow[], indicator: OpenDataIndicator): number {
  return Math.max(
    indicator.decimalPlaces,
    ...rows.filter((r) => r.indicator.code === indicator.code && r.value !== null).map((r) => r.decimalPlaces ?? indicator.decimalPlaces),
  );
}

const csvText = (lines: readonly (readonly string[])[]): string => `${lines.map((l) => l.map(csvField).join(',')).join('\n')}\n`;
