import { DuckDBDoubleVector, DuckDBVarCharVector, type DuckDBConnection, type DuckDBDataChunk } from '@duckdb/node-api';
import { england } from '../domain/geography/reference-places.ts';
import { schoolBreakdowns, type PupilFilter } from '../domain/pupils/breakdowns.ts';
import type { Collection } from '../domain/pupils/pupil-record.ts';
import { figureOf, measuresFor, numeratorIsFigure, type MeasureForm } from './measures.ts';
import { sqlString } from './duckdb.ts';

/**
 * The set-based compute: one statement per pupil file aggregates every measure of the collection at every level
 * (schools by URN; district, LA, region and England through GROUPING SETS; LA-defined groupings through their memberships)
 * and every breakdown (each pupil is expanded into the groups it counts in). Nothing is aggregated in JavaScript.
 */

export type PlaceLevel = 'school' | 'district' | 'grouping' | 'la' | 'region' | 'country';

/** Where a school sits in the period computed: its district, LA and region by location, and its groupings. */
export type SchoolPlacement = Readonly<{ urn: string; district: string | null; la: string | null; region: string | null; groupings: readonly string[] }>;

export type ComputedFigure = Readonly<{
  level: PlaceLevel;
  code: string;
  breakdown: string;
  indicator: string;
  form: MeasureForm;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Pupils (census: enrolments) in the cell, whatever the measure's denominator counts. */
  pupils: number;
  rule: string;
}>;

export type PupilFileInput = Readonly<{ path: string; collection: Collection; period: string }>;

const breakdownList = (collection: Collection) =>
  `list_value('all',
     if(fsm, 'fsm', 'not-fsm'),
     if(disadvantaged, 'disadvantaged', 'not-disadvantaged'),
     case sen when 'K' then 'sen-support' when 'E' then 'ehc-plan' else 'no-sen' end,
     if(in_care, 'in-care', 'not-in-care'),
     if(gender = 'F', 'gender:female', 'gender:male'),
     'ethnicity:' || ethnicity,
     if(eal, 'eal', 'not-eal')${collection === 'census' ? `, 'phase:' || phase` : ''})`;

/** Load the period's placements into DuckDB (tables school_places and grouping_members). */
export async function loadPlacements(connection: DuckDBConnection, placements: readonly SchoolPlacement[]): Promise<void> {
  await connection.run('create or replace temp table school_places (urn varchar primary key, district varchar, la varchar, region varchar)');
  await connection.run('create or replace temp table grouping_members (urn varchar, grouping varchar)');
  const places = await connection.createAppender('school_places');
  const members = await connection.createAppender('grouping_members');
  try {
    for (const p of placements) {
      places.appendVarchar(p.urn);
      for (const code of [p.district, p.la, p.region])
        if (code === null) places.appendNull();
        else places.appendVarchar(code);
      places.endRow();
      for (const g of p.groupings) {
        members.appendVarchar(p.urn);
        members.appendVarchar(g);
        members.endRow();
      }
    }
    places.flushSync();
    members.flushSync();
  } finally {
    places.closeSync();
    members.closeSync();
  }
}

/**
 * The one statement that aggregates a pupil file at every level and breakdown (placements must be loaded first): each
 * pupil counted once in each of its groups; schools only in the groups held for schools (measured: grouping every
 * level by every group and discarding the schools' other groups was slower; one grouping set per level and group
 * over the pupils as they are, bench/reference-compute.ts, was slower on the demo's many small files and faster on
 * one national file of 600,000 pupils or more). The expansion is read three times and not materialized (DuckDB
 * materializes a CTE read more than once by default; `placed`, a row a pupil, is now the one written out): on the
 * bench's national file of 600,000 pupils the statement took 3.0 s materialized and 0.8-1.1 s not, in the same day's
 * `npm run bench` runs (2.0-2.5 s against 0.7 s timed alone), with the same cells.
 */
export function pupilFileStatement(file: PupilFileInput): string {
  const chosen = measuresFor(file.collection, file.period);
  // Doubles, not DuckDB's BIGINT or HUGEINT: they come into JavaScript as numbers, not BigInts (every count and sum here
  // is a whole number far below 2^53, so each is held exactly).
  const aggregates = chosen.map(({ sql }, i) => `(${sql.numerator})::double as n${i}, (${sql.denominator})::double as d${i}`).join(',\n  ');
  const levelCase = `case when grouping(district) = 0 then 'district' when grouping(la) = 0 then 'la'
      when grouping(region) = 0 then 'region' else 'country' end`;
  const codeCase = `case when grouping(district) = 0 then district when grouping(la) = 0 then la
      when grouping(region) = 0 then region else ${sqlString(england.code)} end`;
  return `
    with placed as (
      select p.*, s.district, s.la, s.region
      from read_parquet(${sqlString(file.path)}) p left join school_places s on s.urn = p.urn
    ),
    expanded as not materialized (select *, unnest(${breakdownList(file.collection)}) as breakdown from placed),
    by_school as (
      select 'school' as level, urn as code, breakdown, count(*)::double as pupils, ${aggregates}
      from expanded where breakdown in (${[...schoolBreakdowns].map(sqlString).join(', ')})
      group by urn, breakdown
    ),
    by_place as (
      select ${levelCase} as level, ${codeCase} as code, breakdown, count(*)::double as pupils, ${aggregates}
      from expanded
      group by grouping sets ((breakdown, district), (breakdown, la), (breakdown, region), (breakdown))
    ),
    by_grouping as (
      select 'grouping' as level, g.grouping as code, breakdown, count(*)::double as pupils, ${aggregates}
      from expanded e join grouping_members g on g.urn = e.urn
      group by g.grouping, breakdown
    )
    select * from by_school where code is not null
    union all
    select * from by_place where code is not null
    union all
    select * from by_grouping
    order by level, code, breakdown`;
}

/**
 * Every measure of the file's collection, at every level and breakdown (placements must be loaded first).
 * Pupils at a school with no placement count in England only, and are reported.
 */
export async function aggregatePupilFile(connection: DuckDBConnection, file: PupilFileInput): Promise<{ figures: ComputedFigure[]; unplacedPupils: number }> {
  const chosen = measuresFor(file.collection, file.period);
  if (chosen.length === 0) return { figures: [], unplacedPupils: 0 };
  const statement = pupilFileStatement(file);
  // Pupils at a school without placement are left out of every level but England: count them (an LA should know).
  const unplacedStatement = `select count(*) as n from read_parquet(${sqlString(file.path)}) p anti join school_places s on s.urn = p.urn`;
  const result = await connection.run(statement);
  const unplaced = await connection.runAndReadAll(unplacedStatement);
  const measures = chosen.map(({ measure, sql }) => ({
    measure,
    rule: sql.rule,
    keepsNumerator: !(measure.form === 'mean' || numeratorIsFigure(measure.form)),
  }));
  // Read from DuckDB's vectors chunk by chunk (level, code, breakdown, pupils, then each measure's numerator and
  // denominator): converting every value of the result into a JavaScript row or column first took twice as long.
  const figures: ComputedFigure[] = [];
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const [level, code, breakdown] = [0, 1, 2].map((column) => vectorOf(chunk, column, DuckDBVarCharVector));
    const pupils = vectorOf(chunk, 3, DuckDBDoubleVector);
    const counts = measures.map((_, i) => [vectorOf(chunk, 4 + 2 * i, DuckDBDoubleVector), vectorOf(chunk, 5 + 2 * i, DuckDBDoubleVector)] as const);
    for (let row = 0; row < chunk.rowCount; row++)
      measures.forEach(({ measure, rule, keepsNumerator }, i) => {
        const denominator = counts[i]![1].getItem(row);
        if (denominator === 0 || denominator === null) return; // no pupils with a result for this measure in the cell
        const numerator = counts[i]![0].getItem(row);
        figures.push({
          level: level!.getItem(row) as PlaceLevel,
          code: code!.getItem(row)!,
          breakdown: breakdown!.getItem(row)!,
          indicator: measure.indicator,
          form: measure.form,
          value: figureOf(measure.form, numerator, denominator),
          numerator: keepsNumerator ? numerator : null,
          denominator,
          pupils: pupils.getItem(row)!,
          rule,
        });
      });
  }
  return { figures, unplacedPupils: Number(unplaced.getRowObjectsJS()[0]!.n) };
}

/** The SQL condition for an ad-hoc pupil group (values are from closed vocabularies, validated before they get here). */
export function filterCondition(filter: PupilFilter): string {
  const parts = ['true'];
  if (filter.fsm !== undefined) parts.push(`fsm = ${filter.fsm}`);
  if (filter.disadvantaged !== undefined) parts.push(`disadvantaged = ${filter.disadvantaged}`);
  if (filter.sen !== undefined) parts.push(`sen = ${sqlString(filter.sen)}`);
  if (filter.inCare !== undefined) parts.push(`in_care = ${filter.inCare}`);
  if (filter.gender !== undefined) parts.push(`gender = ${sqlString(filter.gender)}`);
  if (filter.ethnicity !== undefined) parts.push(`ethnicity = ${sqlString(filter.ethnicity)}`);
  if (filter.eal !== undefined) parts.push(`eal = ${filter.eal}`);
  return parts.join(' and ');
}

/**
 * An ad-hoc group in one place, answered live from the pupil file: every measure of the collection for the pupils
 * who match the filter in the schools given (a district's, a grouping's, an LA's schools; all when `urns` is null).
 */
export async function aggregateAdHoc(
  connection: DuckDBConnection,
  file: PupilFileInput,
  urns: readonly string[] | null,
  filter: PupilFilter,
): Promise<Omit<ComputedFigure, 'level' | 'code' | 'breakdown' | 'pupils'>[]> {
  const chosen = measuresFor(file.collection, file.period);
  if (chosen.length === 0) return [];
  const aggregates = chosen.map(({ sql }, i) => `${sql.numerator} as n${i}, ${sql.denominator} as d${i}`).join(', ');
  const inPlace = urns === null ? 'true' : urns.length === 0 ? 'false' : `urn in (${urns.map(sqlString).join(', ')})`;
  const result = await connection.runAndReadAll(
    // "placed" is every pupil of the file, as in the full compute (a band's SD is taken over the whole file).
    `with placed as (select * from read_parquet(${sqlString(file.path)})) select ${aggregates} from placed where ${inPlace} and ${filterCondition(filter)}`,
  );
  const row = result.getRowObjectsJS()[0]!;
  return chosen.map(({ measure, sql }, i) => {
    const numerator = toNumber(row[`n${i}`]);
    const denominator = toNumber(row[`d${i}`]) ?? 0;
    return {
      indicator: measure.indicator,
      form: measure.form,
      value: figureOf(measure.form, numerator, denominator),
      numerator: measure.form === 'mean' || numeratorIsFigure(measure.form) ? null : (numerator ?? 0),
      denominator,
      rule: sql.rule,
    };
  });
}

/** A column of a chunk as the vector its type gives (the statement casts its counts to DOUBLE). */
function vectorOf<V>(chunk: DuckDBDataChunk, column: number, kind: new (...args: never[]) => V): V {
  const vector = chunk.getColumnVector(column);
  if (!(vector instanceof kind)) throw new Error(`column ${column} of the compute's result is ${vector.type.toString()}, not the type it was cast to`);
  return vector;
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'bigint' ? Number(value) : Number(value);
}
