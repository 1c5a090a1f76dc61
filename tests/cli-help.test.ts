import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import type { Command } from 'commander';
import { waymarkProgram } from '../src/cli/program.ts';

const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });

/**
 * A subcommand's help as `waymark <path…> --help` prints it, read from the program `bin/waymark.js` runs, in this
 * process: each CLI start loads the whole application (seconds), and the help is the program's, not the process's.
 */
function help(...path: string[]): string {
  let command: Command = waymarkProgram();
  for (const name of path) {
    const next = command.commands.find((c) => c.name() === name);
    assert.ok(next !== undefined, `waymark ${path.join(' ')} exists`);
    command = next;
  }
  let text = '';
  command.configureOutput({ writeOut: (s) => (text += s) });
  // outputHelp, not helpInformation: it includes the text each command adds after its options.
  command.outputHelp();
  return text;
}

describe('waymark --help', () => {
  it('lists every subcommand', () => {
    const text = run('--help');
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
      assert.ok(text.includes(command), `--help mentions ${command}`);
  });

  it('explains each subcommand', () => {
    assert.match(
      help('import'),
      /recognised by its header[\s\S]*--mapping <file...>[\s\S]*GIAS establishment file[\s\S]*Waymark grouping file[\s\S]*applications and offers/,
    );
    assert.match(help('demo'), /--seed <number>/);
    assert.match(help('batches'), /--limit <n>/);
    assert.match(help('sessions', 'prune'), /Remove every session past its time[\s\S]*every 15 minutes/);
    assert.match(help('sen', 'import'), /<file>[\s\S]*nothing\s+is\s+written\s+if\s+any\s+row\s+has\s+a\s+problem[\s\S]*writes\s+nothing\s+new/);
    assert.match(help('roll-up'), /Remake the roll-ups of school figures[\s\S]*--quiet/);
    assert.match(help('compute'), /GROUPING|grouping[\s\S]*running it twice writes nothing[\s\S]*--quiet/);
    assert.match(help('ssda903', 'import'), /<header> <episodes>[\s\S]*CHILD, DECOM, RNE, LS, CIN, PLACE,[\s\S]*nothing is written[\s\S]*writes nothing new/);
    assert.match(
      help('casework', 'extract'),
      /pseudonymised[\s\S]*HMAC-SHA-256[\s\S]*--team <team>[\s\S]*"cme", "sen", "participation", "inclusion",\s+"admissions"[\s\S]*--out <FILE>/,
    );
    assert.match(help('admissions', 'round', 'add'), /--la <code>[\s\S]*--phase <phase>[\s\S]*--entry <year>/);
    assert.match(help('admissions', 'applications'), /<round> <file>[\s\S]*nothing\s+is\s+written\s+if\s+any\s+has\s+a\s+problem[\s\S]*writes\s+nothing\s+new/);
    assert.match(help('admissions', 'export'), /--out <FILE>/);
    assert.match(help('planning'), /areas \[options\] <file>[\s\S]*capacity[\s\S]*changes[\s\S]*housing[\s\S]*forecast[\s\S]*backtest[\s\S]*export/);
    assert.match(help('planning', 'forecast'), /--la <code>[\s\S]*--base <period>/);
    assert.match(
      help('pupils', 'import'),
      /--collection <name>[\s\S]*--period <time_period>[\s\S]*--data-version <dataVersion>[\s\S]*census +School census enrolments/,
    );
  });
});
