import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect, type Db } from '../../src/store/database.ts';
import { createStore, type Store } from '../../src/store/store.ts';

/**
 * The PostgreSQL versions every store and service test runs on: 18 and 15, both embedded, and a PostgreSQL server when
 * WAYMARK_TEST_SERVER_URL names one. Started by tests/support/run-tests.ts (npm test).
 */
export type DatabaseTarget = Readonly<{
  name: string;
  adminUrl: string;
  /** The application's role (ADR 0011) on the same server, logging in to the `postgres` database; the admin's where none is given. */
  appUrl: string;
}>;

export function databaseTargets(): DatabaseTarget[] {
  const embedded = process.env.WAYMARK_TEST_EMBEDDED_URL;
  const embedded15 = process.env.WAYMARK_TEST_EMBEDDED15_URL;
  const server = process.env.WAYMARK_TEST_SERVER_URL;
  if (embedded === undefined || embedded15 === undefined || process.env.WAYMARK_TEST_TEMPLATE === undefined)
    throw new Error('Database tests run through `npm test` (tests/support/run-tests.ts), which starts both embedded PostgreSQL versions.');
  const serverApp = process.env.WAYMARK_TEST_SERVER_APP_URL;
  return [
    { name: 'embedded PostgreSQL 18', adminUrl: embedded, appUrl: process.env.WAYMARK_TEST_EMBEDDED_APP_URL ?? embedded },
    { name: 'embedded PostgreSQL 15', adminUrl: embedded15, appUrl: process.env.WAYMARK_TEST_EMBEDDED15_APP_URL ?? embedded15 },
    ...(server === undefined ? [] : [{ name: 'PostgreSQL server', adminUrl: server, appUrl: serverApp ?? server }]),
  ];
}

/**
 * A test database with its own folder for pupil-level Parquet files (removed with the database). `db` and `store`
 * connect as the application's role, as Waymark does; `url` is the owner's (DATABASE_URL for a command), `appUrl` the
 * application role's (WAYMARK_APP_DATABASE_URL).
 */
export type TestDatabase = Readonly<{ db: Db; store: Store; url: string; appUrl: string; pupilDir: string; drop: () => Promise<void> }>;

/** A fresh, migrated database copied from this run's template, or from another database of the run (`source`). */
export async function freshDatabase(target: DatabaseTarget, source = process.env.WAYMARK_TEST_TEMPLATE!): Promise<TestDatabase> {
  // The template is named for the run's process id; fresh databases carry it too, so a concurrent run never drops them.
  const name = `${process.env.WAYMARK_TEST_TEMPLATE!.replace('waymark_template_', 'waymark_t_')}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: target.adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(source)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(target.adminUrl);
  url.pathname = `/${name}`;
  const appUrl = new URL(target.appUrl);
  appUrl.pathname = `/${name}`;
  const db = connect(appUrl.toString(), (error) =>
    console.error(`test database ${name} on ${target.name}: idle connection closed by the server (${error.message})`),
  );
  const pupilDir = mkdtempSync(join(tmpdir(), `${name}-pupils-`));
  return {
    db,
    store: createStore(db),
    url: url.toString(),
    appUrl: appUrl.toString(),
    pupilDir,
    drop: async () => {
      rmSync(pupilDir, { recursive: true, force: true });
      await db.destroy();
      const client = new pg.Client({ connectionString: target.adminUrl });
      await client.connect();
      try {
        await untilUnused(client, name);
        await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Wait until nobody is connected to database `name` (at most 5 s): pg's pool.end() resolves before each backend has
 * gone, and a drop or rename must never kill a connection mid-close.
 */
export async function untilUnused(admin: pg.Client, name: string): Promise<void> {
  for (let waited = 0; waited < 5000; waited += 50) {
    const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if (rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Row counts of every table: the fingerprint a refused import must leave unchanged. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = ['import_batch', 'place', 'place_link', 'school_succession', 'postcode', 'indicator', 'observation', 'inspection'] as const;
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const row = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[t] = Number(row.n);
  }
  return counts;
}
