import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { waymarkBin } from './support/processes.ts';

// Three Reception pupils at one school: the smallest valid EYFS extract (docs/pupil-records.md).
const eyfsCsv = [
  'pupil_id,urn,gender,fsm,disadvantaged,sen,in_care,ethnicity,eal,eyfs_points,eyfs_psed_cll_6,eyfs_gld_goals',
  'P1,118000,F,0,0,N,0,WBRI,0,80,1,12',
  'P2,118000,M,1,1,K,0,asian,1,60,0,9',
  'P3,118000,F,0,1,N,0,white,0,95,1,12',
].join('\n');

describe('`waymark pupils import` run from another folder', () => {
  let database: TestDatabase;
  let caller: string;
  const waymark = (...args: string[]) =>
    spawnSync(process.execPath, [waymarkBin, ...args], {
      cwd: caller,
      encoding: 'utf8',
      // A relative data directory, as a user might set it: read from the caller's folder.
      env: { ...process.env, DATABASE_URL: database.url, WAYMARK_DATA_DIR: 'data', LOG_LEVEL: 'warn' },
    });
  // WAYMARK_DATABASE names the pupil folder (default waymark), whichever server DATABASE_URL names.
  const eyfsDir = () => path.join(caller, 'data', 'pupils', 'waymark', 'eyfs');

  before(async () => {
    database = await freshDatabase(databaseTargets()[0]!);
    caller = mkdtempSync(path.join(tmpdir(), 'waymark-caller-'));
    mkdirSync(path.join(caller, 'extracts'));
    writeFileSync(path.join(caller, 'extracts', 'eyfs.csv'), eyfsCsv);
  });
  after(async () => {
    rmSync(caller, { recursive: true, force: true });
    await database.drop();
  });

  it('imports a file named relative to the caller as the --data-version given', () => {
    const run = waymark('pupils', 'import', 'extracts/eyfs.csv', '--collection', 'eyfs', '--period', '201213', '--data-version', 'provisional');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /extracts\/eyfs\.csv: 3 eyfs pupil records for 201213 \(provisional\) registered as batch \d+/);
    assert.match(readdirSync(eyfsDir()).join(' '), /eyfs-201213-provisional-[0-9a-f]{12}\.parquet/);
    const list = waymark('pupils', 'list');
    assert.match(list.stdout, /201213 +eyfs +provisional +3 pupils/);
  });

  it('still prints the version for the program-wide --version', () => {
    const run = waymark('--version');
    assert.match(run.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('removes the files an interrupted pupil import left behind, and leaves a running import alone', () => {
    mkdirSync(eyfsDir(), { recursive: true });
    const ended = spawnSync(process.execPath, ['-e', '']).pid; // a process that has exited: its files are leftovers
    const uuid = '0b9f3c1e-2d4a-4c8e-9f10-123456789abc';
    const leftovers = [`incoming-${ended}-${uuid}.parquet.partial`, `incoming-${ended}-${uuid}.parquet`, `incoming-${uuid}.parquet.partial`];
    const running = `incoming-${process.pid}-${uuid}.parquet.partial`;
    for (const name of [...leftovers, running]) writeFileSync(path.join(eyfsDir(), name), 'half a file');
    const run = waymark('pupils', 'import', 'extracts/eyfs.csv', '--collection', 'eyfs', '--period', '201314');
    assert.equal(run.status, 0, run.stderr);
    for (const name of leftovers) assert.ok(!existsSync(path.join(eyfsDir(), name)), `${name} removed`);
    assert.ok(existsSync(path.join(eyfsDir(), running)), 'the file of a running process is kept');
  });
});
