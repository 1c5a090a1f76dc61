import type { Principal } from '../../../domain/access/decide-access.ts';
import type { CaseScope } from '../../../domain/access/reach.ts';
import { cmeClockOn, cmePlacedWithin30Days, type CmeClock } from '../../../domain/casework/cme-clock.ts';
import { checkEnquiry, checkOutcome, checkReferral, type FieldProblem, type ReferralValues } from '../../../domain/casework/cme-referral.ts';
import { cmeAnonymiseOn } from '../../../domain/casework/cme-retention.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import type { Unit } from '../../../domain/indicators/indicator.ts';
import { academicYearCode, academicYearSpan, frameworkYearOf } from '../../../domain/periods/period.ts';
import type { EpisodeFact, HeldCase } from '../../../store/cme-store.ts';
import type { Store } from '../../../store/store.ts';
import type { AuditTrail, AuditWho } from '../../audit/audit-service.ts';
import { requireInScope } from '../case-scope.ts';
import { remakeCmeFigures, yearsFrom } from './cme-figures.ts';

export type CmeContext = Readonly<{
  store: Store;
  trail: AuditTrail;
  today: () => string;
  scopeFor: (principal: Principal | null) => Promise<CaseScope>;
  unitOf: (code: string) => Unit;
  retentionYears: number;
}>;

/** A reader: the signed-in principal and who the audit trail records (their user and request). */
export type CmeReader = Readonly<{ principal: Principal; who: AuditWho }>;

export type TaskRow = Readonly<{
  caseId: number;
  episodeId: number;
  seq: number;
  name: string;
  districtId: number;
  knownOn: string;
  lastEnquiryOn: string | null;
  clock: CmeClock;
}>;

const placeIdsOf = (scope: CaseScope): number[] | null => (scope.kind === 'everywhere' ? null : [...scope.placeIds]);

/** Remake the figures a change to an episode known on `knownOn` can move, with a batch of its own recording why. */
export async function remakeAfterChange(context: CmeContext, tx: Store, knownOn: string, why: string): Promise<void> {
  const today = context.today();
  const batchId = await tx.register.openBatch({
    fileName: `children missing education figures after ${why}`,
    fileHash: 'casework',
    format: 'cme-figures',
    rowCount: 0,
  });
  const written = await remakeCmeFigures(tx, context.unitOf, today, yearsFrom(knownOn, today), batchId);
  await tx.register.closeBatch(batchId, { inserted: written, updated: 0, closed: 0, unchanged: 0, skipped: 0, notes: [why] });
}

/**
 * Children missing education casework (issue 15.1): the task list, the referral, the case timeline, enquiries,
 * outcomes and reopening. Each reader sees the cases of the districts their grants cover; one outside is refused as not
 * found and the refusal audited. Every read and write is audited in the same transaction; every write remakes the
 * figures it moves.
 */
export function createCmeService(context: CmeContext) {
  const { store, trail, today } = context;

  /** The case, if the reader's scope covers it: else the refusal is audited and the case is "not found". */
  const caseInScope = async (tx: Store, reader: CmeReader, id: number): Promise<HeldCase> => {
    const held = await tx.cme.caseById(id);
    const scope = await context.scopeFor(reader.principal);
    try {
      requireInScope(scope, held?.districtId ?? null, 'case');
    } catch (error) {
      // Recorded outside the caller's transaction: the refusal stands though the request fails.
      await store.transaction((own) => trail.record(own, reader.who, { action: 'cme.read-refused', subject: `cme-case:${id}` }));
      throw error;
    }
    return held!;
  };

  const openEpisodeOf = (held: HeldCase) => {
    const episode = held.episodes.at(-1);
    if (episode === undefined || episode.outcome !== null) throw new NotFoundError('no open episode');
    return episode;
  };

  return {
    /** The open cases in the reader's scope, past 30 days first (longest open first), then by days left. */
    async taskList(reader: CmeReader): Promise<{ rows: TaskRow[]; months: MonthTable }> {
      return store.transaction(async (tx) => {
        const scope = await context.scopeFor(reader.principal);
        const episodes = await tx.cme.episodes(placeIdsOf(scope));
        const day = today();
        const rows = episodes
          .filter((e) => e.outcome === null)
          .map((e) => ({
            caseId: e.caseId,
            episodeId: e.episodeId,
            seq: e.seq,
            name: `${e.givenName ?? ''} ${e.familyName ?? ''}`.trim(),
            districtId: e.districtId,
            knownOn: e.knownOn,
            lastEnquiryOn: e.lastEnquiryOn,
            clock: cmeClockOn(e, day),
          }))
          .sort((a, b) => (a.clock.overdue !== b.clock.overdue ? (a.clock.overdue ? -1 : 1) : a.clock.daysLeft - b.clock.daysLeft || a.caseId - b.caseId));
        await trail.record(tx, reader.who, { action: 'cme.list', subject: 'cme-cases', detail: { shown: rows.length } });
        return { rows, months: monthTable(episodes, day) };
      });
    },

    /** Open a case for a new referral, in a district the reader's scope covers. */
    async refer(reader: CmeReader, values: ReferralValues): Promise<{ caseId: number } | { problems: FieldProblem[] }> {
      const checked = checkReferral(values, today());
      if ('problems' in checked) return checked;
      const r = checked.referral;
      return store.transaction(async (tx) => {
        const districtId = await districtOf(tx, r.postcode, r.districtCode);
        if (districtId === null) return { problems: [{ field: 'district', text: 'Choose the district the child lives in: the postcode does not place it' }] };
        const scope = await context.scopeFor(reader.principal);
        if (scope.kind === 'places' && !scope.placeIds.has(districtId.id))
          return {
            problems: [{ field: 'district', text: 'The child lives in a district your role does not cover: refer the child to that district’s officer' }],
          };
        const { caseId } = await tx.cme.createCase(
          { ...r, districtId: districtId.id, districtBasis: districtId.basis },
          { knownOn: r.knownOn, source: r.source, deletionGround: r.deletionGround, reason: r.reason },
          reader.who.actor,
        );
        await trail.record(tx, reader.who, { action: 'cme.create', subject: `cme-case:${caseId}`, placeId: districtId.id, detail: { source: r.source } });
        await remakeAfterChange(context, tx, r.knownOn, `referral cme-case:${caseId}`);
        return { caseId };
      });
    },

    /** One case with its timeline and the clock of its last episode, audited as read. */
    async caseOf(reader: CmeReader, id: number) {
      return store.transaction(async (tx) => {
        const held = await caseInScope(tx, reader, id);
        await trail.record(tx, reader.who, { action: 'cme.read', subject: `cme-case:${id}`, placeId: held.districtId });
        const last = held.episodes.at(-1)!;
        const closedOn = last.outcome === null ? null : last.outcomeOn;
        return {
          held,
          clocks: held.episodes.map((e) => cmeClockOn(e, today())),
          anonymiseOn: closedOn === null ? null : cmeAnonymiseOn(closedOn, context.retentionYears),
        };
      });
    },

    async addEnquiry(reader: CmeReader, id: number, values: Readonly<{ madeOn: string; action: string; result: string }>) {
      return store.transaction(async (tx) => {
        const held = await caseInScope(tx, reader, id);
        const episode = openEpisodeOf(held);
        const checked = checkEnquiry(values, episode.knownOn, today());
        if ('problems' in checked) return checked;
        const enquiryId = await tx.cme.addEnquiry(episode.id, checked.enquiry, reader.who.actor);
        await trail.record(tx, reader.who, { action: 'cme.enquiry', subject: `cme-case:${id}`, placeId: held.districtId, detail: { enquiry: enquiryId } });
        return { done: true as const };
      });
    },

    async recordOutcome(reader: CmeReader, id: number, values: Readonly<{ kind: string; on: string; schoolUrn: string; note: string }>) {
      return store.transaction(async (tx) => {
        const held = await caseInScope(tx, reader, id);
        const episode = openEpisodeOf(held);
        const checked = checkOutcome(values, episode.knownOn, today());
        if ('problems' in checked) return checked;
        if (checked.outcome.schoolUrn !== null && !(await tx.cme.schoolExists(checked.outcome.schoolUrn)))
          return { problems: [{ field: 'school-urn', text: 'There is no school with that URN in the register' }] };
        await tx.cme.close(episode.id, checked.outcome);
        await trail.record(tx, reader.who, {
          action: 'cme.outcome',
          subject: `cme-case:${id}`,
          placeId: held.districtId,
          detail: { outcome: checked.outcome.kind },
        });
        await remakeAfterChange(context, tx, episode.knownOn, `outcome cme-case:${id}`);
        return { done: true as const };
      });
    },

    /** Reopen a closed case: a new episode with its own date known (the child is missing education again). */
    async reopen(reader: CmeReader, id: number, values: Readonly<{ knownOn: string; source: string; deletionGround: string; reason: string }>) {
      return store.transaction(async (tx) => {
        const held = await caseInScope(tx, reader, id);
        const last = held.episodes.at(-1)!;
        if (last.outcome === null || held.anonymisedOn !== null) throw new NotFoundError('no closed case to reopen');
        const checked = checkReferral(
          { givenName: 'x', familyName: 'x', dateOfBirth: held.dateOfBirth!, sex: held.sex, upn: '', postcode: '', districtCode: '', ...values },
          today(),
        );
        if ('problems' in checked) return checked;
        if (checked.referral.knownOn < last.outcomeOn!)
          return { problems: [{ field: 'known-on', text: 'The new date known must be on or after the date the last episode closed' }] };
        await tx.cme.reopen(id, checked.referral, reader.who.actor);
        await trail.record(tx, reader.who, { action: 'cme.reopen', subject: `cme-case:${id}`, placeId: held.districtId });
        await remakeAfterChange(context, tx, checked.referral.knownOn, `reopened cme-case:${id}`);
        return { done: true as const };
      });
    },

    /** The districts a reader may refer a child in (their scope), for the referral form. */
    async districtsFor(reader: CmeReader) {
      const scope = await context.scopeFor(reader.principal);
      return (await store.cme.districtsWithLa()).filter((d) => scope.kind === 'everywhere' || scope.placeIds.has(d.id));
    },
  };

  /** The district a child lives in: by the postcode where the Code-Point file places it, else the one chosen. */
  async function districtOf(tx: Store, postcode: string | null, chosen: string): Promise<{ id: number; basis: 'postcode' | 'chosen' } | null> {
    const districts = await tx.cme.districtsWithLa();
    const byPostcode = postcode === null ? null : await tx.cme.districtOfPostcode(postcode);
    const found = districts.find((d) => d.code === (byPostcode ?? chosen));
    return found === undefined ? null : { id: found.id, basis: byPostcode !== null ? 'postcode' : 'chosen' };
  }
}

/** % placed within 30 days by month known (this academic year) × district, from the same rule as the figures. */
export type MonthTable = Readonly<{
  period: string;
  months: readonly string[];
  districts: readonly Readonly<{ districtId: number; cells: readonly (Readonly<{ value: number | null; within: number; decided: number }> | null)[] }>[];
}>;

function monthTable(episodes: readonly EpisodeFact[], today: string): MonthTable {
  const period = academicYearCode(frameworkYearOf(today) - 1);
  const span = academicYearSpan(period);
  const months: string[] = [];
  for (let m = 0; m < 12; m++) {
    const year = Number(span.from.slice(0, 4)) + (m >= 4 ? 1 : 0);
    const month = `${year}-${String(((m + 8) % 12) + 1).padStart(2, '0')}`;
    if (`${month}-01` <= today) months.push(month);
  }
  const districtIds = [...new Set(episodes.map((e) => e.districtId))].sort((a, b) => a - b);
  return {
    period,
    months,
    districts: districtIds.map((districtId) => ({
      districtId,
      cells: months.map((month) => {
        const rate = cmePlacedWithin30Days(
          episodes.filter((e) => e.districtId === districtId && e.knownOn.startsWith(month)),
          today,
        );
        return rate.within + rate.notWithin + rate.pending + rate.separate === 0
          ? null
          : { value: rate.value, within: rate.within, decided: rate.within + rate.notWithin };
      }),
    })),
  };
}
