import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NotFoundError } from '../../domain/errors.ts';
import { publicDisclosure } from '../../domain/indicators/disclosure.ts';
import { readImportFile } from '../../imports/import-files.ts';
import { giasFile, giasKentPrimary, laCodeListFile, writeFixture } from '../../../tests/fixtures/register-files.ts';
import { servicesFor } from '../../../tests/support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from '../../../tests/support/databases.ts';
import type { Services } from '../create-services.ts';

/**
 * What the framework service adds to the domain's evaluation (domain/framework/): the places a framework can be shown
 * for, from the store's place tree, and the year to show when none is asked, from the figures held. On a register with
 * two Kent schools in two districts and no figures at all.
 */
for (const target of databaseTargets()) {
  describe(`a framework's places and year from the store (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, new Date('2016-01-10T09:00:00Z'));
      const seed = await readImportFile(writeFixture('la_code_list.csv', laCodeListFile));
      const gias = await readImportFile(
        giasFile([
          giasKentPrimary('990201', 'Swaleside Primary School', 'E07000113', 'Swale'),
          giasKentPrimary('990202', 'Ashmead Primary School', 'E07000105', 'Ashford'),
        ]),
      );
      assert.ok(seed.ok && gias.ok);
      await services.imports.importFiles([seed.file, gias.file]);
    });
    after(() => database.drop());

    it('offers the framework for its LA first, then the LA’s districts, as the register places its schools', async () => {
      const places = await services.frameworks.placesOf('kent-2013-2016');
      assert.deepEqual(places[0], { kind: 'la', code: '886', name: 'Kent' });
      assert.deepEqual(new Set(places.slice(1).map((p) => `${p.kind} ${p.code}`)), new Set(['district E07000113', 'district E07000105']));
    });

    it('shows a framework with no figures held at its first year (frameworks/kent-2013-2016.yaml: 2013 to 2016)', async () => {
      assert.equal(await services.frameworks.yearOf('kent-2013-2016', undefined, publicDisclosure), 2013);
    });

    it('shows a year asked for within the framework, and refuses one outside it as not found, naming the years', async () => {
      assert.equal(await services.frameworks.yearOf('kent-2013-2016', 2015, publicDisclosure), 2015);
      await assert.rejects(services.frameworks.yearOf('kent-2013-2016', 2030, publicDisclosure), (error: Error) => {
        assert.ok(error instanceof NotFoundError);
        assert.match(error.message, /covers 2013 to 2016; it sets no target for 2030/);
        return true;
      });
    });

    it('refuses a framework it does not hold', async () => {
      await assert.rejects(services.frameworks.placesOf('kent-1999-2002'), NotFoundError);
    });

    it('evaluates every target of a store with no figures as no data or not yet due, never with a value', async () => {
      const evaluation = await services.frameworks.evaluate('kent-2013-2016', 2014, publicDisclosure);
      for (const t of evaluation.targets) {
        assert.ok(['no_data', 'not_yet_due'].includes(t.evaluation.status), `${t.target.id}: ${t.evaluation.status}`);
        assert.equal(t.evaluation.value, null, `${t.target.id} has no value`);
      }
      assert.equal(evaluation.counts.no_data + evaluation.counts.not_yet_due, evaluation.targets.length);
    });
  });
}
