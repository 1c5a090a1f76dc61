import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asStored } from '../src/store/indicator-store.ts';
import { createLog } from '../src/log.ts';
import { createServices, type Services } from '../src/services/create-services.ts';
import { catalogue, frameworks } from './support/catalogue.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { servicesFor } from './support/app.ts';

for (const target of databaseTargets()) {
  describe(`the indicator catalogue in the store (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, new Date('2016-01-14T00:00:00Z'));
    });
    after(() => database.drop());

    it('writes every definition once and reads back exactly what the files say', async () => {
      assert.deepEqual(await services.catalogue.sync(), { inserted: catalogue.length, updated: 0, unchanged: 0 });
      assert.deepEqual(
        await database.store.indicators.all(),
        // LAIT breakdown keys are read by the framework from the files, not stored (see indicator-store.ts).
        [...catalogue].map((i) => asStored(i)).sort((a, b) => a.code.localeCompare(b.code)),
      );
      assert.deepEqual(await services.catalogue.sync(), { inserted: 0, updated: 0, unchanged: catalogue.length });
    });

    it('updates a definition whose file changed', async () => {
      const changed = catalogue.map((i) => (i.code === 'overall-absence' ? { ...i, title: 'Overall absence rate (all sessions)' } : i));
      const other = createServices(database.store, () => new Date(), createLog('silent'), changed, {
        pupilDir: database.pupilDir,
        frameworks,
        who: { actor: 'system', requestId: null },
      });
      assert.deepEqual(await other.catalogue.sync(), { inserted: 0, updated: 1, unchanged: catalogue.length - 1 });
    });
  });
}
