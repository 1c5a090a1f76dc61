import { createHash } from 'node:crypto';
import { ImportRejectedError, type FileIssue } from '../../domain/errors.ts';
import { planningAreaKind } from '../../domain/geography/place-attributes.ts';
import type { AreaMembership, CapacityRecord, HousingSite, PlannedChange, PlanningArea } from '../../domain/place-planning/place-planning.ts';
import type { Store } from '../../store/store.ts';
import type { AuditWho } from '../audit/audit-service.ts';
import { laOrNotFound, type PlanningContext } from './planning-context.ts';
import { readPlanningData } from './planning-data.ts';
import { remakeSurplusFigures } from './surplus-figures.ts';

/** The line of the file a record was read from (its first row), when it came from a file: problems name it. */
type Located = Readonly<{ line?: number }>;

/** What one planning file (or the demo) records for an LA: each part given replaces what it covers. */
export type PlanningRecords = Readonly<{
  /** The LA's planning areas, whole: areas not given are closed, with their members. */
  areas?: readonly (PlanningArea & Located)[];
  /** The members of the areas (given with `areas`, or of the areas held). */
  memberships?: readonly (AreaMembership & Located)[];
  /** SCAP capacity: every school's records for the periods given replace the LA's schools' records for those periods. */
  capacity?: readonly (CapacityRecord & Located)[];
  /** Planned changes, by code. */
  changes?: readonly (PlannedChange & Located)[];
  /** Housing sites, by site code, with their completions. */
  housing?: readonly (HousingSite & Located)[];
}>;

/**
 * Every reference the records make, checked against the records and what is held: problems, each naming its line (where
 * the record came from a file) and column. A change must be in a planning area of its own phase; a housing site's
 * primary area must be a primary planning area and its secondary area a secondary one.
 */
function problemsOf(file: string, laCode: string, records: PlanningRecords, held: readonly PlanningArea[]): FileIssue[] {
  const issues: FileIssue[] = [];
  const issue = (at: Located, column: string, message: string) => issues.push({ file, line: at.line ?? null, column, message });
  const areas = new Map((records.areas ?? held).map((a) => [a.code, a]));
  const notAnArea = (code: string) => `${code}, which is not a planning area of LA ${laCode}`;
  for (const a of records.areas ?? []) {
    if (a.laCode !== laCode) issue(a, 'la_code', `planning area ${a.code} is in LA ${a.laCode}, not ${laCode}`);
    if (a.feedsArea !== null && areas.get(a.feedsArea)?.phase !== 'secondary')
      issue(a, 'feeds_area', `planning area ${a.code} feeds ${a.feedsArea}, which is not a secondary planning area`);
  }
  for (const m of records.memberships ?? []) {
    if (!areas.has(m.areaCode)) issue(m, 'area_code', `school ${m.urn} is a member of ${notAnArea(m.areaCode)}`);
    if (!(m.share > 0 && m.share <= 1)) issue(m, 'share', `school ${m.urn}'s share in ${m.areaCode} is ${m.share}: a share is above 0 and at most 1`);
  }
  for (const c of records.capacity ?? [])
    for (const [g, n] of Object.entries(c.places))
      if (n === undefined || n < 0 || !Number.isFinite(n)) issue(c, `places_${g}`, `school ${c.urn} has ${n} places in ${c.period}`);
  for (const c of records.changes ?? []) {
    const area = areas.get(c.areaCode);
    if (c.laCode !== laCode) issue(c, 'la_code', `planned change ${c.code} is in LA ${c.laCode}, not ${laCode}`);
    if (area === undefined) issue(c, 'area_code', `planned change ${c.code} is in ${notAnArea(c.areaCode)}`);
    else if (area.phase !== c.phase)
      issue(c, 'phase', `planned change ${c.code} is a ${c.phase} change in ${c.areaCode}, a ${area.phase} planning area: a change is in an area of its phase`);
  }
  for (const s of records.housing ?? [])
    for (const [column, phase, code] of [
      ['primary_area', 'primary', s.primaryArea],
      ['secondary_area', 'secondary', s.secondaryArea],
    ] as const) {
      if (code === null) continue;
      const area = areas.get(code);
      if (area === undefined) issue(s, column, `housing site ${s.code} names ${notAnArea(code)}`);
      else if (area.phase !== phase)
        issue(s, column, `housing site ${s.code} names ${code} as its ${phase} area, but ${code} is a ${area.phase} planning area`);
    }
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** Write the areas as `grouping` places (so the framework reads target 29 by planning area) and as planning areas with members. */
async function writeAreas(tx: Store, laCode: string, file: string, areas: readonly PlanningArea[], memberships: readonly AreaMembership[], batchId: number) {
  const held = await tx.planning.areas(laCode);
  const given = new Set(areas.map((a) => a.code));
  const attributes = (a: PlanningArea) => ({
    definedBy: file,
    kind: planningAreaKind,
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
