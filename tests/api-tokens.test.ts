import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { createApp } from '../src/web/create-app.ts';
import { servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { clientOf, type Client } from './support/sign-in.ts';

// Personal API tokens (issue 14.5): made on the account page and shown once, kept only as a SHA-256 hash, acting on the
// API as their owner, refused with 401 (never answered as public) when unknown, expired, revoked or their owner disabled.

const password = 'correct horse battery staple';
const day = 86_400_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const secretOn = (body: string) => /<code class="waymark-token" id="new-token">(wm_[A-Za-z0-9_-]{43})<\/code>/.exec(body)?.[1];

for (const target of databaseTargets()) {
  describe(`personal API tokens on ${target.name}`, () => {
    let database: TestDatabase;
    let services: Services;
    let app: FastifyInstance;
    let now = new Date('2026-01-05T09:00:00Z');
    let ownerId: number;
    let lastMade: Awaited<ReturnType<FastifyInstance['inject']>> | undefined;

    const api = (url: string, token?: string) => app.inject({ method: 'GET', url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
    /** A signed-in client of `username` and a token it made on its account page. */
    const tokenOf = async (username: string, name = 'script', days = '30'): Promise<{ client: Client; secret: string; id: number }> => {
      const client = clientOf(app);
      assert.equal((await client.signIn(username, password)).statusCode, 303);
      const made = await client.submit('/account', '/account/tokens', { name, days });
      lastMade = made;
      assert.equal(made.statusCode, 201, made.body);
      const secret = secretOn(made.body);
      assert.ok(secret !== undefined, 'the new token is on the page that made it');
      const row = await database.db.selectFrom('api_token').select('id').where('token_hash', '=', sha256(secret)).executeTakeFirstOrThrow();
      return { client, secret, id: row.id };
    };

    before(async () => {
      database = await freshDatabase(target);
      const log = createLog('silent');
      services = servicesFor(database, () => now, log);
      app = await createApp(services, { log, production: true, version: 'test', commit: null });
      await database.store.places.upsert('la', [{ code: '886', name: 'Kent' }], null);
      ownerId = await services.accounts.add({
        username: 'owner',
        displayName: 'Olive Owner',
        password,
        grants: [{ role: 'la_officer', place: { kind: 'la', code: '886' } }],
      });
      await services.accounts.add({ username: 'other', displayName: 'Otto Other', password, grants: [] });
    });
    after(async () => {
      await app.close();
      await database.drop();
    });

    it('shows a new token once, on the page that made it, and stores only its SHA-256', async () => {
      const { client, secret, id } = await tokenOf('owner', 'weekly figures');
      assert.equal(lastMade?.headers['cache-control'], 'no-store', 'the page with the secret is not cached');
      const row = await database.db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.token_hash, sha256(secret));
      assert.ok(!JSON.stringify(row).includes(secret.slice(3)), 'the secret itself is nowhere in the row');
      assert.equal(row.user_id, ownerId);
      assert.equal(row.expires_at.getTime() - row.created_at.getTime(), 30 * day);
      const again = await client.request({ method: 'GET', url: '/account' });
      assert.equal(again.statusCode, 200);
      assert.ok(!again.body.includes(secret), 'not shown a second time');
      assert.match(again.body, /weekly figures[\s\S]*Never[\s\S]*Active/);
      const audit = await database.db.selectFrom('audit_event').select(['actor', 'subject']).where('action', '=', 'token.create').execute();
      assert.ok(
        audit.some((a) => a.actor === `user:${ownerId}` && a.subject === String(id)),
        JSON.stringify(audit),
      );
      assert.ok(!JSON.stringify(await database.db.selectFrom('audit_event').selectAll().execute()).includes(secret), 'the secret is not in the audit trail');
    });

    it("answers the API as the token's owner with their roles, while the API stays open without a token", async () => {
      const { secret } = await tokenOf('owner');
      const me = await api('/api/v1/me', secret);
      assert.equal(me.statusCode, 200, me.body);
      const body = me.json<{ username: string; via: string; roles: { role: string; place: unknown; inForce: boolean }[] }>();
      assert.equal(body.username, 'owner');
      assert.equal(body.via, 'token');
      assert.deepEqual(
        body.roles.map((r) => [r.role, r.place, r.inForce]),
        [['la_officer', { kind: 'la', code: '886', name: 'Kent' }, true]],
      );
      // Without a token: the public API answers, and "who am I" is refused (nobody is signed in).
      assert.equal((await api('/api/v1/indicators')).statusCode, 200);
      assert.equal((await api('/api/v1/me')).statusCode, 403);
      // The same token on the public routes still answers.
      assert.equal((await api('/api/v1/indicators', secret)).statusCode, 200);
    });

    it('refuses an unknown, malformed, expired or revoked token with 401 and WWW-Authenticate, never with the public answer', async () => {
      const refused = async (token: string, why: string) => {
        for (const url of ['/api/v1/indicators', '/api/v1/me']) {
          const response = await api(url, token);
          assert.equal(response.statusCode, 401, `${why} on ${url}: ${response.body}`);
          assert.equal(response.headers['www-authenticate'], 'Bearer error="invalid_token"');
          assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
          assert.ok(!('indicators' in response.json()), 'no public data');
        }
      };
      await refused(`wm_${randomBytes(32).toString('base64url')}`, 'unknown');
      await refused('not-a-token', 'malformed');
      await refused('', 'empty');

      const { client, secret, id } = await tokenOf('owner', 'to revoke');
      // A session cookie beside a bad token does not rescue it: a bearer request uses no cookie.
      const withCookie = await client.request({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer wm_nope' } });
      assert.equal(withCookie.statusCode, 401);
      assert.equal((await api('/api/v1/me', secret)).statusCode, 200);
      const revoke = await client.submit('/account', `/account/tokens/${id}/revoke`, {});
      assert.equal(revoke.statusCode, 303);
      await refused(secret, 'revoked');
      assert.match((await client.request({ method: 'GET', url: '/account?done=token-revoked' })).body, /The token is revoked[\s\S]*to revoke[\s\S]*Revoked/);
      const audit = await database.db.selectFrom('audit_event').select(['actor', 'subject']).where('action', '=', 'token.revoke').execute();
      assert.deepEqual(audit, [{ actor: `user:${ownerId}`, subject: String(id) }]);

      const shortLived = await services.tokens.create(ownerId, { name: 'one day', days: 1 });
      assert.equal((await api('/api/v1/me', shortLived.secret)).statusCode, 200);
      const before = now;
      now = new Date(now.getTime() + day);
      try {
        await refused(shortLived.secret, 'expired');
      } finally {
        now = before;
      }
    });

    it("stops a disabled account's tokens while it is disabled, and revokes every token at a password reset", async () => {
      await services.accounts.add({ username: 'leaver', displayName: 'Lee Leaver', password, grants: [] });
      const { secret } = await tokenOf('leaver');
      await services.accounts.disable('leaver');
      assert.equal((await api('/api/v1/me', secret)).statusCode, 401);
      await services.accounts.enable('leaver');
      assert.equal((await api('/api/v1/me', secret)).statusCode, 200, 'enabled again, the token works again');
      // Whoever held the old password may have made the token: a reset revokes it.
      await services.accounts.resetPassword('leaver', 'another long password');
      assert.equal((await api('/api/v1/me', secret)).statusCode, 401, 'a reset revokes tokens');
    });

    it('records when a token was last used, at most once a minute', async () => {
      const { secret, id } = await tokenOf('owner');
      const lastUsed = async () =>
        (await database.db.selectFrom('api_token').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow()).last_used_at;
      assert.equal(await lastUsed(), null);
      const start = now;
      try {
        await api('/api/v1/me', secret);
        assert.deepEqual(await lastUsed(), start);
        now = new Date(start.getTime() + 59_000);
        await api('/api/v1/me', secret);
        assert.deepEqual(await lastUsed(), start, 'not written again within the minute');
        now = new Date(start.getTime() + 60_000);
        await api('/api/v1/me', secret);
        assert.deepEqual(await lastUsed(), now);
      } finally {
        now = start;
      }
    });

    it('does not sign anyone in to the pages with a token: only the API reads it', async () => {
      const { secret } = await tokenOf('owner');
      const page = await app.inject({ method: 'GET', url: '/account', headers: { authorization: `Bearer ${secret}` } });
      assert.equal(page.statusCode, 303);
      assert.match(String(page.headers.location), /^\/sign-in/);
    });

    it("refuses a token form with a missing name or a lifetime over a year, by field; and another user's token cannot be revoked", async () => {
      const client = clientOf(app);
      await client.signIn('other', password);
      const bad = await client.submit('/account', '/account/tokens', { name: ' ', days: '400' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /govuk-error-summary[\s\S]*href="#token-name"[\s\S]*href="#token-days"/);
      assert.match(bad.body, /id="token-days-error"[\s\S]*from 1 to 365/);
      assert.ok(!/wm_[A-Za-z0-9_-]{43}/.test(bad.body), 'no token made');
      const { id, secret } = await tokenOf('owner');
      const response = await client.submit('/account', `/account/tokens/${id}/revoke`, {});
      assert.equal(response.statusCode, 404);
      assert.equal((await api('/api/v1/me', secret)).statusCode, 200);
    });

    it('refuses with 403 a token form posted without its CSRF token', async () => {
      const client = clientOf(app);
      await client.signIn('owner', password);
      const count = async () =>
        (
          await database.db
            .selectFrom('api_token')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n;
      const before = Number(await count());
      const response = await client.request({ method: 'POST', url: '/account/tokens', payload: { name: 'sneaky', days: '30' } });
      assert.equal(response.statusCode, 403);
      assert.equal(Number(await count()), before);
    });
  });
}
