import { createHash } from 'node:crypto';
import { cpSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { appOver, servicesFor, type TestApp } from './app.ts';
import { freshDatabase, untilUnused, type DatabaseTarget, type TestDatabase } from './databases.ts';

/**
 * A fresh database holding the demo county (pupil results for `pupilYears` only), and the web app over it, as
 * `appWithImports` gives one holding imported files. The county is built once a test run for each database, clock and
 * set of pupil years, and copied with its pupil files into each test's own database: a copy takes about a second, a
 * build of one year about 30 s alone and a minute beside another test file, and seven test files read the same
 * one-year county on both databases. Test files running at once wait for one build (an advisory lock), and a build
 * is renamed into place only once complete.
 */
export async function appWithDemo(target: DatabaseTarget, pupilYears: readonly number[], now = new Date('2026-01-01T00:00:00Z')): Promise<TestApp> {
  return appOver(await demoDatabase(target, pupilYears, now), now);
}

/** A fresh database holding the demo county built with the clock at `now` (pupil results for `pupilYears` only). */
export async function demoDatabase(target: DatabaseTarget, pupilYears: readonly number[], now: Date): Promise<TestDatabase> {
  const source = await builtDemo(target, pupilYears, now);
  const database = await freshDatabase(target, source.name);
  cpSync(source.pupilDir, database.pupilDir, { recursive: true });
  return database;
}

/** The prefix of the run's built demo counties: run-tests.ts removes their pupil files at the end of the run. */
export const builtDemoPrefix = (template: string) => `${template.replace('waymark_template_', 'waymark_t_')}_demo_`;

async function builtDemo(target: DatabaseTarget, pupilYears: readonly number[], now: Date): Promise<{ name: string; pupilDir: string }> {
  const hash = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 10);
  const name = `${builtDemoPrefix(process.env.WAYMARK_TEST_TEMPLATE!)}${hash(JSON.stringify({ pupilYears, now: now.toISOString() }))}`;
  // Both databases' clusters hold a database of that name; their pupil files are kept apart.
  const pupilDir = join(tmpdir(), `${name}_${hash(target.adminUrl)}`);
  const admin = new pg.Client({ connectionString: target.adminUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (rows.length === 0) {
      const building = await freshDatabase(target);
      try {
        await servicesFor(building, now).demo.build(2013, () => {}, { pupilYears });
        await building.db.destroy();
        const built = new URL(building.url).pathname.slice(1);
        await untilUnused(admin, built);
        rmSync(pupilDir, { recursive: true, force: true });
        renameSync(building.pupilDir, pupilDir);
        await admin.query(`alter database ${pg.escapeIdentifier(built)} rename to ${pg.escapeIdentifier(name)}`);
      } catch (error) {
        await building.drop();
        throw error;
      }
    }
  } finally {
    await admin.end();
  }
  return { name, pupilDir };
}
