import { scopeHolds, type CaseScope } from '../../../domain/access/reach.ts';
import type { AuditWho } from '../../../domain/audit/audit-chain.ts';
import { apOutcomes, type ApOutcome } from '../../../domain/casework/alternative-provision-rules.ts';
import { BadRequestError, NotFoundError } from '../../../domain/errors.ts';
import type { Indicator } from '../../../domain/indicators/indicator.ts';
import type { ApPlacementRow } from '../../../store/inclusion-store.ts';
import type { Store } from '../../../store/store.ts';
import type { AuditContext } from '../../audit/audit-service.ts';
import { placesOf } from './exclusion-service.ts';
import { remakeInclusionFigures } from './inclusion-figures.ts';

/** Alternative curriculum placements (PRUs and commissioned provision) in Years 10 and 11, and their KS4 outcomes. */
export function createApService(store: Store, audit: AuditContext, catalogue: () => readonly Indicator[]) {
  return {
    async list(who: AuditWho, scope: CaseScope, period: string): Promise<ApPlacementRow[]> {
      return store.transaction(async (tx) => {
        const rows = await tx.inclusion.apPlacements({ places: placesOf(scope), period });
        await audit.trail.record(tx, who, { action: 'inclusion.list-placements', subject: 'inclusion:placements', detail: { period, shown: rows.length } });
        return rows;
      });
    },

    /** Record a Year 11 placement's outcome once results are in; the year's target 24 figure is remade. */
    async setOutcome(who: AuditWho, scope: CaseScope, id: number, outcome: string): Promise<void> {
      if (!(apOutcomes as readonly string[]).includes(outcome)) throw new BadRequestError('Choose the qualification the pupil achieved');
      const found = await store.transaction(async (tx) => {
        const row = (await tx.inclusion.apPlacements({ places: null, id }))[0];
        if (row === undefined || !scopeHolds(scope, row.placeId)) {
          // Audited in a transaction that commits; the refusal follows it.
          await audit.trail.record(tx, who, { action: 'inclusion.read-refused', subject: `ap-placement:${id}` });
          return false;
        }
        if (row.yearGroup !== 11) throw new BadRequestError('An outcome is recorded on the pupil’s Year 11 placement');
        await tx.inclusion.setApOutcome(id, outcome as ApOutcome);
        await audit.trail.record(tx, who, { action: 'inclusion.placement-outcome', subject: `ap-placement:${id}`, placeId: row.placeId, detail: { outcome } });
        const batchId = await tx.register.openBatch({
          fileName: `inclusion casework ${row.period}`,
          fileHash: `inclusion:${row.period}`,
          format: 'casework-figures:inclusion',
          rowCount: 0,
        });
        const written = await remakeInclusionFigures(tx, [row.period], batchId, catalogue);
        await tx.register.closeBatch(batchId, {
          inserted: written,
          updated: 0,
          closed: 0,
          unchanged: 0,
          skipped: 0,
          notes: [`figures remade for ${row.period}`],
        });
        return true;
      });
      if (!found) throw new NotFoundError('no such placement');
    },
  };
}
