import type { Principal } from '../../domain/access/decide-access.ts';
import type { CaseScope } from '../../domain/access/reach.ts';
import type { Action } from '../../domain/access/roles.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import type { RoundRow } from '../../store/admissions-store.ts';
import type { Store } from '../../store/store.ts';
import type { AuditTrail, AuditWho } from '../audit/audit-service.ts';

/** What every admissions service is given: the store, the trail, the time, the catalogue and how far a principal reaches. */
export type AdmissionsContext = Readonly<{
  store: Store;
  trail: AuditTrail;
  /** The clock's instant and its date in England. */
  now: () => Date;
  today: () => string;
  catalogue: readonly Indicator[];
  scopeFor: (principal: Principal | null, action: Action) => Promise<CaseScope>;
}>;

/** A signed-in reader: the principal (whose grants decide what they see) and who the audit trail records. */
export type AdmissionsReader = Readonly<{ principal: Principal; who: AuditWho }>;

export async function roundOrNotFound(tx: Store, roundId: number): Promise<RoundRow> {
  const round = await tx.admissions.round(roundId);
  if (round === null) throw new NotFoundError('no such admissions round');
  return round;
}

/** A batch recording why figures or records were written (`format` names the kind of write). */
export async function openAdmissionsBatch(tx: Store, fileName: string, fileHash: string, format: string, rowCount: number): Promise<number> {
  return tx.register.openBatch({ fileName, fileHash, format, rowCount });
}
