import type { Principal } from '../../domain/access/decide-access.ts';
import type { LeaderInput, LeaderKind, LeaderPhase, PartnershipInput, PartnershipKind, SupportArea } from '../../domain/schools/system-leaders.ts';
import type { Store } from '../../store/store.ts';
import type { AuditContext } from '../audit/audit-service.ts';

// The system leadership service's two writes (issue 18.7), each a record and its audit entry in the caller's
// transaction, after the caller has checked it (domain/schools/system-leaders.ts).

/** Write a checked leader and its audit entry. */
export const writeLeader = async (
  tx: Store,
  audit: AuditContext,
  principal: Principal,
  laCode: string,
  laId: number,
  input: LeaderInput,
  now: Date,
): Promise<number> => {
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
  await audit.trail.record(
    tx,
    { actor: `user:${principal.userId}`, requestId: null },
    {
      action: 'system-leader.record',
      subject: `system-leader:${id}`,
      placeId: laId,
      detail: { kind: input.kind, urn: input.urn.trim() },
    },
  );
  return id;
};

/** Write a checked partnership and its audit entry. */
export const writePartnership = async (
  tx: Store,
  audit: AuditContext,
  principal: Principal,
  laId: number,
  input: PartnershipInput,
  now: Date,
): Promise<number> => {
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
  await audit.trail.record(
    tx,
    { actor: `user:${principal.userId}`, requestId: null },
    {
      action: 'support-partnership.record',
      subject: `support-partnership:${id}`,
      placeId: laId,
      detail: { leader: input.leaderId, urn: input.urn.trim(), kind: input.kind, startedOn: input.startedOn },
    },
  );
  return id;
};
