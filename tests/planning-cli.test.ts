import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

// `waymark planning`: a file with a problem is refused before the database is opened, naming file, line and column.
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'planning', ...args], { encoding: 'utf8' });
const folder = mkdtempSync(path.join(tmpdir(), 'waymark-planning-'));

describe('waymark planning', () => {
  it('refuses a capacity file with negative places, writing nothing, and says where', () => {
    const file = path.join(folder, 'capacity.csv');
    const places = ['places_r', ...Array.from({ length: 13 }, (_, i) => `places_${i + 1}`)];
    writeFileSync(file, `urn,period,phase,admission_number,${places.join(',')}\n900001,2015/16,primary,60,60,-5,60,60,60,60,60,,,,,,,\n`);
    const result = run('capacity', file, '--la', '886');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /nothing was written[\s\S]*capacity\.csv, line 2, column places_1: "-5": places cannot be negative/);
  });

  it('refuses an LA code that is not three digits and an export file that is neither CSV nor XLSX', () => {
    assert.match(run('forecast', '--la', '88').stderr, /3-digit LA code/);
    const exported = run('export', '--la', '886', '--out', path.join(folder, 'scap.pdf'));
    assert.notEqual(exported.status, 0);
    assert.match(exported.stderr, /\.csv or an \.xlsx file/);
  });
});
