import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { appWithImports, oneObservation, readShared, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';
import { sharedFile } from './support/shared-data.ts';

// The DfE's 2018/19 KS4 school file with its own column names and symbols (perf-tables-2016-2019/PROVENANCE.md:
// SUPP 1,914, NE 1,869, NP 1,308, LOWCOV 10 cells; empty = not applicable), read through
// mappings/dfe-ks4-performance-tables-2019.yaml after the 2017/18 spine places the schools.
const paths = { spine: 'perf-tables-2016-2019/england_spine_2017-18.csv', ks4: 'perf-tables-2016-2019/ks4_school_2019_trimmed.csv' };
const files = await readShared(['lait/la_code_list.csv', paths.spine, paths.ks4]);
type Raw = Record<string, string>;
const raw = (p: string) => parse<Raw>(readFileSync(sharedFile(p)), { columns: true, bom: true });

/**
 * Expected figures derived from the raw rows: Kent schools are the spine's rows with LA 886; each mapped column gives a
 * value (a number, "%" dropped) or a symbol (SUPP → c; NE, NP, LOWCOV → x); an empty cell gives nothing.
 */
function expected(column: string): Map<string, { value: number | null; symbol: string | null }> {
  const kent = new Set(
    raw(paths.spine)
      .filter((r) => r.LA === '886')
      .map((r) => r.URN),
  );
  const symbols: Record<string, string> = { SUPP: 'c', NE: 'x', NP: 'x', LOWCOV: 'x' };
  const result = new Map<string, { value: number | null; symbol: string | null }>();
  for (const r of raw(paths.ks4)) {
    const cell = r[column]!;
    if (!kent.has(r.URN) || cell === '') continue;
    result.set(r.URN!, symbols[cell] !== undefined ? { value: null, symbol: symbols[cell] } : { value: Number(cell.replace('%', '')), symbol: null });
  }
  return result;
}

for (const target of databaseTargets()) {
  describe(`KS4 2018/19 performance tables, DfE column names and symbols (${target.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await appWithImports(target, files);
    });
    after(() => t.close());

    for (const [indicator, column] of [
      ['ks4-progress8', 'P8MEA'],
      ['ks4-progress8-band', 'P8_BANDING'],
      ['ks4-attainment8', 'ATT8SCR'],
      ['ks4-grade5-english-maths', 'PTL2BASICS_95'],
      ['ks4-ebacc-entered', 'PTEBACC_E_PTQ_EE'],
    ] as const) {
      it(`holds every Kent school's ${column} as ${indicator}, codes as symbols`, async () => {
        const want = expected(column);
        const kentIds = new Set((await t.database.store.places.findMany('school', [...want.keys()])).map((p) => p.id));
        const rows = (await t.database.store.observations.find({ indicatorCode: indicator, period: '201819', basis: 'published', limit: 50_000 })).filter((r) =>
          kentIds.has(r.placeId),
        );
        const got = new Map(rows.map((r) => [r.place.code, { value: r.value === null ? null : Number(r.value), symbol: r.symbol }]));
        assert.deepEqual(got, want);
      });
    }

    it('serves a Kent grammar school as published: Wilmington Grammar School for Girls (URN 137250), P8 0.27, A8 65.4, 91% grade 5+', async () => {
      type Row = { value: number | null; decimalPlaces: number; provenance: { file: string; line: number } };
      const p8 = await oneObservation<Row>(t.app, 'indicator=ks4-progress8&place=137250&period=201819');
      assert.deepEqual([p8.value, p8.decimalPlaces], [0.27, 2]);
      assert.equal((await oneObservation<Row>(t.app, 'indicator=ks4-attainment8&place=137250&period=201819')).value, 65.4);
      const grade5 = await oneObservation<Row>(t.app, 'indicator=ks4-grade5-english-maths&place=137250&period=201819');
      assert.equal(grade5.value, 91);
      assert.match(grade5.provenance.file, /ks4_school_2019_trimmed\.csv$/);
    });
  });
}

describe('the 2018/19 KS4 mapping agrees with the DfE metadata file', () => {
  // dfe-perf-tables-meta/ks4_final_meta_2018-19.csv: "Metafile heading" is the column, "Metafile description" its meaning.
  const meta = new Map(raw('dfe-perf-tables-meta/ks4_final_meta_2018-19.csv').map((r) => [r['Metafile heading']!, r['Metafile description']!]));
  const mapping = readFileSync('mappings/dfe-ks4-performance-tables-2019.yaml', 'utf8');

  it('maps each column to the measure the DfE describes', () => {
    const meanings: Record<string, RegExp> = {
      'ks4-progress8': /^Progress 8 measure/,
      'ks4-progress8-band': /^Progress 8 banding/,
      'ks4-attainment8': /^Average Attainment 8 score per pupil/,
      'ks4-grade5-english-maths': /9-5 passes in both English and mathematics/,
      'ks4-ebacc-entered': /entries in all English Baccalaureate subject areas/,
    };
    const mapped = [...mapping.matchAll(/indicator: ([a-z0-9-]+), value: ([A-Z0-9_]+)/g)];
    assert.deepEqual(mapped.map((m) => m[1]).sort(), Object.keys(meanings).sort());
    for (const [, indicator, column] of mapped) assert.match(meta.get(column!) ?? '(not in the metadata)', meanings[indicator!]!, `${column} → ${indicator}`);
  });

  it('reads record types 1 and 2 as the DfE defines them (mainstream and special schools)', () => {
    assert.match(meta.get('RECTYPE')!, /1=mainstream school; 2=special school/);
  });
});
