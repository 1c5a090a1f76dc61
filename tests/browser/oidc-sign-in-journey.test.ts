import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { createLog } from '../../src/log.ts';
import type { Services } from '../../src/services/create-services.ts';
import { createOidcClient } from '../../src/services/access/oidc-client.ts';
import { createApp } from '../../src/web/create-app.ts';
import { expectAccessible, expectPageBasics, launchBrowser } from '../support/browser.ts';
import { servicesFor } from '../support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { startProvider, type TestProvider } from '../support/oidc-provider.ts';

/** A port free now, for an app whose address the provider must know before the app exists. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('signing in through an OpenID provider, then out (Chromium)', () => {
  let database: TestDatabase;
  let services: Services;
  let app: FastifyInstance;
  let provider: TestProvider;
  let browser: Browser;
  let base: string;

  before(async () => {
    database = await freshDatabase(databaseTargets()[0]!);
    const log = createLog('silent');
    services = servicesFor(database, () => new Date(), log);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startProvider(`${base}/sign-in/oidc/callback`, {
      'olu-at-provider': { email: 'olu@kent.gov.uk', email_verified: true },
      stranger: { email: 'stranger@example.org', email_verified: true },
    });
    const oidc = createOidcClient(
      {
        issuer: new URL(provider.issuer),
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        name: 'your Kent account',
        redirectUri: `${base}/sign-in/oidc/callback`,
      },
      log,
    );
    await services.accounts.add({
      username: 'olu',
      displayName: 'Olu Officer',
      password: null,
      email: 'Olu@Kent.gov.uk',
      grants: [{ role: 'la_admin', place: null }],
    });
    app = await createApp(services, { log, production: true, version: 'test', commit: null, oidc });
    await app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await provider?.close();
    await database?.drop();
  });

  // Each test its own context (its own cookies), left open: closing the last one ends the single-process Chromium.
  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser.newContext();
    // The provider's development pages import a web font; nothing here reaches the internet.
    await context.route(/^https:\/\/fonts\./, (route) => route.abort());
    return context;
  };

  /** Sign in at the provider's own development pages: its login form, then its consent form. */
  const signInAtProvider = async (context: BrowserContext, login: string) => {
    const page = context.pages()[0]!;
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('anything at all');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.href.startsWith(base));
    return page;
  };

  it("signs in through the provider's login and consent pages, lands where it was going, and signs out so the old cookie no longer works", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${base}/account`);
    await expectPageBasics(page, /^Sign in – Waymark$/);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Sign in with your Kent account' }).click();
    await signInAtProvider(context, 'olu-at-provider');
    await expectPageBasics(page, /^Your account – Waymark$/);
    await expectAccessible(page);
    assert.match(await page.locator('main').innerText(), /LA administrator/);
    const session = (await context.cookies()).find((c) => c.name === 'waymark_session')!;
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    assert.equal(
      (await context.cookies()).find((c) => c.name === 'waymark_oidc'),
      undefined,
      'the attempt cookie is gone',
    );

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, '/');
    assert.match(await page.locator('header').innerText(), /Sign in/);
    const replay = await fetch(`${base}/account`, { headers: { cookie: `waymark_session=${session.value}` }, redirect: 'manual' });
    assert.equal(replay.status, 303);
  });

  it('tells a user of the provider with no Waymark account to ask an administrator, on an accessible page', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with your Kent account' }).click();
    await signInAtProvider(context, 'stranger');
    await expectPageBasics(page, /^You cannot sign in to Waymark yet – Waymark$/);
    await expectAccessible(page);
    assert.match(await page.locator('main').innerText(), /Your organisation account is not registered in Waymark\. Ask an LA administrator to add you\./);
    assert.equal(
      (await context.cookies()).find((c) => c.name === 'waymark_session'),
      undefined,
    );
  });
});
