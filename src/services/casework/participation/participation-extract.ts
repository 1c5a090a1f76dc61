import type { CaseScope } from '../../../domain/access/reach.ts';
import type { NccisActivity, NccisPerson } from '../../../domain/casework/nccis-codes.ts';
import { academicStartYearOf } from '../../../domain/periods/period.ts';
import type { FileIssue } from '../../../domain/errors.ts';
import type { Store } from '../../../store/store.ts';
import type { AuditContext, AuditWho } from '../../audit/audit-service.ts';
import { countyPlaces, remakeParticipationFigures } from './participation-figures.ts';

/** An extract as imports/nccis/nccis-csv.ts screened it (every line checked): its rows, or the issues found. */
export type ScreenedExtractFile = Readonly<{
  file: string;
  hash: string;
  rowCount: number;
  people: readonly NccisPerson[];
  activities: readonly NccisActivity[];
  issues: readonly FileIssue[];
}>;

/** An extract's rows for export: the young people (district by code) and their activities, in CCIS id order. */
export type ExtractRows = Readonly<{
  people: Omit<ScreenedExtractFile['people'][number], 'line'>[];
  activities: Omit<ScreenedExtractFile['activities'][number], 'line'>[];
}>;

export type ExtractImport =
  | Readonly<{ ok: true; batchId: number; people: { inserted: number; updated: number }; activities: { inserted: number; updated: number } }>
  | Readonly<{ ok: false; issues: readonly FileIssue[] }>;

/**
 * Load an LA's CCIS extract (imports/nccis/nccis-csv.ts): every line checked before anything is written, a district
 * the register does not hold refused with its line and column; then young people and activities added or updated by
 * their CCIS id in one transaction, the figures of the academic years the activities touch remade, and the load audited.
 * Loading the same extract again writes nothing new.
 */
const withoutLine = <T extends { line: number }>(row: T): Omit<T, 'line'> => {
  const { line, ...rest } = row;
  void line;
  return rest;
};

export function createParticipationExtract(store: Store, audit: AuditContext) {
  return {
    async importExtract(who: AuditWho, screened: ScreenedExtractFile): Promise<ExtractImport> {
      const file = screened.file;
      if (screened.issues.length > 0) return { ok: false, issues: screened.issues };
      return store.transaction(async (tx) => {
        const { districts } = await countyPlaces(tx);
        const issues = [...screened.issues];
        for (const p of screened.people)
          if (!districts.has(p.districtCode))
            issues.push({ file, line: p.line, column: 'DistrictCode', message: `no district ${p.districtCode} in the register` });
        if (issues.length > 0) return { ok: false, issues: issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
        const batchId = await tx.register.openBatch({ fileName: file, fileHash: screened.hash, format: 'nccis-extract', rowCount: screened.rowCount });
        const people = await tx.participation.upsertPeople(
          screened.people.map((p) => ({ ...withoutLine(p), districtPlaceId: districts.get(p.districtCode)! })),
          batchId,
        );
        const activities = await tx.participation.upsertActivities(
          screened.activities.map((a) => ({ ...withoutLine(a), recordedBy: null })),
          batchId,
        );
        const years = [...new Set(screened.activities.map((a) => academicStartYearOf(a.startDate)))].sort();
        const figures =
          people.inserted + people.updated + activities.inserted + activities.updated > 0 ? await remakeParticipationFigures(tx, years, batchId) : 0;
        const unchanged = screened.activities.length - activities.inserted - activities.updated;
        await tx.register.closeBatch(batchId, {
          inserted: people.inserted + activities.inserted,
          updated: people.updated + activities.updated,
          closed: 0,
          unchanged,
          skipped: 0,
          notes: [
            `${people.inserted} young people added, ${people.updated} changed; ${activities.inserted} activities added, ${activities.updated} changed; ${figures} figures remade`,
          ],
        });
        await audit.trail.record(tx, who, {
          action: 'participation.import',
          subject: `batch:${batchId}`,
          detail: { peopleAdded: people.inserted, peopleChanged: people.updated, activitiesAdded: activities.inserted, activitiesChanged: activities.updated },
        });
        return { ok: true as const, batchId, people, activities };
      });
    },

    /** Every young person in scope with their activities, in the layout an extract is read in; audited. */
    async exportExtract(scope: CaseScope, who: AuditWho): Promise<ExtractRows> {
      return store.transaction(async (tx) => {
        const { districtCodes } = await countyPlaces(tx);
        const held = await tx.participation.extract();
        const people = held.people.filter((p) => scope.kind === 'everywhere' || scope.placeIds.has(p.districtPlaceId));
        const ids = new Set(people.map((p) => p.ccisId));
        const rows = {
          people: people.map((p) => ({
            ccisId: p.ccisId,
            givenName: p.givenName,
            familyName: p.familyName,
            dateOfBirth: p.dateOfBirth,
            upn: p.upn,
            uln: p.uln,
            districtCode: districtCodes.get(p.districtPlaceId)!,
            lastSchoolUrn: p.lastSchoolUrn,
            ehcPlan: p.ehcPlan,
            fsm: p.fsm,
            inCare: p.inCare,
            leftOn: p.leftOn,
          })),
          activities: held.activities
            .filter((a) => ids.has(a.ccisId))
            .map((a) => ({ ccisId: a.ccisId, code: a.code, startDate: a.startDate, confirmedOn: a.confirmedOn, source: a.source })),
        };
        await audit.trail.record(tx, who, { action: 'participation.export', subject: 'participation-extract', detail: { people: people.length } });
        return rows;
      });
    },
  };
}
