import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { databaseTargets, freshDatabase } from './support/databases.ts';
import { freePort, isRunning, repositoryRoot, watch } from './support/processes.ts';

for (const target of databaseTargets())
  describe(`a connection in use that the server ends (${target.name})`, () => {
    it('fails only its own query, and the process carries on', async () => {
      const database = await freshDatabase(target);
      try {
        const ended = database.db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          // Ended from another connection while this one holds a transaction and runs nothing (as a crash would end it).
          await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(database.db);
          await new Promise((resolve) => setTimeout(resolve, 300));
          await sql`select 1`.execute(trx);
        });
        await assert.rejects(ended);
        const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
        assert.equal(rows[0]?.one, 1, 'the pool gives out a working connection afterwards');
      } finally {
        await database.drop();
      }
    });
  });

describe('Waymark serving on its embedded PostgreSQL', () => {
  it('serves pages again without a manual restart after its PostgreSQL is killed', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-restart-'));
    chmodSync(dataDir, 0o755);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), WAYMARK_DATA_DIR: dataDir, WAYMARK_DEMO: 'off', LOG_LEVEL: 'info' };
    delete env.DATABASE_URL;
    const server = watch(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: repositoryRoot, env });
    const postgresPid = () => Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    let killed = 0;
    try {
      await server.waitFor(/Server listening/, 120_000);
      assert.equal((await get(port, '/health')).status, 200);
      assert.equal((await get(port, '/')).status, 200);

      killed = postgresPid();
      process.kill(killed, 'SIGKILL');
      await server.waitFor(/the embedded PostgreSQL stopped unexpectedly: restarting it/, 10_000);
      await server.waitFor(/the embedded PostgreSQL was restarted: database requests work again/, 90_000);
      assert.notEqual(postgresPid(), killed, 'a new PostgreSQL holds the data directory');
      // The pool's connections to the dead server are replaced on next use: the first request may still meet one.
      await eventually(async () => assert.equal((await get(port, '/health')).status, 200), 10_000);
      assert.equal((await get(port, '/')).status, 200);
      assert.ok(server.child.exitCode === null, 'Waymark kept running');
    } finally {
      const last = (() => {
        try {
          return postgresPid();
        } catch {
          return 0;
        }
      })();
      await server.stop();
      for (const pid of [killed, last]) if (pid > 0 && isRunning(pid)) process.kill(pid, 'SIGQUIT');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

async function get(port: number, url: string): Promise<{ status: number }> {
  const response = await fetch(`http://127.0.0.1:${port}${url}`);
  await response.arrayBuffer();
  return { status: response.status };
}

async function eventually(check: () => Promise<void>, timeoutMs: number): Promise<void> {
  for (let waited = 0; ; waited += 200) {
    try {
      return await check();
    } catch (error) {
      if (waited > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
