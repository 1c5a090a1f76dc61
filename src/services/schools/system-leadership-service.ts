import type { Principal } from '../../domain/access/decide-access.ts';
import { scopeHolds, type CaseScope } from '../../domain/access/reach.ts';
import type { Action } from '../../domain/access/roles.ts';
import type { GridPoint } from '../../domain/admissions/admissions.ts';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { londonDateOf } from '../../domain/periods/london-time.ts';
import { normalisePostcode } from '../../domain/geography/postcode.ts';
import { headlineIndicators } from '../../domain/schools/school-assessment.ts';
import { partnershipImpact, type Impact } from '../../domain/schools/partnership-impact.ts';
import { supportNeedOf, type SupportNeed } from '../../domain/schools/support-needs.ts';
import {
  leaderProblems,
  matchLeaders,
  partnershipProblems,
  partnershipsInForce,
  type LeaderInput,
  type LeaderMatch,
  type LeadershipProblem,
  type LeaderKind,
  type LeaderPhase,
  type PartnershipInput,
  type Partnership,
  type PartnershipKind,
  type SupportArea,
  type SystemLeader,
} from '../../domain/schools/system-leaders.ts';
import type { Log } from '../../log.ts';
import type { HeldLeader, HeldPartnership } from '../../store/system-leadership-store.ts';
import type { Store } from '../../store/store.ts';
import type { AuditContext } from '../audit/audit-service.ts';
import type { Clock } from '../clock.ts';
import { inComputeBatch } from '../indicators/roll-up-service.ts';
import { ownFigures } from '../indicators/own-figures.ts';
import { recomputeSupportedSchools } from './school-outcomes-service.ts';
import type { createSchoolImprovementService } from './school-improvement-service.ts';

const action: Action = 'record-system-leadership';

/** The compute batch that remakes target 14's figures when a partnership is recorded or ended. */
export const supportedSchoolsFormat = 'compute-supported-schools';

export type LeadershipOutcome = Readonly<{ ok: true; id: number }> | Readonly<{ ok: false; problems: readonly LeadershipProblem[] }>;

export type LeaderShown = HeldLeader & Readonly<{ schoolName: string; inForce: number }>;
export type PartnershipShown = HeldPartnership &
  Readonly<{ leaderName: string; leaderKind: LeaderKind; schoolName: string; inForceToday: boolean; impact: Impact }>;
export type NeedShown = SupportNeed & Readonly<{ district: string | null; supportedBy: readonly string[]; matches: readonly LeaderMatch[] }>;

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
   * Each school's grid reference: its postcode's in Code-Point Open where held, else the one its latest admission
   * arrangement records (the demo county's schools have no postcodes).
   */
  const locationsOf = async (urns: readonly string[]): Promise<Map<string, GridPoint>> => {
    const schools = await store.places.findMany('school', [...new Set(urns)]);
    const postcodeOf = new Map(
      schools.flatMap((s) => (s.attributes.address.postcode === null ? [] : [[s.code, normalisePostcode(s.attributes.address.postcode)] as const])),
    );
    const points = await store.admissions.postcodes([...postcodeOf.values()]);
    const located = await store.admissions.arrangementLocations(schools.map((s) => s.code));
    for (const [urn, postcode] of postcodeOf) {
      const p = points.get(postcode);
      if (p !== undefined && p.easting !== null && p.northing !== null) located.set(urn, { easting: p.easting, northing: p.northing });
    }
    return located;
  };

  /** Write, then remake target 14's figures, in one transaction recorded as a compute batch with its audit entry. */
  const withFigures = (principal: Principal, subject: string, write: (tx: Store) => Promise<number>) =>
    inComputeBatch(
      store,
      log,
      { fileName: `target 14 remade after ${subject}`, format: supportedSchoolsFormat },
      async (tx, batchId) => {
        const id = await write(tx);
        return { id, ...(await recomputeSupportedSchools(tx, batchId, catalogue)) };
      },
      (r) => `${r.written} figures of schools with a history of underperformance remade from the partnerships`,
      { context: audit, who: whoOf(principal), action: 'supported-schools.recompute' },
    );

  /** Write a checked leader and its audit entry. */
  const writeLeader = async (tx: Store, principal: Principal, laCode: string, laId: number, input: LeaderInput, now: Date): Promise<number> => {
    const id = await tx.leadership.addLeader({
      laCode,
      kind: input.kind as LeaderKind,
      urn: input.urn.trim(),
      name: input.name.trim(),
      phases: input.phases as LeaderPhase[],
      specialisms: input.specialisms as SupportArea[],
      capacity: input.capacity,
      designatedOn: input.designatedOn,
      recordedBy: principal.userId,
      recordedAt: now,
    });
    await audit.trail.record(tx, whoOf(principal), {
      action: 'system-leader.record',
      subject: `system-leader:${id}`,
      placeId: laId,
      detail: { kind: input.kind, urn: input.urn.trim() },
    });
    return id;
  };

  /** Write a checked partnership and its audit entry. */
  const writePartnership = async (tx: Store, principal: Principal, laId: number, input: PartnershipInput, now: Date): Promise<number> => {
    const id = await tx.leadership.addPartnership({
      leaderId: input.leaderId,
      urn: input.urn.trim(),
      kind: input.kind as PartnershipKind,
      startedOn: input.startedOn,
      endedOn: input.endedOn,
      need: input.need.trim(),
      recordedBy: principal.userId,
      recordedAt: now,
    });
    await audit.trail.record(tx, whoOf(principal), {
      action: 'support-partnership.record',
      subject: `support-partnership:${id}`,
      placeId: laId,
      detail: { leader: input.leaderId, urn: input.urn.trim(), kind: input.kind, startedOn: input.startedOn },
    });
    return id;
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

    /**
     * The LA's system leadership as at today: its leaders with the schools they lead from and their partnerships in
     * force; every partnership with its impact; and the schools needing support, each with the leaders best matched.
     */
    async overview(laCode: string) {
      const la = await laOf(laCode);
      const today = londonDateOf(clock());
      const [leaders, partnerships, assessment] = await Promise.all([
        store.leadership.leaders(laCode),
        store.leadership.partnerships(laCode),
        schoolImprovement.assess(laCode),
      ]);
      const urns = [...leaders.map((l) => l.urn), ...partnerships.map((p) => p.urn), ...assessment.schools.map((s) => s.urn)];
      const names = new Map((await store.places.findMany('school', [...new Set(urns)])).map((s) => [s.code, s.name]));
      const nameOf = (urn: string) => names.get(urn) ?? `URN ${urn}`;
      const located = await locationsOf(urns);
      const leaderById = new Map(leaders.map((l) => [l.id, l]));
      const shownLeaders: LeaderShown[] = leaders.map((l) => ({ ...l, schoolName: nameOf(l.urn), inForce: partnershipsInForce(l.id, partnerships, today) }));

      // Impact: each supported school's headline series beside its similar schools that had no partnership in force.
      const bySchool = new Map(assessment.schools.map((s) => [s.urn, s]));
      const comparatorUrns = [...new Set(partnerships.flatMap((p) => bySchool.get(p.urn)?.similar.map((s) => s.urn) ?? []))];
      const seriesOf = await headlineSeries([...new Set([...partnerships.map((p) => p.urn), ...comparatorUrns])]);
      const shownPartnerships: PartnershipShown[] = partnerships.map((p) => {
        const leader = leaderById.get(p.leaderId)!;
        const school = bySchool.get(p.urn);
        const impact: Impact =
          school === undefined
            ? { measured: false, reason: 'not an open state-funded mainstream school of the LA today (closed, converted, or special)' }
            : partnershipImpact(
                p.startedOn,
                headlineIndicators[school.phase].map((code) => {
                  const indicator = catalogue().find((i) => i.code === code);
                  return {
                    indicator: code,
                    title: indicator?.title ?? code,
                    higherIsBetter: indicator?.polarity !== 'lower_is_better',
                    supported: seriesOf(p.urn, code),
                    comparators: school.similar.map((s) => ({
                      urn: s.urn,
                      points: seriesOf(s.urn, code),
                      partnerships: partnerships.filter((q) => q.urn === s.urn),
                    })),
                  };
                }),
              );
        return {
          ...p,
          leaderName: leader.name,
          leaderKind: leader.kind,
          schoolName: nameOf(p.urn),
          inForceToday: p.startedOn <= today && (p.endedOn === null || p.endedOn > today),
          impact,
        };
      });

      // Needs, each matched to the leaders free today; a school already supported says by whom.
      const candidates = leaders.map((leader) => ({
        leader,
        location: located.get(leader.urn) ?? null,
        inForce: partnershipsInForce(leader.id, partnerships, today),
      }));
      const needs: NeedShown[] = assessment.schools.flatMap((s) => {
        const need = supportNeedOf(s);
        if (need === null) return [];
        const supportedBy = partnerships
          .filter((p) => p.urn === s.urn && p.startedOn <= today && (p.endedOn === null || p.endedOn > today))
          .map((p) => leaderById.get(p.leaderId)!.name);
        const matches = matchLeaders({ urn: s.urn, phase: s.phase, areas: need.areas, location: located.get(s.urn) ?? null }, candidates, today);
        return [{ ...need, district: s.district?.name ?? null, supportedBy, matches }];
      });
      return { la: { code: la.code, name: la.name }, asAt: today, leaders: shownLeaders, partnerships: shownPartnerships, needs };
    },

    async recordLeader(principal: Principal, laCode: string, input: LeaderInput): Promise<LeadershipOutcome> {
      const la = await laReached(laCode, principal);
      const now = clock();
      const problems = leaderProblems(input, londonDateOf(now));
      if (problems.length === 0 && (await store.places.find('school', input.urn.trim())) === undefined)
        problems.push({ field: 'urn', message: `No school with URN ${input.urn.trim()} is held` });
      if (problems.length > 0) return { ok: false, problems };
      return store.transaction(async (tx) => ({ ok: true as const, id: await writeLeader(tx, principal, laCode, la.id, input, now) }));
    },

    /** Record a partnership, checked against its leader's designation and capacity; target 14's figures are remade with it. */
    async recordPartnership(principal: Principal, laCode: string, input: PartnershipInput): Promise<LeadershipOutcome> {
      const la = await laReached(laCode, principal);
      const now = clock();
      const leaders = await store.leadership.leaders(laCode);
      const problems = partnershipProblems(
        input,
        leaders.find((l) => l.id === input.leaderId),
        await store.leadership.partnerships(laCode),
        londonDateOf(now),
      );
      if (problems.length === 0 && (await store.places.find('school', input.urn.trim())) === undefined)
        problems.push({ field: 'urn', message: `No school with URN ${input.urn.trim()} is held` });
      if (problems.length > 0) return { ok: false, problems };
      const written = await withFigures(principal, `a partnership with ${input.urn.trim()}`, (tx) => writePartnership(tx, principal, la.id, input, now));
      return { ok: true, id: written.id };
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
      partnerships.forEach((p, i) => {
        const found = [...partnershipProblems({ ...p, leaderId: p.leader }, held[p.leader], accepted, today), ...unknown(p.urn)];
        problems.push(...found.map((x) => ({ ...x, field: `partnerships[${i}].${x.field}` })));
        if (found.length === 0) accepted.push({ ...p, id: i, leaderId: p.leader, kind: p.kind as PartnershipKind });
      });
      if (problems.length > 0) return { ok: false, problems };
      await withFigures(principal, `${leaders.length} system leaders and ${partnerships.length} partnerships`, async (tx) => {
        const ids: number[] = [];
        for (const l of leaders) ids.push(await writeLeader(tx, principal, laCode, la.id, l, now));
        for (const { leader, ...p } of partnerships) await writePartnership(tx, principal, la.id, { ...p, leaderId: ids[leader]! }, now);
        return ids.length;
      });
      return { ok: true, leaders: leaders.length, partnerships: partnerships.length };
    },

    /** End a partnership in force: it held until the day before `endedOn`. */
    async endPartnership(principal: Principal, laCode: string, id: number, endedOn: string): Promise<LeadershipOutcome> {
      const la = await laReached(laCode, principal);
      const held = (await store.leadership.partnerships(laCode)).find((p) => p.id === id);
      if (held === undefined) throw new NotFoundError(`No support partnership ${id} in ${la.name}`);
      const today = londonDateOf(clock());
      const problems = partnershipProblems({ ...held, endedOn }, undefined, [], today).filter((p) => p.field === 'endedOn');
      if (held.endedOn !== null) problems.push({ field: 'endedOn', message: `This partnership ended on ${held.endedOn}` });
      if (problems.length > 0) return { ok: false, problems };
      await withFigures(principal, `the end of partnership ${id}`, async (tx) => {
        if (!(await tx.leadership.endPartnership(id, endedOn))) throw new Error(`support partnership ${id} changed while it was being ended`);
        await audit.trail.record(tx, whoOf(principal), {
          action: 'support-partnership.end',
          subject: `support-partnership:${id}`,
          placeId: la.id,
          detail: { endedOn },
        });
        return id;
      });
      return { ok: true, id };
    },
  });

  /** Each school's headline figures (all pupils, as held: published or computed), as a reader of (urn, indicator). */
  async function headlineSeries(urns: readonly string[]) {
    const places = await store.places.findMany('school', urns);
    const codeOf = new Map(places.map((p) => [p.id, p.code]));
    const rows = ownFigures(
      await store.observations.find({
        indicatorCodes: [...headlineIndicators.primary, ...headlineIndicators.secondary],
        placeIds: places.map((p) => p.id),
        breakdown: 'all',
        basis: ['published', 'computed'],
        limit: 1_000_000,
      }),
    );
    const byKey = new Map<string, { period: string; value: number | null }[]>();
    for (const r of rows) {
      const key = `${codeOf.get(r.placeId)}|${r.indicatorCode}`;
      byKey.set(key, [...(byKey.get(key) ?? []), { period: r.period, value: r.value }]);
    }
    return (urn: string, code: string) => byKey.get(`${urn}|${code}`) ?? [];
  }
}

export type SystemLeadershipService = ReturnType<typeof createSystemLeadershipService>;
