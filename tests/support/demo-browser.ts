import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { demoPassword } from '../../src/demo/demo-users.ts';
import { createLog } from '../../src/log.ts';
import type { Services } from '../../src/services/create-services.ts';
import { createApp } from '../../src/web/create-app.ts';
import { servicesFor } from './app.ts';
import { launchBrowser } from './browser.ts';
import { databaseTargets, type TestDatabase } from './databases.ts';
import { demoDatabase } from './demo-template.ts';

export type DemoBrowser = Readonly<{
  database: TestDatabase;
  services: Services;
  app: FastifyInstance;
  browser: Browser;
  base: string;
  close: () => Promise<void>;
}>;

/** The demo county (pupil results for `pupilYears` only) served on a free port, with Debian's Chromium to drive it. */
export async function demoInBrowser(pupilYears: readonly number[], now: Date): Promise<DemoBrowser> {
  // Built once a run for these years and clock, and copied (tests/support/demo-template.ts).
  const database = await demoDatabase(databaseTargets()[0]!, pupilYears, now);
  const log = createLog('silent');
  const services = servicesFor(database, now, log);
  // As `npm start` and `waymark demo` do: one user per role, listed on the demo county's sign-in page.
  await services.accounts.ensureDemoUsers();
  // …its officer's system leaders and their partnerships (target 14 is read from them)…
  await services.leadership.ensureDemoLeadership();
  // …and its administrators' statistical release, published at once.
  await services.releases.ensureDemoRelease();
  // As `npm start` serves the demo county's database: every page says its figures are synthetic.
  const app = await createApp(services, { log, production: true, version: 'test', commit: null, synthetic: () => true });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchBrowser();
  return {
    database,
    services,
    app,
    browser,
    base,
    close: async () => {
      await browser.close();
      await app.close();
      await database.drop();
    },
  };
}

/** Signs a demo user in through the sign-in form (the demo county's password is shown on that page). */
export async function signInAs(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}

/** Signs whoever is signed in out, from the header's button. */
export async function signOutOf(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForLoadState('load');
}
