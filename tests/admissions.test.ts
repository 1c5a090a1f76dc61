import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Principal } from '../src/domain/access/decide-access.ts';
import { readApplicationFile } from '../src/imports/admissions/application-file.ts';
import { readArrangementFile } from '../src/imports/admissions/arrangement-file.ts';
import type { Services } from '../src/services/create-services.ts';
import { servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, tableCounts, type TestDatabase } from './support/databases.ts';
import { waymarkBin } from './support/processes.ts';
import { addHandBuiltRegister, applicationsCsv, arrangementsCsv, bytes, swale, thanet } from './fixtures/hand-built-round.ts';

// A hand-built coordinated secondary round (issue 16; domain.md §13), from its files to its offers and figures. Three
// schools of LA 886 (Alpha, admission number 2: looked-after, sibling, then distance; Beta Grammar, 1, selective: looked
// after, then distance; Gamma, 3: looked-after, then distance), all on one east-west line at northing 160000, and six
// children, three in Swale and three in Thanet. The offers, counted by hand with applicant-proposing deferred
// acceptance (School Admissions Code 2014 paras 1.9, 2.9-2.11: equal preference):
//   Alpha's order: R003 (sibling), R001 (100 m), R002 (500 m), R005 (15 km) → holds R003, R001; R002 and R005 go on.
//   Beta's order (assessed suitable only): R005 (5 km), R004 (10.1 km) → holds R005; R004 goes on. R001 is not eligible.
//   Gamma's order: R004 (100 m), R006 (500 m), R003, R002, R001 → holds R004, R006, R002 (3 places).
// So R001 Alpha (1st), R002 Gamma (2nd), R003 Alpha (1st), R004 Gamma (2nd), R005 Beta (2nd), R006 Gamma (1st).

for (const target of databaseTargets()) {
  describe(`coordinated admissions round on ${target.name}`, () => {
    let database: TestDatabase;
    let services: Services;
    let now = new Date('2013-10-20T10:00:00Z');
    let roundId: number;
    const ids = new Map<string, number>();
    const placeIds = new Map<string, number>();
    const who = { actor: 'cli:officer', requestId: null };
    const principal = (userId: number, role: Principal['grants'][number]['role'], placeId: number): Principal => ({
      userId,
      username: `user${userId}`,
      displayName: `user ${userId}`,
      grants: [{ role, placeId, validFrom: null, validTo: null }],
    });
    const reader = (p: Principal) => ({ principal: p, who: { actor: `user:${p.userId}`, requestId: null } });
    const auditCount = async (action: string) =>
      (await sql<{ n: number }>`select count(*)::int as n from audit_event where action = ${action}`.execute(database.db)).rows[0]!.n;
    const count = async (table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db)).rows[0]!.n;

    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, () => now);
      await services.catalogue.sync();
      for (const [code, id] of await addHandBuiltRegister(database)) placeIds.set(code, id);
    });
    after(async () => database.drop());

    it('adds the round with the Code’s dates (closing 31 October 2013, offers Monday 3 March 2014)', async () => {
      roundId = await services.admissions.addRound({ laCode: '886', phase: 'secondary', entryYear: 2014, preferencesAllowed: 4 }, who);
      const { round } = await services.admissions.round(roundId);
      assert.equal(round.closingDate, '2013-10-31');
      assert.equal(round.offerDay, '2014-03-03');
    });

    it('refuses a file with a bad line, naming the file, line and column, and writes nothing', async () => {
      const before = { ...(await tableCounts(database.db)), applications: await count('admission_application'), audit: await count('audit_event') };
      // Line 3 (R002) says "X" for online: the reader refuses it.
      const bad = applicationsCsv.replace('R002,,Ben,Baker,2003-02-11,ME10 1AA,600500,160000,Y', 'R002,,Ben,Baker,2003-02-11,ME10 1AA,600500,160000,X');
      const read = readApplicationFile('bad.csv', bytes(bad));
      assert.ok('issues' in read);
      assert.deepEqual(
        read.issues.map((i) => [i.file, i.line, i.column]),
        [['bad.csv', 3, 'online']],
      );
      // A line the reader accepts but the round refuses (a school named at a fifth preference is not possible here;
      // a date received after offer day is): refused by the service, naming line and column, nothing written.
      const late = readApplicationFile(
        'late.csv',
        bytes(
          applicationsCsv.replace(
            'R006,,Fay,Ford,2003-06-15,CT9 1AA,620500,160000,N,2013-10-06',
            'R006,,Fay,Ford,2003-06-15,CT9 1AA,620500,160000,N,2014-03-04',
          ),
        ),
      );
      assert.ok(!('issues' in late));
      now = new Date('2014-03-05T10:00:00Z');
      const refused = await services.admissions.importApplications(roundId, 'late.csv', late.rows, late.hash, who);
      now = new Date('2013-10-20T10:00:00Z');
      assert.ok('issues' in refused);
      assert.deepEqual(
        refused.issues.map((i) => [i.line, i.column]),
        [[7, 'received_on']],
      );
      assert.deepEqual({ ...(await tableCounts(database.db)), applications: await count('admission_application'), audit: await count('audit_event') }, before);
    });

    it('loads the arrangements and the applications, placing homes and districts from the postcode table; loading again writes nothing new', async () => {
      const arrangements = readArrangementFile('arrangements.csv', bytes(arrangementsCsv));
      assert.ok(!('issues' in arrangements));
      const loaded = await services.admissions.importArrangements(roundId, 'arrangements.csv', arrangements.rows, arrangements.hash, who);
      assert.ok(!('issues' in loaded));
      assert.equal(loaded.written, 3);
      const read = readApplicationFile('applications.csv', bytes(applicationsCsv));
      assert.ok(!('issues' in read));
      const result = await services.admissions.importApplications(roundId, 'applications.csv', read.rows, read.hash, who);
      assert.ok(!('issues' in result));
      assert.equal(result.written, 6);
      const held = await database.store.admissions.applications(roundId);
      for (const a of held) ids.set(a.id, a.rowId);
      const r001 = held.find((a) => a.id === 'R001')!;
      assert.deepEqual(r001.home, { easting: 600100, northing: 160000 });
      assert.equal(r001.homePlaceId, placeIds.get(swale));
      assert.equal(held.find((a) => a.id === 'R004')!.homeDistrictCode, thanet);

      const counts = {
        batches: await count('import_batch'),
        applications: await count('admission_application'),
        preferences: await count('admission_preference'),
      };
      const again = await services.admissions.importApplications(roundId, 'applications.csv', read.rows, read.hash, who);
      assert.deepEqual(again, { written: 0, changed: 0, unchanged: 6, batchId: null });
      const arrangementsAgain = await services.admissions.importArrangements(roundId, 'arrangements.csv', arrangements.rows, arrangements.hash, who);
      assert.deepEqual(arrangementsAgain, { written: 0, changed: 0, unchanged: 3, batchId: null });
      assert.deepEqual(
        { batches: await count('import_batch'), applications: await count('admission_application'), preferences: await count('admission_preference') },
        counts,
      );
      assert.equal(counts.preferences, 13); // 3 + 2 + 2 + 2 + 2 + 2 preferences named in the file
    });

    it('makes a changed arrangement a new version and keeps the old one', async () => {
      const changed = readArrangementFile('arrangements-2.csv', bytes(arrangementsCsv.replace('100003,3,', '100003,4,')));
      assert.ok(!('issues' in changed));
      const result = await services.admissions.importArrangements(roundId, 'arrangements-2.csv', changed.rows, changed.hash, who);
      assert.ok(!('issues' in result));
      assert.equal(result.changed, 1);
      const gamma = await services.admissions.arrangement(roundId, '100003');
      assert.deepEqual(
        gamma.versions.map((v) => [v.version, v.admissionNumber]),
        [
          [2, 4],
          [1, 3],
        ],
      );
      assert.equal(gamma.versions[0]!.criteriaText, 'looked-after; other');
      // Back to 3 places (a third version), as the worked example counts them.
      const back = readArrangementFile('arrangements.csv', bytes(arrangementsCsv));
      assert.ok(!('issues' in back));
      await services.admissions.importArrangements(roundId, 'arrangements.csv', back.rows, back.hash, who);
      assert.equal((await services.admissions.arrangement(roundId, '100003')).current.admissionNumber, 3);
    });

    it('changes an application before the closing date, audited by field name, and refuses a change after it', async () => {
      await services.admissions.changeApplication(ids.get('R002')!, { assessedSuitable: false }, who);
      const entry = (
        await sql<{ detail: { fields: string[] } }>`select detail from audit_event where action = 'admissions.change' order by id desc limit 1`.execute(
          database.db,
        )
      ).rows[0]!;
      assert.deepEqual(entry.detail.fields, ['assessedSuitable']);
      now = new Date('2014-02-01T10:00:00Z');
      await assert.rejects(services.admissions.changeApplication(ids.get('R002')!, { online: false }, who), /closing date \(2013-10-31\) has passed/);
    });

    it('allocates the round as counted by hand, with each preference explained, and gives the same offers when run again', async () => {
      const result = await services.admissions.runRound(roundId, who);
      assert.equal(result.offers, 6);
      const offers = async () => (await database.store.admissions.offers(roundId)).map((o) => [o.applicationId, o.urn, o.preferenceRank]);
      const expected = [
        ['R001', '100001', 1],
        ['R002', '100003', 2],
        ['R003', '100001', 1],
        ['R004', '100003', 2],
        ['R005', '100002', 2],
        ['R006', '100003', 1],
      ];
      assert.deepEqual(await offers(), expected);
      // R004 was second in Beta Grammar's order, behind R005 who took its one place.
      const r004 = (await database.store.admissions.offers(roundId)).find((o) => o.applicationId === 'R004')!;
      assert.deepEqual(
        r004.explanation.map((e) => [e.urn, e.outcome, e.position, e.lastOffered?.position ?? null]),
        [
          ['100002', 'oversubscribed', 2, 1],
          ['100003', 'offered', 1, 4],
        ],
      );
      await services.admissions.runRound(roundId, who);
      assert.deepEqual(await offers(), expected);
      assert.equal(await auditCount('admissions.allocate'), 2);
      const { counts, split } = await services.admissions.round(roundId);
      assert.equal(counts.firstPreference, 3);
      assert.equal(counts.preferred, 6);
      // Split by the school named first: only R004 named Beta Grammar first (offered Gamma, its 2nd).
      assert.equal(split!.grammar.applications, 1);
      assert.equal(split!.nonSelective.firstPreference, 3);
    });

    it('writes the year’s figures for 2014/15 at the LA and each home district, by phase, and the derived first-or-second', async () => {
      const rows = await database.db
        .selectFrom('observation as o')
        .innerJoin('place as p', 'p.id', 'o.place_id')
        .select(['o.indicator_code', 'p.code', 'o.breakdown', 'o.numerator', 'o.denominator', 'o.value'])
        .where('o.period', '=', '201415')
        .where('o.basis', '=', 'computed')
        .execute();
      const figure = (code: string, place: string, breakdown = 'phase:secondary') => {
        const r = rows.find((x) => x.indicator_code === code && x.code === place && x.breakdown === breakdown);
        return r === undefined ? null : [Number(r.numerator), Number(r.denominator)];
      };
      // Counted by hand from the file and the offers above. Online: R001, R002, R004, R005 (Swale R001, R002; Thanet
      // R004, R005). First preference: R001, R003, R006 (Swale 2, Thanet 1). Second: R002, R004, R005 (Swale 1, Thanet 2).
      assert.deepEqual(figure('applications-online', '886'), [4, 6]);
      assert.deepEqual(figure('first-preference-offers', '886'), [3, 6]);
      assert.deepEqual(figure('second-preference-offers', '886'), [3, 6]);
      assert.deepEqual(figure('applications-online', swale), [2, 3]);
      assert.deepEqual(figure('first-preference-offers', swale), [2, 3]);
      assert.deepEqual(figure('second-preference-offers', thanet), [2, 3]);
      assert.deepEqual(figure('first-or-second-preference-offers', '886'), [6, 6]);
      assert.equal(Number(rows.find((r) => r.indicator_code === 'applications-online' && r.code === '886')!.value), (100 * 4) / 6);
      // Only secondary entry is held: no figure for all applicants (it needs both phases' counts).
      assert.equal(figure('first-preference-offers', '886', 'all'), null);
    });

    it('shows an officer only the applications of their districts, audits each read, and refuses one outside as not found', async () => {
      const officer = principal(901, 'admissions_officer', placeIds.get(swale)!);
      const listed = await services.admissions.applications(roundId, reader(officer));
      assert.deepEqual(
        listed.rows.map((r) => r.reference),
        ['R001', 'R002', 'R003'],
      );
      assert.equal(await auditCount('admissions.list'), 1);
      const one = await services.admissions.application(ids.get('R001')!, reader(officer));
      assert.equal(one.offer?.urn, '100001');
      assert.equal(one.explanation.length, 3);
      assert.equal(await auditCount('admissions.read'), 1);
      await assert.rejects(services.admissions.application(ids.get('R004')!, reader(officer)), { name: 'NotFoundError' });
      assert.equal(await auditCount('admissions.read-refused'), 1);
      assert.equal(await auditCount('admissions.read'), 1);
    });

    it('shows a school only the children who named it and only their outcome there, never the preference they gave it', async () => {
      const beta = principal(902, 'school', placeIds.get('100002')!);
      const applicants = await services.admissions.schoolApplicants(roundId, '100002', reader(beta));
      assert.deepEqual(
        applicants.map((a) => a.reference),
        ['R001', 'R004', 'R005'],
      );
      const r004 = applicants.find((a) => a.reference === 'R004')!;
      assert.equal(r004.atThisSchool.outcome, 'not-offered');
      assert.equal(r004.atThisSchool.position, 2);
      assert.equal(applicants.find((a) => a.reference === 'R005')!.atThisSchool.outcome, 'offered');
      const text = JSON.stringify(applicants);
      assert.ok(!/rank/i.test(text), 'no preference number');
      assert.ok(!text.includes('100001') && !text.includes('100003'), 'no other school');
      assert.equal(await auditCount('admissions.school-list'), 1);
      await assert.rejects(services.admissions.schoolApplicants(roundId, '100001', reader(beta)), { name: 'NotFoundError' });
    });

    it('records a response after offer day and keeps it when the round is run again with the same offer', async () => {
      now = new Date('2014-03-10T10:00:00Z');
      await assert.rejects(services.admissions.recordResponse(ids.get('R001')!, 'accepted', '2014-03-01', who), /before offer day/);
      await services.admissions.recordResponse(ids.get('R001')!, 'accepted', '2014-03-05', who);
      await services.admissions.runRound(roundId, who);
      const offer = (await database.store.admissions.offers(roundId)).find((o) => o.applicationId === 'R001')!;
      assert.deepEqual([offer.response, offer.respondedOn], ['accepted', '2014-03-05']);
      const exported = await services.admissions.exportOffers(roundId, who);
      assert.equal(exported.length, 6);
      assert.equal(exported[0]!.schoolName, 'Alpha School');
      assert.equal(await auditCount('admissions.export'), 1);
    });

    it('runs a primary round from the command line, refusing a bad file with file, line and column, and then makes the figures for all applicants', async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'waymark-admissions-'));
      const waymark = (...args: string[]) =>
        spawnSync(process.execPath, [waymarkBin, 'admissions', ...args], {
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' },
        });
      try {
        const added = waymark('round', 'add', '--la', '886', '--phase', 'primary', '--entry', '2014');
        assert.equal(added.status, 0, added.stderr);
        // Primary: closing 15 January 2014, offers Wednesday 16 April 2014.
        assert.match(added.stdout, /added round (\d+): LA 886 primary entry 2014, closing date 2014-01-15, offer day 2014-04-16/);
        const primary = /added round (\d+)/.exec(added.stdout)![1]!;
        // Selection is by ability at secondary entry (the arrangement rules refuse `selective` for a primary): Beta admits all here.
        writeFileSync(path.join(folder, 'arrangements.csv'), arrangementsCsv.replace('academy-trust,Y,', 'academy-trust,N,'));
        writeFileSync(path.join(folder, 'apps.csv'), applicationsCsv);
        writeFileSync(path.join(folder, 'bad.csv'), applicationsCsv.replace('600500,160000,Y,', '600500,160000,X,'));
        assert.equal(waymark('arrangements', primary, path.join(folder, 'arrangements.csv')).status, 0);
        const bad = waymark('applications', primary, path.join(folder, 'bad.csv'));
        assert.equal(bad.status, 1);
        assert.match(bad.stderr, /Import refused, nothing was written:\n {2}bad\.csv, line 3, column online: "X" is not Y or N/);
        const loaded = waymark('applications', primary, path.join(folder, 'apps.csv'));
        assert.match(loaded.stdout, /6 applications added, 0 already held/);
        const allocated = waymark('allocate', primary);
        assert.equal(allocated.status, 0, allocated.stderr);
        assert.match(allocated.stdout, /6 applications, first preference 3 \(50\.0%\)/);
        const exported = waymark('export', primary, '--out', path.join(folder, 'offers.csv'));
        assert.equal(exported.status, 0, exported.stderr);
        const csv = readFileSync(path.join(folder, 'offers.csv'), 'utf8').split('\r\n');
        assert.equal(csv[0], 'application_ref,given_name,family_name,offer,urn,school_name,preference_rank,distance_metres,response');
        assert.equal(csv[1], 'R001,Ada,Able,preference,100001,Alpha School,1,,');
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
      // Both phases of 2014/15 are now held: the figure for all applicants is the two phases' counts added (the same
      // six children in each round here, so 3 + 3 first preference offers of 6 + 6 applications).
      const all = await database.db
        .selectFrom('observation as o')
        .innerJoin('place as p', 'p.id', 'o.place_id')
        .select(['o.numerator', 'o.denominator'])
        .where('o.indicator_code', '=', 'first-preference-offers')
        .where('p.code', '=', '886')
        .where('o.breakdown', '=', 'all')
        .where('o.period', '=', '201415')
        .executeTakeFirstOrThrow();
      assert.deepEqual([Number(all.numerator), Number(all.denominator)], [6, 12]);
    });
  });
}
