import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamCsvFile } from '../csv-stream.ts';
import { laitData } from './lait-data.ts';

// The long table screened as the importer screens it (import-files.ts): a file the columns cannot hold is refused as a
// file's issue at its line and column, never as an error out of the import.

const header = 'Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region';
const dir = mkdtempSync(join(tmpdir(), 'waymark-lait-data-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const screen = async (lines: readonly string[]) => {
  const at = join(dir, 'bds_long.csv');
  writeFileSync(at, [header, ...lines].join('\n'));
  const read = await streamCsvFile(at);
  if (!read.ok) throw new Error(JSON.stringify(read.issues));
  return laitData.screen(read.text);
};

describe('screening LAIT’s long table', () => {
  it('refuses a 65,537th measure at its line and column, not with an error', async () => {
    const lines = Array.from({ length: 65_537 }, (_, i) => `M${i},A measure,2016,Kent,59,886,South East`);
    const { issues } = await screen(lines);
    assert.deepEqual(
      issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.message}`),
      ['bds_long.csv:65538:Short Desc more than 65,536 different values in this column: not a LAIT file as published'],
    );
  });

  it('reads a well-formed file without issues', async () => {
    const { issues, values } = await screen([
      'KS2RWM_Expected_STD,Expected standard in RWM,2016,Kent,59,886,South East',
      'KS2RWM_Expected_STD,Expected standard in RWM,2016,England,53,921,NA',
    ]);
    assert.deepEqual(issues, []);
    assert.equal(values.length, 2);
  });
});
