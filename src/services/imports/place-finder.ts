import { matchLaName } from '../../domain/geography/la-names.ts';
import { england, regionCodeForExactName, regionCodeForName } from '../../domain/geography/reference-places.ts';
import { isUnregistered, unregisteredSchool } from '../../domain/geography/unregistered-school.ts';
import type { PlaceRef } from '../../domain/indicators/published-values.ts';
import type { Store } from '../../store/store.ts';

type Found = { id: number } | { error: string };

/**
 * The places a published file's rows name, found by code or name as the file gives them: LAs a file names with a code
 * added, and schools the register lacks added as unregistered schools (domain/geography/unregistered-school.ts).
 */
export async function placeFinder(tx: Store, batchId: number, fileName: string) {
  const countryId = (await tx.places.find('country', england.code))!.id;
  const added: string[] = [];
  const unregistered = new Set<number>();
  // Schools this file added, with the name and LA code they were last written with.
  const addedSchools = new Map<string, { name: string | null; laCode: string | null }>();
  const byKind = new Map<string, { byCode: Map<string, number>; rows: { code: string; name: string }[] }>();
  const load = async (kind: PlaceRef['kind']) => {
    const cached = byKind.get(kind);
    if (cached !== undefined) return cached;
    const rows = await tx.places.byKind(kind);
    const entry = { byCode: new Map(rows.map((p) => [p.code, p.id])), rows: rows.map((p) => ({ code: p.code, name: p.name })) };
    for (const p of rows) {
      const ons = p.kind === 'la' ? p.attributes.onsCode : undefined;
      if (typeof ons === 'string') entry.byCode.set(ons, p.id);
      if (p.kind === 'school' && isUnregistered(p.attributes)) unregistered.add(p.id);
    }
    byKind.set(kind, entry);
    return entry;
  };
  /** Add an LA a file names (with its code, or by a name the alias table knows) to the store, in its region where known. */
  const addLa = async (code: string, name: string, regionCode: string | null, basis: string) => {
    const { ids } = await tx.places.upsert('la', [{ code, name }], batchId);
    const id = ids.get(code)!;
    const regionId = regionCode === null ? undefined : (await load('region')).byCode.get(regionCode);
    if (regionId !== undefined) await tx.places.addLinks([{ placeId: id, parentId: regionId, validFrom: null, validTo: null, basis }], batchId);
    (await load('la')).byCode.set(code, id);
    added.push(`${code} ${name}`);
    return id;
  };
  return {
    /**
     * Schools the file names by URN that the register lacks get a place of their own
     * (domain/geography/unregistered-school.ts), a chunk of the file's rows at a time: each with the name and LA of the
     * last row naming it, as when the file was read whole, so one added in an earlier chunk is written again when a
     * later chunk names it otherwise.
     */
    async addUnregisteredSchools(refs: readonly PlaceRef[]): Promise<void> {
      if (!refs.some((ref) => ref.kind === 'school')) return;
      const schools = await load('school');
      const missing = new Map<string, PlaceRef>();
      for (const ref of refs) {
        if (ref.kind !== 'school' || ref.code === null) continue;
        const added = addedSchools.get(ref.code);
        if (added !== undefined ? added.name !== ref.name || added.laCode !== ref.laCode : !schools.byCode.has(ref.code)) missing.set(ref.code, ref);
      }
      if (missing.size === 0) return;
      const { ids } = await tx.places.upsert(
        'school',
        [...missing].map(([code, ref]) => ({
          code,
          name: ref.name ?? `URN ${code}`,
          status: 'closed' as const,
          attributes: unregisteredSchool(code, { laCode: ref.laCode, establishmentNumber: null, fileName }),
        })),
        batchId,
      );
      for (const [code, id] of ids) {
        addedSchools.set(code, { name: missing.get(code)!.name, laCode: missing.get(code)!.laCode });
        schools.byCode.set(code, id);
        unregistered.add(id);
      }
    },
    async find(ref: PlaceRef, period: string): Promise<Found | null> {
      if (ref.kind === 'country') return ref.code === null || ref.code === england.code ? { id: countryId } : null;
      const places = await load(ref.kind);
      const byCode = ref.code === null ? undefined : places.byCode.get(ref.code);
      if (byCode !== undefined) return { id: byCode };
      if (ref.kind === 'region') {
        const regionCode = ref.code === null && ref.name !== null ? regionCodeForExactName(ref.name) : null;
        const id = regionCode === null ? undefined : places.byCode.get(regionCode);
        return id === undefined ? null : { id };
      }
      if (ref.kind === 'la' && ref.code === null && ref.name !== null) {
        // An LA named without a code: through the alias table, then the store's names; a name neither knows refuses the file.
        const match = matchLaName(ref.name, period, places.rows);
        if (match === null)
          return { error: `unknown LA name ${JSON.stringify(ref.name)} in ${period}: not a name of any LA the store or the LA alias table knows` };
        return { id: places.byCode.get(match.code) ?? (await addLa(match.code, match.laName, match.regionCode, 'LA alias table')) };
      }
      if (ref.kind !== 'la' || ref.code === null || ref.name === null) return null;
      // A code the store lacks with a name it knows (an ONS code for an LA held by its DfE code) is that LA.
      const named = matchLaName(ref.name, period, places.rows);
      if (named !== null && places.byCode.has(named.code)) return { id: places.byCode.get(named.code)! };
      // An LA the file names with its DfE code and name is added to the store, in its region where the file gives one.
      if (!/^\d{3}$/.test(ref.code)) return null;
      const region = ref.regionCode ?? (ref.regionName === null ? null : regionCodeForName(ref.regionName));
      return { id: await addLa(ref.code, ref.name, region, `${ref.regionCode ? 'region code' : 'region name'} in the file`) };
    },
    added: () => [
      ...(added.length > 0 ? [`${added.length} LAs named only in this file were added: ${added.join(', ')}`] : []),
      ...(addedSchools.size > 0
        ? [`${addedSchools.size} schools the register does not hold were added from this file (URN, name and LA as the file gives them)`]
        : []),
    ],
    unregistered: (): ReadonlySet<number> => unregistered,
  };
}
