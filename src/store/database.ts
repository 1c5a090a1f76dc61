import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Log } from '../log.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.ts';
import type { Database } from './schema.ts';
import { migrateToLatest } from './migrate.ts';
import { grantAppRole, roleOf } from './app-role.ts';

// DATE columns come back as the 'YYYY-MM-DD' text PostgreSQL sends: no time zone can shift a school's opening date.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// BIGINT counts and ids fit a JS number here (far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export type Db = Kysely<Database>;

export type DatabaseHandle = Readonly<{
  db: Db;
  /** Which PostgreSQL this is, for /info and logs (never the password). */
  description: string;
  /** The application's connection string, for a tool that needs a connection of its own (the bench's COPY). Holds the password: never log it. */
  appUrl: string;
  close: () => Promise<void>;
  /**
   * Give up at once (the process was told to stop): the embedded PostgreSQL gets a fast shutdown, which rolls back
   * every open transaction; on a PostgreSQL server the transaction is rolled back when the process exits and its
   * connections close. Unlike close(), nothing waits for a running query to finish (and perhaps commit).
   */
  abort: () => Promise<void>;
}>;

export type DatabaseOptions = Readonly<{
  databaseUrl: string | undefined;
  /** With databaseUrl: the application's own role on that server (ADR 0011); unset = the application runs as databaseUrl's role. */
  appDatabaseUrl?: string | undefined;
  dataDir: string;
  databaseName: string;
  log: Log;
  /** The embedded PostgreSQL died and could not be restarted (see restart-postgres.ts). */
  onLost?: (error: Error) => void;
  /** Connect to the embedded PostgreSQL another running Waymark serves on this data directory, rather than refuse (the CLI). */
  joinRunning?: boolean;
}>;

/**
 * The system of record: the PostgreSQL server DATABASE_URL names, or Waymark's embedded one. Migrated on open as the
 * owner, then used as the application's role (ADR 0011), which may append to audit_event but never change it.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  let embedded: EmbeddedPostgres | null = null;
  let url = options.databaseUrl;
  let appUrl = options.databaseUrl === undefined ? undefined : (options.appDatabaseUrl ?? options.databaseUrl);
  if (url === undefined) {
    embedded = await startEmbeddedPostgres({
      dataDir: `${options.dataDir}/pg`,
      log: options.log,
      ...(options.onLost ? { onLost: options.onLost } : {}),
      joinRunning: options.joinRunning === true,
    });
    try {
      await ensureDatabaseExists(embedded.urlFor('postgres'), options.databaseName);
    } catch (error) {
      await embedded.stop();
      throw error;
    }
    url = embedded.urlFor(options.databaseName);
    appUrl = embedded.appUrlFor(options.databaseName);
  }
  if (appUrl === undefined) throw new Error('no connection for the application');
  try {
    await migrateAndGrant(url, appUrl, options.log, options.joinRunning === true);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  // While closing, the server ending connections the pool is still letting go of is expected, not news.
  let closing = false;
  const db = connect(appUrl, (error) => {
    if (!closing)
      options.log.warn({ code: (error as Error & { code?: string }).code, reason: error.message }, 'an idle database connection was closed by the server');
  });
  const description = embedded
    ? `embedded PostgreSQL on 127.0.0.1:${embedded.port} (${embedded.dataDir}), database ${options.databaseName}`
    : `PostgreSQL server ${redactUrl(url)}`;
  return Object.freeze({
    db,
    description,
    appUrl,
    close: async () => {
      closing = true;
      await db.destroy();
      await embedded?.stop();
    },
    abort: async () => {
      closing = true;
      await embedded?.stop();
    },
  });
}

/**
 * Migrate as the owner, then grant the application's role what it needs (tables later migrations add included). When
 * both are one role (a server given DATABASE_URL alone), there is nothing to grant: say what that costs.
 */
async function migrateAndGrant(ownerUrl: string, appUrl: string, log: Log, quiet: boolean): Promise<void> {
  const owner = connect(ownerUrl);
  try {
    await migrateToLatest(owner, log);
    const appRole = roleOf(appUrl);
    if (appRole !== roleOf(ownerUrl)) await grantAppRole(owner, appRole);
    // Said by the server at every start; a command run beside it says it only at info level.
    else
      (quiet ? log.info.bind(log) : log.warn.bind(log))(
        { role: appRole },
        'the application connects as the role that migrated the database: audit_event is append-only by its trigger alone, which that role may disable (set WAYMARK_APP_DATABASE_URL, ADR 0011)',
      );
  } finally {
    await owner.destroy();
  }
}

/**
 * A pool over one database. An idle connection the server ends (a restart, an administrator's terminate) is
 * reported and replaced on next use, and one in use fails its query; neither is left as an unhandled 'error' event
 * that would stop the process.
 */
export function connect(url: string, onIdleError: (error: Error) => void = () => {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', onIdleError);
  // A connection in use when the server goes (a crash, a restart, a rollback on stop) fails its query with the error,
  // and the pool drops it on release; without a listener its 'error' event would also stop the whole process.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export async function ensureDatabaseExists(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export async function checkDatabase(db: Db): Promise<{ ok: true; serverVersion: string }> {
  const result = await sql<{ server_version: string }>`show server_version`.execute(db);
  return { ok: true, serverVersion: result.rows[0]?.server_version ?? 'unknown' };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
