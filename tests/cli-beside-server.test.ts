import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { freePort, repositoryRoot, waymarkBin, watch } from './support/processes.ts';
import { sharedFile } from './support/shared-data.ts';

// `waymark import` while `npm start` serves the same data folder (issue 13.8): the command joins the running embedded
// PostgreSQL instead of refusing, the server sees what it wrote, and the server's PostgreSQL stays up after it.
describe('the CLI beside a running Waymark', () => {
  it('imports into the store the running server serves, and leaves its PostgreSQL running', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-beside-'));
    chmodSync(dataDir, 0o755);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), WAYMARK_DATA_DIR: dataDir, WAYMARK_DEMO: 'off', LOG_LEVEL: 'info' };
    delete env.DATABASE_URL;
    const server = watch(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: repositoryRoot, env });
    try {
      await server.waitFor(/Server listening/, 120_000);
      const cli = watch(process.execPath, [waymarkBin, 'import', sharedFile('lait/la_code_list.csv')], { cwd: dataDir, env: { ...env, LOG_LEVEL: 'warn' } });
      const exit = await cli.exited;
      assert.equal(exit.code, 0, cli.output());
      assert.doesNotMatch(cli.output(), /in use by another running Waymark/);
      // Kent (886) is in the DfE LA code list: the server finds it at once, on its own PostgreSQL, still running.
      const page = await fetch(`http://127.0.0.1:${port}/search?q=Kent`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Kent/);
      assert.equal((await fetch(`http://127.0.0.1:${port}/health`)).status, 200);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
