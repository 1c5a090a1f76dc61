import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLog } from '../src/log.ts';
import { DataDirectoryLockedError, startEmbeddedPostgres } from '../src/store/embedded-postgres.ts';
import { isRunning, repositoryRoot, watch } from './support/processes.ts';

const log = createLog('silent');

describe("the embedded PostgreSQL's data directory lock", () => {
  let root: string;
  let dataDir: string;
  const lockFile = () => path.join(dataDir, 'postmaster.pid');
  const ownerFile = () => path.join(root, 'pg.owner');
  const started: ChildProcess[] = [];
  const unrelated = (): number => {
    const child = spawn('sleep', ['600'], { stdio: 'ignore' });
    started.push(child);
    return child.pid!;
  };

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'waymark-lock-'));
    chmodSync(root, 0o755);
    dataDir = path.join(root, 'pg');
    await (await startEmbeddedPostgres({ dataDir, log })).stop(); // initialised once, stopped cleanly
  });
  after(() => {
    for (const child of started) child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  /** A lock as PostgreSQL writes it (pid, data directory, start time, port, socket folder, address, shared memory key, status). */
  const writeLock = (pid: number) => writeFileSync(lockFile(), `${pid}\n${dataDir}\n1764600000\n5432\n\n127.0.0.1\n  1234567     98304\nready   \n`);

  for (const owner of ['has exited', 'is a live unrelated process'] as const)
    it(`starts over a stale lock naming a live unrelated process, and leaves that process alone (the lock's Waymark ${owner})`, async () => {
      const foreign = unrelated();
      writeLock(foreign);
      writeFileSync(ownerFile(), `${owner === 'has exited' ? 2 ** 22 + 1 : unrelated()}\n${foreign}\n`);
      const postgres = await startEmbeddedPostgres({ dataDir, log });
      try {
        assert.notEqual(Number(readFileSync(lockFile(), 'utf8').split('\n')[0]), foreign, 'PostgreSQL wrote its own lock');
      } finally {
        await postgres.stop();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(isRunning(foreign), 'the process the stale lock named was not signalled');
      for (const child of started) assert.equal(child.signalCode, null, `process ${child.pid} was sent no signal`);
    });

  it('refuses a data directory whose PostgreSQL a running Waymark started', async () => {
    const postgres = await startEmbeddedPostgres({ dataDir, log });
    try {
      await assert.rejects(startEmbeddedPostgres({ dataDir, log }), (error: Error) => {
        assert.ok(error instanceof DataDirectoryLockedError);
        assert.match(error.message, new RegExp(`in use by another running Waymark \\(process ${process.pid}\\)`));
        return true;
      });
    } finally {
      await postgres.stop();
    }
  });

  it('stops the PostgreSQL a killed Waymark left running, and starts its own', async () => {
    const script = path.join(root, 'start-and-wait.mts');
    writeFileSync(
      script,
      `import { createLog } from ${JSON.stringify(path.join(repositoryRoot, 'src/log.ts'))};\n` +
        `import { startEmbeddedPostgres } from ${JSON.stringify(path.join(repositoryRoot, 'src/store/embedded-postgres.ts'))};\n` +
        `await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, log: createLog('silent') });\n` +
        `console.log('started');\nsetInterval(() => {}, 1000);\n`,
    );
    const waymark = watch(process.execPath, ['--import', 'tsx', script], { cwd: repositoryRoot, env: process.env });
    let orphan = 0;
    try {
      await waymark.waitFor(/started/, 60_000);
      orphan = Number(readFileSync(lockFile(), 'utf8').split('\n')[0]);
      waymark.child.kill('SIGKILL'); // no chance to stop its PostgreSQL
      await waymark.exited;
      assert.ok(isRunning(orphan), 'the orphaned PostgreSQL outlived its Waymark');
      const postgres = await startEmbeddedPostgres({ dataDir, log });
      try {
        assert.ok(!isRunning(orphan), 'the orphan was stopped');
      } finally {
        await postgres.stop();
      }
    } finally {
      await waymark.stop();
      if (orphan > 0 && isRunning(orphan)) process.kill(orphan, 'SIGQUIT');
    }
  });
});
