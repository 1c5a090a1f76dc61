import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { expectAccessible, expectPageBasics } from '../support/browser.ts';
import { demoInBrowser, signInAs, signOutOf, type DemoBrowser } from '../support/demo-browser.ts';

// Issue 17's journey in Chromium, axe on every page: the demo place planner opens the LA overview of the demo county
// (Kent, LA 886) and its surplus by year, opens a planning area and reads its chart and the table beside it, runs the
// forecast and sees the new run dated with the day it was made (the clock is stopped at 3 May 2016), and downloads the
// SCAP-shaped workbook, whose notes carry the same date. An LA officer (who may read the pages but not plan) sees no
// button to run a forecast; a CME officer (no view-unsuppressed) is refused the pages.

describe('a place planner reads the overview and an area, runs the forecast and downloads the export (Chromium, axe)', () => {
  let demo: DemoBrowser;

  before(async () => {
    demo = await demoInBrowser([2012], new Date('2016-05-03T10:00:00Z'));
  });
  after(async () => demo?.close());

  const signIn = (page: Page, username: string) => signInAs(page, demo.base, username);
  const signOut = (page: Page) => signOutOf(page, demo.base);

  it('shows the surplus and an area’s chart with its table, makes a forecast dated today, and exports it as a workbook', async () => {
    const context = await demo.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();

    await signIn(page, 'demo-planner');
    await page.getByRole('link', { name: 'Place planning', exact: true }).click();
    await expectPageBasics(page, /^School place planning – Waymark$/);
    const surplus = page.getByRole('table', { name: /^Primary places and pupils by year/ });
    assert.match(await surplus.innerText(), /\d{4}\/\d{2} \(census\)/, 'the surplus table has census years written 2015/16');
    assert.match(await surplus.innerText(), /(Within|Below|Above) the 5–7% band/, 'each year’s position against the band is in words');
    const areas = page.getByRole('table', { name: /^Planning areas/ });
    assert.ok((await areas.locator('tbody tr').count()) > 0, 'the planning areas are listed');
    await expectAccessible(page);

    // The areas table filtered by phase, server-side, through the GET form.
    await page.getByLabel('Phase').selectOption('primary');
    await page.getByRole('button', { name: 'Show planning areas' }).click();
    await expectPageBasics(page, /^School place planning – Waymark$/);
    assert.match(page.url(), /phase=primary/);
    const shownPhases = await page
      .getByRole('table', { name: /^Planning areas/ })
      .locator('tbody tr td:nth-child(2)')
      .allInnerTexts();
    assert.ok(shownPhases.length > 0 && shownPhases.every((p) => p === 'Primary'), `only primary areas: ${shownPhases.join(', ')}`);

    const firstArea = page
      .getByRole('table', { name: /^Planning areas/ })
      .locator('a[href^="/planning/areas/"]')
      .first();
    const areaName = (await firstArea.innerText()).replace(/ \([^)]*\)$/, '');
    await firstArea.click();
    await expectPageBasics(page, new RegExp(`^${areaName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} – School place planning – Waymark$`));
    const chart = page.locator('main svg[role="img"]').first();
    assert.ok(await chart.isVisible(), 'the area’s chart is drawn');
    assert.match((await chart.locator('title').first().textContent()) ?? '', /pupils on roll, the forecast and places by year/);
    assert.match(await page.locator('#area-chart-text').innerText(), /\d{4}\/\d{2}/, 'a sentence describes the chart');
    const totals = page.getByRole('table', { name: /^Pupils and places by year/ });
    assert.ok((await totals.locator('tbody tr').count()) > 0, 'the table beside the chart has the years');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'School place planning', exact: true }).click();
    await expectPageBasics(page, /^School place planning – Waymark$/);
    await page.getByRole('button', { name: 'Run the forecast now' }).click();
    await expectPageBasics(page, /^School place planning – Waymark$/);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /A new forecast was made on 3 May 2016/);
    assert.match(await page.locator('main').innerText(), /Made on\s+3 May 2016/);
    await expectAccessible(page);

    for (const [url, title] of [
      ['/planning/commissioning', /^Commissioning – School place planning – Waymark$/],
      ['/planning/accuracy', /^Forecast accuracy – School place planning – Waymark$/],
    ] as const) {
      await page.goto(`${demo.base}${url}`);
      await expectPageBasics(page, title);
      await expectAccessible(page);
    }

    await page.goto(`${demo.base}/planning`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /SCAP-shaped export \(Excel workbook\)/ }).click()]);
    assert.match(download.suggestedFilename(), /^scap-886-2016-05-03\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.read(Readable.from([await readFile(await download.path())]));
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ['Notes', 'Primary', 'Secondary'],
    );
    const notes = new Map<string, string>();
    book.getWorksheet('Notes')!.eachRow((row) => notes.set(row.getCell(1).text, row.getCell(2).text));
    assert.equal(notes.get('Forecast made on'), '3 May 2016');
    assert.ok(book.getWorksheet('Primary')!.rowCount > 1, 'the primary sheet has schools');
    assert.equal(typeof book.getWorksheet('Primary')!.getRow(2).getCell(7).value, 'number', 'capacity is a number');
    await signOut(page);

    await signIn(page, 'demo-officer');
    await page.goto(`${demo.base}/planning`);
    await expectPageBasics(page, /^School place planning – Waymark$/);
    assert.equal(await page.getByRole('button', { name: 'Run the forecast now' }).count(), 0, 'an LA officer reads but does not plan');
    await signOut(page);

    await signIn(page, 'demo-cme');
    for (const url of ['/planning', '/planning/accuracy', '/planning/export.xlsx'])
      assert.equal((await page.request.get(`${demo.base}${url}`)).status(), 403, url);
    await context.close();
  });
});
