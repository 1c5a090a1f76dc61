import { availableParallelism, totalmem } from 'node:os';
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

let shared: Promise<DuckDBInstance> | null = null;

/**
 * A connection of the one in-memory DuckDB a process keeps for live reads (issue 20.4): a signed-in officer's pupil-group
 * question, a casework page's pupil rows. Opening an instance costs more than most such reads; a connection costs
 * little, and each read has its own, so reads never see each other's temporary tables. Long work (the compute, writing
 * a pupil file) keeps its own instance (withDuckDb), whose memory goes when it ends.
 */
export async function withLiveDuckDb<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  shared ??= DuckDBInstance.create(':memory:', liveSettings()).catch((error: unknown) => {
    shared = null;
    throw error;
  });
  const connection = await (await shared).connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
  }
}

/**
 * The live instance lives as long as the server, beside Node's heap and PostgreSQL: it may take a quarter of the
 * machine's (or its container's) memory (DuckDB's default is four fifths) and no more threads than there are cores. A read that needs more
 * fails with DuckDB's out-of-memory error rather than starving the server.
 */
function liveSettings(): Record<string, string> {
  // A container's limit where there is one (constrainedMemory is 2^64 or 0 where there is none).
  const limit = process.constrainedMemory?.() ?? 0;
  const memory = limit > 0 ? Math.min(limit, totalmem()) : totalmem();
  const megabytes = Math.max(256, Math.floor(memory / 1024 / 1024 / 4));
  return { memory_limit: `${megabytes}MB`, threads: String(Math.max(1, availableParallelism())) };
}

/** A string as a SQL literal (file paths and codes that DuckDB cannot take as bound parameters in every position). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
