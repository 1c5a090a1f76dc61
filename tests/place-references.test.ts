import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ImportRejectedError } from '../src/domain/errors.ts';
import { readImportFile } from '../src/imports/import-files.ts';
import type { Services } from '../src/services/create-services.ts';
import { servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, tableCounts, type TestDatabase } from './support/databases.ts';
import { laCodeListFile, spineHeader, spineRow, writeFixture } from './fixtures/register-files.ts';

/**
 * Issue 13 item 3: a reference an import cannot resolve (an LA's region the store does not hold) is an import issue
 * naming file, line and column, never a null that turns into a database error; and a place whose stored attributes do
 * not fit its kind is refused where the store reads it, naming the place and the field.
 */
for (const target of databaseTargets()) {
  describe(`places are typed where the store reads them and imports name the references they cannot resolve (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, new Date('2024-01-01T00:00:00Z'));
      const seed = await readImportFile(writeFixture('la_code_list.csv', laCodeListFile));
      const spine = await readImportFile(writeFixture('spine.csv', `${spineHeader}\n${spineRow()}\n`));
      assert.ok(seed.ok && spine.ok);
      await services.imports.importFiles([seed.file, spine.file]);
    });
    after(() => database.drop());

    it('refuses an LA code list row whose region the store does not hold, naming file, line and column, and writes nothing', async () => {
      const read = await readImportFile(
        writeFixture('la_code_list.csv', 'LA Number,LA Name,Region,Type\n886,Kent,South East,SC\n845,East Sussex,South East,SC\n'),
      );
      assert.ok(read.ok && read.file.format === 'la-code-list');
      // The reader only names regions it knows; a caller handing the writer records of its own must not reach a null parent.
      const file = { ...read.file, records: read.file.records.map((r) => (r.code === '845' ? { ...r, regionCode: 'E99999999' } : r)) };
      const before = await tableCounts(database.db);
      await assert.rejects(services.imports.importFiles([file]), (error: Error) => {
        assert.ok(error instanceof ImportRejectedError);
        assert.match(error.message, /la_code_list\.csv, line 3, column Region: unknown code: region "E99999999" of LA 845 is not in the store/);
        return true;
      });
      assert.deepEqual(await tableCounts(database.db), before);
    });

    it('reads a school with its attributes typed, as the spine wrote them', async () => {
      const school = await database.store.places.find('school', '990001');
      assert.ok(school !== undefined);
      assert.equal(school.attributes.laCode, '886');
      assert.equal(typeof school.attributes.stateFunded, 'boolean');
      assert.equal(school.attributes.pupilsOnRoll, null);
    });

    it('refuses a school whose stored attributes do not fit a school, naming the place and the field', async () => {
      const row = await database.db
        .selectFrom('place')
        .select(['id', 'attributes'])
        .where('kind', '=', 'school')
        .where('code', '=', '990001')
        .executeTakeFirstOrThrow();
      const original = JSON.stringify(row.attributes);
      await database.db
        .updateTable('place')
        .set({ attributes: JSON.stringify({ ...(row.attributes as object), stateFunded: 'yes' }) })
        .where('id', '=', row.id)
        .execute();
      try {
        await assert.rejects(database.store.places.byKind('school'), /The stored attributes of school 990001 do not fit a school: stateFunded: .*boolean/);
      } finally {
        await database.db.updateTable('place').set({ attributes: original }).where('id', '=', row.id).execute();
      }
      assert.equal((await database.store.places.byKind('school')).length, 1);
    });
  });
}
