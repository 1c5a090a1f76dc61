import { demoDeliveryFramework, demoDeliveryRecords, demoDeliveryRecorder } from '../../demo/delivery-records.ts';
import type { Store } from '../../store/store.ts';
import { principalOf } from '../access/principal-of.ts';
import type { DemoState } from '../demo/demo-service.ts';
import type { DeliveryService } from './delivery-service.ts';

/**
 * The demo county's delivery records (src/demo/delivery-records.ts), recorded by its LA officer through the delivery
 * service as any officer's are (checked, audited), once the county is built and its users exist. A target that already
 * has a record is left as it is, so a second start adds nothing and an officer's own records are never joined by the
 * demo's.
 */
export function createDemoDelivery(store: Store, delivery: DeliveryService, demoState: () => Promise<DemoState>) {
  return {
    /** Record the demo's delivery records where their target has none; returns how many were recorded. */
    async ensureDemoDelivery(): Promise<number> {
      if ((await demoState()) !== 'built') return 0;
      const officer = await store.access.userByName(demoDeliveryRecorder);
      const principal = officer === undefined ? null : await principalOf(store, officer.id);
      if (principal === null) return 0;
      const targets = [...new Set(demoDeliveryRecords.map((r) => r.target))];
      let added = 0;
      for (const target of targets) {
        if ((await delivery.list(demoDeliveryFramework, target)).length > 0) continue;
        for (const record of demoDeliveryRecords.filter((r) => r.target === target)) {
          const outcome = await delivery.record(principal, demoDeliveryFramework, target, record.input);
          if (!outcome.ok)
            throw new Error(`The demo's delivery record for ${target} is refused: ${outcome.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
          added++;
        }
      }
      return added;
    },
  };
}
