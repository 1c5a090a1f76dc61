import { readPupilRows } from '../../../compute/pupil-rows.ts';
import { scopeHolds, type CaseScope } from '../../../domain/access/reach.ts';
import type { AuditWho } from '../../../domain/audit/audit-chain.ts';
import { cohortDateOf, continuouslyLookedAfter } from '../../../domain/casework/children-in-care-rules.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import type { Indicator } from '../../../domain/indicators/indicator.ts';
import { academicYearSpan } from '../../../domain/periods/period.ts';
import type { AnyPupilRecord, Collection } from '../../../domain/pupils/pupil-record.ts';
import type { CareChildInput, CareEpisodeInput, CareChildRow, ExclusionRow } from '../../../store/inclusion-store.ts';
import type { Store } from '../../../store/store.ts';
import type { AuditContext } from '../../audit/audit-service.ts';
import type { PupilFile } from '../../pupils/pupil-service.ts';
import { placesOf } from './exclusion-service.ts';
import { remakeInclusionFigures } from './inclusion-figures.ts';

export type CareChildListed = CareChildRow & Readonly<{ inCohort: boolean; current: CareEpisodeInput | null }>;

/** A pupil record of the child's, by year and collection (census: attendance and exclusions; ks2, ks4: results). */
export type PupilRecordShown = Readonly<{ collection: Collection; period: string; record: AnyPupilRecord }>;

/**
 * The Virtual School's view of children in care: the SSDA903 children looked after in a year, whether they are in the
 * 12-month cohort at 31 March, and one child's placements with the education the pupil records hold on them (matched
 * by UPN): attendance, exclusions and results.
 */
export function createCareService(store: Store, audit: AuditContext, pupilFiles: () => Promise<readonly PupilFile[]>, catalogue: () => readonly Indicator[]) {
  return {
    /** Children looked after at any time in the academic year, in scope (one audit entry per view). */
    async list(who: AuditWho, scope: CaseScope, period: string): Promise<CareChildListed[]> {
      const { from, to } = academicYearSpan(period);
      return store.transaction(async (tx) => {
        const rows = (await tx.inclusion.careChildren({ places: placesOf(scope) }))
          .filter((c) => c.episodes.some((e) => e.start <= to && (e.end === null || e.end >= from)))
          .map((c) => ({
            ...c,
            inCohort: continuouslyLookedAfter(c.episodes, cohortDateOf(period)),
            current: c.episodes.filter((e) => e.start <= to).at(-1) ?? null,
          }));
        await audit.trail.record(tx, who, {
          action: 'inclusion.list-children-in-care',
          subject: 'inclusion:children-in-care',
          detail: { period, shown: rows.length },
        });
        return rows;
      });
    },

    /** One child: episodes, the pupil records matched by UPN, and the exclusions recorded against the UPN. */
    async show(who: AuditWho, scope: CaseScope, child: string): Promise<{ child: CareChildRow; records: PupilRecordShown[]; exclusions: ExclusionRow[] }> {
      const found = await store.transaction(async (tx) => {
        const row = (await tx.inclusion.careChildren({ places: null, child }))[0];
        if (row === undefined || !scopeHolds(scope, row.placeId)) {
          await audit.trail.record(tx, who, { action: 'inclusion.read-refused', subject: `care-child:${child}` });
          return null;
        }
        await audit.trail.record(tx, who, { action: 'inclusion.read', subject: `care-child:${child}`, placeId: row.placeId });
        const exclusions = row.upn === null ? [] : await tx.inclusion.exclusions({ places: null, upn: row.upn });
        return { child: row, exclusions };
      });
      if (found === null) throw new NotFoundError('no such child in care');
      const records: PupilRecordShown[] = [];
      if (found.child.upn !== null)
        for (const file of await pupilFiles()) {
          if (file.dataVersion !== 'final' || !['census', 'ks2', 'ks4'].includes(file.collection)) continue;
          for (const record of await readPupilRows(file.path, file.collection, { pupilIds: [found.child.upn] }))
            records.push({ collection: file.collection, period: file.period, record });
        }
      return { ...found, records };
    },

    /**
     * Keep an SSDA903 file's children (header) and episodes, replacing each child's history: the import layer has
     * checked every line. The figures of the years the episodes touch are remade.
     */
    async importChildren(
      who: AuditWho,
      file: string,
      children: readonly Omit<CareChildInput, 'placeId'>[],
      episodes: readonly CareEpisodeInput[],
      laCode: string,
    ) {
      return store.transaction(async (tx) => {
        const la = await tx.places.find('la', laCode);
        if (la === undefined) throw new NotFoundError(`no LA ${laCode}`);
        const batchId = await tx.register.openBatch({
          fileName: file,
          fileHash: `ssda903:${file}`,
          format: 'ssda903',
          rowCount: children.length + episodes.length,
        });
        const written = await tx.inclusion.putCareChildren(
          children.map((c) => ({ ...c, placeId: la.id })),
          episodes,
          batchId,
        );
        await tx.register.closeBatch(batchId, { inserted: written, updated: 0, closed: 0, unchanged: 0, skipped: 0, notes: [`${episodes.length} episodes`] });
        await audit.trail.record(tx, who, {
          action: 'inclusion.import-903',
          subject: `batch:${batchId}`,
          placeId: la.id,
          detail: { children: written, episodes: episodes.length },
        });
        const years = new Set<string>();
        for (const e of episodes)
          for (let y = Number(e.start.slice(0, 4)) - 1; y <= Number((e.end ?? e.start).slice(0, 4)); y++)
            years.add(`${y}${String((y + 1) % 100).padStart(2, '0')}`);
        // A year's count needs that year's exclusions: years the LA holds no exclusions for get no figure.
        const held = await tx.inclusion.exclusionPeriods();
        const periods = [...years].filter((p) => held.includes(p)).sort();
        await remakeInclusionFigures(tx, periods, batchId, catalogue);
        return { children: written, episodes: episodes.length };
      });
    },
  };
}
