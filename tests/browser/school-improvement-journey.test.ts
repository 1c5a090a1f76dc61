import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { publicDisclosure } from '../../src/domain/indicators/disclosure.ts';
import type { Services } from '../../src/services/create-services.ts';
import { expectAccessible, expectPageBasics } from '../support/browser.ts';
import { demoInBrowser, type DemoBrowser } from '../support/demo-browser.ts';

describe('school improvement on the demo county: watch list → school profile → collaboration (Chromium)', () => {
  let demo: DemoBrowser;
  let browser: Browser;
  let base: string;
  let services: Services;

  before(async () => {
    // Results for 2012/13 and 2014/15 (a three-year trend) and 2016/17 (the floor on Progress 8 and its band).
    demo = await demoInBrowser([2012, 2014, 2016], new Date('2017-07-31T00:00:00Z'));
    ({ browser, base, services } = demo);
  });
  after(() => demo?.close());

  it('the demo exhibits every classification: below the floor, a category of concern, rapidly improving and declining schools', async () => {
    const list = await services.schoolImprovement.watchList('886');
    const labels = list.schools.flatMap((s) => s.risk.components.map((c) => c.label));
    assert.ok(labels.includes('Below the floor standard'), 'some school below the floor');
    assert.ok(labels.includes('Ofsted category of concern'), 'some school in a category of concern');
    const trends = await services.schoolImprovement.trends('886');
    for (const c of ['rapidly-improving', 'improving', 'stable', 'declining', 'rapidly-declining'])
      assert.ok((trends.counts[c] ?? 0) > 0, `some trend classified ${c}: ${JSON.stringify(trends.counts)}`);
    // The risk score is exactly the sum of its components.
    for (const s of list.schools)
      assert.equal(
        s.risk.score,
        s.risk.components.reduce((a, c) => a + c.points, 0),
      );
  });

  it('goes from the watch list to a school’s profile and on to its collaboration, each page passing axe', async () => {
    const alliance = await services.collaborations.members('DOVER-ALLIANCE');
    const member = alliance.members[0]!;
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Schools', exact: true }).first().click();
    await expectPageBasics(page, /^Watch list – Kent – Waymark$/);
    await expectAccessible(page);
    await page.getByLabel('District').selectOption({ label: 'Dover' });
    await page.getByLabel('Phase').selectOption('primary');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expectPageBasics(page, /^Watch list – Kent – Waymark$/);
    const rows = page.locator('tbody tr');
    assert.ok((await rows.count()) > 10);
    assert.ok((await page.locator('tbody td:nth-child(2)').allTextContents()).every((d) => d.trim() === 'Dover'));

    await page.getByRole('link', { name: member.name, exact: true }).click();
    await expectPageBasics(page, / – School – Waymark$/);
    await expectAccessible(page);
    for (const heading of ['Summary', 'Floor standard', 'Trends on headline indicators', 'Similar schools', 'Ofsted inspections', 'Every indicator held'])
      assert.ok(await page.getByRole('heading', { name: heading, exact: true }).isVisible(), heading);

    await page.getByRole('link', { name: 'Dover Primary Teaching Alliance' }).first().click();
    await expectPageBasics(page, /Dover Primary Teaching Alliance/);
    await expectAccessible(page);
  });

  it('evaluates the framework for a collaboration as for a district', async () => {
    const evaluation = await services.frameworks.evaluate('kent-2013-2016', 2015, publicDisclosure, 'DOVER-ALLIANCE');
    assert.deepEqual(evaluation.place, { kind: 'grouping', code: 'DOVER-ALLIANCE', name: 'Dover Primary Teaching Alliance' });
    // KS2 level 4+ RWM in 2014/15 is computed for the alliance from its members' pupils.
    const ks2 = evaluation.targets.find((t) => t.target.id === 'ks2-attainment');
    assert.ok(ks2 !== undefined && ks2.evaluation.value !== null, 'the alliance has a KS2 figure for 2015');
    const page = await browser.newPage();
    await page.goto(`${base}/frameworks/kent-2013-2016?year=2015&place=DOVER-ALLIANCE`);
    await expectPageBasics(page, /Dover Primary Teaching Alliance/);
    await expectAccessible(page);
  });

  it('compares collaborations and defines a new one through the form, refusing an unknown URN first', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/collaborations`);
    await expectPageBasics(page, /^Collaborations – Waymark$/);
    await expectAccessible(page);
    assert.equal(await page.locator('tbody tr').count(), 3);

    const swale = await services.collaborations.members('SWALE-COLLAB');
    await page.getByRole('link', { name: 'Define a collaboration' }).click();
    // Changing collaborations needs the LA administrator: the demo county's sign-in page names its users and their password.
    await expectPageBasics(page, /^Sign in – Waymark$/);
    await expectAccessible(page);
    const password = (await page.locator('main code').allTextContents())[0]!;
    await page.getByLabel('Username').fill('demo-admin');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectPageBasics(page, /^New collaboration – Waymark$/);
    assert.match(await page.locator('header').innerText(), /Signed in as Demo LA administrator/);
    await expectAccessible(page);
    await page.getByLabel('Code').fill('SHEPPEY-HUB');
    await page.getByLabel('Name').fill('Sheppey Hub');
    await page.getByLabel('Members').fill(`${swale.members[0]!.urn}, 2015-09-01\n999999, 2015-09-01`);
    await page.getByRole('button', { name: 'Save collaboration' }).click();
    await expectPageBasics(page, /^New collaboration – Waymark$/);
    await expectAccessible(page);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /URN 999999 is not a school in the register/);

    await page.getByLabel('Members').fill(`${swale.members[0]!.urn}, 2015-09-01\n${swale.members[1]!.urn}, 2015-09-01, 2016-08-31`);
    await page.getByRole('button', { name: 'Save collaboration' }).click();
    await expectPageBasics(page, /Sheppey Hub/);
    const saved = await services.collaborations.members('SHEPPEY-HUB');
    assert.deepEqual(
      saved.members.map((m) => [m.urn, m.validFrom, m.validTo]).sort(),
      [
        [swale.members[0]!.urn, '2015-09-01', null],
        [swale.members[1]!.urn, '2015-09-01', '2016-08-31'],
      ].sort(),
    );
  });
});
