import type { Principal } from '../../domain/access/decide-access.ts';
import { scopeHolds, type CaseScope } from '../../domain/access/reach.ts';
import type { Action } from '../../domain/access/roles.ts';
import {
  deliveryProblems,
  isRecordedByDelivery,
  withdrawalProblems,
  type DeliveryInput,
  type DeliveryProblem,
  type JudgedStatus,
} from '../../domain/framework/delivery.ts';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import type { Framework, Target } from '../../domain/framework/framework.ts';
import { londonDateOf } from '../../domain/periods/london-time.ts';
import type { HeldDelivery } from '../../store/delivery-store.ts';
import type { Store } from '../../store/store.ts';
import type { AuditContext } from '../audit/audit-service.ts';
import type { Clock } from '../clock.ts';

export type { HeldDelivery };

export type DeliveryOutcome = Readonly<{ ok: true; id: number }> | Readonly<{ ok: false; problems: readonly DeliveryProblem[] }>;

const action: Action = 'record-delivery';

/**
 * Delivery records (issue 18.6): an officer whose role reaches the framework's LA records a delivery milestone as
 * delivered, or judges a year of a qualitative target, with the evidence; a record made in error is withdrawn with a
 * reason. The rule that checks a record and the one that judges a year from the records are domain/framework/delivery.ts;
 * each write is one transaction with its audit entry.
 */
export function createDeliveryService(
  store: Store,
  clock: Clock,
  audit: AuditContext,
  find: (frameworkId: string) => Framework,
  scopeFor: (principal: Principal | null, action: Action) => Promise<CaseScope>,
) {
  const targetOf = (frameworkId: string, targetId: string): { framework: Framework; target: Target } => {
    const framework = find(frameworkId);
    const target = framework.targets.find((t) => t.id === targetId);
    if (target === undefined) throw new NotFoundError(`No target ${targetId} in ${framework.name}`);
    return { framework, target };
  };

  /** The framework's LA, which the principal's role must reach. */
  const laReached = async (framework: Framework, principal: Principal | null): Promise<number> => {
    const la = await store.places.find('la', framework.la);
    if (la === undefined) throw new NotFoundError(`The framework's LA ${framework.la} is not held`);
    if (!scopeHolds(await scopeFor(principal, action), la.id))
      throw new ForbiddenError(`Recording the delivery of ${framework.name}'s targets needs a role that reaches ${la.name}`);
    return la.id;
  };

  const whoOf = (principal: Principal | null) => (principal === null ? audit.who : { actor: `user:${principal.userId}`, requestId: null });

  return Object.freeze({
    /** Whether this reader may record the delivery of the framework's targets (to show the form or not). */
    async mayRecord(frameworkId: string, principal: Principal | null): Promise<boolean> {
      if (principal === null) return false;
      const la = await store.places.find('la', find(frameworkId).la);
      return la !== undefined && scopeHolds(await scopeFor(principal, action), la.id);
    },

    /** A target's records, oldest first (withdrawn ones included, marked). */
    async list(frameworkId: string, targetId: string): Promise<HeldDelivery[]> {
      targetOf(frameworkId, targetId);
      return store.delivery.list(frameworkId, targetId);
    },

    /** Record a delivery or a judgement: refused with each problem by field, or written with its audit entry. */
    async record(principal: Principal, frameworkId: string, targetId: string, input: DeliveryInput): Promise<DeliveryOutcome> {
      const { framework, target } = targetOf(frameworkId, targetId);
      if (!isRecordedByDelivery(target)) throw new NotFoundError(`${target.title} is measured by its figures: it has no delivery record`);
      const placeId = await laReached(framework, principal);
      const now = clock();
      const problems = deliveryProblems(input, target, framework.years, londonDateOf(now));
      if (problems.length > 0) return { ok: false, problems };
      const judgement = input.kind === 'judgement';
      return store.transaction(async (tx) => {
        const id = await tx.delivery.add({
          frameworkId,
          targetId,
          kind: judgement ? 'judgement' : 'delivered',
          on: input.on,
          year: judgement ? input.year : null,
          status: judgement ? (input.status as JudgedStatus) : null,
          evidence: input.evidence.trim(),
          link: input.link === null || input.link.trim() === '' ? null : input.link.trim(),
          recordedBy: principal.userId,
          recordedAt: now,
        });
        await audit.trail.record(tx, whoOf(principal), {
          action: 'delivery.record',
          subject: `delivery:${id}`,
          placeId,
          detail: { framework: frameworkId, target: targetId, kind: judgement ? 'judgement' : 'delivered', year: judgement ? input.year : null },
        });
        return { ok: true as const, id };
      });
    },

    /** Withdraw a record made in error, with the reason (1-500 characters); it stays on the page, struck through. */
    async withdraw(principal: Principal, frameworkId: string, targetId: string, id: number, reason: string): Promise<DeliveryOutcome> {
      const { framework } = targetOf(frameworkId, targetId);
      const placeId = await laReached(framework, principal);
      const held = await store.delivery.find(id);
      if (held === undefined || held.frameworkId !== frameworkId || held.targetId !== targetId)
        throw new NotFoundError(`No delivery record ${id} for this target`);
      const problems = withdrawalProblems(reason);
      if (problems.length > 0) return { ok: false, problems };
      return store.transaction(async (tx) => {
        if (!(await tx.delivery.withdraw(id, principal.userId, clock(), reason.trim())))
          return { ok: false as const, problems: [{ field: 'target' as const, message: 'This record was already withdrawn' }] };
        await audit.trail.record(tx, whoOf(principal), {
          action: 'delivery.withdraw',
          subject: `delivery:${id}`,
          placeId,
          detail: { framework: frameworkId, target: targetId },
        });
        return { ok: true as const, id };
      });
    },
  });
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
