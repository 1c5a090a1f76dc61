import { z } from 'zod';
import { governanceOf, isStateFunded, sectorOf, type PlaceStatus } from '../../domain/geography/place.ts';
import type { SchoolRecord } from '../../domain/geography/register.ts';
import type { CsvTable } from '../csv-table.ts';
import {
  code,
  flag01,
  hasColumns,
  laCode,
  optionalDate,
  optionalInteger,
  optionalText,
  requiredText,
  screenRows,
  text,
  urn,
  type Screened,
} from '../row-schema.ts';

/**
 * The DfE performance tables' school information file ("spine"), e.g. england_spine_2017-18.csv.
 * ICLOSE: 1 open, 2 closed, 3 neither (proposed to open in the tables' year); dates are yyyymmdd.
 */
const statusByIclose: Record<'1' | '2' | '3', PlaceStatus> = { '1': 'open', '2': 'closed', '3': 'proposed' };

const columns = [
  'URN',
  'LA',
  'ESTAB',
  'LAESTAB',
  'SCHNAME',
  'POSTCODE',
  'ICLOSE',
  'OPENDATE',
  'CLOSEDATE',
  'MINORGROUP',
  'NFTYPE',
  'ISPRIMARY',
  'ISSECONDARY',
  'ISPOST16',
  'AGEL',
  'AGEH',
  'GENDER',
  'RELDENOM',
  'ADMPOL',
  'OTHERURN',
];

const row = z.object({
  URN: urn,
  LA: laCode,
  ESTAB: optionalText,
  LAESTAB: z
    .string()
    .trim()
    .regex(/^(\d{7})?$/, 'not a 7-digit LAESTAB'),
  SCHNAME: requiredText('school name'),
  STREET: optionalText.optional(),
  LOCALITY: optionalText.optional(),
  ADDRESS3: optionalText.optional(),
  TOWN: optionalText.optional(),
  POSTCODE: optionalText,
  ICLOSE: code(['1', '2', '3'], 'ICLOSE status'),
  OPENDATE: optionalDate('yyyymmdd'),
  CLOSEDATE: optionalDate('yyyymmdd'),
  MINORGROUP: code(['Maintained School', 'Academy', 'Special School', 'Independent School', 'College', 'n/a'], 'MINORGROUP'),
  NFTYPE: requiredText('school type'),
  ISPRIMARY: flag01,
  ISSECONDARY: flag01,
  ISPOST16: flag01,
  AGEL: optionalInteger(0, 99),
  AGEH: optionalInteger(0, 99),
  GENDER: optionalText,
  RELDENOM: optionalText,
  ADMPOL: optionalText,
  OTHERURN: text,
});

export const performanceTablesSpine = {
  id: 'performance-tables-spine',
  label: 'DfE performance tables school information (spine)',
  encoding: 'utf-8',
  recognise: (header: readonly string[]) => hasColumns(header, columns),
  headerIssue: () => null,
  /** A chunk of the file's rows screened (school-register-file.ts finds repeated URNs across chunks). */
  screen(table: CsvTable, register = `DfE performance tables school information (${table.file})`): Screened<SchoolRecord> & { skipped: number } {
    // Service Children's Education schools overseas (MINORGROUP "n/a", LA 702/704) belong to no English LA.
    const english = { ...table, rows: table.rows.filter((r) => (r.values.MINORGROUP ?? '').trim() !== 'n/a') };
    const screened = screenRows(
      english,
      row.transform((r, ctx) => {
        if (r.OPENDATE !== null && r.CLOSEDATE !== null && r.CLOSEDATE < r.OPENDATE)
          ctx.addIssue({ code: 'custom', path: ['CLOSEDATE'], message: `closes (${r.CLOSEDATE}) before it opens (${r.OPENDATE})` });
        if (r.LAESTAB !== '' && !r.LAESTAB.startsWith(r.LA))
          ctx.addIssue({ code: 'custom', path: ['LAESTAB'], message: `LAESTAB ${r.LAESTAB} does not start with the LA code ${r.LA}` });
        const governance = governanceOf(r.MINORGROUP, r.NFTYPE);
        const phaseFlags = { primary: r.ISPRIMARY, secondary: r.ISSECONDARY, post16: r.ISPOST16 };
        const record: Omit<SchoolRecord, 'line'> = {
          urn: r.URN,
          name: r.SCHNAME,
          laName: null,
          status: statusByIclose[r.ICLOSE],
          openedOn: r.OPENDATE,
          closedOn: r.CLOSEDATE,
          district: null,
          attributes: {
            urn: r.URN,
            laCode: r.LA,
            establishmentNumber: r.ESTAB,
            laestab: r.LAESTAB === '' ? null : r.LAESTAB,
            typeName: r.NFTYPE,
            typeGroup: r.MINORGROUP,
            governance,
            sector: sectorOf({ typeName: r.NFTYPE, phaseFlags, ageLow: r.AGEL, ageHigh: r.AGEH }),
            stateFunded: isStateFunded(governance),
            phaseFlags,
            ageLow: r.AGEL,
            ageHigh: r.AGEH,
            gender: r.GENDER,
            religiousCharacter: r.RELDENOM,
            admissionsPolicy: r.ADMPOL,
            selective: r.ADMPOL === 'Selective',
            address: { street: r.STREET ?? null, locality: r.LOCALITY ?? null, address3: r.ADDRESS3 ?? null, town: r.TOWN ?? null, postcode: r.POSTCODE },
            linkedUrn: /^\d{5,7}$/.test(r.OTHERURN) ? r.OTHERURN : null,
            pupilsOnRoll: null,
            register,
          },
        };
        return record;
      }),
    );
    return { ...screened, skipped: table.rows.length - english.rows.length };
  },
} as const;
