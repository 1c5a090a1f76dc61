import type { Principal } from '../../domain/access/decide-access.ts';
import { conversionLines } from '../../domain/geography/succession.ts';
import { scopeHolds, type CaseScope } from '../../domain/access/reach.ts';
import type { Action } from '../../domain/access/roles.ts';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { londonDateOf } from '../../domain/periods/london-time.ts';
import {
  leaderProblems,
  partnershipProblems,
  type LeaderInput,
  type LeadershipProblem,
  type PartnershipInput,
  type Partnership,
  type PartnershipKind,
  type SystemLeader,
} from '../../domain/schools/system-leaders.ts';
import type { Log } from '../../log.ts';
import type { HeldLeader } from '../../store/system-leadership-store.ts';
import type { Store } from '../../store/store.ts';
import type { AuditContext } from '../audit/audit-service.ts';
import type { Clock } from '../clock.ts';
import { inComputeBatch } from '../indicators/roll-up-service.ts';
import { recomputeSupportedSchools } from './school-outcomes-service.ts';
import { writeLeader, writePartnership } from './leadership-writes.ts';
import { createLeadershipOverview } from './system-leadership-overview.ts';
import type { createSchoolImprovementService } from './school-improvement-service.ts';

const action: Action = 'record-system-leadership';

/** The compute batch that remakes target 14's figures when a partnership is recorded or ended. */
export const supportedSchoolsFormat = 'compute-supported-schools';

/** A write refused by the checks made under the lock: the transaction is rolled back and the problems returned. */
class Refused extends Error {
  readonly problems: readonly LeadershipProblem[];
  constructor(problems: readonly LeadershipProblem[]) {
    super('refused');
    this.problems = problems;
  }
}

export type LeadershipOutcome = Readonly<{ ok: true; id: number }> | Readonly<{ ok: false; problems: readonly LeadershipProblem[] }>;

/**
 * System leadership (issue 18.7, docs/adr/0025-system-leadership.md): the LA's system leaders and their partnerships
 * as recorded by its officers; the schools needing support (from the school improvement assessment) each matched to
 * the leaders best placed to help; each partnership's impact beside similar schools without support. Recording a
 * partnership remakes target 14's figures in the same transaction, audited.
 */
export function createSystemLeadershipService(
  store: Store,
  clock: Clock,
  log: Log,
  audit: AuditContext,
  catalogue: () => readonly Indicator[],
  schoolImprovement: ReturnType<typeof createSchoolImprovementService>,
  scopeFor: (principal: Principal | null, action: Action) => Promise<CaseScope>,
) {
  const overview = createLeadershipOverview(store, clock, catalogue, schoolImprovement);
  const laOf = async (laCode: string) => {
    const la = await store.places.find('la', laCode);
    if (la === undefined) throw new NotFoundError(`no local authority with code ${laCode}`);
    return la;
  };
  const laReached = async (laCode: string, principal: Principal) => {
    const la = await laOf(laCode);
    if (!scopeHolds(await scopeFor(principal, action), la.id)) throw new ForbiddenError(`Recording system leadership needs a role that reaches ${la.name}`);
    return la;
  };
  const whoOf = (principal: Principal) => ({ actor: `user:${principal.userId}`, requestId: null });

  /**
   * Check and write, then remake target 14's figures, in one transaction recorded as a compute batch with its audit
   * entry. The LA's leaders are locked first, so the check reads what no other write can change before this one
   * commits (two partnerships recorded at once cannot both take a leader's last place); a refusal rolls it all back.
   */
  const withFigures = async (
    principal: Principal,
    laCode: string,
    subject: string,
    write: (tx: Store) => Promise<number | readonly LeadershipProblem[]>,
  ): Promise<LeadershipOutcome> => {
    try {
      const done = await inComputeBatch(
        store,
        log,
        { fileName: `target 14 remade after ${subject}`, format: supportedSchoolsFormat },
        async (tx, batchId) => {
          await tx.leadership.lockLeaders(laCode);
          const id = await write(tx);
          if (typeof id !== 'number') throw new Refused(id);
          return { id, ...(await recomputeSupportedSchools(tx, batchId, catalogue)) };
        },
        (r) => `${r.written} figures of schools with a history of underperformance remade from the partnerships`,
        { context: audit, who: whoOf(principal), action: 'supported-schools.recompute' },
      );
      return { ok: true, id: done.id };
    } catch (error) {
      if (error instanceof Refused) return { ok: false, problems: error.problems };
      throw error;
    }
  };

  return Object.freeze({
    /** Whether this reader may record leaders and partnerships for the LA (to show the forms or not). */
    async mayRecord(laCode: string, principal: Principal | null): Promise<boolean> {
      if (principal === null) return false;
      const la = await store.places.find('la', laCode);
      return la !== undefined && scopeHolds(await scopeFor(principal, action), la.id);
    },

    async leaders(laCode: string): Promise<HeldLeader[]> {
      await laOf(laCode);
      return store.leadership.leaders(laCode);
    },

    ...overview,

    async recordLeader(principal: Principal, laCode: string, input: LeaderInput): Promise<LeadershipOutcome> {
      const la = await laReached(laCode, principal);
      const now = clock();
      const problems = leaderProblems(input, londonDateOf(now));
      if (problems.length === 0 && (await store.places.find('school', input.urn.trim())) === undefined)
        problems.push({ field: 'urn', message: `No school with URN ${input.urn.trim()} is held` });
      if (problems.length > 0) return { ok: false, problems };
      return store.transaction(async (tx) => ({ ok: true as const, id: await writeLeader(tx, audit, principal, laCode, la.id, input, now) }));
    },

    /** Record a partnership, checked against its leader's designation and capacity; target 14's figures are remade with it. */
    async recordPartnership(principal: Principal, laCode: string, input: PartnershipInput): Promise<LeadershipOutcome> {
      const la = await laReached(laCode, principal);
      const now = clock();
      return withFigures(principal, laCode, `a partnership with ${input.urn.trim()}`, async (tx) => {
        const problems = partnershipProblems(
          input,
          (await tx.leadership.leaders(laCode)).find((l) => l.id === input.leaderId),
          await tx.leadership.partnerships(laCode),
          londonDateOf(now),
          conversionLines(await tx.register.allSuccessions()),
        );
        if (problems.length === 0 && (await tx.places.find('school', input.urn.trim())) === undefined)
          problems.push({ field: 'urn', message: `No school with URN ${input.urn.trim()} is held` });
        return problems.length > 0 ? problems : writePartnership(tx, audit, principal, la.id, input, now);
      });
    },

    /**
     * Record many leaders and the partnerships they lead at once (the demo county's, or an LA's first list), each
     * checked as one recorded alone would be, in order, against those before it; all or nothing, target 14's figures
     * remade once. A partnership names its leader by position in `leaders`.
     */
    async recordMany(
      principal: Principal,
      laCode: string,
      leaders: readonly LeaderInput[],
      partnerships: readonly (Omit<PartnershipInput, 'leaderId'> & Readonly<{ leader: number }>)[],
    ): Promise<Readonly<{ ok: true; leaders: number; partnerships: number }> | Readonly<{ ok: false; problems: readonly LeadershipProblem[] }>> {
      const la = await laReached(laCode, principal);
      const now = clock();
      const today = londonDateOf(now);
      const urns = new Set((await store.places.findMany('school', [...new Set([...leaders, ...partnerships].map((x) => x.urn.trim()))])).map((p) => p.code));
      const problems: LeadershipProblem[] = [];
      const unknown = (urn: string) => (urns.has(urn.trim()) ? [] : [{ field: 'urn', message: `No school with URN ${urn.trim()} is held` }]);
      leaders.forEach((l, i) => problems.push(...[...leaderProblems(l, today), ...unknown(l.urn)].map((p) => ({ ...p, field: `leaders[${i}].${p.field}` }))));
      const held = leaders.map((l, id) => ({ ...l, id, endedOn: null }) as SystemLeader);
      const accepted: Partnership[] = [];
      const lineOf = conversionLines(await store.register.allSuccessions());
      partnerships.forEach((p, i) => {
        const found = [...partnershipProblems({ ...p, leaderId: p.leader }, held[p.leader], accepted, today, lineOf), ...unknown(p.urn)];
        problems.push(...found.map((x) => ({ ...x, field: `partnerships[${i}].${x.field}` })));
        if (found.length === 0) accepted.push({ ...p, id: i, leaderId: p.leader, kind: p.kind as PartnershipKind });
      });
      if (problems.length > 0) return { ok: false, problems };
      const done = await withFigures(principal, laCode, `${leaders.length} system leaders and ${partnerships.length} partnerships`, async (tx) => {
        // Checked against the list alone: the LA must hold no leader yet (the first list), read under the lock.
        if ((await tx.leadership.leaders(laCode)).length > 0)
          return [{ field: 'leaders', message: 'The LA already holds system leaders: record each one alone' }];
        const ids: number[] = [];
        for (const l of leaders) ids.push(await writeLeader(tx, audit, principal, laCode, la.id, l, now));
        for (const { leader, ...p } of partnerships) await writePartnership(tx, audit, principal, la.id, { ...p, leaderId: ids[leader]! }, now);
        return ids.length;
      });
      return done.ok ? { ok: true, leaders: leaders.length, partnerships: partnerships.length } : done;
    },

    /** End a partnership in force: it held until the day before `endedOn`. */
    async endPartnership(principal: Principal, laCode: string, id: number, endedOn: string): Promise<LeadershipOutcome> {
      const la = await laReached(laCode, principal);
      if ((await store.leadership.partnerships(laCode)).every((p) => p.id !== id)) throw new NotFoundError(`No support partnership ${id} in ${la.name}`);
      const today = londonDateOf(clock());
      return withFigures(principal, laCode, `the end of partnership ${id}`, async (tx) => {
        const held = (await tx.leadership.partnerships(laCode)).find((p) => p.id === id)!;
        const problems = partnershipProblems({ ...held, endedOn }, undefined, [], today).filter((p) => p.field === 'endedOn');
        if (held.endedOn !== null) problems.push({ field: 'endedOn', message: `This partnership ended on ${held.endedOn}` });
        if (problems.length > 0) return problems;
        if (!(await tx.leadership.endPartnership(id, endedOn))) return [{ field: 'endedOn', message: 'The day it ended must be after the day it began' }];
        await audit.trail.record(tx, whoOf(principal), {
          action: 'support-partnership.end',
          subject: `support-partnership:${id}`,
          placeId: la.id,
          detail: { endedOn },
        });
        return id;
      });
    },
  });
}

export type SystemLeadershipService = ReturnType<typeof createSystemLeadershipService>;
