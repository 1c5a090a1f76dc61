import { createHash } from 'node:crypto';
import { ImportRejectedError, type FileIssue } from '../../domain/errors.ts';
import type { AreaMembership, CapacityRecord, HousingSite, PlannedChange, PlanningArea } from '../../domain/place-planning/place-planning.ts';
import type { Store } from '../../store/store.ts';
import type { AuditWho } from '../audit/audit-service.ts';
import { laOrNotFound, type PlanningContext } from './planning-context.ts';
import { readPlanningData } from './planning-data.ts';
import { remakeSurplusFigures } from './surplus-figures.ts';

/** What one planning file (or the demo) records for an LA: each part given replaces what it covers. */
export type PlanningRecords = Readonly<{
  /** The LA's planning areas, whole: areas not given are closed, with their members. */
  areas?: readonly PlanningArea[];
  /** The members of the areas (given with `areas`, or of the areas held). */
  memberships?: readonly AreaMembership[];
  /** SCAP capacity: every school's records for the periods given replace the LA's schools' records for those periods. */
  capacity?: readonly CapacityRecord[];
  /** Planned changes, by code. */
  changes?: readonly PlannedChange[];
  /** Housing sites, by site code, with their completions. */
  housing?: readonly HousingSite[];
}>;

/** Every reference the records make, checked against the records and what is held: problems, each naming its column. */
function problemsOf(file: string, laCode: string, records: PlanningRecords, held: readonly PlanningArea[]): FileIssue[] {
  const issues: FileIssue[] = [];
  const issue = (column: string, message: string) => issues.push({ file, line: null, column, message });
  const areas = new Map((records.areas ?? held).map((a) => [a.code, a]));
  for (const a of records.areas ?? []) {
    if (a.laCode !== laCode) issue('la_code', `planning area ${a.code} is in LA ${a.laCode}, not ${laCode}`);
    if (a.feedsArea !== null && areas.get(a.feedsArea)?.phase !== 'secondary')
      issue('feeds_area', `planning area ${a.code} feeds ${a.feedsArea}, which is not a secondary planning area`);
  }
  for (const m of records.memberships ?? []) {
    if (!areas.has(m.areaCode)) issue('area_code', `school ${m.urn} is a member of ${m.areaCode}, which is not a planning area of LA ${laCode}`);
    if (!(m.share > 0 && m.share <= 1)) issue('share', `school ${m.urn}'s share in ${m.areaCode} is ${m.share}: a share is above 0 and at most 1`);
  }
  for (const c of records.capacity ?? [])
    for (const [g, n] of Object.entries(c.places))
      if (n === undefined || n < 0 || !Number.isFinite(n)) issue(`places_${g}`, `school ${c.urn} has ${n} places in ${c.period}`);
  for (const c of records.changes ?? []) {
    if (c.laCode !== laCode) issue('la_code', `planned change ${c.code} is in LA ${c.laCode}, not ${laCode}`);
    if (!areas.has(c.areaCode)) issue('area_code', `planned change ${c.code} is in ${c.areaCode}, which is not a planning area of LA ${laCode}`);
  }
  for (const s of records.housing ?? [])
    for (const [column, code] of [
      ['primary_area', s.primaryArea],
      ['secondary_area', s.secondaryArea],
    ] as const)
      if (code !== null && !areas.has(code)) issue(column, `housing site ${s.code} names ${code}, which is not a planning area of LA ${laCode}`);
  return issues;
}

/** Write the areas as `grouping` places (so the framework reads target 29 by planning area) and as planning areas with members. */
async function writeAreas(tx: Store, laCode: string, file: string, areas: readonly PlanningArea[], memberships: readonly AreaMembership[], batchId: number) {
  const held = await tx.planning.areas(laCode);
  const given = new Set(areas.map((a) => a.code));
  const attributes = (a: PlanningArea) => ({
    definedBy: file,
    kind: 'planning-area',
    phase: a.phase,
    laCode: a.laCode,
    districtCode: a.districtCode,
    feedsArea: a.feedsArea,
  });
  const { ids } = await tx.places.upsert(
    'grouping',
    [
      ...areas.map((a) => ({ code: a.code, name: a.name, attributes: attributes(a) })),
      ...held.filter((a) => !given.has(a.code)).map((a) => ({ code: a.code, name: a.name, status: 'closed' as const, attributes: attributes(a) })),
    ],
    batchId,
  );
  await tx.places.clearMembers(held.map((a) => a.placeId));
  await tx.planning.replaceAreas(
    laCode,
    areas.map((a) => ({ ...a, placeId: ids.get(a.code)! })),
    memberships,
    batchId,
  );
  const schools = await tx.places.idsByCode('school');
  await tx.places.addLinks(
    memberships.flatMap((m) => {
      const placeId = schools.get(m.urn);
      return placeId === undefined ? [] : [{ placeId, parentId: ids.get(m.areaCode)!, validFrom: m.validFrom, validTo: m.validTo, basis: 'planning area' }];
    }),
    batchId,
  );
}

/**
 * Write what a planning file gives inside the caller's transaction, each part replacing what it covers, then remake the
 * LA's surplus figures; refused whole (ImportRejectedError, nothing written) when a reference is to nothing held or given.
 */
export async function writeRecords(
  tx: Store,
  input: Readonly<{ laCode: string; file: string; records: PlanningRecords; batchId: number; at: Date; by: string }>,
): Promise<Record<string, number>> {
  const { laCode, file, records, batchId } = input;
  await laOrNotFound(tx, laCode);
  const held = await tx.planning.areas(laCode);
  const issues = problemsOf(file, laCode, records, held);
  if (issues.length > 0) throw new ImportRejectedError(issues);
  const written: Record<string, number> = {};
  if (records.areas !== undefined || records.memberships !== undefined) {
    const areas = records.areas ?? held;
    const memberships = records.memberships ?? (await tx.planning.memberships(laCode));
    await writeAreas(tx, laCode, file, areas, memberships, batchId);
    written.areas = areas.length;
    written.memberships = memberships.length;
  }
  if (records.capacity !== undefined) {
    const members = (await tx.planning.memberships(laCode)).map((m) => m.urn);
    const urns = [...new Set([...members, ...records.capacity.map((c) => c.urn)])];
    await tx.planning.replaceCapacity(urns, [...new Set(records.capacity.map((c) => c.period))], records.capacity);
    written.capacity = records.capacity.length;
  }
  if (records.changes !== undefined) {
    await tx.planning.upsertChanges(records.changes, input.at, input.by);
    written.changes = records.changes.length;
  }
  if (records.housing !== undefined) {
    await tx.planning.replaceHousing(laCode, records.housing);
    written.housing = records.housing.length;
  }
  written.surplusFigures = await remakeSurplusFigures(tx, await readPlanningData(tx, laCode), batchId);
  return written;
}

/** Record what a planning file gives, in one transaction, audited, as its own batch. */
export function createPlanningRecorder(context: PlanningContext) {
  return {
    async record(laCode: string, file: string, records: PlanningRecords, who: AuditWho): Promise<{ written: Record<string, number> }> {
      return context.store.transaction(async (tx) => {
        await laOrNotFound(tx, laCode);
        const rows = Object.values(records).reduce((n: number, part: readonly unknown[] | undefined) => n + (part?.length ?? 0), 0);
        const hash = createHash('sha256').update(JSON.stringify(records)).digest('hex');
        const batchId = await tx.register.openBatch({ fileName: file, fileHash: hash, format: 'planning-records', rowCount: rows });
        const written = await writeRecords(tx, { laCode, file, records, batchId, at: context.now(), by: who.actor });
        await tx.register.closeBatch(batchId, {
          inserted: rows,
          updated: 0,
          closed: 0,
          unchanged: 0,
          skipped: 0,
          notes: Object.entries(written).map(([k, n]) => `${k}: ${n}`),
        });
        await context.trail.record(tx, who, { action: 'planning.record', subject: `la:${laCode}`, detail: { file, ...written, batch: batchId } });
        return { written };
      });
    },
  };
}
