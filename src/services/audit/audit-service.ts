import { createChainVerifier, isActor, type AuditRecord, type AuditWho, type ChainBreak } from '../../domain/audit/audit-chain.ts';
import type { Log } from '../../log.ts';
import type { Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';

export type { AuditWho };

/** The audit trail every write records into (issue 14.6). */
export type AuditTrail = Readonly<{
  /**
   * Append an entry inside the caller's transaction (`tx`), so it commits exactly when the write it records does.
   * Call it last in that transaction: the append holds the trail's lock until commit.
   */
  record: (tx: Store, who: AuditWho, record: AuditRecord) => Promise<number>;
  /** Read the whole trail in id order and check its chain: the count found whole, and the first break if any. */
  verify: () => Promise<Readonly<{ checked: number; broken: ChainBreak | null }>>;
}>;

/** The trail and who the process acts for when a call names nobody (`cli:<OS user>` for a command, `system` for the server). */
export type AuditContext = Readonly<{ trail: AuditTrail; who: AuditWho }>;

export function createAuditService(store: Store, clock: Clock, log: Log): AuditTrail {
  return Object.freeze({
    async record(tx: Store, who: AuditWho, record: AuditRecord) {
      // An actor is an id (user:17, cli:officer, system): a name here is a bug, refused before the table's check refuses it.
      if (!isActor(who.actor)) throw new Error(`not an audit actor id: ${JSON.stringify(who.actor.slice(0, 40))}`);
      const entry = await tx.audit.append(who, record, clock());
      log.info({ audit: entry.id, action: entry.action, subject: entry.subject, actor: entry.actor, requestId: entry.requestId }, 'audit entry recorded');
      return entry.id;
    },

    async verify() {
      const verifier = createChainVerifier();
      for await (const entry of store.audit.inOrder()) if (verifier.next(entry) !== null) break;
      return { checked: verifier.checked, broken: verifier.broken };
    },
  });
}
