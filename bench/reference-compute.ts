/**
 * The compute's yardsticks (issue 20.1), written for the bench apart from Waymark's own statement:
 *
 *   referenceStatement  the same cells as Waymark's aggregation by another plan, written as an analyst would: one
 *                       grouping set per level and pupil-group dimension over the pupils as they are (no expansion of
 *                       each pupil into its groups), schools in the groups held for schools only. It shares with
 *                       Waymark only each measure's two aggregates (the rules); the bench checks the cells agree.
 *   persistReference    the whole of a compute done by hand: the cells of the faster statement for the file (the
 *                       bench's or Waymark's: neither is fastest for every file) turned into one row a
 *                       figure in DuckDB (value by the measure's form, the place's id, the detail as JSON), written
 *                       as CSV and sent with PostgreSQL's COPY into `observation` in one transaction that first
 *                       deletes the file's earlier figures, as `waymark compute` does. It decides no public
 *                       suppression (Waymark's rule, part of what the ratio measures) and writes the cells Waymark
 *                       wrote for the file (`placeIds`), so both write the same rows.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { england } from '../src/domain/geography/reference-places.ts';
import { breakdownLabels, schoolBreakdowns, type BreakdownDimension } from '../src/domain/pupils/breakdowns.ts';
import type { PupilFileInput } from '../src/compute/aggregate-pupils.ts';
import { sqlString } from '../src/compute/duckdb.ts';
import { measuresFor, numeratorIsFigure, type MeasureForm } from '../src/compute/measures.ts';

const dimensions = (file: PupilFileInput): readonly Readonly<{ column: string; label: string; dimension: BreakdownDimension }>[] => [
  { column: 'g_fsm', dimension: 'fsm', label: `if(fsm, 'fsm', 'not-fsm')` },
  { column: 'g_disadvantaged', dimension: 'disadvantaged', label: `if(disadvantaged, 'disadvantaged', 'not-disadvantaged')` },
  { column: 'g_sen', dimension: 'sen', label: `case sen when 'K' then 'sen-support' when 'E' then 'ehc-plan' else 'no-sen' end` },
  { column: 'g_in_care', dimension: 'in-care', label: `if(in_care, 'in-care', 'not-in-care')` },
  { column: 'g_gender', dimension: 'gender', label: `if(gender = 'F', 'gender:female', 'gender:male')` },
  { column: 'g_ethnicity', dimension: 'ethnicity', label: `'ethnicity:' || ethnicity` },
  { column: 'g_eal', dimension: 'eal', label: `if(eal, 'eal', 'not-eal')` },
  ...(file.collection === 'census' ? [{ column: 'g_phase', dimension: 'phase' as const, label: `'phase:' || phase` }] : []),
];

/** The reference aggregation (placements loaded as for Waymark: school_places and grouping_members). */
export function referenceStatement(file: PupilFileInput): string {
  const aggregates = measuresFor(file.collection, file.period)
    .map(({ sql }, i) => `${sql.numerator} as n${i}, ${sql.denominator} as d${i}`)
    .join(', ');
  const groups = dimensions(file);
  const forSchools = groups.filter((g) => breakdownLabels[g.dimension].every((label) => schoolBreakdowns.has(label)));
  const sets = (keys: readonly string[], among: typeof groups) => [`(${keys.join(', ')})`, ...among.map((g) => `(${[...keys, g.column].join(', ')})`)];
  const breakdown = `case ${groups.map((g) => `when grouping(${g.column}) = 0 then ${g.column}`).join(' ')} else 'all' end`;
  return `
    with placed as (
      select p.*, s.district, s.la, s.region, ${groups.map((g) => `${g.label} as ${g.column}`).join(', ')}
      from read_parquet(${sqlString(file.path)}) p left join school_places s on s.urn = p.urn
    )
    select * from (
    select case when grouping(urn) = 0 then 'school' when grouping(district) = 0 then 'district' when grouping(la) = 0 then 'la'
                when grouping(region) = 0 then 'region' else 'country' end as level,
           case when grouping(urn) = 0 then urn when grouping(district) = 0 then district when grouping(la) = 0 then la
                when grouping(region) = 0 then region else ${sqlString(england.code)} end as code,
           ${breakdown} as breakdown, count(*) as pupils, ${aggregates}
      from placed
     group by grouping sets (${[...sets(['urn'], forSchools), ...sets(['district'], groups), ...sets(['la'], groups), ...sets(['region'], groups), ...sets([], groups)].join(', ')})
    ) where code is not null
    union all
    select 'grouping', m.grouping, ${breakdown}, count(*), ${aggregates}
      from placed join grouping_members m on m.urn = placed.urn
     group by grouping sets (${sets(['m.grouping'], groups).join(', ')})`;
}

/** A figure by its form, in SQL (as measures.ts's figureOf does in JavaScript). */
function valueSql(form: MeasureForm, n: string, d: string): string {
  if (form === 'count') return `coalesce(${n}, 0)`;
  if (numeratorIsFigure(form)) return n;
  return form === 'mean' ? `${n} / ${d}` : `100.0 * ${n} / ${d}`;
}

/**
 * Turn the cells in DuckDB table `cells` (made by either statement) into figures and COPY them into `observation`
 * (`place_ids(level, code, id)`, the places Waymark wrote figures for, loaded first). Returns the rows written.
 */
export async function persistReference(
  duck: DuckDBConnection,
  postgresUrl: string,
  file: PupilFileInput & Readonly<{ dataVersion: string; batchId: number }>,
  cells: string,
  batchId: number,
  csvPath: string,
): Promise<number> {
  const chosen = measuresFor(file.collection, file.period);
  const rows = chosen.map(({ measure, sql }, i) => {
    const numerator = measure.form === 'mean' || numeratorIsFigure(measure.form) ? 'null' : `n${i}`;
    return `select ${sqlString(measure.indicator)} as indicator_code, p.id as place_id, c.breakdown, ${valueSql(measure.form, `n${i}`, `d${i}`)} as value,
                   ${numerator} as numerator, d${i} as denominator, to_json({rule: ${sqlString(sql.rule)}, pupilBatch: ${file.batchId}, pupils: c.pupils})::varchar as detail,
                   ${sqlString(file.period)} as period, ${sqlString(file.dataVersion)} as data_version, ${batchId} as batch_id, 'computed' as basis
              from ${cells} c join place_ids p on p.level = c.level and p.code = c.code
             where d${i} > 0 and ${valueSql(measure.form, `n${i}`, `d${i}`)} is not null`;
  });
  await duck.run(`copy (${rows.join(' union all ')}) to ${sqlString(csvPath)} (format csv, header false)`);
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`delete from observation where basis = 'computed' and period = $1 and data_version = $2 and indicator_code = any($3)`, [
      file.period,
      file.dataVersion,
      chosen.map((m) => m.measure.indicator),
    ]);
    const copy = client.query(
      copyFrom(
        `copy observation (indicator_code, place_id, breakdown, value, numerator, denominator, detail, period, data_version, batch_id, basis)
           from stdin (format csv)`,
      ),
    );
    await pipeline(createReadStream(csvPath), copy);
    await client.query('commit');
    return Number(copy.rowCount);
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
