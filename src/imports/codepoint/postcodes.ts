import { z } from 'zod';
import { isPostcode, normalisePostcode } from '../../domain/geography/postcode.ts';
import type { PostcodeRecord } from '../../domain/geography/register.ts';
import type { CsvTable } from '../csv-table.ts';
import type { FileIssue } from '../../domain/errors.ts';
import { gathered, readWhole, type RecordReader, type TableHead } from '../chunk-reader.ts';
import { chunkScreen, findDuplicates, hasColumns, optionalInteger, type Screened } from '../row-schema.ts';

/** OS Code-Point Open postcodes (with the product's column headers): each live postcode's county, district and ward. */
const gss = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^[EW]\d{8}$/, `not an ONS ${what} code`);
const row = z.object({
  Postcode: z.string().transform(normalisePostcode).refine(isPostcode, 'not a postcode'),
  Eastings: optionalInteger(0, 800_000),
  Northings: optionalInteger(0, 1_300_000),
  Admin_county_code: gss('county'),
  Admin_district_code: gss('district'),
  Admin_ward_code: z
    .string()
    .trim()
    .regex(/^([EW]\d{8})?$/, 'not an ONS ward code'),
});

export const codepointPostcodes = {
  id: 'codepoint-postcodes',
  label: 'OS Code-Point Open postcodes',
  encoding: 'utf-8',
  recognise: (header: readonly string[]) => hasColumns(header, ['Postcode', 'Eastings', 'Northings', 'Admin_county_code', 'Admin_district_code']),
  parse: (table: CsvTable): Screened<PostcodeRecord> => readWhole(table, (head) => gathered(postcodesReader(head))),
  reader: postcodesReader,
} as const;

/** The file's rows a chunk at a time: each chunk's postcodes, a postcode given twice refused. */
function postcodesReader(head: TableHead): RecordReader<PostcodeRecord, { issues: FileIssue[] }> {
  const rows = chunkScreen(
    row.transform((r) => ({
      postcode: r.Postcode,
      countyCode: r.Admin_county_code,
      districtCode: r.Admin_district_code,
      wardCode: r.Admin_ward_code === '' ? null : r.Admin_ward_code,
      easting: r.Eastings,
      northing: r.Northings,
    })),
  );
  const repeats: FileIssue[] = [];
  const firstLines = new Map<string, number>();
  return {
    read: (chunk) => {
      const records = rows.read(chunk);
      repeats.push(...findDuplicates(head.file, records, (r) => r.postcode, 'Postcode', 'postcode', firstLines));
      return records;
    },
    finish: () => ({ issues: [...rows.issues(), ...repeats] }),
  };
}
