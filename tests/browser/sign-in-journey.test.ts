import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import type { Browser } from 'playwright-core';
import { createLog } from '../../src/log.ts';
import type { Services } from '../../src/services/create-services.ts';
import { createApp } from '../../src/web/create-app.ts';
import { expectAccessible, expectPageBasics, launchBrowser } from '../support/browser.ts';
import { servicesFor } from '../support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from '../support/databases.ts';

describe('signing in with a local account and TOTP, then out (Chromium)', () => {
  let database: TestDatabase;
  let services: Services;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let secret: string;
  const password = 'a long enough password';

  before(async () => {
    database = await freshDatabase(databaseTargets()[0]!);
    const log = createLog('silent');
    // The real clock: the authenticator's code is for now.
    services = servicesFor(database, () => new Date(), log);
    await services.accounts.add({ username: 'officer', displayName: 'Olu Officer', password, grants: [{ role: 'la_admin', place: null }] });
    ({ secret } = await services.accounts.enrolTotp('officer'));
    app = await createApp(services, { log, production: true, version: 'test', commit: null });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('signs in with password and code, shows the account, and signs out so the old cookie no longer works', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/account`);
    await expectPageBasics(page, /^Sign in – Waymark$/);
    await expectAccessible(page);
    await page.getByLabel('Username').fill('officer');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectPageBasics(page, /^Sign in – Waymark$/);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter a correct username and password/);
    await expectAccessible(page);

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectPageBasics(page, /^Enter your code – Waymark$/);
    await expectAccessible(page);
    await page.getByLabel('Enter your code').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectPageBasics(page, /^Your account – Waymark$/);
    await expectAccessible(page);
    assert.match(await page.locator('main').innerText(), /LA administrator/);
    const session = (await context.cookies()).find((c) => c.name === 'waymark_session')!;
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, '/');
    assert.match(await page.locator('header').innerText(), /Sign in/);
    // The cookie a thief might have kept is dead on the server too.
    const replay = await fetch(`${base}/account`, { headers: { cookie: `waymark_session=${session.value}` }, redirect: 'manual' });
    assert.equal(replay.status, 303);
    await context.close();
  });
});
