import { quoted, type FileIssue } from '../../domain/errors.ts';
import type { PlaceKind } from '../../domain/geography/place.ts';
import { england } from '../../domain/geography/reference-places.ts';
import { annualAverage } from '../../domain/indicators/annual-average.ts';
import type { PublishedValueRecord } from '../../domain/indicators/published-values.ts';
import type { CsvTable } from '../csv-table.ts';
import { readWhole, type ChunkReader, type TableHead } from '../chunk-reader.ts';
import { hasColumns } from '../row-schema.ts';

/**
 * ONS claimant count by sex and age as Nomis downloads it (dataset NM_162_1, "Claimant count by sex and age", the
 * API's `data.csv`): one row per month, place, sex, age band and measure, the month in DATE_NAME ("January 2013"), the
 * place in GEOGRAPHY_CODE (ONS code) and GEOGRAPHY_NAME, the sex in GENDER_NAME (or SEX_NAME), the band in AGE_NAME, the
 * measure in MEASURE_NAME and the value in OBS_VALUE (MEASURES_NAME "Value"). Counts are rounded to the nearest 5.
 *
 * Read: both sexes ("Total"), age "Aged 18-24", the measures "Claimant count" (→ unemployed-18-24) and the claimants as
 * a proportion of residents of that age (→ youth-unemployment-rate-16-24), each averaged over the calendar year
 * (domain/indicators/annual-average.ts). The rate is the 18-24 proportion, not 16-24: 16 and 17 year olds can rarely
 * claim, so 18-24 is the band the claimant count measures youth unemployment by, and the seed's own hotspot figure is
 * 18-24. A year with a month missing for a place is not averaged: it is left out and named in the batch's notes. Other
 * rows (other ages, one sex, other measures, places Waymark holds no kind for) are skipped and counted.
 */

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const claimantAge = 'Aged 18-24';
export const claimantCountMeasure = 'Claimant count';
/** The proportion's label for an age band; "of residents aged 16-64" (the all-ages measure) is not the youth rate. */
export const claimantProportionMeasures = ['Claimants as a proportion of residents of the same age', 'Claimants as a proportion of residents aged 18-24'];

const indicatorOf = (measure: string): string | null =>
  measure === claimantCountMeasure ? 'unemployed-18-24' : claimantProportionMeasures.includes(measure) ? 'youth-unemployment-rate-16-24' : null;

/** The place kind an ONS code names: England, a region, an LA (county, unitary, metropolitan or London borough), a district. */
function placeKindOf(code: string): PlaceKind | null {
  if (code === england.code) return 'country';
  if (/^E12\d{6}$/.test(code)) return 'region';
  if (/^E(06|08|09|10)\d{6}$/.test(code)) return 'la';
  if (/^E07\d{6}$/.test(code)) return 'district';
  return null;
}

/** One place's monthly values of one measure in one year, with the line of its first row. */
type Series = {
  code: string;
  name: string;
  kind: PlaceKind;
  indicator: string;
  year: number;
  line: number;
  months: Map<number, { value: number; line: number }>;
};

export type ClaimantCountRead = { records: PublishedValueRecord[]; issues: FileIssue[]; skipped: number; incomplete: string[] };

export const nomisClaimantCount = {
  id: 'nomis-claimant-count',
  label: 'ONS claimant count by sex and age (Nomis NM_162_1 CSV)',
  encoding: 'utf-8',
  recognise: (header: readonly string[]) =>
    hasColumns(header, ['DATE_NAME', 'GEOGRAPHY_NAME', 'GEOGRAPHY_CODE', 'AGE_NAME', 'MEASURE_NAME', 'MEASURES_NAME', 'OBS_VALUE']) &&
    (hasColumns(header, ['GENDER_NAME']) || hasColumns(header, ['SEX_NAME'])),
  parse: (table: CsvTable): ClaimantCountRead => readWhole(table, claimantCountReader),
  reader: claimantCountReader,
} as const;

/**
 * The file's rows a chunk at a time, read into series by place, measure and year (rows the format does not read
 * counted, bad rows as issues); each series is averaged over its year once every row is in.
 */
function claimantCountReader(head: TableHead): ChunkReader<ClaimantCountRead> {
  const sexColumn = head.header.includes('GENDER_NAME') ? 'GENDER_NAME' : 'SEX_NAME';
  const issues: FileIssue[] = [];
  const issue = (line: number, column: string, message: string) => issues.push({ file: head.file, line, column, message });
  const series = new Map<string, Series>();
  let skipped = 0;
  return {
    read(chunk) {
      for (const row of chunk.rows) {
        const v = (column: string) => (row.values[column] ?? '').trim();
        const indicator = indicatorOf(v('MEASURE_NAME'));
        if (v(sexColumn) !== 'Total' || v('AGE_NAME') !== claimantAge || v('MEASURES_NAME') !== 'Value' || indicator === null) {
          skipped++;
          continue;
        }
        const date = /^([A-Z][a-z]+) ((?:19|20)\d{2})$/.exec(v('DATE_NAME'));
        const month = date === null ? 0 : months.indexOf(date[1]!) + 1;
        if (date === null || month === 0) {
          issue(row.line, 'DATE_NAME', `${quoted(v('DATE_NAME'))} is not a month as Nomis writes it (e.g. "January 2013")`);
          continue;
        }
        const code = v('GEOGRAPHY_CODE');
        if (!/^[EWSNK]\d{8}$/.test(code)) {
          issue(row.line, 'GEOGRAPHY_CODE', `${quoted(code)} is not an ONS area code (a letter and 8 digits, e.g. E07000114)`);
          continue;
        }
        const kind = placeKindOf(code);
        if (kind === null) {
          skipped++;
          continue;
        }
        const text = v('OBS_VALUE');
        if (text !== '' && !/^\d+(\.\d+)?$/.test(text)) {
          issue(row.line, 'OBS_VALUE', `${quoted(text)} is not a count or a proportion (a number, 0 or more)`);
          continue;
        }
        const year = Number(date[2]);
        const key = `${code}|${indicator}|${year}`;
        const held: Series = series.get(key) ?? { code, name: v('GEOGRAPHY_NAME'), kind, indicator, year, line: row.line, months: new Map() };
        series.set(key, held);
        const earlier = held.months.get(month);
        if (earlier !== undefined) {
          issue(
            row.line,
            'DATE_NAME',
            `a second row for ${held.name} (${code}), ${v('MEASURE_NAME')}, ${v('DATE_NAME')}: the first is on line ${earlier.line}`,
          );
          continue;
        }
        // A blank value (Nomis leaves a month it has not published blank) is a month the year lacks.
        held.months.set(month, { value: text === '' ? Number.NaN : Number(text), line: row.line });
      }
    },
    finish() {
      if (issues.length > 0) return { records: [], issues, skipped, incomplete: [] };
      const records: PublishedValueRecord[] = [];
      const incomplete: string[] = [];
      for (const s of series.values()) {
        const average = annualAverage([...s.months].filter(([, m]) => !Number.isNaN(m.value)).map(([month, m]) => ({ month, value: m.value })));
        if (average.kind === 'incomplete') {
          const what = s.indicator === 'unemployed-18-24' ? 'claimant count' : 'claimant proportion';
          const lacks = average.missingMonths.map((m) => months[m - 1]!.slice(0, 3)).join(', ');
          incomplete.push(`${s.name} ${s.year} ${what} (${12 - average.missingMonths.length} of 12 months; lacks ${lacks})`);
          continue;
        }
        records.push({
          line: s.line,
          place: { kind: s.kind, code: s.code, name: s.name, regionCode: null, regionName: null, laCode: null },
          period: String(s.year),
          dataVersion: 'final',
          indicator: s.indicator,
          breakdown: 'all',
          value: average.value,
          numerator: null,
          denominator: null,
          symbol: null,
          publishedDecimals: null,
          columns: { value: 'OBS_VALUE', numerator: null, denominator: null },
        });
      }
      return { records, issues, skipped, incomplete };
    },
  };
}
