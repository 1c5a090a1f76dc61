import type { ApplicationFileRow, ArrangementFileRow } from '../../domain/admissions/admission-files.ts';
import type { Arrangement } from '../../domain/admissions/admissions.ts';
import { arrangementProblems } from '../../domain/admissions/arrangement-rules.ts';
import type { FileIssue } from '../../domain/errors.ts';
import { normalisePostcode } from '../../domain/geography/postcode.ts';
import type { HeldApplication, NewApplication, NewArrangement } from '../../store/admissions-store.ts';
import type { AuditWho } from '../audit/audit-service.ts';
import { openAdmissionsBatch, roundOrNotFound, type AdmissionsContext } from './admissions-context.ts';

export type TransferResult = { issues: FileIssue[] } | { written: number; changed: number; unchanged: number; batchId: number | null };

/** JSON with its keys sorted, so a record read back from jsonb (which reorders keys) compares equal to the one written. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

const arrangementKey = (a: Omit<Arrangement, 'urn' | 'schoolName' | 'laCode' | 'phase' | 'entryYear' | 'distanceMethod'>) =>
  canonical([a.admissionNumber, a.admissionAuthority, a.selective, a.criteria, a.tieBreak, a.location]);

/** The file's column an application's field is read from, for naming a difference from the application held. */
const applicationFields: readonly [string, (a: NewApplication) => unknown][] = [
  ['upn', (a) => a.child.upn],
  ['given_name', (a) => a.child.givenName],
  ['family_name', (a) => a.child.familyName],
  ['date_of_birth', (a) => a.child.dateOfBirth],
  ['home_postcode', (a) => a.homePostcode],
  ['home_easting', (a) => a.home],
  ['online', (a) => a.online],
  ['received_on', (a) => a.receivedOn],
  ['looked_after', (a) => a.lookedAfter],
  ['ehc_plan_urn', (a) => a.ehcPlanSchool],
  ['assessed_suitable', (a) => a.assessedSuitable],
  ['current_school_urn', (a) => a.currentSchool],
  ['pref1_urn', (a) => a.preferences],
];

/**
 * The admissions files written into a round (issue 16): arrangements and the common application file. Every line is
 * checked against the round and the records held before anything is written; on any problem nothing is written and
 * every problem is returned with its file, line and column. A line the store already holds unchanged writes nothing, so
 * importing a file again writes nothing new; an arrangement that differs is a new version, an application that differs
 * is refused (it is changed on the application itself, before the closing date).
 */
export function createAdmissionsTransfer(context: AdmissionsContext) {
  const { store, trail } = context;
  return {
    async importArrangements(roundId: number, file: string, rows: readonly ArrangementFileRow[], fileHash: string, who: AuditWho): Promise<TransferResult> {
      return store.transaction(async (tx) => {
        const round = await roundOrNotFound(tx, roundId);
        const held = new Map((await tx.admissions.currentArrangements(roundId)).map((a) => [a.urn, a]));
        const schools = new Map(
          (
            await tx.places.findMany(
              'school',
              rows.map((r) => r.urn),
            )
          ).map((s) => [s.code, s]),
        );
        const postcodes = await tx.admissions.postcodes(
          [...schools.values()].flatMap((s) => (s.attributes.address.postcode === null ? [] : [normalisePostcode(s.attributes.address.postcode)])),
        );
        const issues: FileIssue[] = [];
        const fresh: NewArrangement[] = [];
        let changed = 0;
        for (const row of rows) {
          const school = schools.get(row.urn);
          if (school === undefined) {
            issues.push({ file, line: row.line, column: 'urn', message: `school ${row.urn} is not held: import the school register first` });
            continue;
          }
          const at = school.attributes.address.postcode === null ? undefined : postcodes.get(normalisePostcode(school.attributes.address.postcode));
          const location = row.location ?? (at?.easting == null || at.northing == null ? null : { easting: at.easting, northing: at.northing });
          const arrangement: Arrangement = {
            ...row,
            location,
            schoolName: school.name,
            laCode: school.attributes.laCode === '' ? round.laCode : school.attributes.laCode,
            phase: round.phase,
            entryYear: round.entryYear,
            distanceMethod: 'straight-line',
          };
          for (const problem of arrangementProblems(arrangement))
            issues.push({
              file,
              line: row.line,
              column: /admission number/i.test(problem) ? 'admission_number' : /seed|tie/i.test(problem) ? 'seed' : 'criteria',
              message: problem,
            });
          const before = held.get(row.urn);
          if (before !== undefined && arrangementKey(before) === arrangementKey(arrangement)) continue;
          if (before !== undefined) changed++;
          fresh.push({
            ...arrangement,
            roundId,
            schoolPlaceId: school.id,
            version: (before?.version ?? 0) + 1,
            recordedAt: context.now(),
            recordedBy: who.actor,
          });
        }
        if (issues.length > 0) return { issues };
        const unchanged = rows.length - fresh.length;
        const batchId = fresh.length === 0 ? null : await openAdmissionsBatch(tx, file, fileHash, 'admissions-arrangements', rows.length);
        await tx.admissions.addArrangements(fresh);
        if (batchId !== null)
          await tx.register.closeBatch(batchId, { inserted: fresh.length - changed, updated: changed, closed: 0, unchanged, skipped: 0, notes: [] });
        await trail.record(tx, who, {
          action: 'admissions.arrangements',
          subject: `admission-round:${roundId}`,
          detail: { written: fresh.length, changed, unchanged, batch: batchId },
        });
        return { written: fresh.length, changed, unchanged, batchId };
      });
    },

    async importApplications(roundId: number, file: string, rows: readonly ApplicationFileRow[], fileHash: string, who: AuditWho): Promise<TransferResult> {
      return store.transaction(async (tx) => {
        const round = await roundOrNotFound(tx, roundId);
        const held = new Map((await tx.admissions.applications(roundId)).map((a) => [a.id, a]));
        const postcodes = await tx.admissions.postcodes(rows.flatMap((r) => (r.homePostcode === null ? [] : [normalisePostcode(r.homePostcode)])));
        const districts = await tx.places.idsByCode('district');
        const today = context.today();
        const issues: FileIssue[] = [];
        const fresh: NewApplication[] = [];
        for (const row of rows) {
          const issue = (column: string, message: string) => issues.push({ file, line: row.line, column, message });
          const beyond = row.preferences.find((p) => p.rank > round.preferencesAllowed);
          if (beyond !== undefined) issue(`pref${beyond.rank}_urn`, `this round allows ${round.preferencesAllowed} preferences`);
          if (row.receivedOn > today) issue('received_on', 'a date in the future');
          if (row.receivedOn >= round.offerDay)
            issue('received_on', `on or after offer day (${round.offerDay}): not an application for this round's allocation`);
          if (row.dateOfBirth >= row.receivedOn) issue('date_of_birth', 'on or after the date the application was received');
          const at = row.homePostcode === null ? undefined : postcodes.get(normalisePostcode(row.homePostcode));
          const {
            reference,
            upn,
            givenName,
            familyName,
            dateOfBirth,
            homePostcode,
            online,
            receivedOn,
            lookedAfter,
            ehcPlanSchool,
            assessedSuitable,
            currentSchool,
            preferences,
          } = row;
          const application: NewApplication = {
            ...{ homePostcode, online, receivedOn, lookedAfter, ehcPlanSchool, assessedSuitable, currentSchool, preferences },
            id: reference,
            child: { givenName, familyName, dateOfBirth, upn },
            home: row.home ?? (at?.easting == null || at.northing == null ? null : { easting: at.easting, northing: at.northing }),
            homeDistrictCode: at?.districtCode ?? null,
            homePlaceId: at === undefined ? null : (districts.get(at.districtCode) ?? null),
          };
          const before = held.get(reference);
          if (before === undefined) fresh.push(application);
          else {
            const differs = differenceOf(before, application);
            if (differs !== null)
              issue(differs, `application ${reference} is held with a different ${differs}: change it on the application (before the closing date)`);
          }
        }
        if (issues.length > 0) return { issues };
        const unchanged = rows.length - fresh.length;
        const batchId = fresh.length === 0 ? null : await openAdmissionsBatch(tx, file, fileHash, 'admissions-applications', rows.length);
        await tx.admissions.insertApplications(roundId, fresh, batchId);
        if (batchId !== null) await tx.register.closeBatch(batchId, { inserted: fresh.length, updated: 0, closed: 0, unchanged, skipped: 0, notes: [] });
        const late = fresh.filter((a) => a.receivedOn > round.closingDate).length;
        await trail.record(tx, who, {
          action: 'admissions.import',
          subject: `admission-round:${roundId}`,
          detail: { written: fresh.length, late, unchanged, batch: batchId },
        });
        return { written: fresh.length, changed: 0, unchanged, batchId };
      });
    },

    /** A round's offers for the offer letters, in reference order, with the school's name. Audited as one read. */
    async exportOffers(roundId: number, who: AuditWho) {
      return store.transaction(async (tx) => {
        await roundOrNotFound(tx, roundId);
        const [applications, offers, arrangements] = await Promise.all([
          tx.admissions.applications(roundId),
          tx.admissions.offers(roundId),
          tx.admissions.currentArrangements(roundId),
        ]);
        const offerOf = new Map(offers.map((o) => [o.applicationId, o]));
        const nameOf = new Map(arrangements.map((a) => [a.urn, a.schoolName]));
        await trail.record(tx, who, { action: 'admissions.export', subject: `admission-round:${roundId}`, detail: { rows: applications.length } });
        return applications.map((a) => {
          const o = offerOf.get(a.id);
          return {
            reference: a.id,
            givenName: a.child.givenName,
            familyName: a.child.familyName,
            offer: o?.kind ?? null,
            urn: o?.urn ?? null,
            schoolName: o?.urn == null ? null : (nameOf.get(o.urn) ?? null),
            preferenceRank: o?.preferenceRank ?? null,
            distanceMetres: o?.distanceMetres ?? null,
            response: o?.response ?? null,
          };
        });
      });
    },
  };
}

/** The first column whose value differs between an application held and the same reference in a file, or null. */
function differenceOf(held: HeldApplication, file: NewApplication): string | null {
  for (const [column, value] of applicationFields) if (canonical(value(held)) !== canonical(value(file))) return column;
  return null;
}
