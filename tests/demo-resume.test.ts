import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { kentPost16 } from '../src/demo/calibration.ts';
import { demoYears } from '../src/demo/generate-county.ts';
import { academicYearCode } from '../src/domain/periods/period.ts';
import { collections } from '../src/domain/pupils/pupil-record.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { freePort, repositoryRoot, watch } from './support/processes.ts';

// Every collection of every demo year, but post-16 learners only in the years the demo carries a KS4 cohort on into
// (its first two years have none two years before them; calibration.ts's kentPost16).
const files = demoYears.length * (collections.length - 1) + demoYears.filter((y) => kentPost16[academicYearCode(y)] !== undefined).length;

describe("the first run's demo county build", () => {
  it('resumes after being interrupted once its first steps are recorded, and ends complete on the next start', async () => {
    const database = await freshDatabase(databaseTargets()[0]!);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-demo-resume-'));
    const port = await freePort();
    const env = { ...process.env, DATABASE_URL: database.url, WAYMARK_DATA_DIR: dataDir, PORT: String(port), WAYMARK_DEMO: 'auto', LOG_LEVEL: 'info' };
    const start = () => watch(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: repositoryRoot, env });
    const first = start();
    let second: ReturnType<typeof start> | undefined;
    try {
      // Interrupted as Ctrl-C would, once the county's transaction and the first pupil file are recorded.
      await first.waitFor(/"msg":"pupil file registered"/, 120_000);
      first.child.kill('SIGINT');
      assert.equal((await first.exited).code, 0, first.output().slice(-2000));
      const recorded = await formats(database);
      assert.equal(recorded['demo-county'], 1, 'the county step is recorded');
      assert.equal(recorded['demo-county-built'], undefined, 'the build is not recorded as finished');
      assert.ok((recorded['pupil-records'] ?? 0) < files, 'interrupted before its pupil files were all written');

      second = start();
      await second.waitFor(/the demo county build was interrupted: resuming it after its last recorded step/, 60_000);
      // A ceiling for a hung build, not a speed check: the whole county (pupil files, compute, casework, admissions, place
      // planning) takes about 4 minutes alone on two cores and more beside other work.
      await second.waitFor(/"msg":"demo county built"/, 720_000);
      const held = await formats(database);
      // Every collection of every demo year written once and computed once, the school outcomes remade once (in the
      // resumed run: the first was stopped before its compute): nothing repeated, nothing missing.
      assert.deepEqual(held, {
        'demo-county': 1,
        'pupil-records': files,
        'compute-pupil-records': files,
        'compute-school-outcomes': 1,
        'demo-county-built': 1,
      });
      const page = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(page.status, 200);
      assert.doesNotMatch(await page.text(), /being built/);
    } finally {
      await first.stop();
      await second?.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  });
});

/** How many import batches of each demo step's format the database holds. */
async function formats(database: TestDatabase): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('import_batch')
    .select(['format', (eb) => eb.fn.countAll<number>().as('n')])
    .where('format', 'in', ['demo-county', 'pupil-records', 'compute-pupil-records', 'compute-school-outcomes', 'demo-county-built'])
    .groupBy('format')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.format, Number(r.n)]));
}
