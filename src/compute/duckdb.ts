import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/**
 * An in-process DuckDB for pupil-level work: in memory, reading and writing Parquet files. Each use opens its own
 * instance and closes it, so nothing is held between commands and two Waymarks never share a file lock.
 */
export async function withDuckDb<T>(work: (connection: DuckDBConnection) => Promise<T>, options: Readonly<{ threads?: number }> = {}): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', options.threads === undefined ? {} : { threads: String(options.threads) });
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A string as a SQL literal (file paths and codes that DuckDB cannot take as bound parameters in every position). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
