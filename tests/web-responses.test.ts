import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { readImportFile } from '../src/imports/import-files.ts';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';

import { createApp } from '../src/web/create-app.ts';
import { publicAccess } from '../src/domain/access/route-access.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { laCodeListFile, writeFixture } from './fixtures/register-files.ts';
import { servicesFor } from './support/app.ts';

describe('web responses', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let services: Services;
  before(async () => {
    database = await freshDatabase(databaseTargets()[0]!);
    const log = createLog('silent');
    services = servicesFor(database, new Date('2016-01-14T00:00:00Z'), log);
    const list = await readImportFile(writeFixture('la_code_list.csv', laCodeListFile));
    assert.ok(list.ok);
    await services.imports.importFiles([list.file]);
    app = await createApp(services, { log, production: true, version: '9.9.9', commit: 'abc1234' });
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

  it('shows the public only what is running at /info: name, version and commit, never the data directory, port or Node version', async () => {
    const info = await app.inject('/info');
    assert.deepEqual(info.json(), { name: 'waymark', version: '9.9.9', commit: 'abc1234' });
    assert.doesNotMatch(info.body, /test database|waymark_t_|\.waymark|v\d+\.\d+\.\d+|3000/);
  });

  it('hides what went wrong inside behind a GOV.UK page (and, under /api, a problem body) in production', async () => {
    // The services are handed in, so one that fails as a broken database would stands in for it: no module is mocked.
    const internal = 'relation "secret_table" does not exist at /srv/waymark/.waymark/pg';
    const fail = async (): Promise<never> => Promise.reject(new Error(internal));
    const log = createLog('silent');
    const broken = {
      ...services,
      places: { ...services.places, home: fail },
      observations: { ...services.observations, indicators: fail },
      health: { check: fail },
    };
    const production = await createApp(broken, { log, production: true, version: '9.9.9', commit: 'abc1234' });
    try {
      const page = await production.inject('/');
      assert.equal(page.statusCode, 500);
      assert.match(page.body, /<title>Sorry, there is a problem with the service – Waymark<\/title>/);
      assert.match(page.body, /Try again later\./);
      const api = await production.inject('/api/v1/indicators');
      assert.equal(api.statusCode, 500);
      assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
      assert.deepEqual(api.json(), { type: 'about:blank', status: 500, title: 'Sorry, there is a problem with the service', detail: 'Try again later.' });
      const health = await production.inject('/health');
      assert.equal(health.statusCode, 503);
      for (const r of [page, api, health]) assert.doesNotMatch(r.body, /secret_table|\/srv\/waymark|\bat [\w.]+ \(/);
    } finally {
      await production.close();
    }
    const development = await createApp(broken, { log, production: false, version: '9.9.9', commit: 'abc1234' });
    try {
      assert.match((await development.inject('/')).body, /secret_table/, 'development shows the message');
    } finally {
      await development.close();
    }
  });

  it("answers a response Node refuses to send (a header it cannot write) with the GOV.UK 500 page, not Fastify's own JSON", async () => {
    const log = createLog('silent');
    const odd = await createApp(services, { log, production: true, version: '9.9.9', commit: 'abc1234' });
    // A route whose header Node cannot write (a line break and a non-ASCII letter in it); no Waymark route writes one.
    odd.get('/odd-header', { config: publicAccess }, (_request, reply) =>
      reply.header('content-disposition', 'attachment; filename="f\u00e9male\r\n.csv"').send('x'),
    );
    try {
      const r = await odd.inject('/odd-header');
      assert.equal(r.statusCode, 500);
      assert.match(String(r.headers['content-type']), /^text\/html/);
      assert.equal(r.headers['content-disposition'], undefined);
      assert.match(r.body, /Try again later\./);
      assert.doesNotMatch(r.body, /ERR_INVALID_CHAR|Invalid character/);
    } finally {
      await odd.close();
    }
  });

  it('names a download after its breakdown with only the characters a header can carry', async () => {
    const code = (await services.observations.indicators())[0]!.code;
    const compare: Services['comparison']['compare'] = async (...args) => ({
      ...(await services.comparison.compare(...args)),
      breakdown: 'gender:f\u00e9male\r\n',
    });
    const log = createLog('silent');
    const odd = await createApp(
      { ...services, comparison: { ...services.comparison, compare } },
      { log, production: true, version: '9.9.9', commit: 'abc1234' },
    );
    try {
      const r = await odd.inject(`/indicators/${code}.csv`);
      assert.equal(r.statusCode, 200);
      assert.match(String(r.headers['content-disposition']), /^attachment; filename="[A-Za-z0-9._-]+\.csv"$/);
    } finally {
      await odd.close();
    }
  });

  it('answers the API with a problem body that names the parameter at fault', async () => {
    const r = await app.inject('/api/v1/observations?indicator=ks2-expected-rwm&period=2015%2F16');
    assert.equal(r.statusCode, 400);
    assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
    const problem = r.json<{ status: number; title: string; detail: string }>();
    assert.equal(problem.status, 400);
    assert.match(problem.detail, /^period: a DfE time_period/);
    const twice = await app.inject('/api/v1/observations?indicator=a&indicator=b');
    assert.match(twice.json<{ detail: string }>().detail, /^indicator: give it once$/);
    const unknown = await app.inject('/api/v1/observations?indicator=ks2-expected-rwm&colour=blue');
    assert.equal(unknown.json<{ detail: string }>().detail, 'colour: not a parameter read here');
    const tooSmall = await app.inject('/api/v1/frameworks/kent-2013-2016/evaluation?year=1999');
    assert.equal(tooSmall.json<{ detail: string }>().detail, 'year: is too small (at least 2000)');
    const page = await app.inject('/floor-standards?la=kent');
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /la: is not written in the expected form/);
    const missing = await app.inject('/api/v1/no-such-thing');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json<{ title: string }>().title, 'Page not found');
  });

  it('refuses a NUL character or text that is not UTF-8 with a 400 page in plain words, before any service', async () => {
    for (const url of ['/search?q=a%00b', '/places/la/88%006', '/search?q=%C3%28', '/%']) {
      const r = await app.inject(url);
      assert.equal(r.statusCode, 400, url);
      assert.match(r.body, /<title>There is a problem with the request – Waymark<\/title>/, url);
      assert.match(r.body, /NUL character|not valid UTF-8|web address is not valid/, url);
    }
    const form = await app.inject({ method: 'POST', url: '/collaborations', payload: { code: 'a\u0000', name: 'x', members: '1' } });
    assert.equal(form.statusCode, 400);
  });

  it('refuses a breakdown that is not a code (it names the CSV download), saying which parameter is wrong', async () => {
    for (const url of [
      '/indicators/ks2-expected-rwm.csv?breakdown=%C3%A9t%C3%A9',
      '/indicators/ks2-expected-rwm.csv?breakdown=all%0D%0ASet-Cookie:%20x=1',
      '/api/v1/observations?indicator=ks2-expected-rwm&breakdown=%C3%A9t%C3%A9',
    ]) {
      const r = await app.inject(url);
      assert.equal(r.statusCode, 400, url);
      assert.match(r.body, /breakdown: a breakdown (is a )?code/, url);
    }
    const twice = await app.inject('/search?q=kent&q=ashford');
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /q: give it once/);
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
