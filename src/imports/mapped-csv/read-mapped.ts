import type { FileIssue } from '../../domain/errors.ts';
import type { MappedSummary } from '../../domain/import-file.ts';
import type { PlaceKind } from '../../domain/geography/place.ts';
import type { DfeSymbol } from '../../domain/indicators/indicator.ts';
import { quoted } from '../../domain/errors.ts';
import { parseDfeNumber, percentFromProportion } from '../../domain/indicators/dfe-number.ts';
import { publishedDecimals } from '../../domain/indicators/lait.ts';
import { readPeriod, type PlaceRef, type PublishedValueRecord } from '../../domain/indicators/published-values.ts';
import type { CsvRow, CsvText } from '../csv-table.ts';
import { hasColumns } from '../row-schema.ts';
import type { Mapping } from './mapping.ts';

export function recognisedBy(header: readonly string[], mapping: Mapping): boolean {
  return hasColumns(header, mapping.recognise);
}

/**
 * A mapped file screened as it streams in (issue 20.5): every row read through its mapping, its problems and skipped
 * rows counted, and the records let go. `records` reads the file again, `chunkRows` rows at a time, for the writer;
 * a file that is no longer the one screened ends that pass with an issue in the `issues` it is given.
 */
export async function screenMapped(
  text: CsvText,
  mapping: Mapping,
  chunkRows = 1_000,
): Promise<{
  issues: FileIssue[];
  skips: [number, string][];
  rowCount: number;
  summary: MappedSummary;
  records: (issues: FileIssue[]) => AsyncGenerator<readonly PublishedValueRecord[]>;
}> {
  // A file CSV cannot read (a row it cannot parse, a byte that is not UTF-8) is refused for that alone, as the
  // whole-file reader refuses it before the mapping reads a row; otherwise the mapping's problems, in line order.
  const csvIssues: FileIssue[] = [];
  const mappingIssues: FileIssue[] = [];
  const reader = mappedReader(text.file, text.header, mapping);
  const indicators = new Map<string, number>();
  const periods = new Set<string>();
  const placeKinds = new Set<PlaceKind>();
  let rowCount = 0;
  if (reader.absent !== null) mappingIssues.push(reader.absent);
  else
    for await (const rows of text.rows(csvIssues, chunkRows)) {
      rowCount += rows.length;
      for (const r of reader.read(rows, mappingIssues)) {
        if (!indicators.has(r.indicator)) indicators.set(r.indicator, r.line);
        periods.add(r.period);
        placeKinds.add(r.place.kind);
      }
    }
  async function* records(passIssues: FileIssue[]): AsyncGenerator<readonly PublishedValueRecord[]> {
    // The rows screened, read again: a file changed since it was screened adds its issues to `passIssues` (the pass
    // ends with one if the file's bytes are no longer those hashed), and the writer is then refused.
    const again = mappedReader(text.file, text.header, mapping);
    for await (const rows of text.rows(passIssues, chunkRows)) yield again.read(rows, passIssues);
  }
  return {
    issues: csvIssues.length > 0 ? csvIssues : mappingIssues,
    skips: reader.skips(),
    rowCount,
    summary: { indicators, periods, placeKinds },
    records,
  };
}

/**
 * The rule of a mapping, a chunk of rows at a time: `absent` is the columns the mapping needs that the header lacks;
 * `read` gives a chunk's records and adds its rows' problems to `issues`; `skips` counts the rows left out, by reason.
 */
function mappedReader(file: string, header: readonly string[], mapping: Mapping) {
  const skips = new Map<string, number>();
  const skip = (reason: string) => skips.set(reason, (skips.get(reason) ?? 0) + 1);
  const periodColumn = 'column' in mapping.period ? mapping.period.column : undefined;
  const used = [
    periodColumn,
    ...mapping.values.flatMap((v) => Object.keys(v.when ?? {})),
    ...Object.keys(mapping.where),
    ...mapping.breakdowns.map((b) => b.column),
    ...mapping.values.flatMap((v) => [v.value, v.numerator, v.denominator]),
  ];
  const missing = [...new Set(used.filter((c): c is string => c !== undefined && !header.includes(c)))];
  const absent: FileIssue | null =
    missing.length === 0
      ? null
      : { file, line: 1, column: missing[0]!, message: `the mapping ${mapping.id} needs column(s) the file lacks: ${missing.join(', ')}` };

  const read = (rows: readonly CsvRow[], issues: FileIssue[]): PublishedValueRecord[] => {
    const records: PublishedValueRecord[] = [];
    rows: for (const row of rows) {
      const cell = (column: string) => (row.values[column] ?? '').trim();
      for (const [column, allowed] of Object.entries(mapping.where))
        if (!allowed.includes(cell(column))) {
          skip(`rows whose ${column} is not ${allowed.map((a) => (a === '' ? '(blank)' : a)).join(' or ')}`);
          continue rows;
        }
      const kind = levelOf(mapping, cell);
      if (kind === null) {
        skip(`rows of a level the mapping leaves out`);
        continue;
      }
      const place = placeOf(mapping, kind, cell);
      if (place === null) {
        skip(`rows that name no ${kind}`);
        continue;
      }
      const period = 'fixed' in mapping.period ? mapping.period.fixed : readPeriod(cell(mapping.period.column), mapping.period.format);
      if (period === null) {
        const { column, format } = mapping.period as { column: string; format: string };
        issues.push({ file, line: row.line, column, message: `${quoted(cell(column))} is not a period written as ${format}` });
        continue;
      }
      const parts: string[] = [];
      for (const b of mapping.breakdowns) {
        const mapped = b.map[cell(b.column)];
        if (mapped === undefined) {
          skip(`rows whose ${b.column} the mapping does not map`);
          continue rows;
        }
        if (mapped !== 'all') parts.push(mapped);
      }
      for (const v of mapping.values) {
        if (v.when !== undefined && !Object.entries(v.when).every(([column, allowed]) => allowed.includes(cell(column)))) continue;
        if (cell(v.value) === '' && mapping.blank === 'skip') {
          skip(`blank ${v.value} cells`);
          continue;
        }
        const value = readNumber(cell(v.value), mapping.symbols, v.proportion === true);
        const numerator = v.numerator === undefined ? null : readNumber(cell(v.numerator), mapping.symbols);
        const denominator = v.denominator === undefined ? null : readNumber(cell(v.denominator), mapping.symbols);
        const bad = [
          [v.value, value],
          [v.numerator, numerator],
          [v.denominator, denominator],
        ].find(([, r]) => r !== null && typeof r === 'object' && 'error' in r);
        if (bad !== undefined) {
          issues.push({ file, line: row.line, column: bad[0] as string, message: (bad[1] as { error: string }).error });
          continue;
        }
        const reading = value as Reading;
        const breakdown = [...parts, ...(v.breakdown === undefined || v.breakdown === 'all' ? [] : [v.breakdown])].join(';') || 'all';
        records.push({
          line: row.line,
          place,
          period,
          dataVersion: mapping.dataVersion,
          indicator: v.indicator,
          breakdown,
          value: reading.value,
          numerator: (numerator as Reading | null)?.value ?? null,
          denominator: (denominator as Reading | null)?.value ?? null,
          symbol: reading.symbol,
          publishedDecimals: mapping.unrounded ? null : reading.decimals,
          columns: { value: v.value, numerator: v.numerator ?? null, denominator: v.denominator ?? null },
        });
      }
    }
    return records;
  };
  return { absent, read, skips: (): [number, string][] => [...skips].map(([reason, n]) => [n, reason]) };
}

type Reading = { value: number | null; symbol: DfeSymbol | null; decimals: number | null };

/** A cell as a number, a symbol of the file's own (':' means not applicable in applications and offers), or blank = x. */
function readNumber(raw: string, symbols: Readonly<Record<string, DfeSymbol>>, proportion = false): Reading | { error: string } {
  const symbol = symbols[raw];
  if (symbol !== undefined) return { value: null, symbol, decimals: null };
  if (raw === '') return { value: null, symbol: 'x', decimals: null };
  const read = parseDfeNumber(raw, { percentSign: true });
  if (!read.ok)
    return {
      error: `${quoted(raw)} is neither a number nor one of the file's symbols (${Object.keys(symbols).join(', ') || 'none declared'}): ${read.reason}`,
    };
  if (proportion) {
    const percent = percentFromProportion(read.text);
    return { value: percent.value, symbol: null, decimals: publishedDecimals(percent.text) };
  }
  return { value: read.value, symbol: null, decimals: publishedDecimals(read.text) };
}

function levelOf(mapping: Mapping, cell: (c: string) => string): PlaceKind | null {
  const level = mapping.level;
  if (typeof level === 'string') return level;
  if ('map' in level) {
    const mapped = level.map[cell(level.column)];
    return mapped === undefined || mapped === 'skip' ? null : mapped;
  }
  return level.firstFilled.find((f) => cell(f.column) !== '' && !level.unfilled.includes(cell(f.column)))?.kind ?? level.otherwise;
}

function placeOf(mapping: Mapping, kind: PlaceKind, cell: (c: string) => string): PlaceRef | null {
  const columns = mapping.places[kind as keyof typeof mapping.places];
  const read = (column: string | undefined) =>
    column === undefined || cell(column) === '' || mapping.noPlace.includes(cell(column)) ? null : cell(column).replace(/\.0$/, '');
  if (columns === undefined) return kind === 'country' ? { kind, code: null, name: 'England', regionCode: null, regionName: null, laCode: null } : null;
  const ref = {
    kind,
    code: read(columns.code),
    name: read(columns.name),
    regionCode: read(columns.regionCode),
    regionName: read(columns.regionName),
    laCode: read(columns.laCode),
  };
  return ref.code === null && ref.name === null ? null : ref;
}
