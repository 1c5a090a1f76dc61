import { censusExclusionsBySchool } from '../../../compute/pupil-rows.ts';
import { scopeHolds as inScope, type CaseScope } from '../../../domain/access/reach.ts';
import type { AuditWho } from '../../../domain/audit/audit-chain.ts';
import { checkExclusion, permanentExclusionCounts, type FieldError } from '../../../domain/casework/exclusion-rules.ts';
import { BadRequestError, NotFoundError } from '../../../domain/errors.ts';
import { academicYearOf } from '../../../domain/periods/period.ts';
import type { Indicator } from '../../../domain/indicators/indicator.ts';
import type { ExclusionInput, ExclusionRow, ReviewInput } from '../../../store/inclusion-store.ts';
import type { Store } from '../../../store/store.ts';
import type { AuditContext } from '../../audit/audit-service.ts';
import type { PupilFile } from '../../pupils/pupil-service.ts';
import { remakeInclusionFigures } from './inclusion-figures.ts';

/** A case outside scope is refused as one that does not exist (a 404 that names nothing), after the refusal is audited. */
const notFound = (): never => {
  throw new NotFoundError('no such exclusion');
};

/** The place ids a scope reaches, as the store filters by them (null: everywhere). */
export const placesOf = (scope: CaseScope): readonly number[] | null => (scope.kind === 'everywhere' ? null : [...scope.placeIds]);

/** An exclusion as a caseworker enters it or a file gives it: the school by URN, before it is placed. */
export type NewExclusion = Omit<ExclusionInput, 'schoolPlaceId' | 'period' | 'recordedBy'>;

/** A refusal that names the fields to correct (a form shows them by the field, an import by line and column). */
export class ExclusionRefusedError extends BadRequestError {
  override name = 'ExclusionRefusedError';
  readonly errors: readonly FieldError[];
  constructor(errors: readonly FieldError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.errors = errors;
  }
}

/** One school's count in the casework and in the census of the same year, where they differ or not. */
export type ReconciledSchool = Readonly<{
  urn: string;
  name: string | null;
  casework: number;
  census: number;
  caseworkSuspensions: number;
  censusSuspensions: number;
}>;

export function createExclusionService(
  store: Store,
  audit: AuditContext,
  pupilFiles: () => Promise<readonly PupilFile[]>,
  catalogue: () => readonly Indicator[],
) {
  /** Remake the figures of the year a change touched, in the change's transaction, as a batch of its own. */
  const remake = async (tx: Store, period: string) => {
    const batchId = await tx.register.openBatch({
      fileName: `inclusion casework ${period}`,
      fileHash: `inclusion:${period}`,
      format: 'casework-figures:inclusion',
      rowCount: 0,
    });
    const written = await remakeInclusionFigures(tx, [period], batchId, catalogue);
    await tx.register.closeBatch(batchId, { inserted: written, updated: 0, closed: 0, unchanged: 0, skipped: 0, notes: [`figures remade for ${period}`] });
  };

  /** Check an exclusion against the rules and its school against the reader's scope; returns what the store writes. */
  const prepare = async (tx: Store, scope: CaseScope, who: AuditWho, e: NewExclusion, sessionsInFile = 0): Promise<ExclusionInput> => {
    const school = await tx.places.find('school', e.schoolUrn);
    if (school === undefined || !inScope(scope, school.id))
      throw new ExclusionRefusedError([{ field: 'schoolUrn', message: 'Enter the URN of a school in your area' }]);
    const period = academicYearOf(e.decisionDate);
    const other = e.upn === null || e.kind !== 'suspension' ? 0 : sessionsInFile + (await tx.inclusion.suspensionSessions(e.upn, period, null));
    const errors = checkExclusion(e, other);
    if (e.upn === null || !/^[A-Z0-9-]{6,40}$/.test(e.upn)) errors.unshift({ field: 'upn', message: 'Enter the pupil’s UPN' });
    if (errors.length > 0) throw new ExclusionRefusedError(errors);
    return { ...e, schoolPlaceId: school.id, period, recordedBy: who.actor };
  };

  /** The exclusion, or null once a refused read is audited (the caller ends the transaction, keeping the entry, then refuses). */
  const refusedOrFound = async (tx: Store, who: AuditWho, scope: CaseScope, id: number): Promise<ExclusionRow | null> => {
    const exclusion = await tx.inclusion.exclusion(id);
    if (exclusion !== undefined && inScope(scope, exclusion.schoolPlaceId)) return exclusion;
    await audit.trail.record(tx, who, { action: 'inclusion.read-refused', subject: `exclusion:${id}` });
    return null;
  };

  return {
    /** Exclusions in the reader's scope, newest decision first (one audit entry per view). */
    async list(
      who: AuditWho,
      scope: CaseScope,
      filter: Readonly<{ period?: string; kind?: 'permanent' | 'suspension' }>,
      action: 'inclusion.list-exclusions' | 'inclusion.export-exclusions' = 'inclusion.list-exclusions',
    ): Promise<ExclusionRow[]> {
      return store.transaction(async (tx) => {
        const rows = await tx.inclusion.exclusions({ places: placesOf(scope), ...filter });
        await audit.trail.record(tx, who, {
          action,
          subject: 'inclusion:exclusions',
          detail: { period: filter.period ?? null, shown: rows.length },
        });
        return rows;
      });
    },

    /** One exclusion and the pupil's other exclusions in scope (the timeline); outside scope is a 404, audited as refused. */
    async show(who: AuditWho, scope: CaseScope, id: number): Promise<{ exclusion: ExclusionRow; timeline: ExclusionRow[] }> {
      const shown = await store.transaction(async (tx) => {
        const exclusion = await refusedOrFound(tx, who, scope, id);
        if (exclusion === null) return null;
        const timeline = exclusion.upn === null ? [exclusion] : await tx.inclusion.exclusions({ places: placesOf(scope), upn: exclusion.upn });
        await audit.trail.record(tx, who, { action: 'inclusion.read', subject: `exclusion:${id}`, placeId: exclusion.schoolPlaceId });
        return { exclusion, timeline };
      });
      return shown ?? notFound();
    },

    /** The academic years exclusions are held for (no personal data: not audited). */
    periods: (): Promise<string[]> => store.inclusion.exclusionPeriods(),

    /** The problems with an exclusion as entered, before its check answers page (nothing is written). */
    async check(who: AuditWho, scope: CaseScope, e: NewExclusion): Promise<readonly FieldError[]> {
      try {
        await prepare(store, scope, who, e);
        return [];
      } catch (error) {
        if (error instanceof ExclusionRefusedError) return error.errors;
        throw error;
      }
    },

    /** Record one exclusion (after the form's check answers page); its year's figures are remade. */
    async record(who: AuditWho, scope: CaseScope, e: NewExclusion): Promise<number> {
      return store.transaction(async (tx) => {
        const row = await prepare(tx, scope, who, e);
        if ((await tx.inclusion.addExclusions([row], null)) === 0)
          throw new ExclusionRefusedError([
            { field: 'startDate', message: 'This pupil already has this kind of exclusion from this school starting on that date' },
          ]);
        const id = (await tx.inclusion.exclusions({ places: null, upn: row.upn!, limit: 50 })).find(
          (x) => x.startDate === row.startDate && x.kind === row.kind,
        )!.id;
        await audit.trail.record(tx, who, {
          action: 'inclusion.record-exclusion',
          subject: `exclusion:${id}`,
          placeId: row.schoolPlaceId,
          detail: { kind: row.kind },
        });
        await remake(tx, row.period);
        return id;
      });
    },

    /** Record the governors', panel's or reconsideration's outcome of a permanent exclusion, in their statutory order. */
    async review(who: AuditWho, scope: CaseScope, id: number, review: ReviewInput): Promise<void> {
      const done = await store.transaction(async (tx) => {
        const exclusion = await refusedOrFound(tx, who, scope, id);
        if (exclusion === null) return false;
        const errors = checkExclusion({ ...exclusion, ...review }, 0).filter((e) => e.field !== 'reasonCode' && e.field !== 'sessions');
        const dated: [string | null, string | null, string][] = [
          [review.governorsOutcome, review.governorsDate, 'governorsDate'],
          [review.panelOutcome, review.panelDate, 'panelDate'],
          [review.reconsideredOutcome, review.reconsideredDate, 'reconsideredDate'],
        ];
        for (const [outcome, date, field] of dated)
          if (outcome !== null && (date === null || date < exclusion.decisionDate))
            errors.push({ field, message: 'Enter the date of this outcome, on or after the decision' });
        if (errors.length > 0) throw new ExclusionRefusedError(errors);
        await tx.inclusion.setReview(id, review);
        await audit.trail.record(tx, who, {
          action: 'inclusion.review',
          subject: `exclusion:${id}`,
          placeId: exclusion.schoolPlaceId,
          detail: { counts: permanentExclusionCounts({ ...exclusion, ...review }) },
        });
        await remake(tx, exclusion.period);
        return true;
      });
      if (!done) notFound();
    },

    /**
     * Import an existing exclusions list: every row is checked first (rules, school, scope) and the file is refused
     * whole, naming line and field, if any is wrong; a row already held is skipped, so a re-import writes nothing new.
     */
    async importRows(who: AuditWho, scope: CaseScope, file: string, rows: readonly Readonly<{ line: number; exclusion: NewExclusion }>[]) {
      return store.transaction(async (tx) => {
        const prepared: ExclusionInput[] = [];
        const issues: { line: number; field: string; message: string }[] = [];
        const sessionsSoFar = new Map<string, number>();
        for (const { line, exclusion } of rows) {
          try {
            // Suspensions earlier in the file count towards the pupil's 45 days as those already held do.
            const key = `${exclusion.upn}|${academicYearOf(exclusion.decisionDate)}`;
            const row = await prepare(tx, scope, who, exclusion, sessionsSoFar.get(key) ?? 0);
            if (row.kind === 'suspension') sessionsSoFar.set(key, (sessionsSoFar.get(key) ?? 0) + row.sessions!);
            prepared.push(row);
          } catch (error) {
            if (!(error instanceof ExclusionRefusedError)) throw error;
            for (const e of error.errors) issues.push({ line, field: e.field, message: e.message });
          }
        }
        if (issues.length > 0) return { ok: false as const, issues };
        const batchId = await tx.register.openBatch({ fileName: file, fileHash: `exclusions:${file}`, format: 'inclusion-exclusions', rowCount: rows.length });
        const written = await tx.inclusion.addExclusions(prepared, batchId);
        await tx.register.closeBatch(batchId, { inserted: written, updated: 0, closed: 0, unchanged: rows.length - written, skipped: 0, notes: [] });
        await audit.trail.record(tx, who, { action: 'inclusion.import', subject: `batch:${batchId}`, detail: { rows: rows.length, written } });
        for (const period of new Set(prepared.map((p) => p.period))) await remake(tx, period);
        return { ok: true as const, written, unchanged: rows.length - written };
      });
    },

    /**
     * The LA's counted permanent exclusions and recorded suspensions against the census of the same year, school by
     * school (every school either side holds): the census is what the DfE count and target 23's figure read.
     */
    async reconcile(period: string): Promise<{ schools: ReconciledSchool[]; casework: number; census: number } | null> {
      const census = (await pupilFiles()).find((f) => f.collection === 'census' && f.period === period && f.dataVersion === 'final');
      if (census === undefined) return null;
      const fromCensus = await censusExclusionsBySchool(census.path);
      const held = await store.inclusion.exclusions({ places: null, period });
      const bySchool = new Map<string, { name: string | null; casework: number; suspensions: number }>();
      for (const e of held) {
        const cell = bySchool.get(e.schoolUrn) ?? { name: e.schoolName, casework: 0, suspensions: 0 };
        if (permanentExclusionCounts(e)) cell.casework++;
        if (e.kind === 'suspension') cell.suspensions++;
        bySchool.set(e.schoolUrn, cell);
      }
      const urns = [...new Set([...bySchool.keys(), ...fromCensus.keys()])].sort();
      const schools = urns.map((urn) => ({
        urn,
        name: bySchool.get(urn)?.name ?? null,
        casework: bySchool.get(urn)?.casework ?? 0,
        census: fromCensus.get(urn)?.permanent ?? 0,
        caseworkSuspensions: bySchool.get(urn)?.suspensions ?? 0,
        censusSuspensions: fromCensus.get(urn)?.suspensions ?? 0,
      }));
      return { schools, casework: schools.reduce((a, s) => a + s.casework, 0), census: schools.reduce((a, s) => a + s.census, 0) };
    },
  };
}
