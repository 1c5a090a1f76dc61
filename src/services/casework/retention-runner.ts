import type { Store } from '../../store/store.ts';
import type { AuditTrail, AuditWho } from '../audit/audit-service.ts';
import type { CaseworkModule, RetentionOutcome } from './casework-module.ts';

/**
 * `waymark retention run` (issue 15.7): every casework team's retention rule applied on one day, in one transaction (all
 * teams or none), audited once with the counts per team. Figures are not remade: anonymising keeps the facts they count.
 */
export async function runRetention(
  store: Store,
  trail: AuditTrail,
  modules: readonly CaseworkModule[],
  who: AuditWho,
  today: string,
): Promise<RetentionOutcome[]> {
  return store.transaction(async (tx) => {
    const outcomes: RetentionOutcome[] = [];
    for (const module of modules) outcomes.push(await module.retain(tx, today));
    await trail.record(tx, who, {
      action: 'retention.run',
      subject: `retention:${today}`,
      detail: Object.fromEntries(
        outcomes.flatMap((o) => [
          [`${o.team}: anonymised`, o.anonymised],
          [`${o.team}: deleted`, o.deleted],
        ]),
      ),
    });
    return outcomes;
  });
}
