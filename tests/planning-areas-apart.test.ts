import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ImportRejectedError, NotFoundError } from '../src/domain/errors.ts';
import { publicDisclosure } from '../src/domain/indicators/disclosure.ts';
import { readImportFile } from '../src/imports/import-files.ts';
import type { Services } from '../src/services/create-services.ts';
import { servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { addHandBuiltRegister, swale } from './fixtures/hand-built-round.ts';
import { writeFixture } from './fixtures/register-files.ts';

// A planning area is a grouping (issue 17, ADR 0020) so the framework reads target 29 by planning area, but it is place
// planning's: it is not a collaboration, the collaborations form cannot open it, and a grouping file cannot overwrite it
// (which would drop its phase and district and leave its shares behind).
for (const target of databaseTargets()) {
  describe(`planning areas kept apart from collaborations (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    const who = { actor: 'cli:planner', requestId: null };

    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, () => new Date('2016-05-20T10:00:00Z'));
      await services.catalogue.sync();
      await addHandBuiltRegister(database);
      await services.placePlanning.record(
        '886',
        'areas.csv',
        {
          areas: [
            {
              code: '886-S-SWA',
              name: 'Swale secondary',
              laCode: '886',
              phase: 'secondary',
              districtCode: swale,
              feedsArea: null,
              validFrom: null,
              validTo: null,
            },
          ],
          memberships: [{ areaCode: '886-S-SWA', urn: '100001', share: 1, validFrom: null, validTo: null }],
        },
        who,
      );
    });
    after(async () => database.drop());

    it('lists no planning area among the collaborations, and will not open one as a collaboration', async () => {
      const listed = await services.collaborations.list(publicDisclosure);
      assert.ok(!listed.collaborations.some((c) => c.code === '886-S-SWA'));
      await assert.rejects(services.collaborations.members('886-S-SWA'), NotFoundError);
    });

    it('refuses a grouping file naming a planning area, by line and column, and leaves the area as it was', async () => {
      const read = await readImportFile(writeFixture('hubs.csv', 'URN,Group code,Group name,Valid from,Valid to\n100002,886-S-SWA,Swale hub,,\n'));
      assert.ok(read.ok, 'the grouping file is recognised');
      await assert.rejects(
        services.imports.importFiles([read.file]),
        (error: unknown) =>
          error instanceof ImportRejectedError &&
          error.issues.some((i) => i.file === 'hubs.csv' && i.line === 2 && i.column === 'Group code' && /planning area/.test(i.message)),
      );
      const area = (await database.store.places.find('grouping', '886-S-SWA'))!;
      assert.equal(area.name, 'Swale secondary');
      assert.equal(area.attributes.kind, 'planning-area');
    });
  });
}
