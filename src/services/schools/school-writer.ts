import type { FileIssue } from '../../domain/errors.ts';
import { laOnsCodes } from '../../domain/geography/reference-places.ts';
import { changedWhileRead, type ImportFile } from '../../domain/import-file.ts';
import type { Store } from '../../store/store.ts';
import { addCounts, zeroCounts, type Counts } from '../imports/import-counts.ts';

/**
 * Schools from the performance tables' spine or the GIAS establishment file, with their LA and (GIAS) district, written
 * a chunk of schools at a time as the file is read again (issue 20.5). The LAs and districts the file names were seen
 * when it was screened (SchoolFileSummary): an LA the store lacks is settled before any school is written, and a
 * district is written, with the name and LA the file's last school in it gives, when its first school is.
 */
export async function writeSchools(
  tx: Store,
  file: Extract<ImportFile, { format: 'performance-tables-spine' | 'gias-establishments' }>,
  batchId: number,
  issues: FileIssue[],
): Promise<Counts> {
  const { format, summary } = file;
  const las = await tx.places.idsByCode('la');
  const notes: string[] = [];
  const missing = [...summary.las.keys()].filter((code) => !las.has(code));
  if (missing.length > 0) {
    if (format === 'gias-establishments') {
      // GIAS names its LAs: create the missing ones (outside England's regions, e.g. Welsh or overseas codes).
      const { ids } = await tx.places.upsert(
        'la',
        missing.map((code) => ({ code, name: summary.las.get(code)?.name ?? code, attributes: { onsCode: laOnsCodes[code] ?? null } })),
        batchId,
      );
      for (const [code, id] of ids) las.set(code, id);
      notes.push(`${missing.length} LAs named only in this file were added without a region: ${missing.join(', ')}`);
    } else {
      for (const code of missing)
        issues.push({
          file: file.file,
          line: summary.las.get(code)?.line ?? null,
          column: 'LA',
          message: `unknown code: LA ${code} is not in the store (import the DfE LA code list first, e.g. lait/la_code_list.csv)`,
        });
      return zeroCounts();
    }
  }
  const basis = format === 'gias-establishments' ? 'GIAS establishment file' : 'performance tables spine';
  const districtIds = format === 'gias-establishments' ? await tx.places.idsByCode('district') : new Map<string, number>();
  const districtsWritten = new Set<string>();
  let counts = zeroCounts();
  for await (const records of file.records(issues)) {
    // A school in an LA or district the screen did not see is in a file changed since: it is refused as such.
    const unseen = records.find((r) => !summary.las.has(r.attributes.laCode) || (r.district !== null && !summary.districts.has(r.district.code)));
    if (unseen !== undefined) {
      issues.push({ file: file.file, line: unseen.line, column: null, message: changedWhileRead });
      break;
    }
    const { ids, counts: written } = await tx.places.upsert(
      'school',
      records.map((r) => ({ code: r.urn, name: r.name, status: r.status, openedOn: r.openedOn, closedOn: r.closedOn, attributes: r.attributes })),
      batchId,
    );
    counts = addCounts(counts, written);
    await tx.places.replaceLinks(
      [...ids.values()],
      'la',
      records.map((r) => ({ placeId: ids.get(r.urn)!, parentId: las.get(r.attributes.laCode)!, validFrom: r.openedOn, validTo: r.closedOn, basis })),
      batchId,
    );
    if (format !== 'gias-establishments') continue;
    const withDistrict = records.filter((r) => r.district !== null);
    const fresh = [...new Set(withDistrict.map((r) => r.district!.code))].filter((code) => !districtsWritten.has(code));
    const named = fresh.map((code) => ({ code, ...summary.districts.get(code)! }));
    const { ids: added } = await tx.places.upsert(
      'district',
      named.filter((d) => !districtIds.has(d.code)).map((d) => ({ code: d.code, name: d.name })),
      batchId,
    );
    for (const [code, id] of added) districtIds.set(code, id);
    await tx.places.addLinks(
      named.map((d) => ({
        placeId: districtIds.get(d.code)!,
        parentId: las.get(d.laCode)!,
        validFrom: null,
        validTo: null,
        basis: 'GIAS DistrictAdministrative',
      })),
      batchId,
    );
    for (const code of fresh) districtsWritten.add(code);
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
  return { ...counts, notes };
}
