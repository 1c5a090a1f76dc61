import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { relative } from 'node:path';
import { aggregateAdHoc, type SchoolPlacement } from '../../compute/aggregate-pupils.ts';
import { withDuckDb, withLiveDuckDb } from '../../compute/duckdb.ts';
import { incomingFilePath, pupilFilePath, removeInterruptedWrites, writePupilParquet } from '../../compute/pupil-files.ts';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import type { PlaceKind } from '../../domain/geography/place.ts';
import { policyAt, type DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import type { DataVersion, Indicator } from '../../domain/indicators/indicator.ts';
import { filterLabel, type PupilFilter } from '../../domain/pupils/breakdowns.ts';
import { readPupilFileName } from '../../domain/pupils/pupil-file-name.ts';
import { membershipsForYear } from '../../domain/geography/school-placement.ts';
import { unknownSchoolsNote, type AnyPupilRecord, type Collection } from '../../domain/pupils/pupil-record.ts';
import type { Log } from '../../log.ts';
import type { Store } from '../../store/store.ts';
import type { AuditContext, AuditWho } from '../audit/audit-service.ts';
import { discloseRows } from '../indicators/disclose-rows.ts';
import { publishedPupilGroup, type AdHocAnswer } from './pupil-groups.ts';

export type { AdHocFigure } from './pupil-groups.ts';
export { computeFormat, type ComputeStep, type ComputeSummary } from './pupil-compute.ts';
import { computePupilFiles, type ComputeStep, type ComputeSummary } from './pupil-compute.ts';

export const pupilFormat = 'pupil-records';

/** A registered pupil file: the newest batch for its collection, year and data version. */
export type PupilFile = Readonly<{
  batchId: number;
  collection: Collection;
  period: string;
  dataVersion: DataVersion;
  path: string;
  rows: number;
  hash: string;
}>;

export type AdHocQuery = Readonly<{
  collection: Collection;
  period: string;
  dataVersion?: DataVersion;
  placeKind: PlaceKind;
  place: string;
  filter: PupilFilter;
}>;

/**
 * Pupil-level records: written as Parquet under the data directory (one file per collection, year and data version,
 * each registered as an import batch), aggregated on DuckDB into observations with basis 'computed', and asked
 * live for pupil groups nobody precomputed. Figures computed from a file are replaced as a whole, in one transaction.
 */
export function createPupilService(store: Store, log: Log, pupilDir: string, catalogue: () => readonly Indicator[], audit: AuditContext) {
  const files = async (): Promise<PupilFile[]> => {
    const newest = new Map<string, PupilFile>();
    for (const b of await store.register.batches(100_000, pupilFormat)) {
      const key = readPupilFileName(b.fileName);
      if (key === null) continue;
      const id = `${key.collection}|${key.period}|${key.dataVersion}`;
      if (newest.has(id)) continue; // batches come newest first
      newest.set(id, {
        batchId: b.id,
        ...key,
        path: `${pupilDir}/${b.fileName}`,
        rows: b.rowCount,
        hash: b.fileHash,
      });
    }
    return [...newest.values()].sort((a, b) => a.period.localeCompare(b.period) || a.collection.localeCompare(b.collection));
  };

  /** Where each school counted in the period (domain/geography/school-placement.ts): district, LA, region and groupings. */
  const placements = async (period: string): Promise<{ schools: SchoolPlacement[]; laRegions: Map<string, string> }> => {
    const links = await store.places.schoolParentLinks();
    const laRegions = await store.places.regionCodesOfLas();
    const codeOf = new Map<number, string>();
    for (const kind of ['school', 'district', 'la', 'grouping'] as const) for (const [code, id] of await store.places.idsByCode(kind)) codeOf.set(id, code);
    const byUrn = new Map<string, { district: string | null; la: string | null; groupings: string[] }>();
    for (const m of membershipsForYear(links, period)) {
      const urn = codeOf.get(m.schoolId)!;
      const entry = byUrn.get(urn) ?? { district: null, la: null, groupings: [] };
      if (m.parentKind === 'district') entry.district = codeOf.get(m.parentId)!;
      else if (m.parentKind === 'la') entry.la = codeOf.get(m.parentId)!;
      else entry.groupings.push(codeOf.get(m.parentId)!);
      byUrn.set(urn, entry);
    }
    return {
      schools: [...byUrn]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([urn, p]) => ({ urn, ...p, groupings: p.groupings.sort(), region: p.la === null ? null : (laRegions.get(p.la) ?? null) })),
      laRegions,
    };
  };

  /** Remove the half-written files an interrupted import or demo build left (at start, and before every write). */
  const removeLeftovers = async (): Promise<number> => {
    const removed = await removeInterruptedWrites(pupilDir);
    if (removed.length > 0) log.warn({ files: removed.length }, 'removed the unfinished pupil files of an interrupted import');
    return removed.length;
  };

  return {
    files,
    placements,
    removeLeftovers,

    /** Write one collection's records for a year and version as Parquet and register the file as an import batch. */
    async writeFile(
      input: Readonly<{
        collection: Collection;
        period: string;
        dataVersion: DataVersion;
        records: Iterable<AnyPupilRecord>;
        source: string;
        notes?: readonly string[];
      }>,
      who: AuditWho = audit.who,
    ): Promise<{ batchId: number; rows: number; path: string; notes: string[] }> {
      await removeLeftovers();
      // Written under a temporary name, then named for its hash: an unregistered file is never read.
      const incoming = incomingFilePath(pupilDir, input.collection);
      const urns = new Set<string>();
      const source = input.records;
      const records = (function* () {
        for (const record of source) {
          urns.add(record.urn);
          yield record;
        }
      })();
      const { rows } = await withDuckDb((connection) => writePupilParquet(connection, input.collection, records, incoming));
      const schools = await store.places.idsByCode('school');
      const unknownSchools = unknownSchoolsNote(urns, (urn) => schools.has(urn));
      const notes = [...(input.notes ?? []), ...(unknownSchools === null ? [] : [unknownSchools])];
      const hash = await fileHash(incoming);
      const path = pupilFilePath(pupilDir, input.collection, input.period, input.dataVersion, hash);
      await rename(incoming, path);
      const batchId = await store.transaction(async (tx) => {
        const id = await tx.register.openBatch({
          fileName: relative(pupilDir, path),
          fileHash: hash,
          format: pupilFormat,
          rowCount: rows,
          dataVersion: input.dataVersion,
        });
        await tx.register.closeBatch(id, {
          inserted: rows,
          updated: 0,
          closed: 0,
          unchanged: 0,
          skipped: 0,
          notes: [`${input.collection} pupil records for ${input.period} (${input.dataVersion}) from ${input.source}`, ...notes],
        });
        await audit.trail.record(tx, who, {
          action: 'pupils.import',
          subject: `batch:${id}`,
          detail: { collection: input.collection, period: input.period, dataVersion: input.dataVersion, rows },
        });
        return id;
      });
      log.info({ batchId, collection: input.collection, period: input.period, rows }, 'pupil file registered');
      return { batchId, rows, path, notes };
    },

    /**
     * Compute every registered pupil file into observations (pupil-compute.ts). A file whose inputs are unchanged since
     * its last compute is left as it is: running twice writes nothing.
     */
    compute: async (progress: (step: ComputeStep) => void = () => {}, who: AuditWho = audit.who): Promise<ComputeSummary> =>
      computePupilFiles(
        { store, log, pupilDir, catalogue: catalogue(), files: await files(), placements, record: (tx, record) => audit.trail.record(tx, who, record) },
        progress,
      ),

    /**
     * A pupil group answered from the pupil file. For the public, and for staff outside their scope, only the groups the
     * computed tables hold, with the suppression decided over them: a live answer for any combination could be
     * differenced against another (FSM girls = FSM − FSM boys). Staff at a place in their scope, whose every school that
     * year is in their scope today, get any combination live from the pupil records; that read is audited.
     */
    async adHoc(query: AdHocQuery, policy: DisclosurePolicy, who: AuditWho = audit.who): Promise<AdHocAnswer> {
      const version = query.dataVersion ?? 'final';
      const file = (await files()).find((f) => f.collection === query.collection && f.period === query.period && f.dataVersion === version);
      if (file === undefined) throw new NotFoundError(`No ${query.collection} pupil records for ${query.period} (${version})`);
      const place = await store.places.find(query.placeKind, query.place);
      if (place === undefined) throw new NotFoundError(`No ${query.placeKind} with code ${query.place}`);
      const placePolicy = policyAt(policy, place.id);
      if (placePolicy.audience === 'public') return publishedPupilGroup(store, catalogue(), place.id, file, query.filter, placePolicy);
      let urns: string[] | null = null;
      if (query.placeKind === 'school') urns = [query.place];
      else if (query.placeKind !== 'country') {
        const placed = (await placements(query.period)).schools;
        const inPlace = (p: SchoolPlacement) =>
          query.placeKind === 'district'
            ? p.district === query.place
            : query.placeKind === 'la'
              ? p.la === query.place
              : query.placeKind === 'region'
                ? p.region === query.place
                : query.placeKind === 'grouping' && p.groupings.includes(query.place);
        if (!['district', 'la', 'region', 'grouping'].includes(query.placeKind))
          throw new BadRequestError(`Pupil groups are asked for a school, district, grouping, LA, region or England, not a ${query.placeKind}`);
        urns = placed.filter(inPlace).map((p) => p.urn);
      }
      const outOfScope =
        policy.unsuppressedAt !== undefined && urns !== null && (await store.places.findMany('school', urns)).some((s) => !policy.unsuppressedAt!.has(s.id));
      if (outOfScope) return publishedPupilGroup(store, catalogue(), place.id, file, query.filter, policy);
      const computed = await withLiveDuckDb((connection) => aggregateAdHoc(connection, file, urns, query.filter));
      const indicators = new Map(catalogue().map((i) => [i.code, i]));
      const rows = computed
        .filter((f) => indicators.has(f.indicator))
        .map((f) => ({
          placeId: place.id,
          indicatorCode: f.indicator,
          decimalPlaces: null,
          value: f.value,
          numerator: f.numerator,
          denominator: f.denominator,
          symbol: f.value === null ? ('x' as const) : null,
        }));
      const shown = discloseRows(rows, (code) => indicators.get(code)!, placePolicy);
      // The group's size is shown only where it is not itself a small number the policy hides.
      const pupils = Math.max(0, ...computed.map((f) => f.denominator ?? 0));
      await store.transaction((tx) =>
        audit.trail.record(tx, who, {
          action: 'pupils.read-group',
          subject: `pupil-file:${file.collection}:${file.period}:${file.dataVersion}`,
          placeId: place.id,
          detail: { filter: filterLabel(query.filter), pupils },
        }),
      );
      return {
        breakdown: filterLabel(query.filter),
        pupils: pupils > 0 && pupils < placePolicy.denominatorThreshold ? null : pupils,
        figures: rows.map((r, i) => ({
          ...shown[i]!,
          indicator: r.indicatorCode,
          title: indicators.get(r.indicatorCode)!.title,
          rule: computed.find((c) => c.indicator === r.indicatorCode)!.rule,
        })),
      };
    },
  };
}

async function fileHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
