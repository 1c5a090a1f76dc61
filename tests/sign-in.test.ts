import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { createApp } from '../src/web/create-app.ts';
import { servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { clientOf } from './support/sign-in.ts';

// Local accounts through the web pages: sign-in, lock-out, TOTP, sign-out, CSRF, access declared by routes, security
// headers and cookie flags. The clock is the test's, so time-outs and lock-outs are walked through without waiting.

const password = 'correct horse battery staple';
const minutes = (n: number) => n * 60_000;

for (const target of databaseTargets()) {
  describe(`signing in with a local account on ${target.name}`, () => {
    let database: TestDatabase;
    let services: Services;
    let app: FastifyInstance;
    let now = new Date('2026-01-05T09:00:00Z');

    before(async () => {
      database = await freshDatabase(target);
      const log = createLog('silent');
      services = servicesFor(database, () => now, log);
      app = await createApp(services, { log, production: true, version: 'test', commit: null });
      await services.accounts.add({ username: 'admin', displayName: 'Ada Admin', password, grants: [{ role: 'la_admin', place: null }] });
      await services.accounts.add({ username: 'nobody', displayName: 'No Role', password, grants: [] });
    });
    after(async () => {
      await app.close();
      await database.drop();
    });

    it('signs in with a correct password: an HttpOnly, SameSite=Lax session cookie whose id the database holds only as a hash', async () => {
      const client = clientOf(app);
      const response = await client.signIn('admin', password);
      assert.equal(response.statusCode, 303, response.body);
      assert.equal(response.headers.location, '/');
      const cookie = (response.cookies as { name: string; value: string; httpOnly?: boolean; sameSite?: string; secure?: boolean }[]).find(
        (c) => c.name === 'waymark_session',
      )!;
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.secure, undefined, 'not Secure over plain HTTP');
      assert.ok(Buffer.from(cookie.value, 'base64url').length === 32, '32 random bytes');
      const rows = await database.db.selectFrom('web_session').select('id_hash').execute();
      assert.ok(rows.some((r) => r.id_hash === createHash('sha256').update(cookie.value).digest('hex')));
      assert.ok(!rows.some((r) => r.id_hash === cookie.value));
      const account = await client.request({ method: 'GET', url: '/account' });
      assert.equal(account.statusCode, 200);
      assert.match(account.body, /Ada Admin[\s\S]*LA administrator[\s\S]*Every place \(LA-wide\)/);
      const home = await client.request({ method: 'GET', url: '/' });
      assert.match(home.body, /Signed in as <a class="govuk-link" href="\/account">Ada Admin<\/a>[\s\S]*Sign out/);
      // The sign-in is in the audit trail, by the user's id (audit_event, migration 0012).
      const entries = await database.db.selectFrom('audit_event').select(['action', 'actor']).where('action', '=', 'session.start').execute();
      assert.ok(
        entries.some((e) => /^user:\d+$/.test(e.actor)),
        JSON.stringify(entries),
      );
    });

    it('refuses a wrong password or an unknown user with the same words, and sets no session', async () => {
      const client = clientOf(app);
      for (const [user, pass] of [
        ['admin', 'wrong password here'],
        ['no-such-user', password],
      ] as const) {
        const response = await client.signIn(user, pass);
        assert.equal(response.statusCode, 401);
        assert.match(response.body, /Enter a correct username and password/);
        assert.equal(client.cookies.has('waymark_session'), false);
      }
      await services.accounts.resetPassword('admin', password); // clears the one failure counted
    });

    it('locks an account for 15 minutes after 5 failures in a row, even against the right password', async () => {
      await services.accounts.add({ username: 'locked', displayName: 'Lou Locked', password, grants: [{ role: 'la_admin', place: null }] });
      const client = clientOf(app);
      for (let i = 0; i < 5; i++) assert.equal((await client.signIn('locked', `wrong password ${i}`)).statusCode, 401);
      const refused = await client.signIn('locked', password);
      assert.equal(refused.statusCode, 401);
      assert.match(refused.body, /locked after too many failed attempts/);
      now = new Date(now.getTime() + minutes(15));
      assert.equal((await client.signIn('locked', password)).statusCode, 303);
    });

    it('rate limits the sign-in form to 10 posts a minute from one address', async () => {
      const client = clientOf(app);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await client.signIn('nobody', `wrong ${i}`)).statusCode);
      assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
      assert.equal(statuses[10], 429);
      await services.accounts.resetPassword('nobody', password);
    });

    it('asks an enrolled user for a TOTP code and signs them in only with a right one, on a fresh session id', async () => {
      await services.accounts.add({ username: 'totp', displayName: 'Tess Totp', password, grants: [{ role: 'la_admin', place: null }] });
      const { secret } = await services.accounts.enrolTotp('totp');
      const client = clientOf(app);
      const first = await client.signIn('totp', password);
      assert.equal(first.statusCode, 303);
      assert.equal(first.headers.location, '/sign-in/code?next=%2F');
      const pending = client.cookies.get('waymark_session');
      // Half signed in is not signed in.
      assert.equal((await client.request({ method: 'GET', url: '/account' })).statusCode, 303);
      const code = await generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
      const wrong = await client.submit('/sign-in/code', '/sign-in/code', { code: `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}` });
      assert.equal(wrong.statusCode, 401);
      assert.match(wrong.body, /Enter the 6-digit code/);
      const right = await client.submit('/sign-in/code', '/sign-in/code', { code });
      assert.equal(right.statusCode, 303, right.body);
      assert.notEqual(client.cookies.get('waymark_session'), pending);
      assert.equal((await client.request({ method: 'GET', url: '/account' })).statusCode, 200);
      // The pending session is gone from the server.
      const replay = await app.inject({ method: 'GET', url: '/account', cookies: { waymark_session: pending! } });
      assert.equal(replay.statusCode, 303);
    });

    it('ends the session on the server at sign-out: the old cookie signs nobody in', async () => {
      const client = clientOf(app);
      await client.signIn('admin', password);
      const old = client.cookies.get('waymark_session')!;
      const out = await client.submit('/account', '/sign-out', {});
      assert.equal(out.statusCode, 303);
      assert.equal(client.cookies.has('waymark_session'), false);
      const replay = await app.inject({ method: 'GET', url: '/account', cookies: { waymark_session: old } });
      assert.equal(replay.statusCode, 303);
      assert.match(String(replay.headers.location), /^\/sign-in\?next=%2Faccount/);
      const hash = createHash('sha256').update(old).digest('hex');
      assert.equal((await database.db.selectFrom('web_session').select('id_hash').where('id_hash', '=', hash).execute()).length, 0);
    });

    it('ends a session after 30 idle minutes, and 12 hours after sign-in however busy', async () => {
      const client = clientOf(app);
      await client.signIn('admin', password);
      now = new Date(now.getTime() + minutes(29));
      assert.equal((await client.request({ method: 'GET', url: '/account' })).statusCode, 200);
      now = new Date(now.getTime() + minutes(30));
      assert.equal((await client.request({ method: 'GET', url: '/account' })).statusCode, 303);
      await client.signIn('admin', password);
      for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
        now = new Date(now.getTime() + minutes(20));
        assert.equal((await client.request({ method: 'GET', url: '/account' })).statusCode, 200, `at ${elapsed + 20} minutes`);
      }
      now = new Date(now.getTime() + minutes(20));
      assert.equal((await client.request({ method: 'GET', url: '/account' })).statusCode, 303);
    });

    it('refuses with 403 a form posted without its CSRF token, or with a wrong one', async () => {
      const client = clientOf(app);
      await client.signIn('admin', password);
      const fields = { code: 'CSRF-HUB', name: 'CSRF hub', members: '' };
      for (const token of [undefined, 'not-the-token']) {
        const response = await client.request({ method: 'POST', url: '/collaborations', payload: token === undefined ? fields : { ...fields, _csrf: token } });
        assert.equal(response.statusCode, 403);
        assert.match(response.body, /The form could not be accepted/);
      }
      const signIn = await clientOf(app).request({ method: 'POST', url: '/sign-in', payload: { username: 'admin', password } });
      assert.equal(signIn.statusCode, 403);
    });

    it('lets only an LA administrator change collaborations, sending others to sign in first', async () => {
      const anonymous = clientOf(app);
      const form = await anonymous.request({ method: 'GET', url: '/collaborations/new' });
      assert.equal(form.statusCode, 303);
      assert.equal(form.headers.location, '/sign-in?next=%2Fcollaborations%2Fnew');
      const post = await anonymous.submit('/sign-in', '/collaborations', { code: 'X', name: 'X', members: '' });
      assert.equal(post.statusCode, 403);
      const noRole = clientOf(app);
      await noRole.signIn('nobody', password);
      assert.equal((await noRole.request({ method: 'GET', url: '/collaborations/new' })).statusCode, 403);
      const admin = clientOf(app);
      await admin.signIn('admin', password);
      assert.equal((await admin.request({ method: 'GET', url: '/collaborations/new' })).statusCode, 200);
      assert.equal((await anonymous.request({ method: 'GET', url: '/collaborations' })).statusCode, 200, 'the list stays public');
    });

    it('sends the security headers on every kind of response: page, form, error page, API, static file', async () => {
      const client = clientOf(app);
      const home = await client.request({ method: 'GET', url: '/' });
      const script = /<script[^>]*>([^<]*)<\/script>/.exec(home.body)![1]!;
      const scriptHash = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
      for (const url of [
        '/',
        '/sign-in',
        '/collaborations',
        '/no-such-page',
        '/api/v1/indicators',
        '/api/v1/nothing',
        '/stylesheets/govuk-frontend.min.css',
        '/info',
      ]) {
        const response = await client.request({ method: 'GET', url });
        const csp = String(response.headers['content-security-policy']);
        assert.match(csp, /frame-ancestors 'none'/, url);
        assert.match(csp, /default-src 'self'/, url);
        assert.ok(csp.includes(`script-src 'self' ${scriptHash}`), `${url}: ${csp}`);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, url);
        assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
        assert.equal(response.headers['x-frame-options'], 'DENY', url);
        assert.equal(response.headers['referrer-policy'], 'same-origin', url);
      }
      // No page carries another inline script than the hashed one.
      for (const url of ['/', '/sign-in', '/collaborations', '/no-such-page']) {
        const scripts = [...(await client.request({ method: 'GET', url })).body.matchAll(/<script[^>]*>([^<]*)<\/script>/g)].map((m) => m[1]);
        assert.deepEqual(scripts, [script], url);
      }
    });

    it('marks the session and CSRF cookies Secure behind TLS (X-Forwarded-Proto: https)', async () => {
      const client = clientOf(app, { 'x-forwarded-proto': 'https' });
      const page = await client.request({ method: 'GET', url: '/sign-in' });
      const csrf = (page.cookies as { name: string; secure?: boolean; httpOnly?: boolean }[]).find((c) => c.name === 'waymark_csrf')!;
      assert.equal(csrf.secure, true);
      assert.equal(csrf.httpOnly, true);
      const response = await client.signIn('admin', password);
      const session = (response.cookies as { name: string; secure?: boolean }[]).find((c) => c.name === 'waymark_session')!;
      assert.equal(session.secure, true);
    });

    it('shows no demo users or password on a database that is not the demo county', async () => {
      const page = await clientOf(app).request({ method: 'GET', url: '/sign-in' });
      assert.doesNotMatch(page.body, /Demo county users|waymark-demo-county/);
    });
  });
}

describe('routes declare what they need', () => {
  it('refuses to start an app with a route that declares no access', async () => {
    const database = await freshDatabase(databaseTargets()[0]!);
    const log = createLog('silent');
    const services = servicesFor(database, () => new Date(), log);
    const channel = diagnostics.channel('fastify.initialization');
    // A page added without config.access, as a new page might be.
    const addUndeclared = (message: unknown) =>
      void (message as { fastify: FastifyInstance }).fastify.register(async (child) => {
        await Promise.resolve();
        child.get('/undeclared', () => 'open to all by accident');
      });
    channel.subscribe(addUndeclared);
    try {
      await assert.rejects(
        createApp(services, { log, production: true, version: 'test', commit: null }),
        /GET,HEAD \/undeclared declares no access|GET \/undeclared declares no access/,
      );
    } finally {
      channel.unsubscribe(addUndeclared);
      await database.drop();
    }
  });
});
