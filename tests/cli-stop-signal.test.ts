import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createLog } from '../src/log.ts';
import { openDatabase } from '../src/store/database.ts';
import { databaseTargets, freshDatabase, tableCounts } from './support/databases.ts';
import { watch, waymarkBin } from './support/processes.ts';
import { sharedFile } from './support/shared-data.ts';

// LAIT's dictionary and all LAs' values (about a minute to write): long enough to be stopped inside its transaction.
const files = [sharedFile('lait/lait_data_dictionary.csv'), sharedFile('lait/bds_long_all_las.csv.gz')];

describe('stopping `waymark` mid-import', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    it(`commits nothing when bin/waymark.js is sent ${signal} while the import's transaction is open`, async () => {
      const database = await freshDatabase(databaseTargets()[0]!);
      const folder = mkdtempSync(path.join(tmpdir(), 'waymark-stop-'));
      const before = await tableCounts(database.db);
      const waymark = watch(process.execPath, [waymarkBin, 'import', ...files], {
        cwd: folder,
        // As the application's role (ADR 0011), like the test's own connection: PostgreSQL shows a role only its own sessions' transactions.
        env: { ...process.env, DATABASE_URL: database.url, WAYMARK_APP_DATABASE_URL: database.appUrl, WAYMARK_DATA_DIR: folder, LOG_LEVEL: 'warn' },
      });
      try {
        await waymark.waitFor(/importing …/, 120_000);
        await openTransaction(database.url, database.db);
        waymark.child.kill(signal);
        const exit = await waymark.exited;
        assert.equal(exit.code, signal === 'SIGTERM' ? 143 : 130, waymark.output());
        assert.match(waymark.output(), new RegExp(`stopped by ${signal}: the transaction in progress is rolled back`));
        // The import ran in the process that was signalled: nothing of it is left to commit later.
        await noConnections(database.db, database.url);
        // The catalogue sync before the import commits the indicator definitions; the import itself leaves no row.
        assert.deepEqual({ ...(await tableCounts(database.db)), indicator: 0 }, { ...before, indicator: 0 });
      } finally {
        await waymark.stop();
        rmSync(folder, { recursive: true, force: true });
        await database.drop();
      }
    });

  it('commits nothing and leaves no PostgreSQL running when bin/waymark.js on its embedded PostgreSQL is sent SIGTERM', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'waymark-stop-embedded-'));
    chmodSync(folder, 0o755);
    const env: NodeJS.ProcessEnv = { ...process.env, WAYMARK_DATA_DIR: folder, LOG_LEVEL: 'info' };
    delete env.DATABASE_URL;
    const waymark = watch(process.execPath, [waymarkBin, 'import', ...files], { cwd: folder, env });
    try {
      await waymark.waitFor(/indicator catalogue written/, 120_000); // the last step before the import's transaction
      await new Promise((resolve) => setTimeout(resolve, 3000)); // inside it (it takes about a minute)
      waymark.child.kill('SIGTERM');
      assert.equal((await waymark.exited).code, 143, waymark.output());
      assert.ok(!existsSync(path.join(folder, 'pg', 'postmaster.pid')), 'its PostgreSQL was stopped, not left running');
      const database = await openDatabase({ databaseUrl: undefined, dataDir: folder, databaseName: 'waymark', log: createLog('silent') });
      try {
        const counts = await tableCounts(database.db);
        assert.deepEqual([counts.import_batch, counts.observation], [0, 0]);
      } finally {
        await database.close();
      }
    } finally {
      await waymark.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

type Db = Parameters<typeof tableCounts>[0];

const databaseName = (url: string): string => new URL(url).pathname.slice(1);

/** Wait until a connection to the database (other than this test's) has a transaction open. */
async function openTransaction(url: string, db: Db): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where datname = ${databaseName(url)} and pid <> pg_backend_pid() and xact_start is not null`.execute(db);
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the import never opened a transaction');
}

async function noConnections(db: Db, url: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 100) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where datname = ${databaseName(url)} and pid <> pg_backend_pid() and backend_type = 'client backend'`.execute(db);
    if (rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail('a connection of the stopped import is still open');
}
