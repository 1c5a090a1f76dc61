import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { generateCounty } from '../src/demo/generate-county.ts';
import { demoPassword } from '../src/demo/demo-users.ts';
import { readArrangementFile } from '../src/imports/admissions/arrangement-file.ts';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { writeDemoCounty } from '../src/services/demo/demo-county-writer.ts';
import { createApp } from '../src/web/create-app.ts';
import { servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { clientOf, type Client } from './support/sign-in.ts';

// The coordinated admissions pages (issue 16) over HTTP: each page for the role it is for and refused to the others, the
// round page's figures as the service counts them, no code shown as a word, and a school user seeing only the children
// who named its own school. A hand-built Reception round for September 2016 of three demo primary schools in Ashford
// (900001, the demo school user's, and two more), each with 1 place and criteria looked-after then distance, all on one
// east-west line at northing 140000 (900001 at easting 600000, the second at 601000, the third at 602000), and four
// children living in Ashford (TN23 1AA). Counted by hand with applicant-proposing deferred acceptance (Code 2014 paras
// 1.9, 2.9-2.11), distance tie-break, nearest first:
//   900001's order: A1 (100 m), A2 (200 m), A4 (1,900 m) → holds A1; A2 and A4 go on to their 2nd preference.
//   second's order: A3 (100 m, 1st preference), A2 (800 m) → holds A3; A2 has no 3rd preference.
//   third's order: A4 (100 m) → holds A4.
// So A1 900001 (1st), A2 none of their preferences (allocated by the LA to the nearest school with a place, or none: all
// three schools are full, so no offer), A3 second (1st), A4 third (2nd). A3 never named 900001.

const ashford = 'E07000105';
const county = generateCounty(2013);
const [urn1, urn2] = county.schools
  .filter((s) => s.districtCode === ashford && s.closedOn === null && s.attributes.sector === 'primary' && s.urn !== '900001')
  .map((s) => s.urn);
assert.ok(urn1 !== undefined && urn2 !== undefined, 'two more open primary schools in Ashford');
const schools = ['900001', urn1, urn2] as const;

const arrangementsCsv = `urn,admission_number,admission_authority,selective,criteria,tie_break,seed,easting,northing
${schools[0]},1,la,N,looked-after; other,distance,1,600000,140000
${schools[1]},1,academy-trust,N,looked-after; other,distance,2,601000,140000
${schools[2]},1,governing-body,N,looked-after; other,distance,3,602000,140000
`;

const header =
  'application_ref,upn,given_name,family_name,date_of_birth,home_postcode,home_easting,home_northing,online,received_on,looked_after,ehc_plan_urn,assessed_suitable,current_school_urn,' +
  'pref1_urn,pref1_sibling,pref1_medical_social,pref1_faith,pref1_staff,pref2_urn,pref2_sibling,pref2_medical_social,pref2_faith,pref2_staff';
const applicationsCsv = `${header}
A1,,Alice,Ashdown,2011-10-01,TN23 1AA,600100,140000,Y,2016-01-05,,,,,${schools[0]},N,N,N,N,,,,,
A2,,Bilal,Brook,2011-11-02,TN23 1AA,600200,140000,Y,2016-01-06,,,,,${schools[0]},N,N,N,N,${schools[1]},N,N,N,N
A3,,Cara,Quillfeather,2011-12-03,TN23 1AA,601100,140000,N,2016-01-07,,,,,${schools[1]},N,N,N,N,,,,,
A4,,Dev,Dunmore,2012-01-04,TN23 1AA,601900,140000,Y,2016-02-01,,,,,${schools[0]},N,N,N,N,${schools[2]},N,N,N,N
`;

/** The words a page shows a reader: tags and attributes dropped, entities read. */
const visibleText = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const rawCodes =
  /phase:|ehc-plan|not-allocated|looked-after|higher-preference-offered|oversubscribed|not-eligible|no-arrangements|academy-trust|governing-body|'primary'|'secondary'/;

for (const target of databaseTargets()) {
  describe(`admissions pages on ${target.name}`, () => {
    let database: TestDatabase;
    let services: Services;
    let app: FastifyInstance;
    let roundId: number;
    const clients = new Map<string, Client>();
    const get = (user: string, url: string) => clients.get(user)!.request({ method: 'GET', url });
    const now = new Date('2016-05-03T10:00:00Z');

    before(async () => {
      database = await freshDatabase(target);
      const log = createLog('silent');
      services = servicesFor(database, now, log);
      await services.catalogue.sync();
      await database.store.transaction((tx) => writeDemoCounty(tx, county, 2013, 'test', () => {}));
      await services.accounts.ensureDemoUsers();
      await database.db
        .insertInto('postcode')
        .values([{ postcode: 'TN231AA', county_code: 'E10000016', district_code: ashford, ward_code: null, easting: 600150, northing: 140000, batch_id: null }])
        .onConflict((oc) => oc.doNothing())
        .execute();
      const who = { actor: 'cli:test', requestId: null };
      roundId = await services.admissions.addRound({ laCode: '886', phase: 'primary', entryYear: 2016, preferencesAllowed: 3 }, who);
      const arrangements = readArrangementFile('arrangements.csv', new TextEncoder().encode(arrangementsCsv));
      assert.ok(!('issues' in arrangements), JSON.stringify(arrangements));
      assert.ok(!('issues' in (await services.admissions.importArrangements(roundId, 'arrangements.csv', arrangements.rows, arrangements.hash, who))));
      app = await createApp(services, { log, production: true, version: 'test', commit: null });
      for (const user of ['demo-admissions', 'demo-school', 'demo-cme']) {
        const client = clientOf(app);
        assert.equal((await client.signIn(user, demoPassword)).statusCode, 303, user);
        clients.set(user, client);
      }
    });
    after(async () => {
      await app?.close();
      await database?.drop();
    });

    it('imports the applications through the page, naming a bad line by line and column and writing nothing', async () => {
      const from = `/admissions/rounds/${roundId}/import`;
      const bad = await clients.get('demo-admissions')!.submit(from, `${from}/applications`, {
        fileName: 'bad.csv',
        csv: applicationsCsv.replace('A3,,Cara,Quillfeather,2011-12-03,TN23 1AA,601100,140000,N', 'A3,,Cara,Quillfeather,2011-12-03,TN23 1AA,601100,140000,X'),
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /bad\.csv, line 4, column online/);
      assert.equal((await database.store.admissions.applications(roundId)).length, 0);
      const good = await clients.get('demo-admissions')!.submit(from, `${from}/applications`, { fileName: 'applications.csv', csv: applicationsCsv });
      assert.equal(good.statusCode, 200);
      assert.match(visibleText(good.body), /4 applications written; 0 already held and unchanged/);
    });

    it('lists the rounds, newest first, with dates in full and the applications counted', async () => {
      const page = await get('demo-admissions', '/admissions');
      assert.equal(page.statusCode, 200);
      const text = visibleText(page.body);
      // Primary dates (domain.md §13): closing 15 January, offer day 16 April 2016 (a Saturday: the next working day is Monday 18 April).
      assert.match(text, /Reception, 2016\/17 entry/);
      assert.match(text, /15 January 2016/);
      assert.match(text, /Not yet allocated/);
      assert.doesNotMatch(text, rawCodes);
    });

    it('runs the allocation from the round page and shows the DfE counts the service makes, each rate to 1 decimal place', async () => {
      const url = `/admissions/rounds/${roundId}`;
      const run = await clients.get('demo-admissions')!.submit(url, `${url}/run`, {});
      assert.equal(run.statusCode, 303);
      const page = await get('demo-admissions', run.headers.location!);
      assert.equal(page.statusCode, 200);
      const text = visibleText(page.body);
      assert.match(text, /The allocation has run: 4 applications allocated, 3 offered one of their preferences/);
      assert.match(text, /by Demo admissions officer/);
      const { counts } = await services.admissions.round(roundId);
      // By hand (header): 4 applications, 3 online; 1st preference A1 and A3, 2nd preference A4; A2 no offer.
      assert.deepEqual(
        [counts.applications, counts.online, counts.firstPreference, counts.secondPreference, counts.preferred, counts.noOffer],
        [4, 3, 2, 1, 3, 1],
      );
      // 2 of 4 = 50.0%, 3 of 4 = 75.0%, 1 of 4 = 25.0%.
      assert.match(text, /Offered their 1st preference 2 4 50\.0%/);
      assert.match(text, /Offered their 2nd preference 1 4 25\.0%/);
      assert.match(text, /Offered one of their preferences 3 4 75\.0%/);
      assert.match(text, /Applications made online 3 4 75\.0%/);
      assert.match(text, new RegExp(`Not offered a place ${counts.noOffer} 4 25\\.0%`));
      assert.doesNotMatch(text, rawCodes);
    });

    it('lists the applications with filters and opens one with each preference explained in the service’s own sentence', async () => {
      const list = await get('demo-admissions', `/admissions/rounds/${roundId}/applications?offer=preference`);
      assert.equal(list.statusCode, 200);
      assert.match(visibleText(list.body), /Showing 1 to 3 of 3/);
      assert.doesNotMatch(visibleText(list.body), rawCodes);
      const a2 = (await database.store.admissions.applications(roundId)).find((a) => a.id === 'A2')!;
      const page = await get('demo-admissions', `/admissions/applications/${a2.rowId}`);
      assert.equal(page.statusCode, 200);
      const text = visibleText(page.body);
      const offer = (await database.store.admissions.offers(roundId)).find((o) => o.applicationId === 'A2')!;
      assert.equal(offer.explanation.length, 2);
      for (const e of offer.explanation) assert.ok(text.includes(e.text), e.text);
      assert.match(text, /Bilal Brook/);
      assert.match(text, /2 November 2011/);
      assert.match(text, /ranked below the last child offered a place/);
      // A1 was offered 900001, 100 m from home (600100 against 600000): the offer shows the distance of the preference offered.
      const a1 = (await database.store.admissions.applications(roundId)).find((a) => a.id === 'A1')!;
      assert.match(visibleText((await get('demo-admissions', `/admissions/applications/${a1.rowId}`)).body), /Distance from home 0\.10 km/);
      assert.doesNotMatch(text, rawCodes);
    });

    it('records the family’s response to an offer, refusing a date before offer day', async () => {
      const a1 = (await database.store.admissions.applications(roundId)).find((a) => a.id === 'A1')!;
      const url = `/admissions/applications/${a1.rowId}`;
      const early = await clients.get('demo-admissions')!.submit(url, `${url}/response`, { response: 'accepted', on: '2016-03-01' });
      assert.equal(early.statusCode, 400);
      assert.match(early.body, /before offer day/);
      const done = await clients.get('demo-admissions')!.submit(url, `${url}/response`, { response: 'accepted', on: '2016-04-25' });
      assert.equal(done.statusCode, 303);
      assert.match(visibleText((await get('demo-admissions', url)).body), /Accepted on 25 April 2016/);
    });

    it('shows a school’s arrangements and its allocation profile in words', async () => {
      const page = await get('demo-admissions', `/admissions/rounds/${roundId}/schools/900001`);
      assert.equal(page.statusCode, 200);
      const text = visibleText(page.body);
      assert.match(text, /looked-after and previously looked-after children/i);
      assert.match(text, /all other children/);
      // 900001: 3 applicants (A1, A2, A4), 1 offered (A1, 0.10 km), no vacancy, waiting list A2 and A4.
      assert.match(text, /Applicants \(any preference\) 3/);
      assert.match(text, /Waiting list 2 children/);
      assert.match(text, /0\.10 km/);
      assert.doesNotMatch(text.replace(/looked-after and previously looked-after/gi, ''), rawCodes);
    });

    it('shows a school user only the children who named its school, without their preference number, and nothing of another school', async () => {
      const home = await get('demo-school', '/admissions/school');
      assert.equal(home.statusCode, 200);
      const link = `/admissions/rounds/${roundId}/school/900001/applicants`;
      assert.ok(home.body.includes(link));
      const page = await get('demo-school', link);
      assert.equal(page.statusCode, 200);
      const text = visibleText(page.body);
      for (const name of ['Alice Ashdown', 'Bilal Brook', 'Dev Dunmore']) assert.match(text, new RegExp(name));
      assert.doesNotMatch(text, /Quillfeather/);
      assert.doesNotMatch(text, /\d(st|nd|rd|th) preference|Preference /);
      assert.match(text, /Offered a place here/);
      assert.doesNotMatch(text, rawCodes);
      assert.equal((await get('demo-school', `/admissions/rounds/${roundId}/school/${schools[1]}/applicants`)).statusCode, 404);
    });

    it('pages the applications 50 at a time, keeping the filters, and lists the rounds newest first', async () => {
      // A second round (Reception, September 2015) with 120 applications naming the second school only.
      const who = { actor: 'cli:test', requestId: null };
      const older = await services.admissions.addRound({ laCode: '886', phase: 'primary', entryYear: 2015, preferencesAllowed: 3 }, who);
      const bytes = (text: string) => new TextEncoder().encode(text);
      const arrangements = readArrangementFile('arrangements-2015.csv', bytes(arrangementsCsv));
      assert.ok(!('issues' in arrangements));
      assert.ok(!('issues' in (await services.admissions.importArrangements(older, 'arrangements-2015.csv', arrangements.rows, arrangements.hash, who))));
      const lines = Array.from(
        { length: 120 },
        (_, i) => `B${String(i + 1).padStart(3, '0')},,Child,Number${i + 1},2010-10-01,TN23 1AA,601100,140000,Y,2015-01-05,,,,,${schools[1]},N,N,N,N,,,,,`,
      );
      const from = `/admissions/rounds/${older}/import`;
      const imported = await clients.get('demo-admissions')!.submit(from, `${from}/applications`, { fileName: '', csv: [header, ...lines].join('\n') });
      assert.match(visibleText(imported.body), /120 applications written/);
      const second = await get('demo-admissions', `/admissions/rounds/${older}/applications?urn=${schools[1]}&page=2`);
      assert.equal(second.statusCode, 200);
      const text = visibleText(second.body);
      // References sort B001…B120: page 2 holds B051 to B100.
      assert.match(text, /Showing 51 to 100 of 120/);
      assert.match(text, /B051/);
      assert.doesNotMatch(text, /B050|B101/);
      assert.ok(second.body.includes(`urn=${schools[1]}&amp;offer=&amp;page=3`), 'the next page keeps the filter');
      const rounds = visibleText((await get('demo-admissions', '/admissions')).body);
      assert.ok(rounds.indexOf('2016/17 entry') < rounds.indexOf('2015/16 entry'), 'newest first');
      assert.match(rounds, /Not yet allocated/);
    });

    it('changes an application before the closing date, audited by field name only, and refuses a change after it', async () => {
      // A Reception round for September 2017 closes on 15 January 2017 (domain.md §13), after the test's today (3 May 2016);
      // the September 2016 round closed on 15 January 2016, before it. C1 names 900001 only.
      const who = { actor: 'cli:test', requestId: null };
      const open = await services.admissions.addRound({ laCode: '886', phase: 'primary', entryYear: 2017, preferencesAllowed: 3 }, who);
      const arrangements = readArrangementFile('arrangements-2017.csv', new TextEncoder().encode(arrangementsCsv));
      assert.ok(!('issues' in arrangements));
      assert.ok(!('issues' in (await services.admissions.importArrangements(open, 'arrangements-2017.csv', arrangements.rows, arrangements.hash, who))));
      const from = `/admissions/rounds/${open}/import`;
      const c1Line = `C1,,Esme,Eastwell,2012-10-01,TN23 1AA,600100,140000,Y,2016-04-01,,,,,${schools[0]},N,N,N,N,,,,,`;
      const imported = await clients.get('demo-admissions')!.submit(from, `${from}/applications`, { fileName: '', csv: `${header}\n${c1Line}\n` });
      assert.match(visibleText(imported.body), /1 applications? written/);
      const c1 = (await database.store.admissions.applications(open)).find((a) => a.id === 'C1')!;
      const url = `/admissions/applications/${c1.rowId}`;
      assert.ok((await get('demo-admissions', url)).body.includes(`href="${url}/change"`), 'a change link before the closing date');
      const form = await get('demo-admissions', `${url}/change`);
      assert.equal(form.statusCode, 200);
      assert.ok(form.body.includes('value="TN23 1AA"') && form.body.includes(`value="${schools[0]}"`), 'prefilled from the application');
      const kept = { homePostcode: 'TN23 1AA', online: 'yes', lookedAfter: 'no', ehcPlanSchool: '', currentSchool: '', 'p3-urn': '' };

      // A URN of five digits is shown against its field and nothing is written.
      const bad = await clients.get('demo-admissions')!.submit(`${url}/change`, `${url}/change`, { ...kept, 'p1-urn': '90000', 'p2-urn': '' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /href="#p1-urn">Enter the URN as six digits/);
      assert.match(bad.body, /id="p1-urn-error"/);
      assert.deepEqual(
        (await database.store.admissions.application(c1.rowId))!.preferences.map((p) => p.urn),
        [schools[0]],
      );

      // The second school first, 900001 second, with a sibling at the second school.
      const done = await clients.get('demo-admissions')!.submit(`${url}/change`, `${url}/change`, {
        ...kept,
        'p1-urn': schools[1],
        'p1-sibling': 'yes',
        'p2-urn': schools[0],
      });
      assert.equal(done.statusCode, 303, done.body.slice(0, 2000));
      const page = visibleText((await get('demo-admissions', done.headers.location!)).body);
      assert.match(page, /The application is changed\./);
      assert.match(page, new RegExp(`1st preference .*\\(URN ${schools[1]}\\) 2nd preference .*\\(URN ${schools[0]}\\)`));
      const held = (await database.store.admissions.application(c1.rowId))!;
      assert.deepEqual(
        held.preferences.map((p) => [p.rank, p.urn, p.sibling]),
        [
          [1, schools[1], true],
          [2, schools[0], false],
        ],
      );
      const entry = (
        await sql<{
          subject: string;
          detail: unknown;
        }>`select subject, detail from audit_event where action = 'admissions.change' order by id desc limit 1`.execute(database.db)
      ).rows[0]!;
      // Only the field changed is named (the postcode and the rest were sent unchanged), and no value is recorded.
      assert.deepEqual(entry.detail, { fields: ['preferences'] });
      assert.equal(entry.subject, `admission-application:${c1.rowId}`);

      // After the closing date: no link, no form, and a change posted anyway is refused with the service's reason.
      const a2 = (await database.store.admissions.applications(roundId)).find((a) => a.id === 'A2')!;
      const closedUrl = `/admissions/applications/${a2.rowId}`;
      const application = await get('demo-admissions', closedUrl);
      assert.ok(!application.body.includes(`${closedUrl}/change`));
      assert.match(visibleText(application.body), /changes after the closing date are late applications/);
      const closed = await get('demo-admissions', `${closedUrl}/change`);
      assert.equal(closed.statusCode, 200);
      assert.ok(!closed.body.includes(`action="${closedUrl}/change"`), 'no form after the closing date');
      assert.match(visibleText(closed.body), /The closing date \(15 January 2016\) has passed: changes after the closing date are late applications/);
      const refused = await clients.get('demo-admissions')!.submit(closedUrl, `${closedUrl}/change`, { ...kept, 'p1-urn': schools[1], 'p2-urn': '' });
      assert.equal(refused.statusCode, 400);
      assert.match(visibleText(refused.body), /The application was not changed: the closing date \(2016-01-15\) has passed/);
      assert.deepEqual(
        (await database.store.admissions.application(a2.rowId))!.preferences.map((p) => p.urn),
        [schools[0], schools[1]],
      );
    });

    it('refuses each page to the roles without its action', async () => {
      const a1 = (await database.store.admissions.applications(roundId)).find((a) => a.id === 'A1')!;
      const officerPages = [
        '/admissions',
        `/admissions/rounds/${roundId}`,
        `/admissions/rounds/${roundId}/applications`,
        `/admissions/applications/${a1.rowId}`,
        `/admissions/applications/${a1.rowId}/change`,
        `/admissions/rounds/${roundId}/schools/900001`,
        `/admissions/rounds/${roundId}/import`,
      ];
      for (const url of officerPages) {
        assert.equal((await get('demo-admissions', url)).statusCode, 200, url);
        assert.equal((await get('demo-school', url)).statusCode, 403, `school ${url}`);
        assert.equal((await get('demo-cme', url)).statusCode, 403, `cme ${url}`);
      }
      for (const url of ['/admissions/school', `/admissions/rounds/${roundId}/school/900001/applicants`]) {
        assert.equal((await get('demo-admissions', url)).statusCode, 403, `officer ${url}`);
        assert.equal((await get('demo-cme', url)).statusCode, 403, `cme ${url}`);
      }
      const anonymous = await clientOf(app).request({ method: 'GET', url: '/admissions' });
      assert.equal(anonymous.statusCode, 303);
    });
  });
}
