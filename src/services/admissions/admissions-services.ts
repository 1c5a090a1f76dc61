import type { Principal } from '../../domain/access/decide-access.ts';
import type { CaseScope } from '../../domain/access/reach.ts';
import type { Action } from '../../domain/access/roles.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { londonDateOf } from '../../domain/periods/london-time.ts';
import type { Store } from '../../store/store.ts';
import type { AuditContext } from '../audit/audit-service.ts';
import type { Clock } from '../clock.ts';
import type { AdmissionsContext } from './admissions-context.ts';
import { createAdmissionsTransfer } from './admissions-transfer.ts';
import { createApplicationService } from './application-service.ts';
import { createRoundService } from './round-service.ts';

/** Coordinated admissions (issue 16): rounds and their allocation, applications, and the files in and out. */
export function createAdmissionsServices(
  store: Store,
  clock: Clock,
  audit: AuditContext,
  catalogue: readonly Indicator[],
  scopeFor: (principal: Principal | null, action: Action) => Promise<CaseScope>,
) {
  const context: AdmissionsContext = { store, trail: audit.trail, now: clock, today: () => londonDateOf(clock()), catalogue, scopeFor };
  return { ...createRoundService(context), ...createApplicationService(context), ...createAdmissionsTransfer(context), today: context.today };
}
