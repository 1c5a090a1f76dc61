import type { ImportFile } from '../../domain/import-file.ts';
import type { Store } from '../../store/store.ts';
import { zeroCounts, type Counts } from '../imports/import-counts.ts';

/**
 * Each LA's neighbour group for one list version: a place `sn-<LA>-<version>` holding the LA and its ten neighbours,
 * each link's basis naming the neighbour's rank and closeness. A re-imported list redefines its groups.
 */
export async function writeNeighbourLists(tx: Store, file: Extract<ImportFile, { format: 'statistical-neighbours' }>, batchId: number): Promise<Counts> {
  const las = await tx.places.idsByCode('la');
  const version = file.records[0]?.version ?? '';
  const label = new Date(`${version}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const known = file.records.filter((r) => las.has(r.laCode));
  const { ids, counts } = await tx.places.upsert(
    'neighbour_group',
    known.map((r) => ({
      code: `sn-${r.laCode}-${r.version}`,
      name: `${r.laName}'s statistical neighbours (${label})`,
      attributes: { of: r.laCode, version: r.version, source: file.file },
    })),
    batchId,
  );
  await tx.places.clearMembers([...ids.values()]);
  let missing = 0;
  const links = known.flatMap((r) => {
    const groupId = ids.get(`sn-${r.laCode}-${r.version}`)!;
    const members = [{ placeId: las.get(r.laCode)!, parentId: groupId, validFrom: null, validTo: null, basis: 'the LA itself' }];
    for (const n of r.neighbours) {
      const id = las.get(n.code);
      if (id === undefined) missing++;
      else members.push({ placeId: id, parentId: groupId, validFrom: null, validTo: null, basis: `SN${n.rank} (${n.closeness})` });
    }
    return members;
  });
  await tx.places.addLinks(links, batchId);
  return {
    ...zeroCounts(),
    ...counts,
    skipped: file.records.length - known.length,
    notes: [
      `${known.length} neighbour groups of list ${version}`,
      ...(file.records.length > known.length ? [`${file.records.length - known.length} rows for LAs not in the store skipped`] : []),
      ...(missing > 0 ? [`${missing} neighbours with codes not in the store left out`] : []),
    ],
  };
}
