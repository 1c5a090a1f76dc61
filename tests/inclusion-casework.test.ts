import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { CaseScope } from '../src/domain/access/reach.ts';
import { NotFoundError } from '../src/domain/errors.ts';
import { inclusionModule } from '../src/services/casework/inclusion/inclusion-service.ts';
import { ExclusionRefusedError, type NewExclusion } from '../src/services/casework/inclusion/exclusion-service.ts';
import { type TestApp } from './support/app.ts';
import { clientOf } from './support/sign-in.ts';
import { appWithDemo } from './support/demo-template.ts';
import { databaseTargets } from './support/databases.ts';

// The demo county's 2011/12 inclusion casework, made from its own pupil records (src/demo/inclusion-casework.ts).
// Expected counts come from calibration.ts (kentExclusions: 192 permanent exclusions in 2011/12, the seed's figure)
// and from the census file itself, read apart from the casework.

const who = { actor: 'system', requestId: null };
const everywhere: CaseScope = { kind: 'everywhere' };

type Figure = { value: number | null; numerator: number | null; denominator: number | null; rule: string | null };

for (const target of databaseTargets()) {
  describe(`inclusion casework on the demo county (${target.name})`, () => {
    let t: TestApp;
    const figure = async (indicator: string, place: string, period = '201112'): Promise<Figure | undefined> => {
      const [kind, code] = place.split(':');
      const { rows } = await sql<Figure>`
        select o.value::float8 as value, o.numerator::float8 as numerator, o.denominator::float8 as denominator, o.denominator, o.detail->>'rule' as rule from observation o join place p on p.id = o.place_id
         where o.indicator_code = ${indicator} and p.kind = ${kind} and p.code = ${code} and o.period = ${period} and o.breakdown = 'all'`.execute(
        t.database.db,
      );
      return rows[0];
    };

    before(async () => {
      t = await appWithDemo(target, [2011]);
    });
    after(async () => t.close());

    it('counts the same 192 permanent exclusions in 2011/12 as the census, school by school (calibration.ts: the seed’s 192)', async () => {
      const reconciled = (await t.services.inclusion.exclusions.reconcile('201112'))!;
      assert.equal(reconciled.census, 192);
      assert.equal(reconciled.casework, 192);
      assert.deepEqual(
        reconciled.schools.filter((s) => s.casework !== s.census || s.caseworkSuspensions !== s.censusSuspensions),
        [],
      );
      // Target 23 reads the census's figure (feed: pupil-records); the casework agrees with it.
      assert.equal((await figure('permanent-exclusions', 'la:886'))?.value, 192);
      // Some permanent exclusions were overturned: held, but not counted.
      const held = await t.services.inclusion.exclusions.list(who, everywhere, { period: '201112', kind: 'permanent' });
      assert.ok(held.length > 192, `${held.length} permanent exclusions held, some reinstated`);
    });

    it('writes target 22’s and 24’s figures with their counts and rule', async () => {
      const cla = (await figure('cla-permanent-exclusions', 'la:886'))!;
      assert.ok(cla.denominator! > 800 && cla.denominator! < 1400, `cohort ${cla.denominator}`);
      assert.equal(cla.value, cla.numerator);
      assert.match(cla.rule!, /continuously for at least 12 months at 31 March/);
      // Every child counted is an in-care pupil with a counted permanent exclusion in the census file.
      const permanentInCare = (await t.services.inclusion.exclusions.list(who, everywhere, { period: '201112', kind: 'permanent' })).filter((e) => e.inCare);
      assert.ok(cla.numerator! <= permanentInCare.length);
      const ap = (await figure('alternative-curriculum-achievement', 'la:886'))!;
      assert.ok(ap.denominator! > 50, `${ap.denominator} pupils`);
      assert.equal(ap.value, (100 * ap.numerator!) / ap.denominator!);
      assert.ok((await figure('alternative-curriculum-achievement', 'district:E07000113')) !== undefined, 'a district figure');
    });

    const suspension = (school: string, upn: string, sessions: number): NewExclusion => ({
      upn,
      givenName: 'Test',
      familyName: 'Pupil',
      dateOfBirth: '2000-01-05',
      schoolUrn: school,
      kind: 'suspension',
      reasonCode: 'PD',
      decisionDate: '2012-02-06',
      startDate: '2012-02-07',
      sessions,
      fsm: false,
      sen: 'N',
      inCare: false,
      governorsOutcome: null,
      governorsDate: null,
      panelOutcome: null,
      panelDate: null,
      reconsideredOutcome: null,
      reconsideredDate: null,
    });

    it('records in scope only, refuses a 46th day of suspension, and audits a refused read', async () => {
      const swale = (await t.database.store.places.find('district', 'E07000113'))!;
      const swaleScope: CaseScope = { kind: 'places', placeIds: new Set(await t.database.store.access.placesUnder([swale.id], '2012-02-06')) };
      const schools = await t.database.store.places.members(swale.id, 'school');
      const inSwale = schools[0]!.code;
      const thanet = (await t.database.store.places.find('district', 'E07000114'))!;
      const elsewhere = (await t.database.store.places.members(thanet.id, 'school'))[0]!.code;
      const id = await t.services.inclusion.exclusions.record(who, swaleScope, suspension(inSwale, 'TEST-UPN-1', 80));
      await assert.rejects(t.services.inclusion.exclusions.record(who, swaleScope, suspension(elsewhere, 'TEST-UPN-2', 2)), ExclusionRefusedError);
      await assert.rejects(
        t.services.inclusion.exclusions.record(who, swaleScope, {
          ...suspension(inSwale, 'TEST-UPN-1', 12),
          startDate: '2012-03-01',
          decisionDate: '2012-02-28',
        }),
        /at most 45 school days/,
      );
      const thanetScope: CaseScope = { kind: 'places', placeIds: new Set(await t.database.store.access.placesUnder([thanet.id], '2012-02-06')) };
      await assert.rejects(t.services.inclusion.exclusions.show(who, thanetScope, id), NotFoundError);
      const { rows } = await sql<{ action: string }>`select action from audit_event where subject = ${`exclusion:${id}`} order by id`.execute(t.database.db);
      assert.deepEqual(
        rows.map((r) => r.action),
        ['inclusion.record-exclusion', 'inclusion.read-refused'],
      );
    });

    it('stops counting a permanent exclusion the governors reinstate, and remakes the figure', async () => {
      const counted = (await t.services.inclusion.exclusions.list(who, everywhere, { period: '201112', kind: 'permanent' })).find(
        (e) => e.governorsOutcome === null && e.upn !== null,
      )!;
      await t.services.inclusion.exclusions.review(who, everywhere, counted.id, {
        governorsOutcome: 'reinstated',
        governorsDate: counted.decisionDate,
        panelOutcome: null,
        panelDate: null,
        reconsideredOutcome: null,
        reconsideredDate: null,
      });
      const reconciled = (await t.services.inclusion.exclusions.reconcile('201112'))!;
      assert.equal(reconciled.casework, 191);
      assert.deepEqual(
        reconciled.schools.filter((s) => s.casework !== s.census).map((s) => [s.urn, s.census - s.casework]),
        [[counted.schoolUrn, 1]],
      );
    });

    it('answers a subject access request and anonymises at the pupil’s 25th birthday', async () => {
      const section = await t.database.store.transaction((tx) =>
        inclusionModule.subjectAccess(tx, { upn: 'TEST-UPN-1', givenName: '', familyName: '', dateOfBirth: '' }),
      );
      assert.deepEqual(
        section.records.map((r) => r.kind),
        ['exclusion'],
      );
      const byName = await t.database.store.transaction((tx) =>
        inclusionModule.subjectAccess(tx, { upn: null, givenName: 'test', familyName: 'PUPIL', dateOfBirth: '2000-01-05' }),
      );
      assert.equal(byName.records.length, 1);
      // Born 5 January 2000: 25 on 5 January 2025. Kept on the 4th, anonymised on the 5th.
      const held = () =>
        t.database.store.transaction((tx) => inclusionModule.subjectAccess(tx, { upn: 'TEST-UPN-1', givenName: '', familyName: '', dateOfBirth: '' }));
      const dayBefore = await t.database.store.transaction((tx) => inclusionModule.retain(tx, '2025-01-04'));
      assert.match(dayBefore.rule, /date of birth \+ 25 years/);
      assert.equal((await held()).records.length, 1);
      const onBirthday = await t.database.store.transaction((tx) => inclusionModule.retain(tx, '2025-01-05'));
      assert.ok(onBirthday.anonymised >= 1);
      assert.equal((await held()).records.length, 0);
      const [kept] = (await t.services.inclusion.exclusions.list(who, everywhere, { period: '201112' })).filter(
        (e) => e.anonymisedOn === '2025-01-05' && e.sessions === 80,
      );
      assert.deepEqual([kept?.upn, kept?.givenName, kept?.dateOfBirth, kept?.reasonCode], [null, null, null, 'PD']);
    });

    it('an inclusion officer records an exclusion through the form and its check answers page; a CME officer cannot open it', async () => {
      await t.services.accounts.ensureDemoUsers();
      const officer = clientOf(t.app);
      assert.equal((await officer.signIn('demo-inclusion', 'waymark-demo-county')).statusCode, 303);
      const list = await officer.request({ method: 'GET', url: '/inclusion?year=201112' });
      assert.equal(list.statusCode, 200, list.body);
      assert.match(list.body, /Exclusions in 2011\/12/);
      assert.match(list.body, /in the census pupil records, which target 23’s figure reads: <strong>192<\/strong>/);
      const school = (await t.database.store.places.find('district', 'E07000114'))!;
      const urn = (await t.database.store.places.members(school.id, 'school')).find((s) => s.validTo === null && s.status === 'open')!.code;
      const fields = {
        upn: 'FORM-UPN-1',
        givenName: 'Form',
        familyName: 'Pupil',
        dateOfBirth: '1999-05-05',
        schoolUrn: urn,
        kind: 'permanent',
        reasonCode: 'PA',
        decisionDate: '2012-05-14',
        startDate: '2012-05-15',
        sessions: '',
        fsm: 'Y',
        sen: 'K',
        inCare: 'N',
      };
      const refused = await officer.submit('/inclusion/exclusions/new', '/inclusion/exclusions/check', { ...fields, decisionDate: '2012-02-30' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /href="#decisionDate"/);
      const check = await officer.submit('/inclusion/exclusions/new', '/inclusion/exclusions/check', fields);
      assert.equal(check.statusCode, 200, check.body);
      assert.match(check.body, /Check the exclusion before recording it/);
      const recorded = await officer.submit('/inclusion/exclusions/new', '/inclusion/exclusions', fields);
      assert.equal(recorded.statusCode, 303, recorded.body);
      const page = await officer.request({ method: 'GET', url: recorded.headers.location as string });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /FORM-UPN-1/);
      assert.match(page.body, /Awaiting the governors’ review/);

      const cme = clientOf(t.app);
      assert.equal((await cme.signIn('demo-cme', 'waymark-demo-county')).statusCode, 303);
      const denied = await cme.request({ method: 'GET', url: recorded.headers.location as string });
      assert.notEqual(denied.statusCode, 200);
      assert.doesNotMatch(denied.body, /FORM-UPN-1/);

      for (const url of [
        '/inclusion/children?year=201112',
        '/inclusion/children/C1100001',
        '/inclusion/placements?year=201112',
        '/inclusion?year=201112&kind=suspension',
      ]) {
        const shown = await officer.request({ method: 'GET', url });
        assert.equal(shown.statusCode, 200, `${url}: ${shown.body.slice(0, 300)}`);
      }
    });

    it('exports exclusions as CSV that re-imports writing nothing new, and refuses a malformed list naming line and column', async () => {
      const officer = clientOf(t.app);
      await officer.signIn('demo-inclusion', 'waymark-demo-county');
      const csv = await officer.request({ method: 'GET', url: '/inclusion/exclusions.csv?year=201112' });
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      const lines = csv.body.split('\r\n');
      const sample = [lines[0], ...lines.slice(1, 6)].join('\r\n');
      const again = await officer.submit('/inclusion/import', '/inclusion/import', { csv: sample });
      assert.equal(again.statusCode, 200, /<li>.*<\/li>/.exec(again.body)?.[0]);
      assert.match(again.body, /0 exclusions recorded; 5 were already held/);
      const before = (await t.services.inclusion.exclusions.list(who, everywhere, { period: '201112' })).length;
      const broken = sample.replace(/,([NKE]),([YN]),/, ',X,$2,');
      const refused = await officer.submit('/inclusion/import', '/inclusion/import', { csv: broken });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /exclusions\.csv, line 2, column SEN: must be N, K or E/);
      assert.equal((await t.services.inclusion.exclusions.list(who, everywhere, { period: '201112' })).length, before);
    });
  });
}
