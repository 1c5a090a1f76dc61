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
 *   authority district", "School"), country_code, country_name; then region_code, region_name where a row is regional
 *   or below; old_la_code, new_la_code, la_name where a row is an LA or below; lad_code, lad_name for a district;
 *   school_urn, school_laestab, school_name for a school (the guide's "School: school_name, school_urn,
 *   school_laestab, old_la_code, new_la_code, la_name"; EES reads them by name, GeographicLevelUtils: School's code
 *   school_urn, name school_name, other school_laestab); then the filter columns, then one column per indicator.
 * - meta.csv has the columns col_name, col_type (Filter or Indicator), label, indicator_grouping, indicator_unit (""
 *   or "%" here; the standard also allows "£", "£m", "pp" and "string"), indicator_dp, filter_hint,
 *   filter_grouping_column: one row per filter and per indicator column. Time and geography columns are the
 *   standard's own and are not described there.
 * - One data file holds one kind of year ("Producers should not mix different types of years in the same dataset …
 *   you cannot have Academic year and Calendar year data in the same data file"), and school-level figures are a data
 *   file of their own ("any files consisting of school-level data should be standalone data files … They should also
 *   include LA level information"; School level "will not be read into the table tool … if mixed in with other
 *   levels"). `openDataFiles` refuses either mix; `openDataArchive` splits figures into as many files as they need.
 *
 * Rows are given already disclosed, figures as the page shows them: this writes each at its indicator's decimals
 * (rounded once, half up, as the DfE rounds) with a plain hyphen-minus (machines read it), or its DfE symbol as given.
 * Pure: the caller zips the files.
 */

export type OpenDataLevel = 'National' | 'Regional' | 'Local authority' | 'Local authority district' | 'School';

/** Where a row's figure is for: the place itself, with the region and LA above it where its level needs them. */
export type OpenDataPlace = Readonly<{
  level: OpenDataLevel;
  code: string;
  name: string;
  /** The region a Local authority, a district or a school is in (blank columns where it is not known). */
  region?: Readonly<{ code: string; name: string }> | null;
  /** The LA a district or a school is in: its three-digit DfE code, its nine-character ONS code where held, and its name. */
  la?: Readonly<{ code: string; newCode?: string | null; name: string }> | null;
  /** An LA's nine-character ONS code (new_la_code), where held. */
  newCode?: string | null;
  /** A school's LAESTAB (school_laestab: its LA's code and establishment number, 8862001), where held; its URN is `code`. */
  laestab?: string | null;
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

/**
 * The geography columns after country_code and country_name, each group written where any row's level needs it and
 * filled for the rows at or below its level (the guide: "for a local authority row, the region and country columns
 * would all be completed as well as the la columns"; blank where a level has none).
 */
const geographyGroups: readonly Readonly<{ columns: readonly string[]; levels: readonly OpenDataLevel[]; cells: (p: OpenDataPlace) => string[] }>[] = [
  {
    columns: ['region_code', 'region_name'],
    levels: ['Regional', 'Local authority', 'Local authority district', 'School'],
    cells: (p) => (p.level === 'Regional' ? [p.code, p.name] : [p.region?.code ?? '', p.region?.name ?? '']),
  },
  {
    columns: ['old_la_code', 'new_la_code', 'la_name'],
    levels: ['Local authority', 'Local authority district', 'School'],
    cells: (p) => (p.level === 'Local authority' ? [p.code, p.newCode ?? '', p.name] : [p.la?.code ?? '', p.la?.newCode ?? '', p.la?.name ?? '']),
  },
  { columns: ['lad_code', 'lad_name'], levels: ['Local authority district'], cells: (p) => [p.code, p.name] },
  { columns: ['school_urn', 'school_laestab', 'school_name'], levels: ['School'], cells: (p) => [p.code, p.laestab ?? '', p.name] },
];

/** Why rows cannot share one data file under the standard (two kinds of year, or schools beside other levels), or null. */
function mixedRows(rows: readonly OpenDataRow[]): string | null {
  const kinds = [...new Set(rows.map((r) => timeIdentifiers[r.periodType]))];
  if (kinds.length > 1) return `one data file holds one kind of year, not ${kinds.join(' and ')}`;
  const schools = rows.filter((r) => r.place.level === 'School').length;
  if (schools > 0 && schools < rows.length) return 'school-level figures are a data file of their own';
  return null;
}

/** data.csv and meta.csv for the rows, one data row per period, place and pupil group, one column per indicator. */
export function openDataFiles(rows: readonly OpenDataRow[]): OpenDataFiles {
  const mixed = mixedRows(rows);
  if (mixed !== null) throw new Error(`These figures need more than one data file (openDataArchive): ${mixed}`);
  const indicators = [...new Map(rows.map((r) => [r.indicator.code, r.indicator])).values()];
  const columns = indicators.map((i) => indicatorColumn(i.code));
  if (new Set(columns).size !== columns.length) throw new Error(`two indicators share a column name: ${columns.join(', ')}`);
  const groups = geographyGroups.filter((g) => rows.some((r) => g.levels.includes(r.place.level)));
  const geographyOf = (p: OpenDataPlace): string[] => [
    england.code,
    england.name,
    ...groups.flatMap((g) => (g.levels.includes(p.level) ? g.cells(p) : g.columns.map(() => ''))),
  ];

  // One line per period, place and pupil group, in the order first given; each indicator's figure in its column.
  const lines = new Map<string, { lead: string[]; figures: Map<string, string> }>();
  for (const r of rows) {
    const lead = [r.period, timeIdentifiers[r.periodType], r.place.level, ...geographyOf(r.place), breakdownValue(r.breakdown)];
    const key = JSON.stringify(lead);
    const line = lines.get(key) ?? { lead, figures: new Map<string, string>() };
    lines.set(key, line);
    line.figures.set(r.indicator.code, figureText(r));
  }
  const header = [
    'time_period',
    'time_identifier',
    'geographic_level',
    'country_code',
    'country_name',
    ...groups.flatMap((g) => g.columns),
    breakdownColumn,
    ...columns,
  ];
  const data = [header, ...[...lines.values()].map((l) => [...l.lead, ...indicators.map((i) => l.figures.get(i.code) ?? 'x')])];

  const meta = [
    ['col_name', 'col_type', 'label', 'indicator_grouping', 'indicator_unit', 'indicator_dp', 'filter_hint', 'filter_grouping_column'],
    [breakdownColumn, 'Filter', 'Pupil group', '', '', '', 'Filter by pupil group', ''],
    // One dp per column: the most any of its figures is shown to.
    ...indicators.map((i) => [indicatorColumn(i.code), 'Indicator', i.title, '', indicatorUnit(i.unit), String(columnDecimals(rows, i)), '', '']),
  ];
  return { data: csvText(data), meta: csvText(meta) };
}

/** One data file of an archive: its name without `.csv` (lower case, letters and underscores), its title, its two files. */
export type OpenDataSet = Readonly<{ stem: string; title: string; files: OpenDataFiles }>;

/**
 * The rows as the data files the standard asks for: one per kind of year, and the schools' figures of each kind of
 * year apart from the other levels' ("If you have different types of year such academic, calendar, and financial,
 * these should be in separate files"), in the order the rows first need them.
 */
export function openDataSets(rows: readonly OpenDataRow[]): OpenDataSet[] {
  const sets = new Map<string, { stem: string; title: string; rows: OpenDataRow[] }>();
  for (const r of rows) {
    const time = timeIdentifiers[r.periodType];
    const school = r.place.level === 'School';
    const stem = `${time.toLowerCase().replace(/ /g, '_')}${school ? '_schools' : ''}`;
    const set = sets.get(stem) ?? { stem, title: school ? `Schools, by ${time.toLowerCase()}` : `By ${time.toLowerCase()}`, rows: [] };
    sets.set(stem, set);
    set.rows.push(r);
  }
  return [...sets.values()].map((s) => ({ stem: s.stem, title: s.title, files: openDataFiles(s.rows) }));
}

/** A file to put in an open-data ZIP: its name and its text. */
export type ArchiveFile = Readonly<{ name: string; text: string }>;

/**
 * The files of an open-data ZIP. Figures that fit one data file give data.csv and meta.csv, as the indicator page's
 * download does. Figures that need several are laid out as EES takes several data files in one ZIP (its bulk upload,
 * checked by the screener's check_zip_pairs and check_zip_manifest_format): each `{stem}.csv` with its
 * `{stem}.meta.csv` at the root ("The metadata file should have exactly the same name as the data file, with a suffix
 * of '.meta'"), and dataset_names.csv listing them (columns file_name, dataset_name).
 */
export function openDataArchive(rows: readonly OpenDataRow[]): ArchiveFile[] {
  const sets = openDataSets(rows);
  if (sets.length <= 1) {
    const files = sets[0]?.files ?? openDataFiles([]);
    return [
      { name: 'data.csv', text: files.data },
      { name: 'meta.csv', text: files.meta },
    ];
  }
  return [
    { name: 'dataset_names.csv', text: csvText([['file_name', 'dataset_name'], ...sets.map((s) => [s.stem, s.title])]) },
    ...sets.flatMap((s) => [
      { name: `${s.stem}.csv`, text: s.files.data },
      { name: `${s.stem}.meta.csv`, text: s.files.meta },
    ]),
  ];
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
