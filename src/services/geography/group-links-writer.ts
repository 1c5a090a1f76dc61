import type { ImportFile } from '../../domain/import-file.ts';
import type { Store } from '../../store/store.ts';
import { zeroCounts, type Counts } from '../imports/import-counts.ts';

/** Trusts, federations and sponsors from GIAS group links, with each school's membership (the file is a snapshot). */
export async function writeGroupLinks(tx: Store, file: Extract<ImportFile, { format: 'gias-group-links' }>, batchId: number, today: string): Promise<Counts> {
  const schools = await tx.places.idsByCode('school');
  const known = file.records.filter((r) => schools.has(r.urn));
  const counts = zeroCounts();
  const groupIds = new Map<string, number>();
  for (const kind of ['trust', 'federation', 'sponsor'] as const) {
    const groups = new Map(known.filter((r) => r.group.kind === kind).map((r) => [r.group.code, r.group]));
    const { ids, counts: c } = await tx.places.upsert(
      kind,
      [...groups.values()].map((g) => ({
        code: g.code,
        name: g.name,
        status: g.status,
        openedOn: g.openedOn,
        closedOn: g.closedOn,
        attributes: { groupType: g.groupType, companiesHouseNumber: g.companiesHouseNumber },
      })),
      batchId,
    );
    for (const [code, id] of ids) groupIds.set(`${kind}:${code}`, id);
    counts.inserted += c.inserted;
    counts.updated += c.updated;
    counts.unchanged += c.unchanged;
    counts.closed += c.closed;
  }
  // The file is a complete snapshot: a membership listed before and missing now has ended.
  const basis = 'GIAS group links';
  const wanted = new Set(known.map((r) => `${schools.get(r.urn)}:${groupIds.get(`${r.group.kind}:${r.group.code}`)}`));
  let ended = 0;
  for (const link of await tx.places.openLinksWithBasis(basis)) {
    if (wanted.has(`${link.placeId}:${link.parentId}`)) continue;
    await tx.places.endLink(link.id, link.validFrom !== null && link.validFrom > today ? link.validFrom : today);
    ended++;
  }
  await tx.places.addLinks(
    known.map((r) => ({
      placeId: schools.get(r.urn)!,
      parentId: groupIds.get(`${r.group.kind}:${r.group.code}`)!,
      validFrom: r.joinedOn,
      validTo: null,
      basis,
    })),
    batchId,
  );
  counts.skipped = file.records.length - known.length;
  counts.notes.push(
    `${known.length} memberships written; ${counts.skipped} rows for establishments not in the register skipped; ${ended} earlier memberships no longer listed were ended on ${today}`,
  );
  return counts;
}
