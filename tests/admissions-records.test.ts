import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { readApplicationFile } from '../src/imports/admissions/application-file.ts';
import { readArrangementFile } from '../src/imports/admissions/arrangement-file.ts';
import { extractCsv } from '../src/imports/casework-extract/extract-csv.ts';
import type { Services } from '../src/services/create-services.ts';
import { readShared, servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { addHandBuiltRegister, applicationHeader, applicationsCsv, arrangementsCsv, bytes, swale, thanet } from './fixtures/hand-built-round.ts';

// Admissions applications as personal data (issue 16 with 15.7): a subject access request finds them, retention
// anonymises a round from 1 September of the year after entry (IRMS: admissions records kept to the date of
// admission + 1 year) and keeps its offers and figures, and a pseudonymised extract gives one row per application.
// Then a DfE applications-and-offers import after allocation keeps the round's own figures.
// The round is tests/admissions.test.ts's hand-built 2014 secondary round of LA 886 (three schools on one east-west
// line, six children in Swale and Thanet), whose offers were counted by hand there: R001 Alpha (1st), R002 Gamma (2nd),
// R003 Alpha (1st), R004 Gamma (2nd), R005 Beta (2nd), R006 Gamma (1st). R001 named Beta Grammar second and was not
// assessed suitable, so its explanation there is "not eligible".

const applications2014 = applicationsCsv;
// The next year's round (entry September 2015): two children, kept until 1 September 2016.
const applications2015 = `${applicationHeader}
S001,B123456789012,Gus,Gale,2004-01-10,ME10 1AA,600500,160000,Y,2014-10-01,,,,,100001,N,N,N,N,,,,,,,,,,
S002,,Hal,Hart,2004-02-11,CT9 1AA,620500,160000,Y,2014-10-02,,,,,100003,N,N,N,N,,,,,,,,,,
`;

const dfeFile = 'admissions-offers/appsandoffers_2014-15_to_2021-22_by_la.csv';

/** The CSV's rows as objects (the extract's cells hold codes: no commas or quotes). */
function rowsOf(csv: string): Record<string, string>[] {
  const [head, ...lines] = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  const columns = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i]!, v])));
}

for (const target of databaseTargets()) {
  describe(`admissions in subject access, retention, extracts and DfE imports (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    let now = new Date('2013-10-20T10:00:00Z');
    const rounds = new Map<number, number>();
    const who = { actor: 'cli:officer', requestId: null };

    /** The computed 2014/15 figures at LA 886 and its two districts, each as indicator, place, breakdown, numerator/denominator and value. */
    const roundFigures = async (basis: 'computed' | 'published' = 'computed') =>
      (
        await database.db
          .selectFrom('observation as o')
          .innerJoin('place as p', 'p.id', 'o.place_id')
          .select(['o.indicator_code', 'p.code', 'o.breakdown', 'o.numerator', 'o.denominator', 'o.value'])
          .where('o.period', '=', '201415')
          .where('o.basis', '=', basis)
          .where('p.code', 'in', ['886', swale, thanet])
          .where('o.indicator_code', 'in', ['applications-online', 'first-preference-offers', 'second-preference-offers', 'first-or-second-preference-offers'])
          .orderBy('o.indicator_code')
          .orderBy('p.code')
          .orderBy('o.breakdown')
          .execute()
      ).map((r) => `${r.indicator_code} ${r.code} ${r.breakdown} ${Number(r.numerator)}/${Number(r.denominator)} ${Number(r.value).toFixed(4)}`);
    const offersOf = async (entryYear: number) =>
      (await database.store.admissions.offers(rounds.get(entryYear)!)).map((o) => [o.applicationId, o.kind, o.urn, o.preferenceRank, o.explanation]);
    const profilesOf = async (entryYear: number) =>
      (
        await sql<{
          urn: string;
          profile: unknown;
        }>`select urn, profile from admission_profile where round_id = ${rounds.get(entryYear)!} order by urn`.execute(database.db)
      ).rows;

    async function addRound(entryYear: number, csv: string) {
      const roundId = await services.admissions.addRound({ laCode: '886', phase: 'secondary', entryYear, preferencesAllowed: 4 }, who);
      rounds.set(entryYear, roundId);
      const arrangements = readArrangementFile(`arrangements-${entryYear}.csv`, bytes(arrangementsCsv));
      assert.ok(!('issues' in arrangements));
      assert.ok(
        !('issues' in (await services.admissions.importArrangements(roundId, `arrangements-${entryYear}.csv`, arrangements.rows, arrangements.hash, who))),
      );
      const read = readApplicationFile(`applications-${entryYear}.csv`, bytes(csv));
      assert.ok(!('issues' in read));
      const written = await services.admissions.importApplications(roundId, `applications-${entryYear}.csv`, read.rows, read.hash, who);
      assert.ok(!('issues' in written), JSON.stringify(written));
      await services.admissions.runRound(roundId, who);
    }

    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, () => now);
      await services.catalogue.sync();
      await addHandBuiltRegister(database);
      await addRound(2014, applications2014);
      now = new Date('2014-11-20T10:00:00Z');
      await addRound(2015, applications2015);
    });
    after(async () => database.drop());

    it('allocates the 2014 round as counted by hand in tests/admissions.test.ts', async () => {
      assert.deepEqual(
        (await offersOf(2014)).map(([ref, , urn, rank]) => [ref, urn, rank]),
        [
          ['R001', '100001', 1],
          ['R002', '100003', 2],
          ['R003', '100001', 1],
          ['R004', '100003', 2],
          ['R005', '100002', 2],
          ['R006', '100003', 1],
        ],
      );
    });

    it('finds the child’s application for a subject access request, by UPN and by name and date of birth, with its explanation', async () => {
      const byUpn = await services.casework.subjectAccess({ upn: 'A123456789012', givenName: '', familyName: '', dateOfBirth: '' });
      const section = byUpn.sections.find((s) => s.team === 'Admissions')!;
      assert.equal(section.records.length, 1);
      const record = section.records[0]!;
      assert.equal(record.fields.Reference, 'R001');
      assert.equal(record.fields['Given name'], 'Ada');
      assert.equal(record.fields['Date of birth'], '2003-01-10');
      assert.equal(record.fields['Home postcode'], 'ME10 1AA');
      assert.equal(record.fields.Round, 'Year 7 (secondary), entry September 2014');
      assert.match(String(record.fields['Preference 2']), /^school URN 100002; sibling: no/);
      assert.deepEqual(
        record.history.map((h) => h.on),
        ['2013-10-01', '2014-03-03'],
      );
      // Offer day 2014-03-03 (the Code's national offer day, as tests/admissions.test.ts reads it); the offer and why each preference went as it did.
      const offer = record.history[1]!.what;
      assert.match(offer, /school URN 100001 \(preference 1\)/);
      assert.match(offer, /Preference 2 \(URN 100002\): Not eligible: a grammar school admits only children assessed suitable/);
      assert.match(offer, /Preference 3 \(URN 100003\): Not offered: a higher preference/);
      // The explanations name schools and positions, never a child.
      for (const name of ['Ada', 'Able', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay']) assert.doesNotMatch(offer, new RegExp(`\\b${name}\\b`));

      const byName = await services.casework.subjectAccess({ upn: null, givenName: ' ben ', familyName: 'BAKER', dateOfBirth: '2003-02-11' });
      assert.deepEqual(
        byName.sections.find((s) => s.team === 'Admissions')!.records.map((r) => r.fields.Reference),
        ['R002'],
      );
      const nobody = await services.casework.subjectAccess({ upn: null, givenName: 'Ben', familyName: 'Baker', dateOfBirth: '2003-02-12' });
      assert.equal(nobody.records, 0);
    });

    it('gives an extract of admissions with one row per application and no name, date of birth, postcode or UPN', async () => {
      const extract = await services.casework.extracts.take(who, 'command-line', 'admissions');
      const csv = extractCsv(extract.columns, extract.rows);
      const rows = rowsOf(csv);
      assert.equal(rows.length, 8); // 6 applications in 2014, 2 in 2015
      const header = csv.slice(1, csv.indexOf('\r\n'));
      assert.doesNotMatch(header, /name|dob|date_of_birth|postcode|upn|child\b/i);
      // A name as a whole word ('Able' is inside the column assessed_suitable); every other value anywhere.
      for (const name of ['Ada', 'Able', 'Ben', 'Baker', 'Cat', 'Cole', 'Dan', 'Dale', 'Eve', 'Eden', 'Fay', 'Ford', 'Gus', 'Gale', 'Hal', 'Hart'])
        assert.doesNotMatch(csv, new RegExp(`\\b${name}\\b`, 'i'), name);
      for (const held of ['2003-01-10', '10/01/2003', 'ME10 1AA', 'ME101AA', 'CT9 1AA', 'CT91AA', 'A123456789012', 'B123456789012'])
        assert.ok(!csv.toUpperCase().includes(held.toUpperCase()), held);
      // R001's row: its pseudonym is HMAC-SHA-256 of 'upn:' + its UPN under the LA's key (ADR 0018), worked here apart from the code.
      const key = (await sql<{ key: Buffer }>`select key from pseudonym_key`.execute(database.db)).rows[0]!.key;
      const r001 = rows.find((r) => r.pseudonym === createHmac('sha256', key).update('upn:A123456789012').digest('hex').slice(0, 16))!;
      assert.deepEqual(
        [
          r001.birth_month,
          r001.phase,
          r001.entry_year,
          r001.home_district,
          r001.preferences,
          r001.offer_kind,
          r001.offered_preference,
          r001.offered_school_urn,
        ],
        ['2003-01', 'secondary', '2014', swale, '3', 'preference', '1', '100001'],
      );
      // From the postcode's point (600100, 160000) to Alpha (600000, 160000): 100 m in a straight line.
      assert.equal(r001.distance_to_offer_metres, '100');
      assert.deepEqual([r001.preference_1_urn, r001.preference_2_urn, r001.preference_3_urn], ['100001', '100002', '100003']);
    });

    it('keeps the round’s figures when the DfE applications-and-offers file is imported after it was allocated, with the published ones beside them', async () => {
      const before = await roundFigures();
      // As counted in tests/admissions.test.ts: 4 of 6 online at 886, 3 of 6 first preferences, 6 of 6 first or second.
      assert.ok(before.includes(`applications-online 886 phase:secondary 4/6 ${((100 * 4) / 6).toFixed(4)}`), before.join('\n'));
      assert.ok(before.includes(`first-or-second-preference-offers 886 phase:secondary 6/6 ${(100).toFixed(4)}`), before.join('\n'));
      now = new Date('2026-01-01T00:00:00Z');
      const report = await services.imports.importFiles(await readShared([dfeFile]));
      assert.ok(
        report.files[0]!.notes.some((n) => /admissions figures of the allocated rounds remade for entry in 2014/.test(n)),
        report.files[0]!.notes.join('; '),
      );
      assert.deepEqual(await roundFigures(), before);
      // The DfE's own 2014/15 counts for Kent are held as published figures, by phase (the store keeps both bases).
      const published = await roundFigures('published');
      assert.ok(
        published.some((f) => f.startsWith('first-preference-offers 886 phase:secondary ')),
        published.join('\n'),
      );
      assert.ok(
        published.some((f) => f.startsWith('first-preference-offers 886 phase:primary ')),
        published.join('\n'),
      );
    });

    it('shows the round’s own counts by home district and beside the DfE’s published figures for Kent’s 2014/15 Year 7 entry', async () => {
      const round = (await services.admissions.rounds()).find((r) => r.entryYear === 2014)!;
      assert.equal(round.applications, 6);
      const summary = await services.admissions.round(round.id);
      // By home district, from the offers above: Swale R001-R003 (first preferences R001 and R003; online R001 and
      // R002), Thanet R004-R006 (first preference R006; online R004 and R005).
      assert.deepEqual(
        summary.byDistrict.map((d) => [d.name, d.counts.applications, d.counts.firstPreference, d.counts.online]),
        [
          ['Swale', 3, 2, 2],
          ['Thanet', 3, 1, 2],
        ],
      );
      // The DfE file's Kent row for 201415 Secondary: applications_received 15667, first_preference_offers 13093
      // (83.57056233%), online_applications 14310 (91.33848216%); the round's own: 3 of 6 and 4 of 6.
      const first = summary.published.find((p) => p.indicatorCode === 'first-preference-offers')!;
      assert.deepEqual(first.own, { numerator: 3, denominator: 6 });
      assert.deepEqual([first.published.numerator, first.published.denominator, first.published.value], [13093, 15667, 83.57056233]);
      const online = summary.published.find((p) => p.indicatorCode === 'applications-online')!;
      assert.deepEqual([online.own.numerator, online.published.numerator], [4, 14310]);
      assert.deepEqual(summary.responses, { accepted: 0, declined: 0, awaiting: 6 });
    });

    it('anonymises the 2014 round on 1 September 2015 and not the 2015 round, keeping offers, profiles and figures', async () => {
      const offers2014 = await offersOf(2014);
      const profiles2014 = await profilesOf(2014);
      const figures = await roundFigures();
      // 31 August 2015 is within the year after admission: nothing is due.
      const early = await services.casework.runRetention('2015-08-31');
      assert.equal(early.find((o) => o.team === 'Admissions')!.anonymised, 0);
      const outcomes = await services.casework.runRetention('2015-09-01');
      const admissions = outcomes.find((o) => o.team === 'Admissions')!;
      assert.equal(admissions.anonymised, 6);
      assert.match(admissions.rule, /IRMS/);
      const held = async (entryYear: number) =>
        (
          await sql<{
            reference: string;
            given_name: string;
            date_of_birth: string | null;
            birth_year: number | null;
            upn: string | null;
            home_postcode: string | null;
            home_easting: number | null;
            home_place_id: number | null;
            anonymised_on: string | null;
          }>`
            select reference, given_name, date_of_birth, birth_year, upn, home_postcode, home_easting, home_place_id, anonymised_on
            from admission_application where round_id = ${rounds.get(entryYear)!} order by reference`.execute(database.db)
        ).rows;
      for (const a of await held(2014)) {
        assert.deepEqual(
          [a.given_name, a.date_of_birth, a.birth_year, a.upn, a.home_postcode, a.home_easting, a.anonymised_on],
          ['anonymised', null, 2003, null, null, null, '2015-09-01'],
          a.reference,
        );
        assert.notEqual(a.home_place_id, null);
      }
      for (const a of await held(2015)) assert.equal(a.anonymised_on, null, a.reference);
      assert.deepEqual(await offersOf(2014), offers2014);
      assert.deepEqual(await profilesOf(2014), profiles2014);
      assert.deepEqual(await roundFigures(), figures);
      // The child is no longer found; the next year's child still is; the anonymised round cannot be allocated again.
      assert.equal((await services.casework.subjectAccess({ upn: 'A123456789012', givenName: '', familyName: '', dateOfBirth: '' })).records, 0);
      assert.equal((await services.casework.subjectAccess({ upn: 'B123456789012', givenName: '', familyName: '', dateOfBirth: '' })).records, 1);
      await assert.rejects(services.admissions.runRound(rounds.get(2014)!, who), /anonymised/);
      // An extract still has every application; the anonymised ones carry no pseudonym and no month of birth.
      const rows = (await services.casework.extracts.take(who, 'command-line', 'admissions')).rows;
      assert.equal(rows.length, 8);
      assert.equal(rows.filter((r) => r.pseudonym === null && r.birth_month === null).length, 6);
      // Run again on the same day: nothing more.
      assert.equal((await services.casework.runRetention('2015-09-01')).find((o) => o.team === 'Admissions')!.anonymised, 0);
    });
  });
}
