import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { generateCounty } from '../../src/demo/generate-county.ts';
import { readApplicationFile } from '../../src/imports/admissions/application-file.ts';
import { readArrangementFile } from '../../src/imports/admissions/arrangement-file.ts';
import { expectAccessible, expectPageBasics } from '../support/browser.ts';
import { demoInBrowser, signInAs, signOutOf, type DemoBrowser } from '../support/demo-browser.ts';

// Issue 16's journey in Chromium, axe on every page: the demo admissions officer opens a Reception round for September
// 2016, runs the allocation and reads one child's explanation; the demo school user (URN 900001) sees only the children
// who named 900001 and is refused the officer's pages; the demo admin sees both reads in the audit trail. The round is
// hand-built: three demo primary schools in Ashford with 1 place each (looked-after, then distance), and three children
// in Ashford. By hand (applicant-proposing deferred acceptance, Code 2014 paras 2.9-2.11): J1 (100 m from 900001) and J2
// (200 m) both name 900001 first: J1 holds its place; J2 goes on to its 2nd preference, the second school, and is offered
// it; J3 names only the third school and is offered it. J3 never named 900001, so the school user must not see J3's name.

const ashford = 'E07000105';
const [second, third] = generateCounty(2013)
  .schools.filter((s) => s.districtCode === ashford && s.closedOn === null && s.attributes.sector === 'primary' && s.urn !== '900001')
  .map((s) => s.urn);

const arrangementsCsv = `urn,admission_number,admission_authority,selective,criteria,tie_break,seed,easting,northing
900001,1,la,N,looked-after; other,distance,1,600000,140000
${second},1,academy-trust,N,looked-after; other,distance,2,601000,140000
${third},1,governing-body,N,looked-after; other,distance,3,602000,140000
`;
const applicationsCsv = `application_ref,upn,given_name,family_name,date_of_birth,home_postcode,home_easting,home_northing,online,received_on,looked_after,ehc_plan_urn,assessed_suitable,current_school_urn,pref1_urn,pref1_sibling,pref1_medical_social,pref1_faith,pref1_staff,pref2_urn,pref2_sibling,pref2_medical_social,pref2_faith,pref2_staff
J1,,Juno,Journeyman,2011-10-01,TN23 1AA,600100,140000,Y,2016-01-05,,,,,900001,N,N,N,N,,,,,
J2,,Kit,Wayfarer,2011-11-02,TN23 1AA,600200,140000,Y,2016-01-06,,,,,900001,N,N,N,N,${second},N,N,N,N
J3,,Lark,Elsewhere,2011-12-03,TN23 1AA,602100,140000,N,2016-01-07,,,,,${third},N,N,N,N,,,,,
`;

describe('an admissions officer allocates a round and a school sees only its own applicants (Chromium, axe)', () => {
  let demo: DemoBrowser;
  let roundId: number;

  before(async () => {
    demo = await demoInBrowser([2012], new Date('2016-05-03T10:00:00Z'));
    const { services, database } = demo;
    await database.db
      .insertInto('postcode')
      .values([{ postcode: 'TN231AA', county_code: 'E10000016', district_code: ashford, ward_code: null, easting: 600150, northing: 140000, batch_id: null }])
      .onConflict((oc) => oc.doNothing())
      .execute();
    const who = { actor: 'cli:test', requestId: null };
    const held = (await services.admissions.rounds()).find((r) => r.laCode === '886' && r.phase === 'primary' && r.entryYear === 2016);
    roundId = held?.id ?? (await services.admissions.addRound({ laCode: '886', phase: 'primary', entryYear: 2016, preferencesAllowed: 3 }, who));
    const bytes = (text: string) => new TextEncoder().encode(text);
    const arrangements = readArrangementFile('journey-arrangements.csv', bytes(arrangementsCsv));
    assert.ok(!('issues' in arrangements), JSON.stringify(arrangements));
    assert.ok(!('issues' in (await services.admissions.importArrangements(roundId, 'journey-arrangements.csv', arrangements.rows, arrangements.hash, who))));
    const applications = readApplicationFile('journey-applications.csv', bytes(applicationsCsv));
    assert.ok(!('issues' in applications), JSON.stringify(applications));
    const imported = await services.admissions.importApplications(roundId, 'journey-applications.csv', applications.rows, applications.hash, who);
    assert.ok(!('issues' in imported), JSON.stringify(imported));
  });
  after(async () => demo?.close());

  const signIn = (page: Page, username: string) => signInAs(page, demo.base, username);
  const signOut = (page: Page) => signOutOf(page, demo.base);

  it('runs the allocation, explains an offer, shows the school its own applicants only, and audits both reads', async () => {
    const context = await demo.browser.newContext();
    const page = await context.newPage();

    await signIn(page, 'demo-admissions');
    await page.getByRole('link', { name: 'Admissions', exact: true }).click();
    await expectPageBasics(page, /^Admissions – Waymark$/);
    await expectAccessible(page);
    await page.locator(`a[href="/admissions/rounds/${roundId}"]`).click();
    await expectPageBasics(page, /^Reception, 2016\/17 entry – Waymark$/);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Run the allocation' }).click();
    await expectPageBasics(page, /^Reception, 2016\/17 entry – Waymark$/);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /The allocation has run/);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'The applications', exact: true }).click();
    await expectPageBasics(page, /^Applications – Reception, 2016\/17 entry – Waymark$/);
    await expectAccessible(page);
    await page.getByLabel('Reference').fill('J2');
    await page.getByRole('button', { name: 'Show applications' }).click();
    await expectPageBasics(page, /^Applications – Reception, 2016\/17 entry – Waymark$/);
    assert.match(await page.locator('#showing').innerText(), /Showing 1 to 1 of 1/);
    await page.getByRole('link', { name: 'J2', exact: true }).click();
    await expectPageBasics(page, /^Application J2 – Waymark$/);
    const offer = (await demo.database.store.admissions.offers(roundId)).find((o) => o.applicationId === 'J2')!;
    assert.equal(offer.urn, second);
    assert.equal(offer.preferenceRank, 2);
    const shown = await page.locator('main').innerText();
    for (const e of offer.explanation) assert.ok(shown.includes(e.text), `the page shows “${e.text}”`);
    assert.match(shown, /Their 2nd preference/);
    await expectAccessible(page);
    await signOut(page);

    await signIn(page, 'demo-school');
    await page.getByRole('link', { name: 'Admissions', exact: true }).click();
    await expectPageBasics(page, /^Your school’s applicants – Waymark$/);
    await expectAccessible(page);
    await page.locator(`a[href="/admissions/rounds/${roundId}/school/900001/applicants"]`).click();
    await expectPageBasics(page, /^Applicants to URN 900001 – Reception, 2016\/17 entry – Waymark$/);
    const list = await page.locator('main').innerText();
    assert.match(list, /Juno Journeyman/);
    assert.match(list, /Kit Wayfarer/);
    assert.ok(!list.includes('Elsewhere'), 'a child who did not name 900001 is not shown');
    await expectAccessible(page);
    for (const url of ['/admissions', `/admissions/rounds/${roundId}`, `/admissions/rounds/${roundId}/applications`])
      assert.equal((await page.goto(`${demo.base}${url}`))!.status(), 403, url);
    await signOut(page);

    await signIn(page, 'demo-admin');
    await page.goto(`${demo.base}/audit?action=admissions.read`);
    await expectPageBasics(page, /Audit/);
    // The table's rows, not the filter's list of actions.
    assert.match(await page.locator('main table').first().innerText(), /Viewed an admission application/);
    await expectAccessible(page);
    await page.goto(`${demo.base}/audit?action=admissions.school-list`);
    await expectPageBasics(page, /Audit/);
    const trail = await page.locator('main table').first().innerText();
    assert.match(trail, /Viewed a school’s admission applicants/);
    assert.ok(!trail.includes('Wayfarer'), 'no name in the trail');
    await expectAccessible(page);
    await context.close();
  });
});
