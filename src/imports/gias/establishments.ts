import { z } from 'zod';
import { governanceOf, isStateFunded, sectorOf } from '../../domain/geography/place.ts';
import type { SchoolRecord } from '../../domain/geography/register.ts';
import type { FileIssue } from '../../domain/errors.ts';
import type { CsvTable } from '../csv-table.ts';
import { code, hasColumns, laCode, optionalDate, optionalInteger, optionalText, requiredText, screenRows, urn, type Screened } from '../row-schema.ts';

/**
 * The GIAS establishment file ("edubasealldataYYYYMMDD.csv", Get Information about Schools, all
 * establishment data), as LAs download it daily: Windows-1252, dates dd-mm-yyyy, "(code)"/"(name)" column pairs.
 * The published header has over 130 columns; these are the ones the register reads (all must be present).
 */
export const giasColumns = [
  'URN',
  'LA (code)',
  'LA (name)',
  'EstablishmentNumber',
  'EstablishmentName',
  'TypeOfEstablishment (name)',
  'EstablishmentTypeGroup (name)',
  'EstablishmentStatus (name)',
  'OpenDate',
  'CloseDate',
  'PhaseOfEducation (name)',
  'StatutoryLowAge',
  'StatutoryHighAge',
  'OfficialSixthForm (name)',
  'Gender (name)',
  'ReligiousCharacter (name)',
  'AdmissionsPolicy (name)',
  'NumberOfPupils',
  'Street',
  'Locality',
  'Address3',
  'Town',
  'Postcode',
  'DistrictAdministrative (code)',
  'DistrictAdministrative (name)',
] as const;

const statuses = ['Open', 'Closed', 'Open, but proposed to close', 'Proposed to open'] as const;
const phases = ['Not applicable', 'Nursery', 'Primary', 'Middle deemed primary', 'Secondary', 'Middle deemed secondary', '16 plus', 'All-through'] as const;

const row = z.object({
  URN: urn,
  'LA (code)': laCode,
  'LA (name)': requiredText('LA name'),
  EstablishmentNumber: optionalText,
  EstablishmentName: requiredText('establishment name'),
  'TypeOfEstablishment (name)': requiredText('establishment type'),
  'EstablishmentTypeGroup (name)': requiredText('establishment type group'),
  'EstablishmentStatus (name)': code(statuses, 'establishment status'),
  OpenDate: optionalDate('dd-mm-yyyy'),
  CloseDate: optionalDate('dd-mm-yyyy'),
  'PhaseOfEducation (name)': code(phases, 'phase of education'),
  StatutoryLowAge: optionalInteger(0, 99),
  StatutoryHighAge: optionalInteger(0, 99),
  'OfficialSixthForm (name)': optionalText,
  'Gender (name)': optionalText,
  'ReligiousCharacter (name)': optionalText,
  'AdmissionsPolicy (name)': optionalText,
  NumberOfPupils: optionalInteger(0, 10_000),
  Street: optionalText,
  Locality: optionalText,
  Address3: optionalText,
  Town: optionalText,
  Postcode: optionalText,
  'DistrictAdministrative (code)': z
    .string()
    .trim()
    .regex(/^([EW]\d{8})?$/, 'not an ONS district code'),
  'DistrictAdministrative (name)': optionalText,
});

export const giasEstablishments = {
  id: 'gias-establishments',
  label: 'GIAS establishment file (edubasealldata)',
  encoding: 'utf-8-or-windows-1252',
  recognise: (header: readonly string[]) => hasColumns(header, ['URN', 'LA (code)', 'EstablishmentNumber', 'EstablishmentName', 'TypeOfEstablishment (name)']),
  headerIssue(file: string, header: readonly string[]): FileIssue | null {
    const missing = giasColumns.filter((c) => !header.includes(c));
    return missing.length === 0
      ? null
      : { file, line: 1, column: missing[0] ?? null, message: `GIAS establishment file without the column(s): ${missing.join(', ')}` };
  },
  /** A chunk of the file's rows screened (school-register-file.ts finds repeated URNs across chunks). */
  screen(table: CsvTable): Screened<SchoolRecord> & { skipped: number } {
    const screened = screenRows(
      table,
      row.transform((r): Omit<SchoolRecord, 'line'> => {
        const phase = r['PhaseOfEducation (name)'];
        const phaseFlags = {
          primary: ['Primary', 'Middle deemed primary', 'All-through'].includes(phase),
          secondary: ['Secondary', 'Middle deemed secondary', 'All-through'].includes(phase),
          post16: phase === '16 plus' || r['OfficialSixthForm (name)'] === 'Has a sixth form',
        };
        const typeName = r['TypeOfEstablishment (name)'];
        const typeGroup = r['EstablishmentTypeGroup (name)'];
        const governance = governanceOf(typeGroup, typeName);
        const status = r['EstablishmentStatus (name)'];
        const districtCode = r['DistrictAdministrative (code)'];
        return {
          urn: r.URN,
          name: r.EstablishmentName,
          laName: r['LA (name)'],
          status: status === 'Closed' ? 'closed' : status === 'Proposed to open' ? 'proposed' : 'open',
          openedOn: r.OpenDate,
          closedOn: r.CloseDate,
          district: districtCode === '' ? null : { code: districtCode, name: r['DistrictAdministrative (name)'] ?? districtCode },
          attributes: {
            urn: r.URN,
            laCode: r['LA (code)'],
            establishmentNumber: r.EstablishmentNumber,
            laestab: r.EstablishmentNumber === null ? null : `${r['LA (code)']}${r.EstablishmentNumber.padStart(4, '0')}`,
            typeName,
            typeGroup,
            governance,
            sector: sectorOf({ typeName, phaseFlags, ageLow: r.StatutoryLowAge, ageHigh: r.StatutoryHighAge, giasPhase: phase }),
            stateFunded: isStateFunded(governance),
            phaseFlags,
            ageLow: r.StatutoryLowAge,
            ageHigh: r.StatutoryHighAge,
            gender: r['Gender (name)'],
            religiousCharacter: r['ReligiousCharacter (name)'],
            admissionsPolicy: r['AdmissionsPolicy (name)'],
            selective: r['AdmissionsPolicy (name)'] === 'Selective',
            address: { street: r.Street, locality: r.Locality, address3: r.Address3, town: r.Town, postcode: r.Postcode },
            linkedUrn: null,
            pupilsOnRoll: r.NumberOfPupils,
            register: `GIAS establishment file (${table.file})`,
          },
        };
      }),
    );
    return { ...screened, skipped: 0 };
  },
} as const;
