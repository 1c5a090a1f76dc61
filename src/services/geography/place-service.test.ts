import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NotFoundError } from '../../domain/errors.ts';
import { readImportFile } from '../../imports/import-files.ts';
import { giasFile, giasKentPrimary, laCodeListFile, spineHeader, spineRow, writeFixture } from '../../../tests/fixtures/register-files.ts';
import { servicesFor } from '../../../tests/support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from '../../../tests/support/databases.ts';
import type { Services } from '../create-services.ts';

/**
 * The place service's read models over the store's place tree: which LA Waymark serves (the one whose districts are
 * held), a place page's ancestors, and a place it does not hold refused by name.
 */
for (const target of databaseTargets()) {
  describe(`places as the pages read them (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, new Date('2024-01-10T09:00:00Z'));
      const seed = await readImportFile(writeFixture('la_code_list.csv', laCodeListFile));
      const spine = await readImportFile(writeFixture('spine.csv', `${spineHeader}\n${spineRow()}\n`));
      assert.ok(seed.ok && spine.ok);
      await services.imports.importFiles([seed.file, spine.file]);
    });
    after(() => database.drop());

    it('serves no LA while no LA’s districts are held (the spine names LAs, not districts)', async () => {
      assert.equal(await services.places.servedLa(), null);
    });

    it('serves the LA whose districts are held, once a district hangs from it', async () => {
      const gias = await readImportFile(giasFile([giasKentPrimary('990001', 'Testwell Primary School', 'E07000105', 'Ashford')]));
      assert.ok(gias.ok);
      await services.imports.importFiles([gias.file]);
      assert.equal(await services.places.servedLa(), '886');
    });

    it('refuses a place it does not hold, naming its kind and code', async () => {
      await assert.rejects(services.places.placePage('district', 'E07999999'), (error: Error) => {
        assert.ok(error instanceof NotFoundError);
        assert.match(error.message, /No district with code E07999999/);
        return true;
      });
    });
  });
}
