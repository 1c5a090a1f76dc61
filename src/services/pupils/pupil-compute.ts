import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';
import { relative } from 'node:path';
import { aggregatePupilFile, loadPlacements, type ComputedFigure, type PlaceLevel, type SchoolPlacement } from '../../compute/aggregate-pupils.ts';
import { withDuckDb } from '../../compute/duckdb.ts';
import { measuresFor, measuresVersion } from '../../compute/measures.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { PlaceKind } from '../../domain/geography/place.ts';
import { england } from '../../domain/geography/reference-places.ts';
import { publicSuppressionOfComputed } from '../../domain/indicators/additivity.ts';
import { coveredFigures } from '../../domain/pupils/coverage.ts';
import type { Indicator, Unit } from '../../domain/indicators/indicator.ts';
import { academicYearLabel } from '../../domain/periods/period.ts';
import { breakdownLabels } from '../../domain/pupils/breakdowns.ts';
import type { Log } from '../../log.ts';
import type { ComputedInput } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import type { AuditRecord } from '../../domain/audit/audit-chain.ts';
import type { PupilFile } from './pupil-service.ts';

export const computeFormat = 'compute-pupil-records';

export type ComputeStep = Readonly<{ file: string; index: number; of: number; outcome: 'computed' | 'unchanged'; figures: number }>;

export type ComputeSummary = Readonly<{ files: number; computed: number; unchanged: number; figures: number; unplacedPupils: number }>;

export type ComputeDependencies = Readonly<{
  store: Store;
  log: Log;
  pupilDir: string;
  catalogue: readonly Indicator[];
  files: readonly PupilFile[];
  placements: (period: string) => Promise<{ schools: SchoolPlacement[]; laRegions: Map<string, string> }>;
  /** Records each file's compute in the audit trail, last in its transaction. */
  record: (tx: Store, record: AuditRecord) => Promise<unknown>;
}>;

/**
 * Compute every registered pupil file into observations, one transaction per file: aggregate it on DuckDB, keep the
 * places it covers, decide each table family's public suppression (ADR 0009) and replace the file's earlier figures.
 * A file whose inputs (the file, the measures' SQL, the disclosure rules and the schools' placements that year) are
 * unchanged since its last compute is left as it is.
 */
export async function computePupilFiles(deps: ComputeDependencies, progress: (step: ComputeStep) => void = () => {}): Promise<ComputeSummary> {
  const all = deps.files;
  const known = new Set(deps.catalogue.map((i) => i.code));
  const units = new Map(deps.catalogue.map((i) => [i.code, i.unit]));
  const unitOf = (code: string): Unit => units.get(code)!;
  let computed = 0;
  let unchanged = 0;
  let figures = 0;
  let unplacedPupils = 0;
  await withDuckDb(async (connection) => {
    let loadedFor: string | null = null;
    let placeIds: Map<PlaceLevel, Map<string, number>> | undefined;
    for (const [index, file] of all.entries()) {
      await access(file.path).catch(() => {
        throw new NotFoundError(`pupil file ${file.path} (batch ${file.batchId}) is missing from the data directory`);
      });
      const { schools: placed, laRegions } = await deps.placements(file.period);
      const key = createHash('sha256')
        .update(
          JSON.stringify({
            file: file.hash,
            measuresVersion,
            disclosureVersion,
            placed,
            rules: measuresFor(file.collection, file.period).map((m) => m.sql),
          }),
        )
        .digest('hex');
      const name = relative(deps.pupilDir, file.path);
      if ((await deps.store.register.batchesWithHash(key)).length > 0) {
        unchanged++;
        progress({ file: name, index: index + 1, of: all.length, outcome: 'unchanged', figures: 0 });
        continue;
      }
      if (loadedFor !== file.period) {
        await loadPlacements(connection, placed);
        loadedFor = file.period;
      }
      const result = await aggregatePupilFile(connection, file);
      unplacedPupils += result.unplacedPupils;
      const { kept, notCovered } = coveredFigures(result.figures, laRegions);
      placeIds ??= await placeIdsByLevel(deps.store);
      const chosen = kept.filter((f) => known.has(f.indicator));
      const inputs = toInputs(placeIds, chosen, publicSuppressionOfComputed(chosen, placed, laRegions, unitOf, breakdownLabels));
      const indicatorCodes = measuresFor(file.collection, file.period).map((m) => m.measure.indicator);
      await deps.store.transaction(async (tx) => {
        const batchId = await tx.register.openBatch({
          fileName: `compute ${name}`,
          fileHash: key,
          format: computeFormat,
          rowCount: inputs.length,
          dataVersion: file.dataVersion,
        });
        const written = await tx.observations.replaceComputed(
          { indicatorCodes, period: file.period, dataVersion: file.dataVersion },
          inputs,
          batchId,
          file.batchId,
        );
        await tx.register.closeBatch(batchId, {
          inserted: written.written,
          updated: 0,
          closed: written.removed,
          unchanged: 0,
          skipped: result.figures.length - inputs.length,
          notes: [
            `${written.written} figures from pupil batch ${file.batchId} (measures version ${measuresVersion}); ${written.removed} earlier computed figures replaced`,
            ...(notCovered.length > 0 ? [`no figure for ${notCovered.join(', ')}: the file does not hold the pupils of every LA there`] : []),
            ...(result.unplacedPupils > 0
              ? [`${result.unplacedPupils} pupils at schools placed in no LA or district in ${academicYearLabel(file.period)}: counted in England only`]
              : []),
          ],
        });
        await deps.record(tx, {
          action: 'pupils.compute',
          subject: `batch:${batchId}`,
          detail: { pupilBatch: file.batchId, written: written.written, removed: written.removed },
        });
      });
      computed++;
      figures += inputs.length;
      progress({ file: name, index: index + 1, of: all.length, outcome: 'computed', figures: inputs.length });
    }
  });
  deps.log.info({ files: all.length, computed, unchanged, figures }, 'pupil records computed');
  return { files: all.length, computed, unchanged, figures, unplacedPupils };
}

const levelKind: Readonly<Record<PlaceLevel, PlaceKind>> = {
  school: 'school',
  district: 'district',
  grouping: 'grouping',
  la: 'la',
  region: 'region',
  country: 'country',
};

/** Place ids by code for every level the compute writes, read once per compute run. */
async function placeIdsByLevel(store: Store): Promise<Map<PlaceLevel, Map<string, number>>> {
  const ids = new Map<PlaceLevel, Map<string, number>>();
  for (const level of Object.keys(levelKind) as PlaceLevel[]) ids.set(level, await store.places.idsByCode(levelKind[level]));
  return ids;
}

/** Figures with their place ids; figures for places the store does not hold are dropped. */
function toInputs(
  ids: ReadonlyMap<PlaceLevel, ReadonlyMap<string, number>>,
  figures: readonly ComputedFigure[],
  suppression: readonly ('primary' | 'secondary' | null)[],
): ComputedInput[] {
  const inputs: ComputedInput[] = [];
  for (const [index, f] of figures.entries()) {
    const placeId = ids.get(f.level)!.get(f.level === 'country' ? england.code : f.code);
    if (placeId === undefined || f.value === null) continue;
    inputs.push({
      indicatorCode: f.indicator,
      placeId,
      breakdown: f.breakdown,
      value: f.value,
      numerator: f.numerator,
      denominator: f.denominator,
      pupils: f.pupils,
      rule: f.rule,
      publicSuppression: suppression[index]!,
    });
  }
  return inputs;
}

/**
 * Changes whenever the public suppression rules change, so that `waymark compute` decides every figure again
 * (1: primary and secondary suppression over each table family, decided at compute).
 */
const disclosureVersion = 1;
