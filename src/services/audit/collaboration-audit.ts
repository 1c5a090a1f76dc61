import type { AuditWho } from '../../domain/audit/audit-chain.ts';
import type { Store } from '../../store/store.ts';
import type { AuditTrail } from './audit-service.ts';
import { isMemberOn } from '../../domain/geography/place.ts';

/**
 * A collaboration defined through the form is created (it did not exist), ended (no member is current or to come
 * after today) or changed: recorded with its place and its membership counts, in the import's transaction.
 */
export async function recordCollaboration(tx: Store, trail: AuditTrail, who: AuditWho, code: string, existed: boolean, today: string): Promise<void> {
  const grouping = await tx.places.find('grouping', code);
  const members = grouping === undefined ? [] : await tx.places.members(grouping.id, 'school');
  const current = members.filter((m) => isMemberOn(m, today)).length;
  const toCome = members.filter((m) => m.validFrom !== null && m.validFrom > today).length;
  const kind = !existed ? 'create' : current + toCome === 0 ? 'end' : 'change';
  await trail.record(tx, who, {
    action: `collaboration.${kind}`,
    subject: `grouping:${code}`,
    placeId: grouping?.id ?? null,
    detail: { memberships: members.length, current },
  });
}
