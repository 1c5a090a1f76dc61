import { createHmac } from 'node:crypto';

/**
 * Pseudonymised pupil-level extracts for analysis (issue 15.7; ADR 0018). An analyst gets one row per case with the
 * child's identity replaced: no names, no date of birth (the year and month of birth only), no address or postcode
 * (the district's code only), and the UPN replaced by a pseudonym: HMAC-SHA-256 (RFC 2104, FIPS 198-1) of the UPN
 * under a secret key the LA holds, truncated to 16 hex digits. The same child has the same pseudonym in every team's
 * extract and in every extract taken with the same key, so a child's CME case links to their exclusion; without the
 * key the pseudonym cannot be reversed by trying every UPN (a plain hash could: the UPN space is small and its
 * structure public). Where a record has no UPN the pseudonym is of the normalised name and date of birth. Keyed hashing
 * with a secret held apart from the data is the pseudonymisation ENISA's "Pseudonymisation techniques and best
 * practices" (2019) describes as message authentication codes, and the ICO's guidance on pseudonymisation as a keyed
 * hash. The key is made and kept by the store layer; this module only uses it.
 */

/** What identifies the child on a case record: every one of these is left out of an extract row. */
export type ChildIdentity = Readonly<{
  upn: string | null;
  givenName: string | null;
  familyName: string | null;
  /** 'YYYY-MM-DD' */
  dateOfBirth: string | null;
  postcode?: string | null;
}>;

export type ExtractCell = string | number | boolean | null;

/** Hex digits of the HMAC kept: 64 bits, so two of a county's few hundred thousand children share one by chance about once in 10^8 extracts. */
export const pseudonymLength = 16;

const normalName = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');

/**
 * The child's pseudonym under `key`: of the UPN (upper case, trimmed) where there is one, else of the given name,
 * family name (letters only, accents dropped, upper case) and date of birth; null when the record holds neither (an
 * anonymised record). The two inputs are prefixed so a name can never hash as a UPN.
 */
export function pseudonymOf(key: Uint8Array, child: ChildIdentity): string | null {
  const upn = child.upn?.trim().toUpperCase() ?? '';
  let input: string;
  if (upn !== '') input = `upn:${upn}`;
  else if (child.givenName && child.familyName && child.dateOfBirth)
    input = `name:${normalName(child.givenName)}|${normalName(child.familyName)}|${child.dateOfBirth}`;
  else return null;
  return createHmac('sha256', key).update(input, 'utf8').digest('hex').slice(0, pseudonymLength);
}

/** 'YYYY-MM' of a 'YYYY-MM-DD' date of birth, or null. */
export function birthMonthOf(dateOfBirth: string | null): string | null {
  return dateOfBirth === null ? null : dateOfBirth.slice(0, 7);
}

/** The forms an identifying value may take in a cell: as stored, and a date also as DD/MM/YYYY, a postcode also without its space. */
function identifyingForms(child: ChildIdentity): { whole: string[]; words: string[] } {
  const whole: string[] = [];
  const words: string[] = [];
  if (child.upn) whole.push(child.upn.trim().toUpperCase());
  if (child.dateOfBirth) {
    const [y, m, d] = child.dateOfBirth.split('-');
    whole.push(child.dateOfBirth, `${d}/${m}/${y}`, `${d}${m}${y}`);
  }
  if (child.postcode) {
    const p = child.postcode.trim().toUpperCase();
    whole.push(p, p.replace(/\s+/g, ''));
  }
  for (const name of [child.givenName, child.familyName])
    if (name) for (const word of name.toUpperCase().split(/[^\p{L}]+/u)) if (word.length >= 2) words.push(word);
  return { whole: whole.filter((w) => w.length > 0), words };
}

/**
 * The columns of a row in which one of the child's identifying values appears: the UPN, date of birth or postcode
 * anywhere in the cell, a name as a whole word.
 */
export function identifyingCells(row: Readonly<Record<string, ExtractCell>>, child: ChildIdentity): string[] {
  const { whole, words } = identifyingForms(child);
  const found: string[] = [];
  for (const [column, value] of Object.entries(row)) {
    if (value === null || typeof value === 'boolean') continue;
    const cell = String(value).toUpperCase();
    const cellWords = new Set(cell.split(/[^\p{L}]+/u));
    if (whole.some((w) => cell.includes(w)) || words.some((w) => cellWords.has(w))) found.push(column);
  }
  return found;
}

/**
 * One case as an analyst gets it: the pseudonym and year and month of birth first, then the team's own columns. A
 * team's cell that holds one of the child's identifying values is withheld (empty), whatever the team's columns are:
 * a column added later cannot leak, and a code that happens to be the child's name (a family name Parent, a request
 * source `parent`) costs one cell, not the extract. `withheld` names the columns, for the audit.
 */
export function pseudonymisedRow(
  key: Uint8Array,
  child: ChildIdentity,
  cells: Readonly<Record<string, ExtractCell>>,
): { row: Readonly<Record<string, ExtractCell>>; withheld: string[] } {
  const withheld = identifyingCells(cells, child);
  const kept = { ...cells };
  for (const column of withheld) kept[column] = null;
  return { row: { pseudonym: pseudonymOf(key, child), birth_month: birthMonthOf(child.dateOfBirth), ...kept }, withheld };
}
