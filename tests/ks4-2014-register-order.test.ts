import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { ImportFile } from '../src/domain/import-file.ts';
import { readShared, servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { sharedFile } from './support/shared-data.ts';

/** Issue 11 point 1: the KS4 2013/14 file after the real register, and before it, ends in the same store. */
const ks4Path = 'ks4-2014-eduvis/ks4_2013-14_school_and_la.csv';
const [laCodes, spine, ks4] = (await readShared(['lait/la_code_list.csv', 'perf-tables-2016-2019/england_spine_2017-18.csv', ks4Path])) as [
  ImportFile,
  ImportFile,
  ImportFile,
];

// From the raw file: school rows that repeat an earlier row in every column, and URNs the 2017/18 spine lacks.
type Row = Record<string, string>;
const raw = parse<Row>(readFileSync(sharedFile(ks4Path)), { columns: true, bom: true });
const schoolRows = raw.filter((r) => r.RECTYPE === 'SCH');
const exactRepeats = schoolRows.length - new Set(schoolRows.map((r) => JSON.stringify(r))).size;
const spineUrns = new Set(
  parse<Row>(readFileSync(sharedFile('perf-tables-2016-2019/england_spine_2017-18.csv')), { columns: true, bom: true }).map((r) => r.URN),
);
const unregisteredUrns = new Set(schoolRows.map((r) => r.URN!.replace(/\.0$/, '')).filter((urn) => !spineUrns.has(urn)));

const now = new Date('2026-01-01T00:00:00Z');

async function observations(database: TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ line: string }>`
    select concat_ws('|', o.indicator_code, p.kind, p.code, o.period, o.breakdown, o.basis, o.population, o.value::text, o.numerator::text,
                     o.denominator::text, o.symbol, o.detail::text) as line
      from observation o join place p on p.id = o.place_id order by 1`.execute(database.db);
  return rows.map((r) => r.line);
}

for (const target of databaseTargets()) {
  describe(`the KS4 2013/14 school and LA file before and after the register (${target.name})`, () => {
    let after_: TestDatabase;
    let before_: TestDatabase;
    let notes: readonly string[] = [];
    let unregisteredAfterSpine: number | undefined;

    before(async () => {
      after_ = await freshDatabase(target);
      const first = servicesFor(after_, now);
      await first.imports.importFiles([laCodes, spine]);
      notes = (await first.imports.importFiles([ks4])).files[0]!.notes;
      before_ = await freshDatabase(target);
      const second = servicesFor(before_, now);
      await second.imports.importFiles([laCodes]);
      await second.imports.importFiles([ks4]);
      unregisteredAfterSpine = (await second.imports.importFiles([spine])).rollUps?.unregistered;
    });
    after(async () => {
      await after_.drop();
      await before_.drop();
    });

    it('keeps each exactly repeated school row once and counts the repeats on the batch', () => {
      assert.ok(exactRepeats > 100, `${exactRepeats} repeated rows in the raw file`);
      // Each repeated row carries the file's seven values (some blank rows skip none): at least one repeat per row.
      const counted = notes.map((n) => /^(\d+) rows repeating a figure already read/.exec(n)).find((m) => m !== null);
      assert.ok(counted !== undefined, notes.join('\n'));
      assert.ok(Number(counted[1]) >= exactRepeats, notes.join('\n'));
    });

    it('keeps the results of schools the 2017/18 register does not hold, with the LA the file gives', async () => {
      assert.ok(unregisteredUrns.size > 0);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from place where kind = 'school' and attributes->>'register' like 'not in the register%'`.execute(after_.db);
      assert.equal(rows[0]!.n, unregisteredUrns.size);
      assert.ok(
        notes.some((n) => /counted in no LA, district or grouping roll-up: ks4-5ac-em 201314: \d+ schools, \d+ pupils/.test(n)),
        notes.join('\n'),
      );
      const [urn] = [...unregisteredUrns];
      const lea = schoolRows.find((r) => r.URN!.replace(/\.0$/, '') === urn)!.LEA!.replace(/\.0$/, '');
      const { rows: held } = await sql<{ la: string }>`select attributes->>'laCode' as la from place where kind = 'school' and code = ${urn}`.execute(
        after_.db,
      );
      assert.equal(held[0]!.la, lea);
      // When the register arrives after the file, the roll-ups it remakes say how many schools they still cannot place.
      assert.equal(unregisteredAfterSpine, unregisteredUrns.size);
    });

    it('ends with the same observations in either order', async () => {
      const [a, b] = [await observations(after_), await observations(before_)];
      assert.ok(a.length > 10000);
      assert.deepEqual(b.filter((line, i) => line !== a[i]).slice(0, 5), []);
      assert.equal(b.length, a.length);
    });
  });
}
