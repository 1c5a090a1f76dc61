import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { createLog } from '../../src/log.ts';
import type { Services } from '../../src/services/create-services.ts';
import { createApp } from '../../src/web/create-app.ts';
import { expectAccessible, expectPageBasics, launchBrowser } from '../support/browser.ts';
import { servicesFor } from '../support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from '../support/databases.ts';

describe('an administrator adds a user, and the user makes an API token and sets up two-step (Chromium, axe)', () => {
  let database: TestDatabase;
  let services: Services;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const password = 'a long enough password';

  before(async () => {
    database = await freshDatabase(databaseTargets()[0]!);
    const log = createLog('silent');
    services = servicesFor(database, () => new Date(), log);
    await database.store.places.upsert('la', [{ code: '886', name: 'Kent' }], null);
    await services.accounts.add({ username: 'admin', displayName: 'Ada Admin', password, grants: [{ role: 'la_admin', place: null }] });
    app = await createApp(services, { log, production: true, version: 'test', commit: null });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('walks the user pages and the account page, each accessible', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Users' }).click();
    await expectPageBasics(page, /^Users – Waymark$/);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Add a user' }).click();
    await expectPageBasics(page, /^Add a user – Waymark$/);
    await expectAccessible(page);
    await page.getByLabel('Username').fill('olu.officer');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expectPageBasics(page, /^Add a user – Waymark$/);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the person’s name/);
    await expectAccessible(page);

    await page.getByLabel('Name', { exact: true }).fill('Olu Officer');
    await page.getByLabel('Initial password').fill(password);
    await page.getByLabel('Role').selectOption('la_officer');
    await page.getByLabel('Kind of place').selectOption('la');
    await page.getByLabel('Place code').fill('886');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expectPageBasics(page, /^Olu Officer – Waymark$/);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /The user is added/);
    assert.match(await page.locator('main').innerText(), /LA officer[\s\S]*Kent/);
    await expectAccessible(page);
    // Chromium here runs as one process: the same tab signs out and in as the new user.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForLoadState('load');

    const user = page;
    await user.goto(`${base}/sign-in`);
    await user.getByLabel('Username').fill('olu.officer');
    await user.getByLabel('Password').fill(password);
    await user.getByRole('button', { name: 'Sign in' }).click();
    await user.goto(`${base}/account`);
    await expectPageBasics(user, /^Your account – Waymark$/);
    await expectAccessible(user);
    await user.getByLabel('Name').fill('figures script');
    await user.getByRole('button', { name: 'Create token' }).click();
    const token = await user.locator('#new-token').innerText();
    assert.match(token, /^wm_[A-Za-z0-9_-]{43}$/);
    await expectAccessible(user);
    const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(((await me.json()) as { username: string }).username, 'olu.officer');

    await user.getByRole('button', { name: 'Set up two-step verification' }).click();
    await expectPageBasics(user, /^Set up two-step verification – Waymark$/);
    assert.equal(await user.locator('svg[role="img"]').count(), 1);
    await expectAccessible(user);
    await context.close();
  });
});
