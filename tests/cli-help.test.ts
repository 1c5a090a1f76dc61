import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });

describe('waymark --help', () => {
  it('lists every subcommand', () => {
    const help = run('--help');
    for (const command of ['import [options] <files...>', 'demo [options]', 'batches [options]', 'roll-up [options]'])
      assert.ok(help.includes(command), `--help mentions ${command}`);
  });

  it('explains each subcommand', () => {
    assert.match(
      run('import', '--help'),
      /recognised by its header[\s\S]*--mapping <file...>[\s\S]*GIAS establishment file[\s\S]*Waymark grouping file[\s\S]*applications and offers/,
    );
    assert.match(run('demo', '--help'), /--seed <number>/);
    assert.match(run('batches', '--help'), /--limit <n>/);
    assert.match(run('roll-up', '--help'), /Remake the roll-ups of school figures[\s\S]*--quiet/);
  });
});
