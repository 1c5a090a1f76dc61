import { z } from 'zod';
import type { ApplicationFileRow } from '../../domain/admissions/admission-files.ts';
import type { Preference } from '../../domain/admissions/admissions.ts';
import type { FileIssue } from '../../domain/errors.ts';
import { readCsvBytes, type CsvTable } from '../csv-table.ts';
import { code, findDuplicates, optionalDate, requiredText, screenRows } from '../row-schema.ts';
import { gridMetres, missingColumns, postcode, yesNo } from './admission-fields.ts';

/**
 * The common application file: one line per child applying to the home LA on the common application form (School
 * Admissions Code 2014 para 2.3; the School Admissions (Admission Arrangements and Co-ordination) Regulations 2012),
 * with up to the LA's number of preferences as pref1_… to prefN_… columns, in the child's order. Each field is read
 * and checked here; the service checks each line against the round (its number of preferences, its closing date) and
 * the records held before anything is written.
 */
export const applicationColumns = [
  'application_ref',
  'upn',
  'given_name',
  'family_name',
  'date_of_birth',
  'home_postcode',
  'home_easting',
  'home_northing',
  'online',
  'received_on',
  'looked_after',
  'ehc_plan_urn',
  'assessed_suitable',
  'current_school_urn',
] as const;

const preferenceFields = ['urn', 'sibling', 'medical_social', 'faith', 'staff'] as const;

const optionalUrn = z
  .string()
  .trim()
  .regex(/^(\d{5,7})?$/, 'not a URN (5 to 7 digits)')
  .transform((s) => (s === '' ? null : s));

const row = z.object({
  application_ref: requiredText('the application reference').pipe(z.string().max(40, 'an application reference of more than 40 characters')),
  upn: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z][0-9]{11}[0-9A-Z])?$/, 'not a UPN (a letter, 11 digits and a digit or letter)')
    .transform((s) => (s === '' ? null : s)),
  given_name: requiredText('the given name').pipe(z.string().max(200, 'a name of more than 200 characters')),
  family_name: requiredText('the family name').pipe(z.string().max(200, 'a name of more than 200 characters')),
  date_of_birth: optionalDate('yyyy-mm-dd').refine((d) => d !== null, 'the date of birth is blank'),
  home_postcode: postcode,
  home_easting: gridMetres(700_000),
  home_northing: gridMetres(1_300_000),
  online: yesNo(null).refine((v) => v !== null, 'blank: Y (made online) or N'),
  received_on: optionalDate('yyyy-mm-dd').refine((d) => d !== null, 'the date received is blank'),
  looked_after: code(['LA', 'PLA', ''] as const, 'looked-after status').transform((v) =>
    v === 'LA' ? 'looked-after' : v === 'PLA' ? 'previously-looked-after' : null,
  ),
  ehc_plan_urn: optionalUrn,
  assessed_suitable: yesNo(null),
  current_school_urn: optionalUrn,
});

export type ApplicationFile = { rows: ApplicationFileRow[]; hash: string; preferenceColumns: number } | { issues: FileIssue[] };

/** The file's lines as applications, or every problem found (file, line and column), nothing kept. */
export function readApplicationFile(file: string, bytes: Uint8Array): ApplicationFile {
  const read = readCsvBytes(file, bytes, 'utf-8');
  if (!read.ok) return { issues: read.issues };
  const table = lowerCased(read.table);
  const preferenceColumns = Math.max(0, ...table.header.map((h) => Number(/^pref(\d)_urn$/.exec(h)?.[1] ?? 0)));
  const required = [...applicationColumns, ...Array.from({ length: preferenceColumns }, (_, i) => preferenceFields.map((f) => `pref${i + 1}_${f}`)).flat()];
  const missing = missingColumns(table, preferenceColumns === 0 ? [...required, 'pref1_urn'] : required);
  if (missing.length > 0) return { issues: missing };
  const screened = screenRows(table, row);
  const issues: FileIssue[] = [...screened.issues];
  const rows: ApplicationFileRow[] = [];
  const byLine = new Map(table.rows.map((r) => [r.line, r.values]));
  for (const r of screened.records) {
    const values = byLine.get(r.line)!;
    const issue = (column: string, message: string) => issues.push({ file, line: r.line, column, message });
    if ((r.home_easting === null) !== (r.home_northing === null))
      issue(r.home_easting === null ? 'home_easting' : 'home_northing', 'give both the easting and the northing, or neither');
    const preferences: Preference[] = [];
    let gap = false;
    for (let rank = 1; rank <= preferenceColumns; rank++) {
      const at = (f: (typeof preferenceFields)[number]) => `pref${rank}_${f}`;
      const urn = optionalUrn.safeParse(values[at('urn')] ?? '');
      if (!urn.success) {
        issue(at('urn'), urn.error.issues[0]!.message);
        continue;
      }
      const flags = (['sibling', 'medical_social', 'faith', 'staff'] as const).map((f) => {
        const v = yesNo(false).safeParse(values[at(f)] ?? '');
        if (!v.success) issue(at(f), v.error.issues[0]!.message);
        return v.success && v.data;
      });
      if (urn.data === null) {
        if (flags.some(Boolean)) issue(at('urn'), `preference ${rank} has no school but its facts are given`);
        gap = true;
        continue;
      }
      if (gap) issue(at('urn'), `preference ${rank} follows a blank preference: preferences are numbered from 1 with no gaps`);
      if (preferences.some((p) => p.urn === urn.data)) issue(at('urn'), `school ${urn.data} is named twice`);
      preferences.push({ rank, urn: urn.data, sibling: flags[0]!, medicalSocial: flags[1]!, faith: flags[2]!, staff: flags[3]! });
    }
    if (preferences.length === 0 && r.ehc_plan_urn === null) issue('pref1_urn', 'no preference is given');
    rows.push({
      line: r.line,
      reference: r.application_ref,
      upn: r.upn,
      givenName: r.given_name,
      familyName: r.family_name,
      dateOfBirth: r.date_of_birth,
      homePostcode: r.home_postcode,
      home: r.home_easting === null || r.home_northing === null ? null : { easting: r.home_easting, northing: r.home_northing },
      online: r.online,
      receivedOn: r.received_on,
      lookedAfter: r.looked_after,
      ehcPlanSchool: r.ehc_plan_urn,
      assessedSuitable: r.assessed_suitable,
      currentSchool: r.current_school_urn,
      preferences,
    });
  }
  issues.push(...findDuplicates(file, rows, (r) => r.reference, 'application_ref', 'application reference'));
  if (issues.length > 0) return { issues: issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  return { rows, hash: table.hash, preferenceColumns };
}

/** Header names as the format writes them: trimmed and lower case. */
export function lowerCased(table: CsvTable): CsvTable {
  const header = table.header.map((h) => h.trim().toLowerCase());
  return { ...table, header, rows: table.rows.map((r) => ({ ...r, values: Object.fromEntries(header.map((h, i) => [h, r.cells[i] ?? ''])) })) };
}
