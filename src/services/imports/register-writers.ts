import { quoted, type FileIssue } from '../../domain/errors.ts';
import { isPlanningArea } from '../../domain/geography/place-attributes.ts';
import { laOnsCodes, plainDistrictName } from '../../domain/geography/reference-places.ts';
import type { EmploymentFormat, ImportFile } from '../../domain/import-file.ts';
import type { Store } from '../../store/store.ts';
import { laForCounty } from '../geography/district-placement.ts';
import { writeGroupLinks } from '../geography/group-links-writer.ts';
import { addCounts, zeroCounts, type Counts } from './import-counts.ts';
import { writeNeighbourLists } from '../geography/neighbour-list-writer.ts';
import { writeSchools } from '../schools/school-writer.ts';

/**
 * Writers for the register files: LAs, districts and postcodes, successions and groupings here; schools
 * (school-writer.ts), trusts and federations (group-links-writer.ts) and neighbour lists (neighbour-list-writer.ts) in
 * files of their own.
 */

export async function writeRegisterFile(
  tx: Store,
  file: Exclude<
    ImportFile,
    {
      format:
        | 'lait-dictionary'
        | 'lait-data'
        | 'mapped-csv'
        | EmploymentFormat
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
      // A region the store does not hold is the file's problem, named where it is, never a database error.
      const placed = file.records.flatMap((r) => {
        const regionId = regions.get(r.regionCode);
        if (regionId === undefined)
          issues.push({
            file: file.file,
            line: r.line,
            column: 'Region',
            message: `unknown code: region ${quoted(r.regionCode)} of LA ${r.code} is not in the store`,
          });
        return regionId === undefined ? [] : [{ r, regionId }];
      });
      if (placed.length < file.records.length) return zeroCounts();
      const { ids, counts } = await tx.places.upsert(
        'la',
        file.records.map((r) => ({ code: r.code, name: r.name, attributes: { onsCode: laOnsCodes[r.code] ?? null, laType: r.laType } })),
        batchId,
      );
      const links = placed.map(({ r, regionId }) => ({
        placeId: ids.get(r.code)!,
        parentId: regionId,
        validFrom: null,
        validTo: null,
        basis: 'DfE LA code list',
      }));
      await tx.places.replaceLinks([...ids.values()], 'region', links, batchId);
      return { ...zeroCounts(), ...counts };
    }
    case 'performance-tables-spine':
    case 'gias-establishments':
      return writeSchools(tx, file, batchId, issues);
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
      // Every county the file names was seen when it was screened: one the store does not hold refuses the file.
      for (const [county, line] of file.counties)
        if ((await laForCounty(tx, county)) === null)
          issues.push({
            file: file.file,
            line,
            column: 'Admin_county_code',
            message: `unknown code: county ${county} is not a local authority in the store (import the LA code list first)`,
          });
      // Written a chunk at a time as the file is read again (issue 20.5).
      let counts = zeroCounts();
      if (issues.length > 0) return counts;
      for await (const records of file.records(issues)) counts = addCounts(counts, await tx.register.upsertPostcodes(records, batchId));
      return counts;
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
      // A planning area (issue 17) is a grouping that place planning records with its phase and shares: a grouping file
      // naming one would overwrite what it is, so it is refused.
      const firstRows = new Map<string, (typeof file.records)[number]>();
      for (const r of file.records) if (!firstRows.has(r.groupCode)) firstRows.set(r.groupCode, r);
      for (const r of firstRows.values()) {
        const held = await tx.places.find('grouping', r.groupCode);
        if (held !== undefined && isPlanningArea(held.attributes))
          issues.push({
            file: file.file,
            line: r.line,
            column: 'Group code',
            message: `${r.groupCode} is a planning area: change it with \`waymark planning areas\`, not a grouping file`,
          });
      }
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
