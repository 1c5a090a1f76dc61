import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { CaseScope } from '../src/domain/access/reach.ts';
import { pseudonymOf, type ChildIdentity } from '../src/domain/casework/pseudonymise.ts';
import { extractCsv } from '../src/imports/casework-extract/extract-csv.ts';
import type { PseudonymisedExtract } from '../src/services/casework/casework-extract.ts';
import { type TestApp } from './support/app.ts';
import { appWithDemo } from './support/demo-template.ts';
import { databaseTargets } from './support/databases.ts';
import { clientOf } from './support/sign-in.ts';

// Pseudonymised extracts (issue 15.7, ADR 0018) of the demo county's 2011/12 casework, every team. Each count of
// cases is read from the team's own table apart from the extract; the pseudonym expected for the test child is worked
// with node's HMAC over 'upn:' + UPN under the key the database holds.

const who = { actor: 'system', requestId: null };
const everywhere: CaseScope = { kind: 'everywhere' };
const child = { upn: 'T886211100001', givenName: 'Amelie', familyName: 'Testperson', dateOfBirth: '2001-05-06', postcode: 'ME104DD' };

/** The CSV's rows as objects (the extract's cells hold codes and dates: no commas or quotes to parse). */
function rowsOf(csv: string): Record<string, string>[] {
  const [head, ...lines] = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  const columns = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i]!, v])));
}

for (const target of databaseTargets()) {
  describe(`pseudonymised extracts (${target.name})`, () => {
    let t: TestApp;
    const taken = new Map<string, { extract: PseudonymisedExtract; csv: string }>();
    const count = async (query: string) => Number((await sql<{ n: number }>`${sql.raw(query)}`.execute(t.database.db)).rows[0]!.n);
    const identities = async (): Promise<ChildIdentity[]> =>
      (
        await sql<ChildIdentity>`
          select upn, given_name as "givenName", family_name as "familyName", date_of_birth::text as "dateOfBirth", postcode from cme_case
          union all select upn, given_name, family_name, date_of_birth::text, null from sen_child
          union all select upn, given_name, family_name, date_of_birth::text, null from participation_person
          union all select upn, given_name, family_name, date_of_birth::text, null from inclusion_exclusion
          union all select upn, given_name, family_name, date_of_birth::text, null from inclusion_ap_placement
          union all select upn, null, null, date_of_birth::text, null from inclusion_care_child`.execute(t.database.db)
      ).rows;

    before(async () => {
      t = await appWithDemo(target, [2011]);
      await t.services.accounts.ensureDemoUsers();
      // One child known to three teams: a CME case, an EHC request and a suspension, all by UPN.
      const swale = (await t.database.store.places.find('district', 'E07000113'))!;
      await t.database.store.cme.createCase(
        { ...child, sex: 'F', districtId: swale.id, districtBasis: 'postcode' },
        { knownOn: '2012-01-09', source: 'parent', deletionGround: null, reason: 'Moved into the county' },
        'system',
      );
      // And an EHC needs assessment request (the demo's SEN casework starts in 2012/13, after the year built here).
      const senChild = await t.database.store.sen.addChild({
        given_name: child.givenName,
        family_name: child.familyName,
        date_of_birth: child.dateOfBirth,
        upn: child.upn,
        place_id: swale.id,
        school_urn: null,
      });
      await t.database.store.sen.addRequest({ child_id: senChild, received_on: '2012-03-01', requested_by: 'parent' });
      const school = (await t.database.store.places.members(swale.id, 'school'))[0]!.code;
      await t.services.inclusion.exclusions.record(who, everywhere, {
        upn: child.upn,
        givenName: child.givenName,
        familyName: child.familyName,
        dateOfBirth: child.dateOfBirth,
        schoolUrn: school,
        kind: 'suspension',
        reasonCode: 'PD',
        decisionDate: '2012-02-06',
        startDate: '2012-02-07',
        sessions: 4,
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
      for (const team of ['cme', 'sen', 'participation', 'inclusion']) {
        const extract = await t.services.casework.extracts.take(who, 'command-line', team);
        taken.set(team, { extract, csv: extractCsv(extract.columns, extract.rows) });
      }
    });
    after(async () => t.close());

    it('gives one row per case, each team', async () => {
      const cases = {
        cme: await count('select count(*)::int as n from cme_case'),
        sen: await count('select count(*)::int as n from sen_request'),
        participation: await count('select count(*)::int as n from participation_person where anonymised_on is null'),
        inclusion: await count(
          'select ((select count(*) from inclusion_exclusion) + (select count(*) from inclusion_ap_placement) + (select count(*) from inclusion_care_child))::int as n',
        ),
      };
      for (const [team, n] of Object.entries(cases)) {
        assert.ok(n > 0, `${team} holds cases in the demo`);
        assert.equal(rowsOf(taken.get(team)!.csv).length, n, team);
      }
    });

    it('gives the same child the same pseudonym in three teams’ extracts, and in a second extract', async () => {
      const key = (await sql<{ key: Buffer }>`select key from pseudonym_key`.execute(t.database.db)).rows[0]!.key;
      const expected = createHmac('sha256', key).update(`upn:${child.upn}`).digest('hex').slice(0, 16);
      const cme = rowsOf(taken.get('cme')!.csv).filter((r) => r.pseudonym === expected);
      const inclusion = rowsOf(taken.get('inclusion')!.csv).filter((r) => r.pseudonym === expected);
      const sen = rowsOf(taken.get('sen')!.csv).filter((r) => r.pseudonym === expected);
      assert.deepEqual(
        sen.map((r) => [r.birth_month, r.district, r.received_on, r.requested_by]),
        [['2001-05', 'E07000113', '2012-03-01', 'parent']],
      );
      assert.deepEqual(
        cme.map((r) => [r.birth_month, r.district, r.first_known_on]),
        [['2001-05', 'E07000113', '2012-01-09']],
      );
      assert.deepEqual(
        inclusion.map((r) => [r.birth_month, r.record, r.kind, r.decision_date]),
        [['2001-05', 'exclusion', 'suspension', '2012-02-06']],
      );
      const again = await t.services.casework.extracts.take(who, 'command-line', 'cme');
      assert.equal(extractCsv(again.columns, again.rows), taken.get('cme')!.csv);
      // The key is in no file.
      for (const { csv } of taken.values()) assert.ok(!csv.includes(key.toString('hex')) && !csv.includes(key.toString('base64')));
    });

    it('holds no name, date of birth, postcode or UPN anywhere in any file', async () => {
      const held = await identities();
      const upns = new Set(held.flatMap((c) => (c.upn === null ? [] : [c.upn])));
      const postcodes = new Set(held.flatMap((c) => (c.postcode ? [c.postcode.toUpperCase(), c.postcode.toUpperCase().replace(/\s/g, '')] : [])));
      assert.ok(upns.has(child.upn) && postcodes.has('ME104DD'));
      // The identities behind each pseudonym: a row is checked against the child it is about.
      const byPseudonym = new Map<string, ChildIdentity[]>();
      const key = new Uint8Array((await sql<{ key: Buffer }>`select key from pseudonym_key`.execute(t.database.db)).rows[0]!.key);
      for (const c of held) {
        const p = pseudonymOf(key, c);
        if (p !== null) byPseudonym.set(p, [...(byPseudonym.get(p) ?? []), c]);
      }
      for (const [team, { csv }] of taken) {
        const header = csv.slice(1, csv.indexOf('\r\n'));
        assert.doesNotMatch(header, /name|dob|date_of_birth|postcode|upn|uln|ccis|child\b/i, `${team}: ${header}`);
        // No UPN or postcode held anywhere in the county appears anywhere in the file.
        const cells = new Set(csv.replace(/^\uFEFF/, '').split(/[,\r\n]+/));
        for (const cell of cells) assert.ok(!upns.has(cell) && !postcodes.has(cell.toUpperCase()), `${team}: ${cell}`);
        for (const upn of [child.upn]) assert.ok(!csv.includes(upn), `${team} holds the test UPN`);
        for (const row of rowsOf(csv)) {
          for (const c of byPseudonym.get(row.pseudonym!) ?? []) {
            const dobForms = c.dateOfBirth === null ? [] : [c.dateOfBirth, c.dateOfBirth.split('-').reverse().join('/')];
            const names = [c.givenName, c.familyName].flatMap((n) => (n === null ? [] : [n.toUpperCase()]));
            for (const [column, value] of Object.entries(row)) {
              assert.ok(!dobForms.some((d) => value.includes(d)), `${team} ${column} holds a date of birth`);
              assert.ok(!names.includes(value.toUpperCase()), `${team} ${column} holds a name`);
            }
          }
        }
      }
    });

    it('audits each extract taken (who, team, rows), never the key', async () => {
      const { rows } = await sql<{ actor: string; subject: string; detail: { team: string; rows: number } }>`
        select actor, subject, detail from audit_event where action = 'casework.take-extract' order by id`.execute(t.database.db);
      assert.deepEqual(
        rows.slice(0, 4).map((r) => [r.actor, r.subject, r.detail.team, r.detail.rows]),
        ['cme', 'sen', 'participation', 'inclusion'].map((team) => ['system', `extract:${team}`, team, taken.get(team)!.extract.rows.length]),
      );
      const key = (await sql<{ key: Buffer }>`select key from pseudonym_key`.execute(t.database.db)).rows[0]!.key.toString('hex');
      assert.equal(await count(`select count(*)::int as n from audit_event where detail::text like '%${key}%'`), 0);
    });

    it('gives a team’s extract on the casework page to a reader whose reach is that team LA-wide, and a 404 to one whose reach is a district', async () => {
      const inclusion = clientOf(t.app);
      assert.equal((await inclusion.signIn('demo-inclusion', 'waymark-demo-county')).statusCode, 303);
      const hub = await inclusion.request({ method: 'GET', url: '/casework' });
      assert.match(hub.body, /href="\/casework\/extracts\/inclusion"/);
      assert.doesNotMatch(hub.body, /href="\/casework\/extracts\/cme"/);
      const file = await inclusion.request({ method: 'GET', url: '/casework/extracts/inclusion' });
      assert.equal(file.statusCode, 200);
      assert.match(String(file.headers['content-type']), /text\/csv/);
      assert.ok(file.body.startsWith('\uFEFFpseudonym,birth_month,record,'));
      assert.equal((await inclusion.request({ method: 'GET', url: '/casework/extracts/cme' })).statusCode, 404);
      const swaleCme = clientOf(t.app);
      await swaleCme.signIn('demo-cme', 'waymark-demo-county');
      assert.equal((await swaleCme.request({ method: 'GET', url: '/casework/extracts/cme' })).statusCode, 404);
      const refused = await count(`select count(*)::int as n from audit_event where action = 'casework.extract-refused' and subject = 'extract:cme'`);
      assert.equal(refused, 2);
      const admin = clientOf(t.app);
      await admin.signIn('demo-admin', 'waymark-demo-county');
      assert.equal((await admin.request({ method: 'GET', url: '/casework/extracts/sen' })).statusCode, 200);
      const officer = clientOf(t.app);
      await officer.signIn('demo-officer', 'waymark-demo-county');
      assert.equal((await officer.request({ method: 'GET', url: '/casework/extracts/sen' })).statusCode, 403);
    });
  });
}
