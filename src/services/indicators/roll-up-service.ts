import { membershipsForYear } from '../../domain/geography/school-placement.ts';
import { isInPopulation, schoolPopulations, type SchoolPopulation } from '../../domain/geography/school-populations.ts';
import { isUnregistered } from '../../domain/geography/unregistered-school.ts';
import type { Log } from '../../log.ts';
import type { Store } from '../../store/store.ts';
import type { AuditContext, AuditWho } from '../audit/audit-service.ts';

export const rollUpFormat = 'compute-roll-ups';

export const rollUpMethod =
  'pupil-weighted mean of the published school figures, each school counted where it stood in that academic year (districts by location); not the published LA figure';

/** Remake every roll-up of school figures from the memberships `tx` holds now; returns how many were written and replaced. */
export async function recomputeRollUps(
  tx: Store,
  batchId: number,
  progress: (step: string) => void = () => {},
): Promise<{ figures: number; written: number; removed: number; unregistered: number }> {
  // Figures and memberships written earlier in this transaction have no planner statistics yet (autovacuum cannot see
  // them): without these, PostgreSQL 18 plans each roll-up as nested loops over every link and takes minutes.
  await tx.analyse(['observation', 'place', 'place_link']);
  const figures = await tx.observations.schoolFigures();
  const removed = await tx.observations.clearRollUps();
  const written = await rollUpFigures(tx, figures, batchId, progress);
  // Schools known only from results files (not in the register) are in no LA, district or grouping: say how many.
  const unregistered = (await tx.places.byKind('school')).filter((s) => isUnregistered(s.attributes)).length;
  return { figures: figures.length, written, removed, unregistered };
}

/**
 * Roll school figures up to every LA, district and grouping their schools belonged to in the figures' academic year
 * (domain/geography/school-placement.ts), once for each of DfE's school populations; returns how many were written.
 */
export async function rollUpFigures(
  tx: Store,
  figures: readonly Readonly<{ indicatorCode: string; period: string }>[],
  batchId: number,
  progress: (step: string) => void = () => {},
): Promise<number> {
  if (figures.length === 0) return 0;
  const { links, schools } = await tx.places.schoolLinks();
  const membersOf = new Map<string, { schoolId: number; parentId: number; population: SchoolPopulation }[]>();
  const members = (period: string) => {
    const held = membersOf.get(period);
    if (held !== undefined) return held;
    const made = membershipsForYear(links, period).flatMap((m) => {
      const school = schools.get(m.schoolId);
      return school === undefined ? [] : schoolPopulations.filter((p) => isInPopulation(school, p)).map((population) => ({ ...m, population }));
    });
    membersOf.set(period, made);
    return made;
  };
  let written = 0;
  for (const [index, f] of figures.entries()) {
    progress(`${index + 1}/${figures.length} ${f.indicatorCode} ${f.period}`);
    written += await tx.observations.rollUpSchools(f, members(f.period), batchId, rollUpMethod);
  }
  return written;
}

/**
 * Roll-ups on demand: after districts, groupings or the register change, remake them all in one transaction,
 * recorded as a compute batch. Running it twice gives the same figures.
 */
/**
 * Run `work` in one transaction recorded as a compute batch (no file: what was made from the store itself), its
 * written count and note closing the batch.
 */
export async function inComputeBatch<R extends { written: number }>(
  store: Store,
  log: Log,
  batch: Readonly<{ fileName: string; format: string }>,
  work: (tx: Store, batchId: number) => Promise<R>,
  note: (result: R) => string,
  audit?: Readonly<{ context: AuditContext; who: AuditWho; action: string }>,
): Promise<R & { batchId: number }> {
  return store.transaction(async (tx) => {
    const batchId = await tx.register.openBatch({ ...batch, fileHash: '-', rowCount: 0 });
    const result = await work(tx, batchId);
    await tx.register.closeBatch(batchId, { inserted: result.written, updated: 0, closed: 0, unchanged: 0, skipped: 0, notes: [note(result)] });
    if (audit !== undefined)
      await audit.context.trail.record(tx, audit.who, {
        action: audit.action,
        subject: `batch:${batchId}`,
        detail: Object.fromEntries(Object.entries(result).filter(([, v]) => typeof v === 'number')),
      });
    log.info({ batchId, written: result.written, format: batch.format }, 'figures remade from the store');
    return { batchId, ...result };
  });
}

export function createRollUpService(store: Store, log: Log, audit: AuditContext) {
  return {
    recomputeAll: (progress?: (step: string) => void, who: AuditWho = audit.who) =>
      inComputeBatch(
        store,
        log,
        { fileName: 'roll-ups of school figures', format: rollUpFormat },
        (tx, batchId) => recomputeRollUps(tx, batchId, progress),
        (r) =>
          `${r.figures} school figures rolled up; ${r.removed} earlier roll-ups replaced (${rollUpMethod}); ${r.unregistered} schools with results are not in the register and are in no roll-up`,
        { context: audit, who, action: 'roll-up.recompute' },
      ),
  };
}
