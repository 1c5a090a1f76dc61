import type { FileIssue } from '../../domain/errors.ts';
import { laOnsCodes } from '../../domain/geography/reference-places.ts';
import type { SchoolRecord } from '../../domain/geography/register.ts';
import type { Store } from '../../store/store.ts';
import { zeroCounts, type Counts } from '../imports/import-counts.ts';

/** Schools from the performance tables' spine or the GIAS establishment file, with their LA and (GIAS) district. */
export async function writeSchools(
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
