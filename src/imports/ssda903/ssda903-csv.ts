import type { Ssda903Child, Ssda903Episode } from '../../domain/casework/children-in-care-rules.ts';
import { checkEpisode } from '../../domain/casework/children-in-care-rules.ts';
import type { FileIssue } from '../../domain/errors.ts';
import { isCalendarDate } from '../../domain/periods/dates.ts';
import { readCsvBytes, type CsvTable } from '../csv-table.ts';

/**
 * The SSDA903 return's header and episodes files as the DfE's CSV layout gives them (DfE, "Children looked after by
 * local authorities in England: technical specification", §1.2.1 Description of the CSV files, and its data dictionary
 * §4-5 for the codes; the "Guide to the SSDA903 collection" for what each item means; the column lists as
 * data-to-insight/ssd-data-model's 903 extract writes them): header CHILD, SEX, DOB,
 * ETHNIC, UPN, MOTHER, MC_DOB; episodes CHILD, DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC,
 * REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN. Dates are DD/MM/YYYY. The Virtual School keeps neither the mother's
 * details nor the postcodes: they are read (so a file with them is accepted) and dropped.
 */
export const headerColumns = ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'] as const;
export const episodeColumns = [
  'CHILD',
  'DECOM',
  'RNE',
  'LS',
  'CIN',
  'PLACE',
  'PLACE_PROVIDER',
  'DEC',
  'REC',
  'REASON_PLACE_CHANGE',
  'HOME_POST',
  'PL_POST',
  'URN',
] as const;

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

/** DD/MM/YYYY as YYYY-MM-DD, or null when it is not a real date. */
export function isoOf903Date(value: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  if (m === null) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return isCalendarDate(iso) ? iso : null;
}

function missingColumns(table: CsvTable, columns: readonly string[]): FileIssue[] {
  const missing = columns.filter((c) => !table.header.includes(c));
  return missing.length === 0 ? [] : [{ file: table.file, line: 1, column: missing[0]!, message: `the header has no ${missing.join(', ')} column` }];
}

export type Read903 = { ok: true; children: Ssda903Child[]; episodes: Ssda903Episode[] } | { ok: false; issues: FileIssue[] };

/**
 * Read the two files as bytes (UTF-8, as a page's form or the command line gives them): the CSV decoding and its
 * limits first, then every line of both. The web page and `waymark ssda903 import` share it.
 */
export function read903Files(header: Readonly<{ file: string; bytes: Uint8Array }>, episodes: Readonly<{ file: string; bytes: Uint8Array }>): Read903 {
  const h = readCsvBytes(header.file, header.bytes, 'utf-8');
  const e = readCsvBytes(episodes.file, episodes.bytes, 'utf-8');
  if (!h.ok || !e.ok) return { ok: false, issues: [...(h.ok ? [] : h.issues), ...(e.ok ? [] : e.issues)] };
  return read903(h.table, e.table);
}

/** Read both files, every line checked; children and episodes are returned only when no line has a problem. */
export function read903(header: CsvTable, episodes: CsvTable): Read903 {
  const issues = [...missingColumns(header, headerColumns), ...missingColumns(episodes, episodeColumns)];
  if (issues.length > 0) return { ok: false, issues };
  const children: Ssda903Child[] = [];
  const seen = new Set<string>();
  for (const row of header.rows) {
    const v = row.values;
    const problem = (column: string, message: string) => issues.push({ file: header.file, line: row.line, column, message });
    const child = blank(v.CHILD);
    if (child === null) problem('CHILD', 'enter the child’s identifier');
    else if (seen.has(child)) problem('CHILD', `child ${child} is in the header twice`);
    else seen.add(child);
    const sex = blank(v.SEX);
    if (sex !== '1' && sex !== '2') problem('SEX', 'must be 1 (male) or 2 (female)');
    const dob = isoOf903Date(blank(v.DOB) ?? '');
    if (dob === null) problem('DOB', 'must be a real date as DD/MM/YYYY');
    const upn = blank(v.UPN);
    if (upn !== null && !/^[A-Z0-9-]{6,40}$/.test(upn) && !/^UN\d$/.test(upn)) problem('UPN', 'must be a UPN or a UN code (UN1-UN10)');
    children.push({ child: child ?? '', upn: upn === null || /^UN\d+$/.test(upn) ? null : upn, sex, dateOfBirth: dob, ethnic: blank(v.ETHNIC) });
  }
  const read: Ssda903Episode[] = [];
  const starts = new Set<string>();
  for (const row of episodes.rows) {
    const v = row.values;
    const problem = (column: string, message: string) => issues.push({ file: episodes.file, line: row.line, column, message });
    const child = blank(v.CHILD) ?? '';
    if (!seen.has(child)) problem('CHILD', `child ${child.slice(0, 20)} is not in the header file`);
    const start = isoOf903Date(blank(v.DECOM) ?? '');
    const endText = blank(v.DEC);
    const end = endText === null ? null : isoOf903Date(endText);
    const episode: Ssda903Episode = {
      child,
      start: start ?? 'not a date',
      end: endText !== null && end === null ? 'not a date' : end,
      reasonNewEpisode: blank(v.RNE) ?? '',
      legalStatus: blank(v.LS) ?? '',
      categoryOfNeed: blank(v.CIN) ?? '',
      placement: blank(v.PLACE) ?? '',
      placementProvider: blank(v.PLACE_PROVIDER),
      reasonEpisodeCeased: blank(v.REC),
      reasonPlaceChange: blank(v.REASON_PLACE_CHANGE),
      placementUrn: blank(v.URN),
    };
    for (const e of checkEpisode(episode)) problem(e.field, e.message);
    for (const column of ['RNE', 'CIN', 'PLACE'] as const) if (blank(v[column]) === null) problem(column, `enter the ${column} code`);
    if (start !== null && starts.has(`${child}|${start}`)) problem('DECOM', 'two episodes of this child start on the same day');
    if (start !== null) starts.add(`${child}|${start}`);
    read.push(episode);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, children, episodes: read };
}
