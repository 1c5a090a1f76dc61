import { indexPostcodes, placeByPostcode } from '../../domain/geography/postcode.ts';
import { laCodeOfCounty } from '../../domain/geography/reference-places.ts';
import type { Store } from '../../store/store.ts';

export type PlacementSummary = Readonly<{ la: string; byPostcode: number; bySectorMajority: number; unplaced: readonly string[] }>;

/** The LA whose ONS county code this is (two-tier counties: their postcodes name the county, not the DfE code). */
export async function laForCounty(tx: Store, countyCode: string): Promise<number | null> {
  const laCode = laCodeOfCounty(countyCode);
  if (laCode === null) return null;
  return (await tx.places.find('la', laCode))?.id ?? null;
}

/**
 * Put every school of an LA whose postcodes are held into its district: by its own postcode, or by
 * the majority district of its postcode sector when the postcode is newer than the file. Schools that
 * GIAS already placed keep GIAS's district.
 */
export async function placeSchoolsInDistricts(tx: Store, batchId: number | null): Promise<PlacementSummary[]> {
  const pairs = await tx.register.countiesWithPostcodes();
  const summaries: PlacementSummary[] = [];
  for (const county of new Set(pairs.map((p) => p.countyCode))) {
    const laId = await laForCounty(tx, county);
    if (laId === null) continue;
    const la = (await tx.places.byIds([laId]))[0]!;
    const districtCodes = pairs.filter((p) => p.countyCode === county).map((p) => p.districtCode);
    const existing = await tx.places.idsByCode('district');
    const { ids: fresh } = await tx.places.upsert(
      'district',
      districtCodes.filter((c) => !existing.has(c)).map((code) => ({ code, name: code })),
      batchId,
    );
    const districtIds = new Map([...existing, ...fresh]);
    await tx.places.addLinks(
      districtCodes.map((c) => ({ placeId: districtIds.get(c)!, parentId: laId, validFrom: null, validTo: null, basis: 'postcode file' })),
      batchId,
    );
    const index = indexPostcodes(await tx.register.postcodesInCounty(county));
    const schools = [...new Map((await tx.places.members(laId, 'school')).map((s) => [s.id, s])).values()];
    const placedByGias = new Set<number>();
    for (const d of districtCodes)
      for (const s of await tx.places.members(districtIds.get(d)!, 'school')) if (s.basis === 'GIAS DistrictAdministrative') placedByGias.add(s.id);
    const links = [];
    const unplaced: string[] = [];
    let byPostcode = 0;
    let bySector = 0;
    for (const school of schools) {
      if (placedByGias.has(school.id)) continue;
      const placement = placeByPostcode(school.attributes.address.postcode, index);
      if (placement.kind === 'none') {
        unplaced.push(school.code);
        continue;
      }
      if (placement.kind === 'exact') byPostcode++;
      else bySector++;
      links.push({ placeId: school.id, parentId: districtIds.get(placement.districtCode)!, validFrom: null, validTo: null, basis: placement.basis });
    }
    await tx.places.replaceLinks(
      schools.map((s) => s.id),
      'district',
      links,
      batchId,
      'postcode',
    );
    summaries.push({ la: la.name, byPostcode, bySectorMajority: bySector, unplaced });
  }
  return summaries;
}
