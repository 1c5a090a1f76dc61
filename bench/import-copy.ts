/**
 * The imports' yardstick (issue 20.1): PostgreSQL's own COPY of the rows an import wrote. The rows are read back with
 * `COPY … TO STDOUT` into a file, then timed going in again with `COPY … FROM STDIN`: into a bare table of the same
 * columns (a temporary table: no index, key, trigger or WAL; COPY at its fastest) and into `observation` itself after
 * deleting them in the same transaction (its indexes, key and reference checks; the deleted rows' index entries are
 * still there to step over, so this is somewhat slower than COPY into an empty `observation`, the import's case).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

const columns =
  'indicator_code, place_id, period, breakdown, value, numerator, denominator, symbol, data_version, batch_id, basis, population, source, decimal_places, source_line, detail, public_suppression';

export type CopyTimes = Readonly<{ rows: number; bareMs: number; observationMs: number }>;

export async function copyBench(appUrl: string, path: string, where: string): Promise<CopyTimes> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    await pipeline(client.query(copyTo(`copy (select ${columns} from observation where ${where}) to stdout (format csv)`)), createWriteStream(path));
    const timedCopy = async (table: string): Promise<{ ms: number; rows: number }> => {
      const start = performance.now();
      const copy = client.query(copyFrom(`copy ${table} (${columns}) from stdin (format csv)`));
      await pipeline(createReadStream(path), copy);
      return { ms: performance.now() - start, rows: Number(copy.rowCount) };
    };
    await client.query(`create temp table bare_copy as select ${columns} from observation limit 0`);
    const bare = await timedCopy('bare_copy');
    await client.query('begin');
    await client.query(`delete from observation where ${where}`);
    const into = await timedCopy('observation');
    await client.query('commit');
    return { rows: bare.rows, bareMs: bare.ms, observationMs: into.ms };
  } finally {
    await client.end();
  }
}
