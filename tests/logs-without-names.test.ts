import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { createLog } from '../src/log.ts';
import { createServices, type Services } from '../src/services/create-services.ts';
import { createApp } from '../src/web/create-app.ts';
import { catalogue, frameworks } from './support/catalogue.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { clientOf } from './support/sign-in.ts';

// Issue 14.7: logs carry ids, never names. Everything is logged (level trace) while users are added, sign in, fail to,
// enrol and use TOTP, and an administrator filters the audit trail by username; no line may hold a username, display
// name, password or TOTP secret.

const admin = { username: 'lena.logworthy', displayName: 'Lena Logworthy', password: 'never logged anywhere 42' };
const other = { username: 'otto.unlogged', displayName: 'Otto Unlogged', password: 'also never logged 1234' };
const wrongPassword = 'a wrong but secret guess 77';

describe('logs carry ids, never names (embedded PostgreSQL 18)', () => {
  let database: TestDatabase;
  let services: Services;
  let app: FastifyInstance;
  let text = '';

  before(async () => {
    database = await freshDatabase(databaseTargets()[0]!);
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
    const log = createLog('trace', sink);
    // The real clock: the TOTP code is for now.
    services = createServices(database.store, () => new Date(), log, catalogue, {
      pupilDir: database.pupilDir,
      frameworks,
      who: { actor: 'cli:tester', requestId: null },
    });
    app = await createApp(services, { log, production: true, version: 'test', commit: null });
  });
  after(async () => {
    await app.close();
    await database.drop();
  });

  it('logs no username, display name, password or TOTP secret while accounts are added and used', async () => {
    await services.accounts.add({ ...admin, grants: [{ role: 'la_admin', place: null }] });
    await services.accounts.add({ ...other, grants: [] });
    const { secret } = await services.accounts.enrolTotp(other.username);

    const browser = clientOf(app);
    assert.equal((await browser.signIn(admin.username, wrongPassword)).statusCode, 401);
    assert.equal((await browser.signIn('no.such.person', admin.password)).statusCode, 401);
    assert.equal((await browser.signIn(admin.username, admin.password)).statusCode, 303);
    const filtered = await browser.request({ method: 'GET', url: `/audit?actor=${other.username}&subject=${encodeURIComponent(other.displayName)}` });
    assert.equal(filtered.statusCode, 200);
    assert.equal((await browser.request({ method: 'GET', url: `/audit.csv?actor=${admin.username}` })).statusCode, 200);
    const away = clientOf(app);
    assert.equal((await away.request({ method: 'GET', url: `/sign-in?next=${encodeURIComponent(`/audit?actor=${admin.username}`)}` })).statusCode, 200);

    const totp = clientOf(app);
    assert.equal((await totp.signIn(other.username, other.password)).statusCode, 303);
    assert.equal((await totp.submit('/sign-in/code', '/sign-in/code', { code: await generate({ secret }) })).statusCode, 303);

    const lines = text.trim().split('\n');
    // The log was written (requests, audit entries by id): the test would see a name if one were there.
    assert.ok(lines.length > 20, `${lines.length} lines`);
    assert.match(text, /"msg":"audit entry recorded"/);
    assert.match(text, /"url":"\/audit\?actor=…&subject=…"/);
    for (const secretText of [
      admin.username,
      admin.displayName,
      admin.password,
      other.username,
      other.displayName,
      other.password,
      wrongPassword,
      secret,
      'no.such.person',
    ])
      assert.ok(
        !text.toLowerCase().includes(secretText.toLowerCase()),
        `the log holds ${secretText}: ${lines.find((l) => l.toLowerCase().includes(secretText.toLowerCase()))}`,
      );
    // Display names URL-encoded in an address are caught too.
    assert.doesNotMatch(text, /Lena|Otto|logworthy|unlogged/i);
  });
});
