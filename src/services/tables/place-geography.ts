import type { PlaceGeography } from '../../domain/tables/built-table.ts';
import type { PlaceRow } from '../../store/place-store.ts';
import type { Store } from '../../store/store.ts';

/**
 * Where each LA, district and school chosen stands, as the open-data layout names it (built-table.ts PlaceGeography):
 * an LA's region and ONS code, a district's LA (its current link) and that LA's region, a school's LA (by its
 * register's LA code) and region, and its LAESTAB. A query for the regions, one for each district's LA, one for the
 * schools' LAs.
 */
export async function placeGeography(store: Store, places: readonly PlaceRow[]): Promise<Map<number, PlaceGeography>> {
  const rows = places.filter((r) => r.kind === 'la' || r.kind === 'district' || r.kind === 'school');
  if (rows.length === 0) return new Map();
  const regions = await store.places.laRegions();
  const laOf = (la: PlaceRow<'la'> | undefined) =>
    la === undefined ? null : { la: { code: la.code, newCode: la.attributes.onsCode ?? null, name: la.name }, region: regions.get(la.code) ?? null };
  const schoolLas = new Map(
    (await store.places.findMany('la', [...new Set(rows.flatMap((r) => (r.kind === 'school' ? [r.attributes.laCode] : [])))])).map((la) => [la.code, la]),
  );
  const geography = new Map<number, PlaceGeography>();
  for (const r of rows) {
    if (r.kind === 'la') geography.set(r.id, { region: regions.get(r.code) ?? null, newCode: r.attributes.onsCode ?? null });
    else if (r.kind === 'district') {
      const parents = (await store.places.parents(r.id)).filter((p): p is typeof p & PlaceRow<'la'> => p.kind === 'la');
      geography.set(r.id, laOf(parents.find((p) => p.validTo === null) ?? parents.at(-1)) ?? {});
    } else if (r.kind === 'school') geography.set(r.id, { ...(laOf(schoolLas.get(r.attributes.laCode)) ?? {}), laestab: r.attributes.laestab });
  }
  return geography;
}
