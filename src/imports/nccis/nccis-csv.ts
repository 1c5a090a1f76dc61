import type { NccisActivity, NccisPerson } from '../../domain/casework/nccis-codes.ts';
import { z } from 'zod';
import { isActivityCode } from '../../domain/casework/nccis-codes.ts';
import { quoted, type FileIssue } from '../../domain/errors.ts';
import { csvField } from '../../domain/csv-field.ts';
import { asWrittenByWaymark, readCsvBytes, type CsvTable } from '../csv-table.ts';
import { findDuplicates, optionalDate, screenRows } from '../row-schema.ts';

/**
 * An LA's CCIS extract as CSV: one row per young person's activity (the young person's fields repeated on each of
 * their rows; a young person with no activity yet has one row with the activity columns blank).
 *
 * Layout: the NCCIS management information requirement (DfE, 2018 to 2019, December 2017; the 2011-12 CCIS data
 * catalogue before it) sends its "young person" and "current activity" datasets as XML; this file flattens the two,
 * one column per data item, named for the item. Waymark reads only what the tracking duty and its figures need:
 * - young person: YPID (the LA's client identifier), GivenName, FamilyName, DateOfBirth, UPN, ULN, EstablishmentURN
 *   (school or college last attended), SENDStatus (Y: an EHC plan, the requirement's SEND flag as used from 2015/16),
 *   LookedAfter (Y: the individual characteristic 110 "looked after child"), CohortLeftDate (the day the young person
 *   left the LA's cohort: moved away, cohort status L or T);
 * - current activity: ActivityCode (the NCCIS current activity code), ActivityStartDate, DateAscertained (the day the
 *   activity was last confirmed, from which its currency runs), ActivitySource.
 * Two local columns the requirement does not hold, which Waymark's figures need: DistrictCode (the ONS code of the
 *   district of residence, from the young person's postcode) and FSM (Y: eligible for free school meals at 15, matched
 *   from the school census).
 * ASSUMPTION: the requirement's XML element names could not be read here; the columns are named for its data items.
 * Dates are written YYYY-MM-DD; flags Y or N.
 */

export const nccisColumns = [
  'YPID',
  'GivenName',
  'FamilyName',
  'DateOfBirth',
  'UPN',
  'ULN',
  'DistrictCode',
  'EstablishmentURN',
  'SENDStatus',
  'FSM',
  'LookedAfter',
  'CohortLeftDate',
  'ActivityCode',
  'ActivityStartDate',
  'DateAscertained',
  'ActivitySource',
] as const;

const flagYn = z.enum(['Y', 'N'], { message: 'expected Y or N' }).transform((s) => s === 'Y');
const requiredDate = optionalDate('yyyy-mm-dd').refine((d) => d !== null, 'a date is needed (YYYY-MM-DD)');
const optional = z.string().transform((s) => (s.trim() === '' ? null : s.trim()));

const rowSchema = z.object({
  YPID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,30}$/, 'not a client identifier (letters, digits and hyphens, at most 30)'),
  GivenName: z.string().trim().min(1, 'the given name is blank').max(100),
  FamilyName: z.string().trim().min(1, 'the family name is blank').max(100),
  DateOfBirth: requiredDate,
  UPN: optional.refine((v) => v === null || /^[A-Z]\d{11}[0-9A-Z]$/.test(v), 'not a UPN (a letter, 11 digits and a check character)'),
  ULN: optional.refine((v) => v === null || /^\d{10}$/.test(v), 'not a ULN (10 digits)'),
  DistrictCode: z
    .string()
    .trim()
    .regex(/^E0[6-9]\d{6}$/, 'not an ONS district code (E06, E07, E08 or E09 and six digits)'),
  EstablishmentURN: optional.refine((v) => v === null || /^\d{5,7}$/.test(v), 'not a URN (5 to 7 digits)'),
  SENDStatus: flagYn,
  FSM: flagYn,
  LookedAfter: flagYn,
  CohortLeftDate: optionalDate('yyyy-mm-dd'),
  ActivityCode: optional.refine((v) => v === null || isActivityCode(v), 'not an NCCIS current activity code'),
  ActivityStartDate: optionalDate('yyyy-mm-dd'),
  DateAscertained: optionalDate('yyyy-mm-dd'),
  ActivitySource: optional,
});

export type NccisRow = z.output<typeof rowSchema> & { line: number };

export type ScreenedExtract = { people: NccisPerson[]; activities: NccisActivity[]; issues: FileIssue[] };

const personFields = [
  'GivenName',
  'FamilyName',
  'DateOfBirth',
  'UPN',
  'ULN',
  'DistrictCode',
  'EstablishmentURN',
  'SENDStatus',
  'FSM',
  'LookedAfter',
  'CohortLeftDate',
] as const;

/**
 * Check every line of an extract before anything is written: each field, each activity's dates (confirmed on or after
 * its start), the young person's fields the same on each of their rows, and no activity twice.
 */
export function screenNccisExtract(file: CsvTable): ScreenedExtract {
  const table = asWrittenByWaymark(file);
  const missing = nccisColumns.filter((c) => !table.header.includes(c));
  if (missing.length > 0)
    return {
      people: [],
      activities: [],
      issues: [
        { file: table.file, line: 1, column: missing[0]!, message: `the header lacks ${missing.join(', ')} (an NCCIS extract has ${nccisColumns.join(', ')})` },
      ],
    };
  const { records, issues } = screenRows(table, rowSchema);
  const people = new Map<string, NccisRow>();
  const activities: NccisActivity[] = [];
  for (const r of records) {
    const first = people.get(r.YPID);
    if (first === undefined) people.set(r.YPID, r);
    else
      for (const field of personFields)
        if (first[field] !== r[field])
          issues.push({
            file: table.file,
            line: r.line,
            column: field,
            message: `differs from line ${first.line} for the same young person ${quoted(r.YPID)}`,
          });
    const activityParts = [r.ActivityCode, r.ActivityStartDate, r.DateAscertained];
    if (activityParts.every((p) => p === null)) continue;
    const blank = (['ActivityCode', 'ActivityStartDate', 'DateAscertained'] as const).find((c) => r[c] === null);
    if (blank !== undefined) {
      issues.push({ file: table.file, line: r.line, column: blank, message: 'is blank: an activity needs its code, start date and date ascertained' });
      continue;
    }
    if (r.DateAscertained! < r.ActivityStartDate!) {
      issues.push({
        file: table.file,
        line: r.line,
        column: 'DateAscertained',
        message: `${r.DateAscertained} is before the activity's start (${r.ActivityStartDate})`,
      });
      continue;
    }
    if (r.ActivityStartDate! < r.DateOfBirth) {
      issues.push({ file: table.file, line: r.line, column: 'ActivityStartDate', message: `${r.ActivityStartDate} is before the date of birth` });
      continue;
    }
    activities.push({
      ccisId: r.YPID,
      code: r.ActivityCode!,
      startDate: r.ActivityStartDate!,
      confirmedOn: r.DateAscertained!,
      source: r.ActivitySource ?? 'CCIS extract',
      line: r.line,
    });
  }
  issues.push(...findDuplicates(table.file, activities, (a) => `${a.ccisId} ${a.startDate} ${a.code}`, 'ActivityCode', 'activity'));
  return {
    people: [...people.values()].map((r) => ({
      ccisId: r.YPID,
      givenName: r.GivenName,
      familyName: r.FamilyName,
      dateOfBirth: r.DateOfBirth,
      upn: r.UPN,
      uln: r.ULN,
      districtCode: r.DistrictCode,
      lastSchoolUrn: r.EstablishmentURN,
      ehcPlan: r.SENDStatus,
      fsm: r.FSM,
      inCare: r.LookedAfter,
      leftOn: r.CohortLeftDate,
      line: r.line,
    })),
    activities,
    issues: issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  };
}

type ExportPerson = Omit<NccisPerson, 'line'>;
type ExportActivity = Omit<NccisActivity, 'line'>;

const cell = (value: string | null | boolean): string => csvField(value === null ? '' : value === true ? 'Y' : value === false ? 'N' : value);

/** Write an extract in the same layout as it is read: one row per activity, a young person with none on one row. */
export function writeNccisExtract(people: readonly ExportPerson[], activities: readonly ExportActivity[]): string {
  const byPerson = new Map<string, ExportActivity[]>();
  for (const a of activities) byPerson.set(a.ccisId, [...(byPerson.get(a.ccisId) ?? []), a]);
  const lines = [nccisColumns.join(',')];
  for (const p of people) {
    const head = [p.ccisId, p.givenName, p.familyName, p.dateOfBirth, p.upn, p.uln, p.districtCode, p.lastSchoolUrn, p.ehcPlan, p.fsm, p.inCare, p.leftOn];
    const own = byPerson.get(p.ccisId) ?? [];
    if (own.length === 0) lines.push([...head, null, null, null, null].map(cell).join(','));
    for (const a of own) lines.push([...head, a.code, a.startDate, a.confirmedOn, a.source].map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Read and screen an extract's bytes: its rows with the facts an import batch records, or the issues found. */
export function readNccisExtract(file: string, bytes: Uint8Array) {
  const read = readCsvBytes(file, bytes, 'utf-8');
  if (!read.ok) return { file, hash: '', rowCount: 0, people: [], activities: [], issues: read.issues };
  return { file, hash: read.table.hash, rowCount: read.table.rows.length, ...screenNccisExtract(read.table) };
}
