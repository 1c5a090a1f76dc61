import type { CaseScope } from '../../../domain/access/reach.ts';
import { academicStartYearOf } from '../../../domain/casework/participation-status.ts';
import type { FileIssue } from '../../../domain/errors.ts';
import { readCsvBytes } from '../../../imports/csv-table.ts';
import { screenNccisExtract, writeNccisExtract } from '../../../imports/nccis/nccis-csv.ts';
import type { Store } from '../../../store/store.ts';
import type { AuditContext, AuditWho } from '../../audit-service.ts';
import { countyPlaces, remakeParticipationFigures } from './participation-figures.ts';

export type ExtractImport =
  | Readonly<{ ok: true; batchId: number; people: { inserted: number; updated: number }; activities: { inserted: number; updated: number } }>
  | Readonly<{ ok: false; issues: readonly FileIssue[] }>;

/**
 * Load an LA's CCIS extract (imports/nccis/nccis-csv.ts): every line checked before anything is written, a district
 * the register does not hold refused with its line and column; then young people and activities added or updated by
 * their CCIS id in one transaction, the figures of the academic years the activities touch remade, and the load audited.
 * Loading the same extract again writes nothing new.
 */
export function createParticipationExtract(store: Store, audit: AuditContext) {
  return {
    async importExtract(who: AuditWho, file: string, bytes: Uint8Array): Promise<ExtractImport> {
      const read = readCsvBytes(file, bytes, 'utf-8');
      if (!read.ok) return { ok: false, issues: read.issues };
      const screened = screenNccisExtract(read.table);
      return store.transaction(async (tx) => {
        const { districts } = await countyPlaces(tx);
        const issues = [...screened.issues];
        for (const p of screened.people)
          if (!districts.has(p.districtCode))
            issues.push({ file, line: p.line, column: 'DistrictCode', message: `no district ${p.districtCode} in the register` });
        if (issues.length > 0) return { ok: false, issues: issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
        const batchId = await tx.register.openBatch({ fileName: file, fileHash: read.table.hash, format: 'nccis-extract', rowCount: read.table.rows.length });
        const people = await tx.participation.upsertPeople(
          screened.people.map(({ line: _, districtCode, ...p }) => ({ ...p, districtPlaceId: districts.get(districtCode)! })),
          batchId,
        );
        const activities = await tx.participation.upsertActivities(
          screened.activities.map(({ line: _, ...a }) => ({ ...a, recordedBy: null })),
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
    async exportExtract(scope: CaseScope, who: AuditWho): Promise<string> {
      return store.transaction(async (tx) => {
        const { districtCodes } = await countyPlaces(tx);
        const held = await tx.participation.extract();
        const people = held.people.filter((p) => scope.kind === 'everywhere' || scope.placeIds.has(p.districtPlaceId));
        const ids = new Set(people.map((p) => p.ccisId));
        const text = writeNccisExtract(
          people.map(({ id: _, districtPlaceId, anonymisedOn: __, ...p }) => ({ ...p, districtCode: districtCodes.get(districtPlaceId)! })),
          held.activities.filter((a) => ids.has(a.ccisId)),
        );
        await audit.trail.record(tx, who, { action: 'participation.export', subject: 'participation-extract', detail: { people: people.length } });
        return text;
      });
    },
  };
}
