import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { readImportFile } from '../src/imports/import-files.ts';
import { createLog } from '../src/log.ts';

import { createApp } from '../src/web/create-app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { laCodeListFile, writeFixture } from './fixtures/register-files.ts';
import { servicesFor } from './support/app.ts';

describe('web responses', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  before(async () => {
    database = await freshDatabase(databaseTargets()[0]!);
    const log = createLog('silent');
    const services = servicesFor(database, new Date('2016-01-14T00:00:00Z'), log);
    const list = await readImportFile(writeFixture('la_code_list.csv', laCodeListFile));
    assert.ok(list.ok);
    await services.imports.importFiles([list.file]);
    app = await createApp(services, { log, production: true, version: '9.9.9', commit: 'abc1234', database: 'test database' });
  });
  after(async () => {
    await app.close();
    await database.drop();
  });

  it('reports health with the database server version', async () => {
    const response = await app.inject('/health');
    assert.equal(response.statusCode, 200);
    assert.equal(response.json<{ status: string }>().status, 'ok');
  });

  it('reports version and commit at /info', async () => {
    assert.deepEqual(
      { version: response(await app.inject('/info')).version, commit: response(await app.inject('/info')).commit },
      { version: '9.9.9', commit: 'abc1234' },
    );
  });

  it('answers an unknown place with a 404 page that says what was not found', async () => {
    const r = await app.inject('/places/la/999');
    assert.equal(r.statusCode, 404);
    assert.match(r.body, /<title>Not found – Waymark<\/title>/);
    assert.match(r.body, /No la with code 999/);
    assert.equal((await app.inject('/places/planet/1')).statusCode, 404);
    assert.equal((await app.inject('/no-such-page')).statusCode, 404);
  });

  it('answers a date that is not a date with a 400 page naming it', async () => {
    const bad = await app.inject('/places/la/886?on=2015-02-30');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /&quot;2015-02-30&quot; is not a date/);
    assert.equal((await app.inject('/places/la/886?on=yesterday')).statusCode, 400);
  });

  it('shows a place page for an LA with its region in the breadcrumb', async () => {
    const r = await app.inject('/places/la/886');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /<title>Kent – Local authority – Waymark<\/title>/);
    assert.match(r.body, /href="\/places\/region\/E12000008">South East</);
  });
});

function response(r: { json: <T>() => T }): { version: string; commit: string } {
  return r.json<{ version: string; commit: string }>();
}
