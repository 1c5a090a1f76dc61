import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ImportRejectedError } from '../src/domain/errors.ts';
import { readImportFile } from '../src/imports/import-files.ts';
import { writeFixture } from './fixtures/register-files.ts';
import { appWithImports, readShared, type TestApp } from './support/app.ts';
import { mappings } from './support/catalogue.ts';
import { databaseTargets, tableCounts } from './support/databases.ts';

/** Issue 11 points 1 and 3: only conflicting values and LA names nobody knows refuse a published file, at their line. */
const laCodes = await readShared(['lait/la_code_list.csv']);

const exclusionsHeader =
  '"year","level","la_name","school_type","num_schools","headcount","perm_excl","perm_excl_rate","fixed_excl","fixed_excl_rate","one_plus_fixed","one_or_more_fixed_excl_rate"';
const ks4Header = 'RECTYPE,LEA,URN,SCHNAME,TPUP,TFSMCLA,PTFSMCLA,PTAC5EM_PTQ,PTAC5EMFSM_PTQ,PTAC5EMNFSM_PTQ,PT24ENGPRG_PTQ,PT24MATHPRG_PTQ,PTEBACC_PTQ';

async function screened(name: string, content: string) {
  const read = await readImportFile(writeFixture(name, content), mappings);
  assert.ok(read.ok, JSON.stringify(read));
  return read.file;
}

for (const target of databaseTargets()) {
  describe(`published files refused only for what is really wrong (${target.name})`, () => {
    let test: TestApp;
    before(async () => {
      test = await appWithImports(target, laCodes);
    });
    after(() => test.close());

    it('refuses an LA name neither the store nor the alias table knows, with its line, and writes nothing', async () => {
      const file = await screened(
        'exclusions.csv',
        `${exclusionsHeader}\n"201213","Local authority","Kent","Total","600","216317","123","0.06","10553","4.88","5402","2.5"\n"201213","Local authority","Atlantis","Total","1","10","0","0","0","0","0","0"\n`,
      );
      const counts = await tableCounts(test.database.db);
      await assert.rejects(test.services.imports.importFiles([file]), /exclusions\.csv, line 3: unknown LA name "Atlantis" in 201213/);
      assert.deepEqual(await tableCounts(test.database.db), counts);
    });

    it('reads "Bedford" and "Dorset" of 2012/13 as Bedford Borough (822) and the old county (835)', async () => {
      const file = await screened(
        'exclusions.csv',
        `${exclusionsHeader}\n"201213","Local authority","Bedford","Total","80","25000","30","0.12","900","3.6","500","2"\n"201213","Local authority","Dorset","Total","200","60000","40","0.07","1800","3","900","1.5"\n`,
      );
      await test.services.imports.importFiles([file]);
      for (const [place, value] of [
        ['822', 30],
        ['835', 40],
      ] as const) {
        const rows = (await test.app.inject(`/api/v1/observations?indicator=permanent-exclusions&place=${place}&period=201213`)).json<{
          observations: { value: number }[];
        }>().observations;
        assert.deepEqual(
          rows.map((r) => r.value),
          [value],
          place,
        );
      }
    });

    it('keeps a school row repeated exactly once, and refuses one repeated with a different value at its line', async () => {
      const row = 'SCH,886.0,118830.0,A school,100,20,20.0,58.1,30.6,65.3,70,71,20';
      const repeated = await screened('ks4.csv', `${ks4Header}\n${row}\n${row}\n`);
      const report = await test.services.imports.importFiles([repeated]);
      assert.ok(report.files[0]!.notes.some((n) => /^\d+ rows repeating a figure already read, with the same value, kept once$/.test(n)));
      const conflicting = await screened('ks4.csv', `${ks4Header}\n${row}\n${row.replace('58.1', '58.2')}\n`);
      const counts = await tableCounts(test.database.db);
      await assert.rejects(test.services.imports.importFiles([conflicting]), /ks4\.csv, line 3, column PTAC5EM_PTQ: a second, different value for ks4-5ac-em/);
      assert.deepEqual(await tableCounts(test.database.db), counts);
    });

    it('holds a file read a chunk of 1,000 rows at a time to one figure a cell across its chunks (issue 20.5)', async () => {
      // 2,500 schools, one row each; then the first school's row again on line 1,602 (the second chunk) and 2,503 (the
      // third), identical: kept once. The same file with line 2,503 differing is refused there, naming line 2 as the
      // first.
      const schoolRow = (i: number, value = '58.1') => `SCH,886.0,${970000 + i}.0,School ${i},100,20,20.0,${value},30.6,65.3,70,71,20`;
      const rows = Array.from({ length: 2_500 }, (_, i) => schoolRow(i));
      const withRepeats = (last: string) => [...rows.slice(0, 1_600), schoolRow(0), ...rows.slice(1_600), last];
      const repeated = await screened('ks4-long.csv', `${ks4Header}\n${withRepeats(schoolRow(0)).join('\n')}\n`);
      const report = await test.services.imports.importFiles([repeated]);
      const file = report.files[0]!;
      // Every school row gives the same figures, so the two repeated rows give twice a row's figures as repeats.
      const perRow = (file.inserted + file.updated + file.unchanged) / 2_500;
      assert.ok(Number.isInteger(perRow) && perRow > 0, `${perRow} figures a row`);
      assert.ok(file.notes.includes(`${2 * perRow} rows repeating a figure already read, with the same value, kept once`), file.notes.join('\n'));
      const conflicting = await screened('ks4-long.csv', `${ks4Header}\n${withRepeats(schoolRow(0, '58.2')).join('\n')}\n`);
      const counts = await tableCounts(test.database.db);
      await assert.rejects(
        test.services.imports.importFiles([conflicting]),
        /ks4-long\.csv, line 2503, column PTAC5EM_PTQ: a second, different value for ks4-5ac-em \(all\), \d+, School 0: the first is on line 2\b/,
      );
      assert.deepEqual(await tableCounts(test.database.db), counts);
    });

    it('lists every LA name nobody knows, in every chunk of 1,000 rows, as when the file was read whole (issue 20.5)', async () => {
      const kent = '"201213","Local authority","Kent","Total","600","216317","123","0.06","10553","4.88","5402","2.5"';
      const unknown = (name: string) => `"201213","Local authority","${name}","Total","1","10","0","0","0","0","0","0"`;
      const rows = [unknown('Atlantis'), ...Array.from({ length: 1_499 }, () => kent), unknown('Lemuria')];
      const file = await screened('exclusions-long.csv', `${exclusionsHeader}\n${rows.join('\n')}\n`);
      const counts = await tableCounts(test.database.db);
      await assert.rejects(test.services.imports.importFiles([file]), (error: ImportRejectedError) => {
        assert.deepEqual(
          error.issues.map((i) => [i.line, i.message.split(' in ')[0]]),
          [
            [2, 'unknown LA name "Atlantis"'],
            [1502, 'unknown LA name "Lemuria"'],
          ],
        );
        return true;
      });
      assert.deepEqual(await tableCounts(test.database.db), counts);
    });

    it('names a school the register lacks as the last row naming it does, when the rows are chunks apart (issue 20.5)', async () => {
      // URN 985000 on line 2 as "First name" and again on line 1,502 (the second chunk) as "Second name" with the same
      // figures: the figures are kept once, and the school is named as the file read whole named it, by its last row.
      const named = (name: string) => `SCH,886.0,985000.0,${name},100,20,20.0,58.1,30.6,65.3,70,71,20`;
      const filler = Array.from({ length: 1_499 }, (_, i) => `SCH,886.0,${986000 + i}.0,Filler ${i},100,20,20.0,50.0,30.6,65.3,70,71,20`);
      const file = await screened('ks4-renamed.csv', `${ks4Header}\n${[named('First name'), ...filler, named('Second name')].join('\n')}\n`);
      const report = await test.services.imports.importFiles([file]);
      assert.ok(report.files[0]!.notes.some((n) => /^\d+ rows repeating a figure already read, with the same value, kept once$/.test(n)));
      const place = await test.database.db
        .selectFrom('place')
        .select(['name'])
        .where('kind', '=', 'school')
        .where('code', '=', '985000')
        .executeTakeFirstOrThrow();
      assert.equal(place.name, 'Second name');
    });
  });
}

describe('a file a mapping reads that CSV cannot read is refused for that alone, as when it was read whole (issue 20.5)', () => {
  it('gives the truncated row on line 3, not the bad number on line 2 before it', async () => {
    const good = 'SCH,886.0,118830.0,A school,100,20,20.0,58.1,30.6,65.3,70,71,20';
    const read = await readImportFile(
      writeFixture('ks4-truncated.csv', `${ks4Header}\n${good.replace('58.1', 'lots')}\nSCH,886.0,118831.0\n${good}\n`),
      mappings,
    );
    assert.ok(!read.ok);
    assert.deepEqual(
      read.issues.map((i) => [i.line, i.message.split(':')[0]]),
      [[3, 'truncated row']],
    );
  });
});
