import type { DfeSymbol, Indicator } from '../indicators/indicator.ts';
import type { PlaceKind } from '../geography/place.ts';
import { endYearOf } from '../periods/period.ts';
import { breakBetween } from '../indicators/breaks.ts';

/**
 * The table builder's tables (issue 19.2), as plain data: what a reader chose (indicators × places × years × pupil
 * groups, as Explore Education Statistics asks for them step by step) and the tables built from it, one per indicator
 * (each has its own unit), a row per place and pupil group, a column per year. A permalink keeps the built tables
 * themselves, with the data version they were built from, so a later import never changes a permalinked table.
 */

/** A place as the builder names it in an address: its kind and code ('la:886', 'district:E07000110', 'school:118765'). */
export type PlaceChoice = `${PlaceKind}:${string}`;

export type TableQuery = Readonly<{
  indicators: readonly string[];
  places: readonly PlaceChoice[];
  /** The first and last years, as period codes ('201213'); every year held between them is a column. */
  from: string;
  to: string;
  /** Pupil group (breakdown) codes; 'all' is all pupils. */
  groups: readonly string[];
}>;

/** A figure as the reader was shown it: the value at its decimals, or the DfE symbol in its place. */
export type TableCell = Readonly<{ value: number | null; symbol: DfeSymbol | null; decimalPlaces: number }>;

/**
 * Where a row's place stood when the table was built, as the DfE's open-data layout names it (open-data.ts): an LA's
 * region and ONS code, a district's or a school's LA and region, a school's LAESTAB. Kept with a permalink, so its
 * open-data file never changes; absent in permalinks made before it was kept (those columns are then blank).
 */
export type PlaceGeography = Readonly<{
  region?: Readonly<{ code: string; name: string }> | null;
  la?: Readonly<{ code: string; newCode: string | null; name: string }> | null;
  /** An LA's nine-character ONS code. */
  newCode?: string | null;
  /** A school's LAESTAB. */
  laestab?: string | null;
}>;

export type BuiltRow = Readonly<{
  place: Readonly<{ kind: PlaceKind; code: string; name: string }> & PlaceGeography;
  group: string;
  /** One per period of the table, in order; null where no figure is held. */
  cells: readonly (TableCell | null)[];
}>;

export type BuiltTable = Readonly<{
  /**
   * The indicator as it was when the table was built; `breaks` where the measure changed and `periodType` (absent in
   * older permalinks).
   */
  indicator: Pick<Indicator, 'code' | 'title' | 'unit' | 'decimalPlaces' | 'polarity' | 'source'> & Partial<Pick<Indicator, 'breaks' | 'periodType'>>;
  periods: readonly string[];
  rows: readonly BuiltRow[];
}>;

/** The import the figures were read after: every figure of a built table was held when this batch was the latest. */
export type DataVersionMark = Readonly<{ batchId: number; importedAt: string }>;

export type TablePermalink = Readonly<{
  id: string;
  createdAt: string;
  query: TableQuery;
  dataVersion: DataVersionMark | null;
  tables: readonly BuiltTable[];
}>;

/**
 * How much one table may hold, so a page stays readable and a build stays quick: EES caps a table at about 5,000
 * cells; here at most 10 indicators, 100 places, 12 pupil groups and 2,000 rows over all tables.
 */
export const tableLimits = { indicators: 10, places: 100, groups: 12, rows: 2000 } as const;

/**
 * The years a table shows: those held between the first and last chosen, inclusive, in order. Years of different kinds
 * (an academic year 2014/15, a calendar year 2015) are placed by the year they end in, as a framework year is.
 */
export function periodsBetween(held: readonly string[], from: string, to: string): string[] {
  const [first, last] = [endYearOf(from), endYearOf(to)].sort((a, b) => a - b) as [number, number];
  return [...new Set(held)].filter((p) => endYearOf(p) >= first && endYearOf(p) <= last).sort((a, b) => endYearOf(a) - endYearOf(b) || a.localeCompare(b));
}

/** One figure found for the table, as disclosed to the reader. */
export type TableFigure = Readonly<{ indicator: string; place: PlaceChoice; group: string; period: string; cell: TableCell }>;

type NamedPlace = Readonly<{ choice: PlaceChoice; kind: PlaceKind; code: string; name: string; geography?: PlaceGeography }>;

/**
 * The tables for a query: one per indicator in the order chosen; in each, a row per place (in the order chosen) and
 * pupil group (in the order chosen) that has at least one figure in the years shown, and a column per year held for
 * that indicator in the range. A row with no figure in any year is left out (the page says how many were).
 */
export function buildTables(
  query: TableQuery,
  indicators: readonly BuiltTable['indicator'][],
  places: readonly NamedPlace[],
  figures: readonly TableFigure[],
): BuiltTable[] {
  return indicators.map((indicator) => {
    const own = figures.filter((f) => f.indicator === indicator.code);
    const periods = periodsBetween(
      own.map((f) => f.period),
      query.from,
      query.to,
    );
    const at = new Map(own.map((f) => [`${f.place}|${f.group}|${f.period}`, f.cell]));
    const rows: BuiltRow[] = [];
    for (const place of places)
      for (const group of query.groups) {
        const cells = periods.map((period) => at.get(`${place.choice}|${group}|${period}`) ?? null);
        if (cells.some((c) => c !== null)) rows.push({ place: { kind: place.kind, code: place.code, name: place.name, ...place.geography }, group, cells });
      }
    return { indicator, periods, rows };
  });
}

/** Whether a permalink's tables were built from older data than the store now holds (a later import exists). */
export function newerDataThan(built: DataVersionMark | null, now: DataVersionMark | null): boolean {
  return now !== null && (built === null || now.batchId > built.batchId);
}

/**
 * Where a table's years cross a change in the measure (the catalogue's breaks, breaks.ts): each break between two of its
 * neighbouring years (whether or not the break's own year is a column), and the years from the last of them on, the
 * latest run a chart may join with one line (figures either side of a break are not comparable).
 */
export function breaksWithin(
  table: Pick<BuiltTable, 'indicator' | 'periods'>,
): Readonly<{ breaks: readonly Readonly<{ period: string; note: string }>[]; latestRun: readonly string[] }> {
  const breaks: { period: string; note: string }[] = [];
  let from = 0;
  for (let i = 1; i < table.periods.length; i++) {
    const found = breakBetween(table.indicator.breaks ?? [], table.periods[i - 1]!, table.periods[i]!);
    if (found === null) continue;
    breaks.push({ period: found.period, note: found.note });
    from = i;
  }
  return { breaks, latestRun: table.periods.slice(from) };
}
