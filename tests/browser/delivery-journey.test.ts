import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { demoPassword } from '../../src/demo/demo-users.ts';
import { createLog } from '../../src/log.ts';
import type { Services } from '../../src/services/create-services.ts';
import { createApp } from '../../src/web/create-app.ts';
import { readShared, servicesFor } from '../support/app.ts';
import { expectAccessible, expectPageBasics, launchBrowser } from '../support/browser.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { signInAs, signOutOf } from '../support/demo-browser.ts';

// Issue 18.6's journey in Chromium, axe on every page: an LA officer opens a delivery milestone of the 2013-2016
// framework (target 16, integrated EHC plans, due by 2016), finds it off track in 2016 with nothing recorded, records
// it as delivered on 1 September 2014 with its evidence, and sees the status change to met; the LA administrator then
// finds the record in the audit trail. Kent is the only place needed (the LA list), so no demo county is built.

describe('an officer records a milestone as delivered, sees its status change, and the administrator finds it in the audit (Chromium, axe)', () => {
  let database: TestDatabase;
  let services: Services;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  before(async () => {
    database = await freshDatabase(databaseTargets()[0]!);
    const log = createLog('silent');
    services = servicesFor(database, new Date('2016-05-03T10:00:00Z'), log);
    await services.imports.importFiles(await readShared(['lait/la_code_list.csv']), { actor: 'cli:tester', requestId: null });
    await services.accounts.add({
      username: 'kent-officer',
      displayName: 'Olive Officer',
      password: demoPassword,
      grants: [{ role: 'la_officer', place: { kind: 'la', code: '886' } }],
    });
    await services.accounts.add({ username: 'kent-admin', displayName: 'Adam Admin', password: demoPassword, grants: [{ role: 'la_admin', place: null }] });
    app = await createApp(services, { log, production: true, version: 'test', commit: null });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('records the delivery, shows it met, and audits it', async () => {
    const page: Page = await browser.newPage();
    await signInAs(page, base, 'kent-officer');
    await page.goto(`${base}/frameworks/kent-2013-2016?year=2016`);
    await page.getByRole('link', { name: 'Integrated education, health and care plans in place' }).click();
    await expectPageBasics(page, /^Integrated education, health and care plans in place, 2016 – Waymark$/);
    assert.match(await page.getByRole('heading', { level: 2, name: /^2016:/ }).innerText(), /Off track/i);
    assert.match(await page.locator('main').innerText(), /Nothing is recorded yet/);
    await expectAccessible(page);

    // A date that is no day is refused, named beside its field, and what was typed is kept.
    await page.getByLabel('It has been delivered').check();
    await page.getByLabel('Date delivered, or date of the judgement').fill('2014-09-31');
    await page.getByLabel('Evidence, or why the year is judged so').fill('First EHC plans issued under the Children and Families Act 2014');
    await page.getByRole('button', { name: 'Save the record' }).click();
    await expectPageBasics(page, /^Error: Integrated education, health and care plans in place, 2016 – Waymark$/);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the date as a real day/);
    assert.equal(
      await page.getByLabel('Evidence, or why the year is judged so').inputValue(),
      'First EHC plans issued under the Children and Families Act 2014',
    );
    await expectAccessible(page);

    await page.getByLabel('Date delivered, or date of the judgement').fill('2014-09-01');
    await page.getByLabel('Link to the evidence (optional)').fill('https://www.kent.gov.uk/education-and-children/special-educational-needs');
    await page.getByRole('button', { name: 'Save the record' }).click();
    await expectPageBasics(page, /^Integrated education, health and care plans in place, 2016 – Waymark$/);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /The record is saved/);
    const heading = await page.getByRole('heading', { level: 2, name: /^2016:/ }).innerText();
    assert.match(heading, /Met/i, `the status changed: ${heading}`);
    assert.match(await page.locator('main').innerText(), /Done on 2014-09-01: First EHC plans issued/);
    const record = await page.getByRole('table', { name: /Records, oldest first/ }).innerText();
    assert.match(record, /Delivered/);
    assert.match(record, /Olive Officer, 2016-05-03/);
    await expectAccessible(page);
    await signOutOf(page, base);

    await signInAs(page, base, 'kent-admin');
    await page.goto(`${base}/audit`);
    await expectPageBasics(page, /Audit/);
    const trail = await page.locator('main').innerText();
    assert.match(trail, /delivery\.record/, 'the record is in the audit trail');
    await expectAccessible(page);
    await page.close();
  });
});
