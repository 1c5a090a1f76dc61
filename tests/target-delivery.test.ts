import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { laOfficerDisclosure, publicDisclosure } from '../src/domain/indicators/disclosure.ts';
import { createLog } from '../src/log.ts';
import type { Services } from '../src/services/create-services.ts';
import { createApp } from '../src/web/create-app.ts';
import { readShared, servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { clientOf, type Client } from './support/sign-in.ts';

// Issue 18.6: a delivery milestone of the 2013-2016 framework (target 16, "integrated education, health and care plans",
// `milestone_done` due by 2016 in frameworks/kent-2013-2016.yaml) is recorded on its target page by an officer whose
// role reaches Kent, judged from the record, shown on the page and in the annual report, withdrawn with a reason, and
// every write audited. What the statuses must be follows from the rule as the issue states it (domain/framework/delivery.ts):
// a delivery on 1 September 2014 counts from 2014/15 (the framework's 2015).

const password = 'a long enough test password';
const page = '/frameworks/kent-2013-2016/targets/integrated-ehc-plans';
const post = `${page}/delivery`;
const evidence = 'First EHC plans issued under the Children and Families Act 2014 from 1 September 2014';

for (const target of databaseTargets()) {
  describe(`delivery records of a framework's milestones (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    let app: FastifyInstance;
    let officer: Client;
    let officerId: number;
    let kentId: number;

    const status = async (year: number, policy = laOfficerDisclosure) => {
      const evaluation = await services.frameworks.evaluate('kent-2013-2016', year, policy);
      return evaluation.targets.find((t) => t.target.id === 'integrated-ehc-plans')!.evaluation;
    };
    const held = () => database.db.selectFrom('target_delivery').selectAll().orderBy('id').execute();
    const audited = async () => {
      const entries = [];
      for await (const e of database.store.audit.inOrder()) if (e.action.startsWith('delivery.')) entries.push(e);
      return entries;
    };

    before(async () => {
      database = await freshDatabase(target);
      const log = createLog('silent');
      services = servicesFor(database, new Date('2016-05-03T10:00:00Z'), log);
      await services.imports.importFiles(await readShared(['lait/la_code_list.csv']), { actor: 'cli:tester', requestId: null });
      kentId = (await database.store.places.find('la', '886'))!.id;
      officerId = await services.accounts.add({
        username: 'kent-officer',
        displayName: 'Olive Officer',
        password,
        grants: [{ role: 'la_officer', place: { kind: 'la', code: '886' } }],
      });
      await services.accounts.add({
        username: 'medway-officer',
        displayName: 'Mo Medway',
        password,
        grants: [{ role: 'la_officer', place: { kind: 'la', code: '887' } }],
      });
      await services.accounts.add({ username: 'no-role', displayName: 'Nora Role', password, grants: [] });
      app = await createApp(services, { log, production: true, version: 'test', commit: null });
      officer = clientOf(app);
      assert.equal((await officer.signIn('kent-officer', password)).statusCode, 303);
    });
    after(async () => {
      await app.close();
      await database.drop();
    });

    it('is not yet due before 2016 and off track in 2016 with nothing recorded', async () => {
      assert.equal((await status(2015)).status, 'not_yet_due');
      const due = await status(2016);
      assert.equal(due.status, 'off_track');
      assert.match(due.reason, /Due by 2016 and not recorded as done/);
    });

    it('refuses a record with a date that is no day and a link that is no web address, each named, writing nothing', async () => {
      const response = await officer.submit(page, post, { kind: 'delivered', on: '2014-02-30', year: '', status: '', evidence, link: 'javascript:alert(1)' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /There is a problem/);
      assert.match(response.body, /href="#delivery-on">Enter the date as a real day/);
      assert.match(response.body, /href="#delivery-link">Enter the link as a web address/);
      assert.match(response.body, /value="javascript:alert\(1\)"/, 'the values entered are kept');
      assert.deepEqual(await held(), []);
      assert.deepEqual(await audited(), []);
    });

    it('records the delivery: met from 2015 on the page, the framework and the report, and audited', async () => {
      const response = await officer.submit(page, post, {
        kind: 'delivered',
        on: '2014-09-01',
        year: '',
        status: '',
        evidence,
        link: 'https://www.kent.gov.uk/send',
      });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `${page}?done=recorded#delivery`);
      assert.equal((await status(2014)).status, 'not_yet_due', '1 September 2014 is in 2014/15');
      const met = await status(2016);
      assert.equal(met.status, 'met');
      assert.match(met.reason, new RegExp(`Done on 2014-09-01: ${evidence}`));
      const shown = await officer.request({ method: 'GET', url: `${page}?year=2016&done=recorded` });
      assert.match(shown.body, /The record is saved/);
      assert.match(shown.body, /Olive Officer, 2016-05-03/, 'staff see who recorded it and when');
      assert.match(shown.body, /href="https:\/\/www.kent.gov.uk\/send"/);
      const report = await services.reports.annual('kent-2013-2016', 2016, publicDisclosure);
      assert.match(report.evaluation.targets.find((t) => t.target.id === 'integrated-ehc-plans')!.evaluation.reason, /Done on 2014-09-01/);
      const [entry] = await audited();
      assert.equal(entry!.action, 'delivery.record');
      assert.equal(entry!.actor, `user:${officerId}`);
      assert.equal(entry!.placeId, kentId);
      assert.equal(entry!.subject, `delivery:${(await held())[0]!.id}`);
    });

    it('shows the public the record and status but not who made it, and no form', async () => {
      const shown = await clientOf(app).request({ method: 'GET', url: `${page}?year=2016` });
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, new RegExp(evidence));
      assert.doesNotMatch(shown.body, /Olive Officer/);
      assert.doesNotMatch(shown.body, /Save the record/);
    });

    it('refuses an officer whose role does not reach Kent, and someone with no role, writing nothing', async () => {
      const medway = clientOf(app);
      assert.equal((await medway.signIn('medway-officer', password)).statusCode, 303);
      const page400 = await medway.request({ method: 'GET', url: page });
      assert.doesNotMatch(page400.body, /Save the record/, 'no form for a reader who may not record');
      const refused = await medway.submit('/account', post, { kind: 'delivered', on: '2014-09-01', year: '', status: '', evidence, link: '' });
      assert.equal(refused.statusCode, 403);
      const nobody = clientOf(app);
      assert.equal((await nobody.signIn('no-role', password)).statusCode, 303);
      assert.equal((await nobody.submit('/account', post, { kind: 'delivered', on: '2014-09-01', evidence })).statusCode, 403);
      assert.equal((await held()).length, 1);
    });

    it('refuses a record on a target measured by figures', async () => {
      const response = await officer.submit(page, '/frameworks/kent-2013-2016/targets/ks2-attainment/delivery', {
        kind: 'delivered',
        on: '2014-09-01',
        evidence,
      });
      assert.equal(response.statusCode, 404);
      assert.equal((await held()).length, 1);
    });

    it('judges a year, and a later judgement of a year outranks the delivery', async () => {
      const judged = await officer.submit(page, post, {
        kind: 'judgement',
        on: '2014-07-15',
        year: '2014',
        status: 'on_track',
        evidence: 'Pathfinder plans in 3 districts',
      });
      assert.equal(judged.statusCode, 303);
      const year2014 = await status(2014);
      assert.equal(year2014.status, 'on_track');
      assert.match(year2014.reason, /Judged on track for 2014 on 2014-07-15: Pathfinder plans in 3 districts/);
      const lapsed = await officer.submit(page, post, {
        kind: 'judgement',
        on: '2016-05-01',
        year: '2016',
        status: 'off_track',
        evidence: 'Conversions from statements behind plan',
      });
      assert.equal(lapsed.statusCode, 303);
      assert.equal((await status(2016)).status, 'off_track');
      assert.equal((await status(2015)).status, 'met', 'the delivery still decides 2015');
    });

    it('withdraws a record with a reason: struck through on the page, no longer deciding, audited', async () => {
      const rows = await held();
      const lapsed = rows.find((r) => r.year === 2016)!;
      const empty = await officer.submit(page, `${page}/delivery/${lapsed.id}/withdraw`, { reason: ' ' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, new RegExp(`href="#withdraw-${lapsed.id}-reason">Say why the record is withdrawn`));
      const withdrawn = await officer.submit(page, `${page}/delivery/${lapsed.id}/withdraw`, { reason: 'Entered against the wrong target' });
      assert.equal(withdrawn.statusCode, 303);
      assert.equal((await status(2016)).status, 'met', 'the delivery decides 2016 again');
      const shown = await officer.request({ method: 'GET', url: `${page}?year=2016` });
      assert.match(shown.body, /<del>Conversions from statements behind plan<\/del>/);
      assert.match(shown.body, /Withdrawn on 2016-05-03 by Olive Officer: Entered against the wrong target/);
      const again = await officer.submit(page, `${page}/delivery/${lapsed.id}/withdraw`, { reason: 'twice' });
      assert.equal(again.statusCode, 400, 'a record is withdrawn once');
      assert.equal((await held()).length, 3, 'nothing is deleted');
      assert.deepEqual(
        (await audited()).map((e) => e.action),
        ['delivery.record', 'delivery.record', 'delivery.record', 'delivery.withdraw'],
      );
    });
  });
}
