import { england, regions } from '../../domain/geography/reference-places.ts';
import type { Store } from '../../store/store.ts';

/** England and its nine regions exist in every store: imports and the demo hang LAs from them. */
export async function ensureReferenceGeography(tx: Store): Promise<{ englandId: number; regionIds: Map<string, number> }> {
  const { ids: countryIds } = await tx.places.upsert('country', [{ code: england.code, name: england.name }], null);
  const englandId = countryIds.get(england.code)!;
  const { ids: regionIds } = await tx.places.upsert(
    'region',
    regions.map((r) => ({ code: r.code, name: r.name })),
    null,
  );
  await tx.places.addLinks(
    [...regionIds.values()].map((id) => ({ placeId: id, parentId: englandId, validFrom: null, validTo: null, basis: 'ONS regions' })),
    null,
  );
  return { englandId, regionIds };
}
