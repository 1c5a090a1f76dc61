import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { CaseScope } from '../src/domain/access/reach.ts';
import { permanentExclusionCounts } from '../src/domain/casework/exclusion-rules.ts';
import { read903Files } from '../src/imports/ssda903/ssda903-csv.ts';
import { type TestApp } from './support/app.ts';
import { appWithDemo } from './support/demo-template.ts';
import { databaseTargets } from './support/databases.ts';
import { clientOf } from './support/sign-in.ts';

// An SSDA903 return (tests/fixtures/ssda903/, the DfE CSV layout; a made-up return whose UPN-OF-EXCLUDED-PUPIL is
// replaced with the UPN of a demo pupil permanently excluded in 2011/12) loaded into the demo county's 2011/12
// casework through the one service call the page and `waymark ssda903 import` share.
// Child T903-01 is looked after from 4 January 2010 without a break (care order C2, a change of placement on
// 1 September 2011): in the 12-month cohort at 31 March 2012. T903-02 arrives on 3 October 2011: not in it.

const who = { actor: 'system', requestId: null };
const everywhere: CaseScope = { kind: 'everywhere' };
const fixture = (name: string) => readFile(new URL(`./fixtures/ssda903/${name}`, import.meta.url), 'utf8');

for (const target of databaseTargets()) {
  describe(`SSDA903 import (${target.name})`, () => {
    let t: TestApp;
    let header = '';
    let episodes = '';
    let excluded: { upn: string; schoolUrn: string };
    const read = () => {
      const r = read903Files({ file: 'header.csv', bytes: Buffer.from(header) }, { file: 'episodes.csv', bytes: Buffer.from(episodes) });
      assert.ok(r.ok, JSON.stringify(r));
      return r;
    };
    const target22 = async () => {
      const { rows } = await sql<{ numerator: number; denominator: number }>`
        select o.numerator::float8 as numerator, o.denominator::float8 as denominator from observation o join place p on p.id = o.place_id
         where o.indicator_code = 'cla-permanent-exclusions' and p.kind = 'la' and p.code = '886' and o.period = '201112' and o.breakdown = 'all'`.execute(
        t.database.db,
      );
      return rows[0];
    };
    const counts = async () => {
      const { rows } = await sql<{ batches: number; episodes: number; observations: number; childAudits: number }>`
        select (select count(*) from import_batch)::int as batches, (select count(*) from inclusion_care_episode)::int as episodes,
               (select count(*) from observation)::int as observations,
               (select count(*) from audit_event where subject like 'care-child:T903-%')::int as "childAudits"`.execute(t.database.db);
      return rows[0]!;
    };

    before(async () => {
      t = await appWithDemo(target, [2011]);
      await t.services.accounts.ensureDemoUsers();
      const counted = (await t.services.inclusion.exclusions.list(who, everywhere, { period: '201112', kind: 'permanent' })).find(
        (e) => e.upn !== null && permanentExclusionCounts(e),
      )!;
      excluded = { upn: counted.upn!, schoolUrn: counted.schoolUrn };
      header = (await fixture('header.csv')).replace('UPN-OF-EXCLUDED-PUPIL', excluded.upn);
      episodes = await fixture('episodes.csv');
    });
    after(async () => t.close());

    it('loads the return: the child appears with their placements and school, and target 22’s figure is remade', async () => {
      const before = (await target22())!;
      const result = await t.services.inclusion.children.importChildren(who, everywhere, 'episodes.csv', read());
      assert.ok(result.ok);
      assert.deepEqual([result.added, result.replaced, result.unchanged], [2, 0, 0]);
      // One more child in the cohort at 31 March 2012 (T903-01; T903-02 has under 12 months), and that child's UPN has a
      // counted permanent exclusion in 2011/12: numerator and denominator each one more than the demo's own.
      assert.deepEqual(await target22(), { numerator: before.numerator + 1, denominator: before.denominator + 1 });
      const shown = await t.services.inclusion.children.show(who, everywhere, 'T903-01');
      assert.deepEqual(
        shown.child.episodes.map((e) => [e.start, e.end, e.legalStatus, e.placement, e.placementUrn]),
        [
          ['2010-01-04', '2011-09-01', 'C2', 'U1', 'SC012345'],
          ['2011-09-01', null, 'C2', 'U4', 'SC054321'],
        ],
      );
      // The school: the census record matched by UPN names the school the pupil was excluded from.
      const census = shown.records.find((r) => r.collection === 'census');
      assert.equal(census?.record.urn, excluded.schoolUrn);
      assert.ok(shown.exclusions.some((e) => e.upn === excluded.upn && e.kind === 'permanent' && permanentExclusionCounts(e)));
      // Each child written is audited.
      const { rows } = await sql<{ subject: string; action: string }>`
        select subject, action from audit_event where subject like 'care-child:T903-%' and action like 'inclusion.add-%' order by subject`.execute(
        t.database.db,
      );
      assert.deepEqual(
        rows.map((r) => [r.subject, r.action]),
        [
          ['care-child:T903-01', 'inclusion.add-child-in-care'],
          ['care-child:T903-02', 'inclusion.add-child-in-care'],
        ],
      );
    });

    it('writes nothing new when the same return is loaded again, from the page as from the service', async () => {
      const was = await counts();
      const again = await t.services.inclusion.children.importChildren(who, everywhere, 'episodes.csv', read());
      assert.deepEqual(again, { ok: true, batchId: null, added: 0, replaced: 0, unchanged: 2, figures: 0 });
      const officer = clientOf(t.app);
      assert.equal((await officer.signIn('demo-inclusion', 'waymark-demo-county')).statusCode, 303);
      const page = await officer.submit('/inclusion/children/import', '/inclusion/children/import', { header, episodes });
      assert.equal(page.statusCode, 200, page.body.slice(0, 500));
      assert.match(page.body, /0 children in care added, 0 changed; 2 were already held as they are\./);
      assert.deepEqual(await counts(), was);
    });

    it('replaces a changed child’s history, and only theirs', async () => {
      const changed = episodes.replace('T903-02,03/10/2011,S,V2,N2,U3,PR2,,', 'T903-02,03/10/2011,S,V2,N2,U3,PR2,20/12/2011,E11');
      const r = read903Files({ file: 'header.csv', bytes: Buffer.from(header) }, { file: 'episodes.csv', bytes: Buffer.from(changed) });
      assert.ok(r.ok, JSON.stringify(r));
      const result = await t.services.inclusion.children.importChildren(who, everywhere, 'episodes.csv', r);
      assert.ok(result.ok);
      assert.deepEqual([result.added, result.replaced, result.unchanged], [0, 1, 1]);
      const [child] = (await t.database.store.inclusion.careChildren({ places: null, child: 'T903-02' })).map((c) => c.episodes);
      assert.deepEqual(
        child!.map((e) => [e.end, e.reasonEpisodeCeased]),
        [['2011-12-20', 'E11']],
      );
    });

    it('refuses a malformed return naming file, line and column, and a reader whose scope is not the whole LA; nothing is written', async () => {
      const was = await counts();
      const officer = clientOf(t.app);
      await officer.signIn('demo-inclusion', 'waymark-demo-county');
      const broken =
        'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' +
        'T903-01,31/02/2010,S,C2,N1,U1,PR1,,,,,,\n' +
        'T903-02,03/10/2011,S,ZZ,N2,U3,PR2,,,,,,\n';
      const refused = await officer.submit('/inclusion/children/import', '/inclusion/children/import', { header, episodes: broken });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /govuk-error-summary/);
      assert.match(refused.body, /episodes\.csv, line 2, column DECOM: DECOM must be a real date/);
      assert.match(refused.body, /episodes\.csv, line 3, column LS: LS must be one of/);
      assert.match(refused.body, /nothing was recorded/);
      const swale = (await t.database.store.places.find('district', 'E07000113'))!;
      const swaleScope: CaseScope = { kind: 'places', placeIds: new Set(await t.database.store.access.placesUnder([swale.id], '2012-02-06')) };
      const outOfScope = await t.services.inclusion.children.importChildren(who, swaleScope, 'episodes.csv', read());
      assert.ok(!outOfScope.ok);
      assert.match(outOfScope.issues[0]!.message, /whole LA \(Kent\)/);
      assert.deepEqual(await counts(), was);
    });
  });
}
