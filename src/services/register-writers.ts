import type { FileIssue } from '../domain/errors.ts';
import { indexPostcodes, placeByPostcode } from '../domain/geography/postcode.ts';
import { laOnsCodes, plainDistrictName } from '../domain/geography/reference-places.ts';
import type { SchoolRecord } from '../domain/geography/register.ts';
import type { ImportFile } from '../domain/import-file.ts';
import type { Store } from '../store/store.ts';
import { zeroCounts, type Counts } from './import-counts.ts';

/** Writers for the register files: LAs, schools, districts and postcodes, successions, trusts and groupings. */

export type PlacementSummary = Readonly<{ la: string; byPostcode: number; bySectorMajority: number; unplaced: readonly string[] }>;

export async function writeRegisterFile(
  tx: Store,
  file: Exclude<
    ImportFile,
    {
      format:
        | 'lait-dictionary'
        | 'lait-data'
        | 'mapped-csv'
        | 'ons-births'
        | 'ofsted-inspection-outcomes'
        | 'ofsted-ratings-history'
        | 'ofsted-management-information';
    }
  >,
  batchId: number,
  today: string,
  issues: FileIssue[],
): Promise<Counts> {
  switch (file.format) {
    case 'la-code-list': {
      const regions = await tx.places.idsByCode('region');
      const { ids, counts } = await tx.places.upsert(
        'la',
        file.records.map((r) => ({ code: r.code, name: r.name, attributes: { onsCode: laOnsCodes[r.code] ?? null, laType: r.laType } })),
        batchId,
      );
      const links = file.records.map((r) => ({
        placeId: ids.get(r.code)!,
        parentId: regions.get(r.regionCode)!,
        validFrom: null,
        validTo: null,
        basis: 'DfE LA code list',
      }));
      await tx.places.replaceLinks([...ids.values()], 'region', links, batchId);
      return { ...zeroCounts(), ...counts };
    }
    case 'performance-tables-spine':
    case 'gias-establishments':
      return writeSchools(tx, file.file, file.format, file.records, batchId, issues);
    case 'codepoint-code-names': {
      const districts = file.records.filter((r) => r.level === 'district');
      const { ids, counts } = await tx.places.upsert(
        'district',
        districts.map((r) => ({ code: r.code, name: plainDistrictName(r.name), attributes: { codeListName: r.name } })),
        batchId,
      );
      const counties = file.records.filter((r) => r.level === 'county');
      const notes: string[] = [];
      if (counties.length === 1 && counties[0] !== undefined) {
        const la = await laForCounty(tx, counties[0].code);
        if (la !== null)
          await tx.places.replaceLinks(
            [...ids.values()],
            'la',
            [...ids.values()].map((id) => ({ placeId: id, parentId: la, validFrom: null, validTo: null, basis: 'postcode file code list' })),
            batchId,
          );
        else notes.push(`county ${counties[0].code} is not a known LA: districts are linked to it when its postcodes are imported`);
      }
      return {
        ...zeroCounts(),
        ...counts,
        skipped: file.records.length - districts.length,
        notes: [...notes, `${file.records.length - districts.length} county and ward names not stored as places`],
      };
    }
    case 'codepoint-postcodes': {
      const counties = new Map<string, number>();
      for (const r of file.records) counties.set(r.countyCode, (counties.get(r.countyCode) ?? 0) + 1);
      for (const county of counties.keys()) {
        if ((await laForCounty(tx, county)) === null) {
          const first = file.records.find((r) => r.countyCode === county);
          issues.push({
            file: file.file,
            line: first?.line ?? null,
            column: 'Admin_county_code',
            message: `unknown code: county ${county} is not a local authority in the store (import the LA code list first)`,
          });
        }
      }
      const counts = await tx.register.upsertPostcodes(file.records, batchId);
      return { ...zeroCounts(), ...counts };
    }
    case 'gias-links': {
      const counts = await tx.register.upsertSuccessions(file.records, batchId);
      const known = await tx.places.idsByCode('school');
      const outside = file.records.filter((r) => !known.has(r.predecessorUrn) || !known.has(r.successorUrn)).length;
      return { ...zeroCounts(), ...counts, notes: [`${outside} successions involve a URN not in the register; they are kept so histories read across them`] };
    }
    case 'gias-group-links':
      return writeGroupLinks(tx, file, batchId, today);
    case 'statistical-neighbours':
      return writeNeighbourLists(tx, file, batchId);
    case 'grouping-file': {
      const schools = await tx.places.idsByCode('school');
      for (const r of file.records)
        if (!schools.has(r.urn))
          issues.push({ file: file.file, line: r.line, column: 'URN', message: `unknown code: URN ${r.urn} is not a school in the register` });
      const groups = new Map(file.records.map((r) => [r.groupCode, r.groupName]));
      const { ids, counts } = await tx.places.upsert(
        'grouping',
        [...groups].map(([code, name]) => ({ code, name, attributes: { definedBy: file.file } })),
        batchId,
      );
      const removed = await tx.places.clearMembers([...ids.values()]);
      await tx.places.addLinks(
        file.records
          .filter((r) => schools.has(r.urn))
          .map((r) => ({
            placeId: schools.get(r.urn)!,
            parentId: ids.get(r.groupCode)!,
            validFrom: r.validFrom,
            validTo: r.validTo,
            basis: `grouping file ${file.file}`,
          })),
        batchId,
      );
      return {
        ...zeroCounts(),
        ...counts,
        notes: [`${file.records.length} memberships of ${groups.size} groups written (${removed} earlier memberships of those groups replaced)`],
      };
    }
  }
}

async function writeSchools(
  tx: Store,
  fileName: string,
  format: 'performance-tables-spine' | 'gias-establishments',
  records: readonly SchoolRecord[],
  batchId: number,
  issues: FileIssue[],
): Promise<Counts> {
  const las = await tx.places.idsByCode('la');
  const notes: string[] = [];
  const missing = [...new Set(records.map((r) => r.attributes.laCode).filter((code) => !las.has(code)))];
  if (missing.length > 0) {
    if (format === 'gias-establishments') {
      // GIAS names its LAs: create the missing ones (outside England's regions, e.g. Welsh or overseas codes).
      const names = new Map(records.map((r) => [r.attributes.laCode, r.laName ?? r.attributes.laCode]));
      const { ids } = await tx.places.upsert(
        'la',
        missing.map((code) => ({ code, name: names.get(code)!, attributes: { onsCode: laOnsCodes[code] ?? null } })),
        batchId,
      );
      for (const [code, id] of ids) las.set(code, id);
      notes.push(`${missing.length} LAs named only in this file were added without a region: ${missing.join(', ')}`);
    } else {
      for (const code of missing) {
        const first = records.find((r) => r.attributes.laCode === code);
        issues.push({
          file: fileName,
          line: first?.line ?? null,
          column: 'LA',
          message: `unknown code: LA ${code} is not in the store (import the DfE LA code list first, e.g. lait/la_code_list.csv)`,
        });
      }
      return zeroCounts();
    }
  }
  const { ids, counts } = await tx.places.upsert(
    'school',
    records.map((r) => ({ code: r.urn, name: r.name, status: r.status, openedOn: r.openedOn, closedOn: r.closedOn, attributes: r.attributes })),
    batchId,
  );
  const basis = format === 'gias-establishments' ? 'GIAS establishment file' : 'performance tables spine';
  await tx.places.replaceLinks(
    [...ids.values()],
    'la',
    records.map((r) => ({ placeId: ids.get(r.urn)!, parentId: las.get(r.attributes.laCode)!, validFrom: r.openedOn, validTo: r.closedOn, basis })),
    batchId,
  );
  if (format === 'gias-establishments') {
    const withDistrict = records.filter((r) => r.district !== null);
    const districts = new Map(withDistrict.map((r) => [r.district!.code, { name: r.district!.name, la: las.get(r.attributes.laCode)! }]));
    const existing = await tx.places.idsByCode('district');
    const { ids: districtIds } = await tx.places.upsert(
      'district',
      [...districts].filter(([code]) => !existing.has(code)).map(([code, d]) => ({ code, name: d.name })),
      batchId,
    );
    for (const [code, id] of existing) districtIds.set(code, id);
    await tx.places.addLinks(
      [...districts].map(([code, d]) => ({
        placeId: districtIds.get(code)!,
        parentId: d.la,
        validFrom: null,
        validTo: null,
        basis: 'GIAS DistrictAdministrative',
      })),
      batchId,
    );
    await tx.places.replaceLinks(
      withDistrict.map((r) => ids.get(r.urn)!),
      'district',
      withDistrict.map((r) => ({
        placeId: ids.get(r.urn)!,
        parentId: districtIds.get(r.district!.code)!,
        validFrom: null,
        validTo: null,
        basis: 'GIAS DistrictAdministrative',
      })),
      batchId,
    );
  }
  return { ...zeroCounts(), ...counts, notes };
}

async function writeGroupLinks(tx: Store, file: Extract<ImportFile, { format: 'gias-group-links' }>, batchId: number, today: string): Promise<Counts> {
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

async function laForCounty(tx: Store, countyCode: string): Promise<number | null> {
  const laCode = Object.entries(laOnsCodes).find(([, ons]) => ons === countyCode)?.[0];
  if (laCode === undefined) return null;
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
      const address = (school.attributes as { address?: { postcode?: string | null } }).address;
      const placement = placeByPostcode(address?.postcode ?? null, index);
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

/**
 * Each LA's neighbour group for one list version: a place `sn-<LA>-<version>` holding the LA and its ten neighbours,
 * each link's basis naming the neighbour's rank and closeness. A re-imported list redefines its groups.
 */
async function writeNeighbourLists(tx: Store, file: Extract<ImportFile, { format: 'statistical-neighbours' }>, batchId: number): Promise<Counts> {
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
