import { censusDateOf } from '../domain/periods/academic-year.ts';
import type { Log } from '../log.ts';
import type { Store } from '../store/store.ts';
import { rollUpMethod } from './published-writer.ts';

export const rollUpFormat = 'compute-roll-ups';

/** Remake every roll-up of school figures from the memberships `tx` holds now; returns how many were written and replaced. */
export async function recomputeRollUps(
  tx: Store,
  batchId: number,
  progress: (step: string) => void = () => {},
): Promise<{ figures: number; written: number; removed: number }> {
  // Figures and memberships written earlier in this transaction have no planner statistics yet (autovacuum cannot see
  // them): without these, PostgreSQL 18 plans each roll-up as nested loops over every link and takes minutes.
  await tx.analyse(['observation', 'place', 'place_link']);
  const figures = await tx.observations.schoolFigures();
  const removed = await tx.observations.clearRollUps();
  let written = 0;
  for (const [index, f] of figures.entries()) {
    progress(`${index + 1}/${figures.length} ${f.indicatorCode} ${f.period}`);
    written += await tx.observations.rollUpSchools([{ ...f, censusDate: censusDateOf(f.period) }], batchId, rollUpMethod);
  }
  return { figures: figures.length, written, removed };
}

/**
 * Roll-ups on demand: after districts, groupings or the register change, remake them all in one transaction,
 * recorded as a compute batch. Running it twice gives the same figures.
 */
export function createRollUpService(store: Store, log: Log) {
  return {
    async recomputeAll(progress?: (step: string) => void): Promise<{ batchId: number; figures: number; written: number; removed: number }> {
      return store.transaction(async (tx) => {
        const batchId = await tx.register.openBatch({ fileName: 'roll-ups of school figures', fileHash: '-', format: rollUpFormat, rowCount: 0 });
        const result = await recomputeRollUps(tx, batchId, progress);
        await tx.register.closeBatch(batchId, {
          inserted: result.written,
          updated: 0,
          closed: 0,
          unchanged: 0,
          skipped: 0,
          notes: [`${result.figures} school figures rolled up; ${result.removed} earlier roll-ups replaced (${rollUpMethod})`],
        });
        log.info({ batchId, ...result }, 'roll-ups recomputed');
        return { batchId, ...result };
      });
    },
  };
}
