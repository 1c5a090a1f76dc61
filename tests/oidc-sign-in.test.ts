import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { createOidcClient } from '../src/services/access/oidc-client.ts';
import { createApp } from '../src/web/create-app.ts';
import { servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { signInAtProvider, startProvider, type TestProvider } from './support/oidc-provider.ts';
import { clientOf, type Client } from './support/sign-in.ts';

// Single sign-on through a real OpenID provider (oidc-provider on 127.0.0.1): an administrator adds the account first,
// its first sign-in links it by the provider's verified e-mail address, and everything else is refused and audited.

const redirectUri = 'http://waymark.test/sign-in/oidc/callback';
const notRegistered = /Your organisation account is not registered in Waymark\. Ask an LA administrator to add you\./;

for (const target of databaseTargets()) {
  describe(`signing in through an OpenID provider on ${target.name}`, () => {
    let database: TestDatabase;
    let services: Services;
    let app: FastifyInstance;
    let provider: TestProvider;

    before(async () => {
      database = await freshDatabase(target);
      const log = createLog('silent');
      // The real clock: the provider's tokens are checked against now.
      services = servicesFor(database, () => new Date(), log);
      provider = await startProvider(redirectUri, {
        'ada-at-provider': { email: 'Ada@Kent.gov.uk', email_verified: true },
        'bea-unverified': { email: 'bea@kent.gov.uk', email_verified: false },
        stranger: { email: 'stranger@example.org', email_verified: true },
        leaver: { email: 'leaver@kent.gov.uk', email_verified: true },
        'no-email': {},
      });
      const oidc = createOidcClient(
        { issuer: new URL(provider.issuer), clientId: provider.clientId, clientSecret: provider.clientSecret, name: 'your Kent account', redirectUri },
        log,
      );
      app = await createApp(services, { log, production: true, version: 'test', commit: null, oidc });
      const sso = (username: string, email: string) =>
        services.accounts.add({ username, displayName: username, password: null, email, grants: [{ role: 'la_admin', place: null }] });
      await sso('ada', 'ada@kent.gov.uk');
      await sso('bea', 'bea@kent.gov.uk');
      await sso('leaver', 'leaver@kent.gov.uk');
      await services.accounts.disable('leaver');
    });
    after(async () => {
      await app?.close();
      await provider?.close();
      await database?.drop();
    });

    /** Start at Waymark, sign in at the provider as `login`, and bring its answer back to Waymark's callback. */
    const signInAs = async (client: Client, login: string, next = '/') => {
      const start = await client.request({ method: 'GET', url: `/sign-in/oidc?next=${encodeURIComponent(next)}` });
      assert.equal(start.statusCode, 303, start.body);
      const callback = await signInAtProvider(start.headers.location as string, login);
      assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);
      return { callback, response: await client.request({ method: 'GET', url: `${callback.pathname}${callback.search}` }) };
    };
    const audit = async (action: string) =>
      (await database.db.selectFrom('audit_event').select(['actor', 'subject', 'detail']).where('action', '=', action).orderBy('id').execute()).map((r) => ({
        actor: r.actor,
        subject: r.subject,
        detail: r.detail as Record<string, unknown>,
      }));

    it('offers the provider on the sign-in page, above the password form, coming back to where the reader was going', async () => {
      const page = await clientOf(app).request({ method: 'GET', url: '/sign-in?next=%2Faccount' });
      assert.match(page.body, /<a href="\/sign-in\/oidc\?next=%2Faccount"[^>]*class="govuk-button"[^>]*>\s*Sign in with your Kent account/);
      assert.ok(page.body.indexOf('Sign in with your Kent account') < page.body.indexOf('action="/sign-in"'));
    });

    it('sends the browser to the provider with PKCE (S256), state and nonce, kept in a signed HttpOnly SameSite=Lax cookie', async () => {
      const client = clientOf(app);
      const start = await client.request({ method: 'GET', url: '/sign-in/oidc' });
      const to = new URL(start.headers.location as string);
      assert.equal(to.origin, provider.issuer);
      assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
      for (const p of ['code_challenge', 'state', 'nonce']) assert.ok((to.searchParams.get(p) ?? '').length >= 22, p);
      assert.equal(to.searchParams.get('redirect_uri'), redirectUri);
      const cookie = start.cookies.find((c) => c.name === 'waymark_oidc')!;
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.path, '/sign-in/oidc');
      assert.ok(!cookie.value.includes(to.searchParams.get('state')!), 'the cookie is encoded and signed, not the bare state');
    });

    it("links an administrator's account on its first sign-in by the provider's verified e-mail address, then signs in by the link alone", async () => {
      const client = clientOf(app);
      const { response } = await signInAs(client, 'ada-at-provider', '/account?tab=roles');
      assert.equal(response.statusCode, 303, response.body);
      assert.equal(response.headers.location, '/account?tab=roles');
      assert.ok(client.cookies.has('waymark_session'));
      assert.ok(!client.cookies.has('waymark_oidc'), 'the attempt is used up');
      const account = await client.request({ method: 'GET', url: '/account' });
      assert.equal(account.statusCode, 200);
      assert.match(account.body, /LA administrator/);

      const ada = (await services.accounts.list()).find((u) => u.username === 'ada')!;
      const links = await database.db.selectFrom('user_identity').selectAll().execute();
      assert.deepEqual(
        links.map((l) => [l.issuer, l.subject, Number(l.user_id)]),
        [[provider.issuer, 'ada-at-provider', ada.id]],
      );
      assert.deepEqual(await audit('user.link-identity'), [
        { actor: `user:${ada.id}`, subject: String(ada.id), detail: { issuer: provider.issuer, by: 'verified-email' } },
      ]);

      const again = await signInAs(clientOf(app), 'ada-at-provider');
      assert.equal(again.response.statusCode, 303);
      assert.equal(again.response.headers.location, '/');
      assert.equal((await database.db.selectFrom('user_identity').selectAll().execute()).length, 1, 'linked once');
      const signIns = (await audit('session.sign-in')).filter((e) => e.detail.method === 'oidc' && e.detail.outcome === 'ok');
      assert.equal(signIns.length, 2);
      assert.ok(signIns.every((e) => e.actor === `user:${ada.id}`));
    });

    it('refuses an e-mail address the provider has not verified, and links nothing', async () => {
      const client = clientOf(app);
      const { response } = await signInAs(client, 'bea-unverified');
      assert.equal(response.statusCode, 403);
      assert.match(response.body, notRegistered);
      assert.ok(!client.cookies.has('waymark_session'));
      assert.equal((await database.db.selectFrom('user_identity').where('subject', '=', 'bea-unverified').selectAll().execute()).length, 0);
      assert.ok((await audit('session.sign-in')).some((e) => e.detail.outcome === 'unverified-email' && e.actor === 'system'));
    });

    it('refuses a user of the provider with no Waymark account, or with no e-mail address', async () => {
      for (const login of ['stranger', 'no-email']) {
        const client = clientOf(app);
        const { response } = await signInAs(client, login);
        assert.equal(response.statusCode, 403, login);
        assert.match(response.body, notRegistered);
        assert.ok(!client.cookies.has('waymark_session'));
      }
      const refused = (await audit('session.sign-in')).filter((e) => e.detail.outcome === 'not-registered');
      assert.deepEqual(
        refused.map((e) => [e.subject, e.detail]),
        [
          ['unknown', { method: 'oidc', outcome: 'not-registered' }],
          ['unknown', { method: 'oidc', outcome: 'not-registered' }],
        ],
      );
    });

    it('refuses a disabled account', async () => {
      const client = clientOf(app);
      const { response } = await signInAs(client, 'leaver');
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /Your Waymark account is disabled/);
      assert.ok(!client.cookies.has('waymark_session'));
    });

    it('refuses an answer whose state is not the one this browser sent, and one brought to another browser', async () => {
      const client = clientOf(app);
      const start = await client.request({ method: 'GET', url: '/sign-in/oidc' });
      const callback = await signInAtProvider(start.headers.location as string, 'ada-at-provider');
      // Another browser (a login CSRF: someone else's answer pushed on a victim) has no attempt to match it.
      const elsewhere = clientOf(app);
      const pushed = await elsewhere.request({ method: 'GET', url: `${callback.pathname}${callback.search}` });
      assert.equal(pushed.statusCode, 400);
      assert.match(pushed.body, /This sign-in was not started in this browser/);
      assert.ok(!elsewhere.cookies.has('waymark_session'));
      // The right browser with the state changed: openid-client refuses it before the code is spent.
      callback.searchParams.set('state', 'not-the-state-we-sent');
      const forged = await client.request({ method: 'GET', url: `${callback.pathname}${callback.search}` });
      assert.equal(forged.statusCode, 400);
      assert.ok(!client.cookies.has('waymark_session'));
      const outcomes = (await audit('session.sign-in')).filter((e) => e.detail.outcome === 'invalid-response');
      assert.equal(outcomes.length, 2);
    });

    it("answers the provider's refusal and hostile callbacks with a plain page, never a server error", async () => {
      const answers: [string, number][] = [];
      const cancelling = clientOf(app);
      const start = await cancelling.request({ method: 'GET', url: '/sign-in/oidc' });
      const cancelled = await signInAtProvider(start.headers.location as string, 'ada-at-provider', { cancel: true });
      assert.equal(cancelled.searchParams.get('error'), 'access_denied');
      const refused = await cancelling.request({ method: 'GET', url: `${cancelled.pathname}${cancelled.search}` });
      assert.equal(refused.statusCode, 502);
      assert.match(refused.body, /did not complete the sign-in \(it may have been cancelled\)/);
      assert.ok((await audit('session.sign-in')).some((e) => e.detail.outcome === 'provider-error'));

      const tries = [
        // The provider's own error without its issuer (RFC 9207): not from the provider, so refused as forged.
        (state: string) => `?error=access_denied&error_description=cancelled&state=${state}`,
        (state: string) => `?code=%00&state=${state}`,
        (state: string) => `?code=${'a'.repeat(4000)}&state=${state}`,
        (state: string) => `?code=abc&state=${state}&iss=${encodeURIComponent('http://evil.example')}`,
        () => '',
      ];
      for (const query of tries) {
        const client = clientOf(app);
        const start = await client.request({ method: 'GET', url: '/sign-in/oidc' });
        const state = new URL(start.headers.location as string).searchParams.get('state')!;
        const response = await client.request({ method: 'GET', url: `/sign-in/oidc/callback${query(state)}` });
        answers.push([query(state).slice(0, 30), response.statusCode]);
        // A NUL in the query is refused before any route by the input guard, with its own plain page.
        assert.match(response.body, /Sign-in did not finish|There is a problem with the request/);
        assert.ok(!client.cookies.has('waymark_session'));
      }
      assert.deepEqual(
        answers.map(([, status]) => status),
        [400, 400, 400, 400, 400],
        JSON.stringify(answers),
      );
    });

    it('comes back only to a path on this site', async () => {
      const { response } = await signInAs(clientOf(app), 'ada-at-provider', '//evil.example/steal');
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/');
    });

    it('keeps e-mail addresses out of the audit trail', async () => {
      const rows = await database.db.selectFrom('audit_event').select(['subject', 'detail']).execute();
      assert.ok(rows.length > 0);
      for (const row of rows) assert.ok(!`${row.subject} ${JSON.stringify(row.detail)}`.includes('@'), JSON.stringify(row));
    });

    it('says plainly when the provider cannot be reached, and tries again on the next sign-in', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const log = createLog('silent');
      const oidc = createOidcClient(
        { issuer: new URL(`http://127.0.0.1:${port}`), clientId: 'x', clientSecret: 'y', name: 'your Kent account', redirectUri },
        log,
      );
      const unreachable = await createApp(services, { log, production: true, version: 'test', commit: null, oidc });
      try {
        for (let i = 0; i < 2; i++) {
          const response = await clientOf(unreachable).request({ method: 'GET', url: '/sign-in/oidc' });
          assert.equal(response.statusCode, 503);
          assert.match(response.body, /Your organisation(&#39;|')s sign-in service cannot be reached just now/);
        }
      } finally {
        await unreachable.close();
      }
    });
  });
}
