import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { pupilColumns, type AnyPupilRecord, type Collection } from '../domain/pupils/pupil-record.ts';
import { sqlString } from './duckdb.ts';
import { pupilFileName } from '../domain/pupils/pupil-file-name.ts';

/**
 * Pupil records to Parquet: one file per collection, year and data version, written whole to a temporary name and
 * renamed into place, so a reader never sees half a file. Rows go in through DuckDB's appender (no SQL per row).
 */
export async function writePupilParquet(
  connection: DuckDBConnection,
  collection: Collection,
  records: Iterable<AnyPupilRecord>,
  path: string,
): Promise<{ rows: number }> {
  const columns = pupilColumns(collection);
  await connection.run(`create or replace temp table pupils_out (${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`);
  const appender = await connection.createAppender('pupils_out');
  let rows = 0;
  try {
    for (const record of records) {
      for (const column of columns) {
        const value = record[column.field];
        if (value === null || value === undefined) appender.appendNull();
        else if (column.type === 'VARCHAR') appender.appendVarchar(String(value));
        else if (column.type === 'BOOLEAN') appender.appendBoolean(value as boolean);
        else if (column.type === 'INTEGER') appender.appendInteger(value as number);
        else appender.appendDouble(value as number);
      }
      appender.endRow();
      rows++;
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  await rm(partial, { force: true });
  await connection.run(`copy (select * from pupils_out order by urn, pupil_id) to ${sqlString(partial)} (format parquet, compression zstd)`);
  await connection.run('drop table pupils_out');
  await rename(partial, path);
  return { rows };
}

/**
 * Where a collection's file for a year and version lives under the pupil directory. The name ends in the start of
 * the file's SHA-256, so a new extract never overwrites the one an earlier batch recorded.
 */
export function pupilFilePath(pupilDir: string, collection: Collection, period: string, dataVersion: string, hash: string): string {
  return `${pupilDir}/${pupilFileName(collection, period, dataVersion, hash)}`;
}

/**
 * Where a file being written waits until it is named for its hash. The name carries the writer's process id, so
 * `removeInterruptedWrites` can tell a file whose writer was killed from one another process is still writing.
 */
export function incomingFilePath(pupilDir: string, collection: Collection): string {
  return `${pupilDir}/${collection}/incoming-${process.pid}-${randomUUID()}.parquet`;
}

const incomingName = /^incoming-(?:(\d+)-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.parquet(?:\.partial)?$/;

/**
 * Remove what an interrupted write left under the pupil directory: `incoming-*.parquet` and `*.parquet.partial` files
 * whose writing process has ended (or, named before names carried one, any). Returns the files removed.
 */
export async function removeInterruptedWrites(pupilDir: string): Promise<string[]> {
  const removed: string[] = [];
  const folders = await readdir(pupilDir, { withFileTypes: true }).catch(() => []);
  for (const folder of folders.filter((f) => f.isDirectory())) {
    for (const name of await readdir(join(pupilDir, folder.name))) {
      const match = incomingName.exec(name);
      if (match === null || (match[1] !== undefined && isRunning(Number(match[1])))) continue;
      await rm(join(pupilDir, folder.name, name), { force: true });
      removed.push(`${folder.name}/${name}`);
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
