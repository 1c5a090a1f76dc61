import { readPupilRows } from '../../../compute/pupil-rows.ts';
import { scopeHolds, type CaseScope } from '../../../domain/access/reach.ts';
import type { AuditWho } from '../../../domain/audit/audit-chain.ts';
import { cohortDateOf, continuouslyLookedAfter, type Ssda903Child } from '../../../domain/casework/children-in-care-rules.ts';
import { NotFoundError, type FileIssue } from '../../../domain/errors.ts';
import type { Indicator } from '../../../domain/indicators/indicator.ts';
import { academicYearSpan } from '../../../domain/periods/period.ts';
import type { AnyPupilRecord, Collection } from '../../../domain/pupils/pupil-record.ts';
import type { CareChildInput, CareEpisodeInput, CareChildRow, ExclusionRow } from '../../../store/inclusion-store.ts';
import type { Store } from '../../../store/store.ts';
import type { AuditContext } from '../../audit/audit-service.ts';
import type { PupilFile } from '../../pupils/pupil-service.ts';
import { placesOf } from './exclusion-service.ts';
import { remakeInclusionFigures } from './inclusion-figures.ts';

/** A child as an SSDA903 header gives them (imports/ssda903 reads it): the LA is the one Waymark serves. */
export type Ssda903ChildIn = Ssda903Child;

export type CareImport =
  | Readonly<{ ok: true; batchId: number | null; added: number; replaced: number; unchanged: number; figures: number }>
  | Readonly<{ ok: false; issues: readonly FileIssue[] }>;

/** The child as held is the child as read: the same header and the same episodes, in date order. */
function sameChild(held: CareChildRow, read: CareChildInput, episodes: readonly CareEpisodeInput[]): boolean {
  const header = (c: CareChildInput) => [c.upn, c.sex, c.dateOfBirth, c.ethnic, c.placeId];
  const ordered = (list: readonly CareEpisodeInput[]) =>
    [...list]
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((e) => [
        e.start,
        e.end,
        e.reasonNewEpisode,
        e.legalStatus,
        e.categoryOfNeed,
        e.placement,
        e.placementProvider,
        e.reasonEpisodeCeased,
        e.reasonPlaceChange,
        e.placementUrn,
      ]);
  return held.anonymisedOn === null && JSON.stringify([header(held), ordered(held.episodes)]) === JSON.stringify([header(read), ordered(episodes)]);
}

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
     * Load an SSDA903 return (the header and episodes files, every line checked by imports/ssda903): the children are
     * the LA's Waymark serves (the one whose districts are held), so only a reader whose scope reaches that LA may load
     * it. A child whose header and episodes are as held is left alone, so loading the same return again writes nothing
     * new; a changed child's history is replaced whole (a 903 file is the whole history of each child in it). Each
     * child written is audited, and target 22's figures are remade for the years held whose 12-month cohort the
     * changed children's episodes touch. The web page and `waymark ssda903 import` both call this.
     */
    async importChildren(
      who: AuditWho,
      scope: CaseScope,
      file: string,
      read: Readonly<{ children: readonly Ssda903ChildIn[]; episodes: readonly CareEpisodeInput[] }>,
    ) {
      return store.transaction(async (tx): Promise<CareImport> => {
        const laCode = (await tx.places.lasWithDistricts())[0];
        const la = laCode === undefined ? undefined : await tx.places.find('la', laCode);
        if (la === undefined || !scopeHolds(scope, la.id)) {
          await audit.trail.record(tx, who, { action: 'inclusion.import-children-in-care-refused', subject: 'inclusion:children-in-care' });
          const message =
            la === undefined
              ? 'the register holds no LA with districts to load children in care for'
              : `only a reader whose role reaches the whole LA (${la.name}) may load its SSDA903 return`;
          return { ok: false, issues: [{ file, line: null, column: null, message }] };
        }
        const held = new Map((await tx.inclusion.careChildren({ places: null })).map((c) => [c.child, c]));
        const episodesOf = new Map<string, CareEpisodeInput[]>();
        for (const e of read.episodes) {
          const list = episodesOf.get(e.child);
          if (list === undefined) episodesOf.set(e.child, [e]);
          else list.push(e);
        }
        const changed = read.children.filter((c) => {
          const before = held.get(c.child);
          return before === undefined || !sameChild(before, { ...c, placeId: la.id }, episodesOf.get(c.child) ?? []);
        });
        const unchanged = read.children.length - changed.length;
        if (changed.length === 0) {
          await audit.trail.record(tx, who, {
            action: 'inclusion.import-children-in-care',
            subject: 'inclusion:children-in-care',
            placeId: la.id,
            detail: { added: 0, replaced: 0, unchanged },
          });
          return { ok: true, batchId: null, added: 0, replaced: 0, unchanged, figures: 0 };
        }
        const batchId = await tx.register.openBatch({
          fileName: file,
          fileHash: `ssda903:${file}`,
          format: 'ssda903',
          rowCount: read.children.length + read.episodes.length,
        });
        const written = changed.flatMap((c) => episodesOf.get(c.child) ?? []);
        await tx.inclusion.putCareChildren(
          changed.map((c) => ({ ...c, placeId: la.id })),
          written,
          batchId,
        );
        const added = changed.filter((c) => !held.has(c.child)).length;
        for (const c of changed)
          await audit.trail.record(tx, who, {
            action: held.has(c.child) ? 'inclusion.replace-child-in-care' : 'inclusion.add-child-in-care',
            subject: `care-child:${c.child}`,
            placeId: la.id,
            detail: { batch: batchId, episodes: episodesOf.get(c.child)?.length ?? 0 },
          });
        // A year's count needs that year's exclusions: years the LA holds no exclusions for get no figure. A year is
        // touched when an episode, old or new, of a changed child falls in the 12 months to its 31 March.
        const touched = [...written, ...changed.flatMap((c) => held.get(c.child)?.episodes ?? [])];
        const periods = (await tx.inclusion.exclusionPeriods()).filter((p) => {
          const at = cohortDateOf(p);
          const from = `${Number(at.slice(0, 4)) - 1}-04-01`;
          return touched.some((e) => e.start <= at && (e.end === null || e.end >= from));
        });
        const figures = periods.length === 0 ? 0 : await remakeInclusionFigures(tx, periods, batchId, catalogue);
        await tx.register.closeBatch(batchId, {
          inserted: added,
          updated: changed.length - added,
          closed: 0,
          unchanged,
          skipped: 0,
          notes: [`${written.length} episodes; ${figures} figures remade for ${periods.join(', ') || 'no year'}`],
        });
        await audit.trail.record(tx, who, {
          action: 'inclusion.import-children-in-care',
          subject: `batch:${batchId}`,
          placeId: la.id,
          detail: { added, replaced: changed.length - added, unchanged, episodes: written.length },
        });
        return { ok: true, batchId, added, replaced: changed.length - added, unchanged, figures };
      });
    },
  };
}
