import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LaitValueRecord } from '../../domain/indicators/lait.ts';
import { LaitColumns } from './lait-columns.ts';

const record = (line: number, over: Partial<LaitValueRecord> = {}): LaitValueRecord => ({
  line,
  shortDesc: 'KS2RWM_Expected_STD',
  yearsLabel: '2016',
  laNumber: '886',
  areaName: 'Kent',
  region: 'South East',
  value: 59,
  publishedDecimals: 0,
  ...over,
});
const areas = new Map([
  ['886', { name: 'Kent', region: 'South East', line: 2 }],
  ['0886', { name: 'Kent (written with a zero)', region: null, line: 3 }],
]);

describe('LAIT values held as columns (issue 20.5)', () => {
  it('refuses a 65,537th name in a column (held in 16 bits), keeping nothing of that row and naming the column', () => {
    const columns = new LaitColumns();
    for (let i = 0; i < 65_536; i++) assert.equal(columns.add(record(i + 2, { laNumber: String(100_000 + i) })), null);
    assert.equal(columns.add(record(65_538, { laNumber: 'one more' })), 'LA Number');
    assert.equal(columns.length, 65_536);
    // A name already held is still taken.
    assert.equal(columns.add(record(65_539, { laNumber: '100000', yearsLabel: '2017' })), null);
    assert.equal(columns.length, 65_537);
  });

  it('gives back each value as it was read, in file order, a chunk at a time, from blocks written out and the last in memory', () => {
    // 70,000 values in blocks of 65,536 as a long table is read, and in blocks of 999 (70 written out, 70 kept).
    for (const size of [{}, { blockRows: 999 }]) {
      const columns = new LaitColumns(size);
      const records = Array.from({ length: 70_000 }, (_, i) =>
        record(i + 2, {
          yearsLabel: String(2000 + (i % 20)),
          laNumber: i % 2 === 0 ? '886' : '0886',
          areaName: i % 2 === 0 ? 'Kent' : 'Kent (written with a zero)',
          region: i % 2 === 0 ? 'South East' : null,
          shortDesc: `M${Math.floor(i / 20)}`,
          value: i % 7 === 0 ? null : i / 3,
          publishedDecimals: i % 7 === 0 ? null : i % 4,
        }),
      );
      for (const r of records) columns.add(r);
      const chunks = [...columns.chunks(areas, 30_000)];
      assert.deepEqual(
        chunks.map((c) => c.length),
        [30_000, 30_000, 10_000],
      );
      assert.deepEqual(chunks.flat(), records);
      // Read again, as the writer reads the values once for each pass.
      assert.equal([...columns.chunks(areas, 30_000)].flat().length, 70_000);
    }
  });

  it('finds two values for one measure, year and area, naming the first line, and no others', () => {
    const columns = new LaitColumns();
    for (const r of [record(2), record(3, { laNumber: '0886' }), record(4, { yearsLabel: '2017' }), record(5, { value: 60 }), record(6)]) columns.add(r);
    assert.deepEqual(
      columns.duplicates('bds_long.csv').map((i) => [i.line, i.message]),
      [
        [5, 'duplicate value for measure, year and area KS2RWM_Expected_STD 2016 886 (first on line 2)'],
        [6, 'duplicate value for measure, year and area KS2RWM_Expected_STD 2016 886 (first on line 2)'],
      ],
    );
  });

  it('finds repeats in any block and any sorted run, and only repeats', () => {
    // Keys sorted in runs of 1,000 from blocks of 300: a repeat within a run, across runs, and three of one key.
    const columns = new LaitColumns({ blockRows: 300, runKeys: 1_000 });
    const lines = 10_000;
    for (let i = 0; i < lines; i++) columns.add(record(i + 2, { shortDesc: `M${i}` }));
    columns.add(record(lines + 2, { shortDesc: 'M5' }));
    columns.add(record(lines + 3, { shortDesc: 'M9000' }));
    columns.add(record(lines + 4, { shortDesc: 'M5' }));
    columns.add(record(lines + 5, { shortDesc: 'M9999', yearsLabel: '2017' }));
    assert.deepEqual(
      columns.duplicates('bds_long.csv').map((i) => [i.line, i.message]),
      [
        [10_002, 'duplicate value for measure, year and area M5 2016 886 (first on line 7)'],
        [10_003, 'duplicate value for measure, year and area M9000 2016 886 (first on line 9002)'],
        [10_004, 'duplicate value for measure, year and area M5 2016 886 (first on line 7)'],
      ],
    );
    const clean = new LaitColumns({ blockRows: 300, runKeys: 1_000 });
    for (let i = 0; i < lines; i++) clean.add(record(i + 2, { shortDesc: `M${i % 5000}`, yearsLabel: i < 5000 ? '2016' : '2017' }));
    assert.deepEqual(clean.duplicates('bds_long.csv'), []);
  });
});
