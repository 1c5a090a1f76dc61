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

describe('an LA administrator reads the audit trail (Chromium)', () => {
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
    await services.accounts.add({ username: 'auditor', displayName: 'Ada Auditor', password, grants: [{ role: 'la_admin', place: null }] });
    app = await createApp(services, { log, production: true, version: 'test', commit: null });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('reaches /audit from the header, filters it, is told of a wrong filter, and checks the chain, each page accessible', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill('auditor');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await expectPageBasics(page, /^Audit trail – Waymark$/);
    await expectAccessible(page);
    assert.match(await page.locator('table').innerText(), /Ada Auditor[\s\S]*Started a session/);

    await page.getByLabel('Action').selectOption('user.add');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expectPageBasics(page, /^Audit trail – Waymark$/);
    assert.equal(await page.locator('tbody tr').count(), 1);
    await expectAccessible(page);

    await page.getByLabel('Who').fill('Not A Username');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expectPageBasics(page, /^Error: Audit trail – Waymark$/);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter who as a user id/);
    await expectAccessible(page);

    await page.getByLabel('Who').fill('');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('button', { name: 'Check the whole chain' }).click();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Chain verified: \d+ entries whole/);
    await expectAccessible(page);
    await context.close();
  });
});
