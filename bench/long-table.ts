/**
 * LAIT's national long table written out `times` over for the bench's memory check (issue 20.5), each copy after the
 * first with its measures renamed (`RTA_2`, …), so that the file is `times` the rows and holds no repeated measure,
 * year and area: what a reader's peak memory is compared across. DuckDB reads and writes it (every field as text).
 */
import { sqlString, withDuckDb } from '../src/compute/duckdb.ts';

export async function writeLongTableTimes(source: string, target: string, times: number): Promise<void> {
  const copies = Array.from(
    { length: times },
    (_, i) =>
      `SELECT ${i === 0 ? '"Short Desc"' : `"Short Desc" || '_${i + 1}'`} AS "Short Desc", * EXCLUDE ("Short Desc") FROM read_csv(${sqlString(source)}, all_varchar = true, header = true)`,
  );
  await withDuckDb((connection) =>
    connection.run(`COPY (${copies.join(' UNION ALL ')}) TO ${sqlString(target)} (FORMAT csv, HEADER, COMPRESSION gzip)`).then(() => undefined),
  );
}

/**
 * A school-level published file (the KS4 2013/14 school and LA file a mapping reads) written out `times` over for the
 * same check, each copy after the first with its URNs moved on by a million a copy, so that no school repeats.
 */
export async function writeSchoolFileTimes(source: string, target: string, times: number): Promise<void> {
  const copies = Array.from(
    { length: times },
    (_, i) =>
      `SELECT * REPLACE (CASE WHEN regexp_matches(URN, '^[0-9]+(\\.0)?$') THEN CAST(CAST(CAST(URN AS DOUBLE) AS BIGINT) + ${i * 1_000_000} AS VARCHAR) ELSE URN END AS URN) FROM read_csv(${sqlString(source)}, all_varchar = true, header = true)`,
  );
  await withDuckDb((connection) => connection.run(`COPY (${copies.join(' UNION ALL ')}) TO ${sqlString(target)} (FORMAT csv, HEADER)`).then(() => undefined));
}
