import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });

describe('waymark --help', () => {
  it('lists every subcommand', () => {
    const help = run('--help');
    for (const command of [
      'import [options] <files...>',
      'demo [options]',
      'batches [options]',
      'roll-up [options]',
      'pupils',
      'compute [options]',
      'audit',
      'sessions',
      'sen',
      'ssda903',
      'casework',
      'admissions',
      'planning',
    ])
      assert.ok(help.includes(command), `--help mentions ${command}`);
  });

  it('explains each subcommand', () => {
    assert.match(
      run('import', '--help'),
      /recognised by its header[\s\S]*--mapping <file...>[\s\S]*GIAS establishment file[\s\S]*Waymark grouping file[\s\S]*applications and offers/,
    );
    assert.match(run('demo', '--help'), /--seed <number>/);
    assert.match(run('batches', '--help'), /--limit <n>/);
    assert.match(run('sessions', 'prune', '--help'), /Remove every session past its time[\s\S]*every 15 minutes/);
    assert.match(run('sen', 'import', '--help'), /<file>[\s\S]*nothing\s+is\s+written\s+if\s+any\s+row\s+has\s+a\s+problem[\s\S]*writes\s+nothing\s+new/);
    assert.match(run('roll-up', '--help'), /Remake the roll-ups of school figures[\s\S]*--quiet/);
    assert.match(run('compute', '--help'), /GROUPING|grouping[\s\S]*running it twice writes nothing[\s\S]*--quiet/);
    assert.match(
      run('ssda903', 'import', '--help'),
      /<header> <episodes>[\s\S]*CHILD, DECOM, RNE, LS, CIN, PLACE,[\s\S]*nothing is written[\s\S]*writes nothing new/,
    );
    assert.match(
      run('casework', 'extract', '--help'),
      /pseudonymised[\s\S]*HMAC-SHA-256[\s\S]*--team <team>[\s\S]*"cme", "sen", "participation", "inclusion",\s+"admissions"[\s\S]*--out <FILE>/,
    );
    assert.match(run('admissions', 'round', 'add', '--help'), /--la <code>[\s\S]*--phase <phase>[\s\S]*--entry <year>/);
    assert.match(
      run('admissions', 'applications', '--help'),
      /<round> <file>[\s\S]*nothing\s+is\s+written\s+if\s+any\s+has\s+a\s+problem[\s\S]*writes\s+nothing\s+new/,
    );
    assert.match(run('admissions', 'export', '--help'), /--out <FILE>/);
    assert.match(run('planning', '--help'), /areas \[options\] <file>[\s\S]*capacity[\s\S]*changes[\s\S]*housing[\s\S]*forecast[\s\S]*backtest[\s\S]*export/);
    assert.match(run('planning', 'forecast', '--help'), /--la <code>[\s\S]*--base <period>/);
    assert.match(
      run('pupils', 'import', '--help'),
      /--collection <name>[\s\S]*--period <time_period>[\s\S]*--data-version <dataVersion>[\s\S]*census +School census enrolments/,
    );
  });
});
