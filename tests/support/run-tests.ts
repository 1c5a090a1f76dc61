/**
 * `npm test`: one embedded PostgreSQL for the whole run, a migrated template database on it and on the
 * PostgreSQL server (WAYMARK_TEST_SERVER_URL, default the Debian server on 127.0.0.1:5432), then node's
 * test runner over every test file. Each test file copies the template into fresh databases of its own.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createLog } from '../../src/log.ts';
import { connect, ensureDatabaseExists } from '../../src/store/database.ts';
import { startEmbeddedPostgres } from '../../src/store/embedded-postgres.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';

const serverUrl = process.env.WAYMARK_TEST_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const template = `waymark_template_${process.pid}`;
const log = createLog('warn');

const dataRoot = mkdtempSync(path.join(tmpdir(), 'waymark-test-'));
chmodSync(dataRoot, 0o755);
const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, 'pg'), log });
let exitCode = 1;
try {
  const embeddedAdmin = embedded.urlFor('postgres');
  await prepareTemplate(embeddedAdmin);
  try {
    await prepareTemplate(serverUrl);
  } catch (error) {
    console.error(
      `The PostgreSQL server at ${serverUrl} is not usable (${(error as Error).message}).\nStart it (e.g. pg_ctlcluster 15 main start) or set WAYMARK_TEST_SERVER_URL.`,
    );
    throw error;
  }
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    ...(process.argv.slice(2).length > 0 ? process.argv.slice(2) : [...testFiles('src'), ...testFiles('tests')]),
  ];
  exitCode = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, args, {
      stdio: 'inherit',
      env: {
        ...process.env,
        WAYMARK_TEST_EMBEDDED_URL: embeddedAdmin,
        WAYMARK_TEST_SERVER_URL: serverUrl,
        WAYMARK_TEST_TEMPLATE: template,
        LOG_LEVEL: 'silent',
      },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
} finally {
  await dropDatabases(serverUrl).catch((error: Error) => console.error(`could not clean up test databases: ${error.message}`));
  await embedded.stop();
  rmSync(dataRoot, { recursive: true, force: true });
}
process.exit(exitCode);

async function prepareTemplate(adminUrl: string): Promise<void> {
  await dropDatabases(adminUrl);
  await ensureDatabaseExists(adminUrl, template);
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const db = connect(url.toString());
  try {
    await migrateToLatest(db, log);
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
