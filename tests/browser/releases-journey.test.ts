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

// Issue 19.7's acceptance check in Chromium, axe on every page: one LA administrator drafts a release with commentary
// and a table permalinked from the table builder (Kent's permanent exclusion rate, from the DfE's exclusions release);
// a second approves it for 4 December 2026 at 9:30am; a public reader gets a 404 at its permalink before that time;
// the service's clock then reaches it, and the public reader finds it from the home page and reads it, at 1280 and
// 320 pixels wide.

const publishAt = new Date('2026-12-04T09:30:00Z');

describe('a release goes from draft to published, and the public cannot see it before (Chromium, axe)', () => {
  let database: TestDatabase;
  let services: Services;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let now = new Date('2026-12-02T10:00:00Z');
  let permalinkId: string;

  before(async () => {
    database = await freshDatabase(databaseTargets()[0]!);
    const log = createLog('silent');
    services = servicesFor(database, () => now, log);
    await services.imports.importFiles(await readShared(['lait/la_code_list.csv', 'exclusions-la/clean_la_data.csv']), {
      actor: 'cli:tester',
      requestId: null,
    });
    await services.accounts.add({ username: 'admin-author', displayName: 'Ada Author', password: demoPassword, grants: [{ role: 'la_admin', place: null }] });
    await services.accounts.add({
      username: 'admin-approver',
      displayName: 'Abe Approver',
      password: demoPassword,
      grants: [{ role: 'la_admin', place: null }],
    });
    const held = await services.tables.held(['permanent-exclusion-rate'], ['la:886']);
    permalinkId = await services.tables.savePermalink({
      indicators: ['permanent-exclusion-rate'],
      places: ['la:886'],
      from: held.periods[0]!,
      to: held.periods.at(-1)!,
      groups: ['all'],
    });
    app = await createApp(services, { log, production: true, version: 'test', commit: null });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('drafts, approves and publishes a release at its time', async () => {
    const page: Page = await browser.newPage();
    await signInAs(page, base, 'admin-author');
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Statistical releases' }).first().click();
    await expectPageBasics(page, /^Statistical releases – Waymark$/);
    await page.getByRole('link', { name: 'Manage releases' }).click();
    await expectPageBasics(page, /^Manage releases – Waymark$/);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Start a new release' }).click();
    await expectPageBasics(page, /^Start a release – Manage releases – Waymark$/);
    await page.getByLabel('Title').fill('Kent exclusions, 2016/17');
    await page.getByLabel('Summary').fill('Permanent exclusions from Kent’s schools, year by year.');
    await page.getByLabel('Commentary (optional)').fill('Kent’s permanent exclusion rate is shown for each year held.\n\nFigures are the DfE’s.');
    await page.getByLabel('Methodology (optional)').fill('Read from the DfE’s release of exclusions by local authority.');
    await page.getByLabel('Footnotes (optional)').fill('Rates are per 100 pupils on roll.');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await expectPageBasics(page, /^Kent exclusions, 2016\/17 – Manage releases – Waymark$/);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /The draft is saved/);

    // A table that does not exist is refused beside its field; the permalinked table is added.
    await page.getByLabel('Add a table').fill(`${base}/tables/permalink/aaaaaaaaaaaaaaaa`);
    await page.getByRole('button', { name: 'Add the table' }).click();
    await expectPageBasics(page, /^Error: Kent exclusions/);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /No table has this permalink/);
    await expectAccessible(page);
    await page.getByLabel('Add a table').fill(`${base}/tables/permalink/${permalinkId}`);
    await page.getByRole('button', { name: 'Add the table' }).click();
    await expectPageBasics(page, /^Kent exclusions, 2016\/17 – Manage releases – Waymark$/);
    assert.match(await page.getByRole('table', { name: /The release's tables/ }).innerText(), /Permanent exclusion/i);
    // Four eyes: the author is told another administrator must approve it.
    assert.match(await page.locator('main').innerText(), /another administrator must approve it/);
    assert.equal(await page.getByRole('button', { name: 'Approve for publication' }).count(), 0);
    await expectAccessible(page);
    await signOutOf(page, base);

    await signInAs(page, base, 'admin-approver');
    await page.goto(`${base}/releases/manage`);
    await page.getByRole('link', { name: 'Kent exclusions, 2016/17' }).click();
    await expectPageBasics(page, /^Kent exclusions, 2016\/17 – Manage releases – Waymark$/);
    await page.getByLabel('Day').fill('4');
    await page.getByLabel('Month').fill('12');
    await page.getByLabel('Year').fill('2026');
    assert.equal(await page.getByLabel('Publication time').inputValue(), '09:30', 'the conventional 9:30am is offered');
    await page.getByRole('button', { name: 'Approve for publication' }).click();
    await expectPageBasics(page, /^Kent exclusions, 2016\/17 – Manage releases – Waymark$/);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /The release is approved/);
    const facts = await page.locator('#release-state').innerText();
    assert.match(facts, /To be published\s+4 December 2026 at 9:30am/);
    const permalink = await page.locator('#release-state a').getAttribute('href');
    assert.equal(permalink, '/releases/kent-exclusions-2016-17-2026-12-04');
    await expectAccessible(page);
    // Its administrators' preview at the permalink says it is not yet published.
    await page.goto(`${base}${permalink}`);
    await expectPageBasics(page, /^Kent exclusions, 2016\/17 – Waymark$/);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Not yet published/);
    await expectAccessible(page);
    await signOutOf(page, base);

    // A public reader (signed out: one page, as the packaged Chromium runs in a single process), before the time: not
    // found, and not listed.
    const reader = page;
    const before = await reader.goto(`${base}${permalink}`);
    assert.equal(before?.status(), 404);
    await reader.goto(`${base}/releases`);
    assert.match(await reader.locator('main').innerText(), /No release has been published yet/);
    await expectAccessible(reader);

    // The clock reaches 9:30am on 4 December 2026: published, with nothing run.
    now = publishAt;
    for (const width of [1280, 320]) {
      await reader.setViewportSize({ width, height: 900 });
      await reader.goto(`${base}/`);
      await reader.getByRole('link', { name: 'Statistical releases' }).first().click();
      await expectPageBasics(reader, /^Statistical releases – Waymark$/);
      await expectAccessible(reader);
      await reader.getByRole('link', { name: 'Kent exclusions, 2016/17' }).click();
      await expectPageBasics(reader, /^Kent exclusions, 2016\/17 – Waymark$/);
      assert.equal(new URL(reader.url()).pathname, permalink);
      const main = await reader.locator('main').innerText();
      assert.doesNotMatch(main, /Not yet published/);
      assert.match(main, /Published\s+4 December 2026 at 9:30am/);
      assert.match(main, /Kent’s permanent exclusion rate is shown for each year held\./);
      assert.match(main, /Read from the DfE’s release of exclusions by local authority\./);
      assert.match(main, /Rates are per 100 pupils on roll\./);
      assert.ok((await reader.locator('main table.govuk-table').count()) >= 1, 'the table is on the page');
      assert.ok((await reader.getByRole('link', { name: /CSV/ }).count()) >= 1, 'with its download');
      const overflow = await reader.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at ${width} px (${overflow} px over)`);
      await expectAccessible(reader);
    }
    await reader.close();
  });
});
