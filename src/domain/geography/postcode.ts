/** Postcodes as keys: OS Code-Point writes 'ME101AA' and 'CT1 1AA'; registers write 'ME10 1AA'. */

export function normalisePostcode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

const shape = /^[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}$/;

export function isPostcode(normalised: string): boolean {
  return shape.test(normalised);
}

/** The postcode sector: outward code and the first inward digit ('TN4 8XX' → 'TN48'). */
export function postcodeSector(normalised: string): string {
  return normalised.slice(0, -2);
}

export type DistrictPlacement =
  | Readonly<{ kind: 'exact'; districtCode: string; basis: string }>
  | Readonly<{ kind: 'sector'; districtCode: string; basis: string }>
  | Readonly<{ kind: 'none'; reason: string }>;

export type PostcodeIndex = Readonly<{
  byPostcode: ReadonlyMap<string, string>;
  /** sector → district → number of live postcodes */
  bySector: ReadonlyMap<string, ReadonlyMap<string, number>>;
}>;

export function indexPostcodes(rows: Iterable<Readonly<{ postcode: string; districtCode: string }>>): PostcodeIndex {
  const byPostcode = new Map<string, string>();
  const bySector = new Map<string, Map<string, number>>();
  for (const row of rows) {
    byPostcode.set(row.postcode, row.districtCode);
    const sector = postcodeSector(row.postcode);
    const counts = bySector.get(sector) ?? new Map<string, number>();
    counts.set(row.districtCode, (counts.get(row.districtCode) ?? 0) + 1);
    bySector.set(sector, counts);
  }
  return { byPostcode, bySector };
}

/**
 * A school's district by its postcode: the postcode's own district when the postcode is listed;
 * otherwise (a postcode newer than the postcode file) the district holding most live postcodes of
 * its sector, with the counts in the basis so the guess stays visible.
 */
export function placeByPostcode(rawPostcode: string | null, index: PostcodeIndex): DistrictPlacement {
  if (rawPostcode === null || rawPostcode.trim() === '') return { kind: 'none', reason: 'no postcode' };
  const postcode = normalisePostcode(rawPostcode);
  const exact = index.byPostcode.get(postcode);
  if (exact !== undefined) return { kind: 'exact', districtCode: exact, basis: 'postcode' };
  const counts = index.bySector.get(postcodeSector(postcode));
  if (counts === undefined) return { kind: 'none', reason: `postcode ${rawPostcode} and its sector are not in the postcode file` };
  let best: [string, number] | null = null;
  let total = 0;
  for (const [district, count] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) {
    total += count;
    if (best === null || count > best[1]) best = [district, count];
  }
  if (best === null) return { kind: 'none', reason: 'empty sector' };
  return { kind: 'sector', districtCode: best[0], basis: `postcode sector majority (${best[1]}/${total})` };
}
