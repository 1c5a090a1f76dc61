import { isCalendarDate } from '../periods/dates.ts';
import { isPostcode, normalisePostcode } from '../geography/postcode.ts';
import { cmeOutcomeKinds, type CmeOutcomeKind } from './cme-clock.ts';
import { cmeDateKnownProblem } from './cme-retention.ts';

/**
 * What a CME referral must hold, checked the same way for the referral form and for a bulk CSV import: the child
 * (names, date of birth, sex, UPN if known, home postcode) and how the LA came to know (date, source, reason). A school's
 * deletion notice names the Pupil Registration Regulations 2006 regulation 8 ground it deleted the pupil under.
 */

export type CmeSourceKind = 'deletion-notice' | 'ctf-unknown-destination' | 'agency-referral' | 'parent' | 'other';

export const cmeSources: Readonly<Record<CmeSourceKind, string>> = {
  'deletion-notice': 'School deletion notice (Pupil Registration Regulations 2006, regulation 8)',
  'ctf-unknown-destination': 'Common transfer file with an unknown destination',
  'agency-referral': 'Referral from another agency (health, police, social care, housing)',
  parent: 'The parent or the child',
  other: 'Other',
};

/**
 * The columns of a children missing education case list, one row per case (its latest episode): what Waymark's export
 * writes (after the case and episode numbers) and its import reads, so an export loads back into another Waymark.
 */
export const cmeCaseListColumns = [
  'given_name',
  'family_name',
  'date_of_birth',
  'sex',
  'upn',
  'postcode',
  'district_code',
  'date_known',
  'source',
  'deletion_ground',
  'reason',
  'outcome',
  'outcome_date',
  'school_urn',
] as const;

export type FieldProblem = Readonly<{ field: string; text: string }>;

export type CheckedReferral = Readonly<{
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: 'F' | 'M';
  upn: string | null;
  postcode: string | null;
  districtCode: string;
  knownOn: string;
  source: CmeSourceKind;
  deletionGround: string | null;
  reason: string;
}>;

export type ReferralValues = Readonly<Record<keyof CheckedReferral, string>>;

const checkLetters = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * A unique pupil number's check letter is right (DfE, Unique Pupil Numbers guidance: characters 2-13 weighted by their
 * position 2-13, summed, remainder on division by 23 gives the letter; a temporary UPN ends in a letter, valued as its
 * place in the same list of 23).
 */
export function isUpn(upn: string): boolean {
  if (!/^[A-Z][0-9]{11}[0-9A-Z]$/.test(upn)) return false;
  let sum = 0;
  for (let i = 1; i < 13; i++) {
    const ch = upn[i]!;
    const value = /[0-9]/.test(ch) ? Number(ch) : checkLetters.indexOf(ch);
    if (value < 0) return false;
    sum += value * (i + 1);
  }
  return checkLetters[sum % 23] === upn[0];
}

/** A UPN made whole from its 12 characters after the check letter (the same weights as `isUpn`). */
export function upnWithCheckLetter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = body[i]!;
    sum += (/[0-9]/.test(ch) ? Number(ch) : checkLetters.indexOf(ch)) * (i + 2);
  }
  return `${checkLetters[sum % 23]}${body}`;
}

/** A referral checked field by field: the values to keep, or every problem with the field it belongs to. */
export function checkReferral(values: ReferralValues, today: string): { referral: CheckedReferral } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const given = values.givenName.trim();
  const family = values.familyName.trim();
  if (given === '') problems.push({ field: 'given-name', text: 'Enter the child’s first name' });
  else if (given.length > 200) problems.push({ field: 'given-name', text: 'First name must be 200 characters or fewer' });
  if (family === '') problems.push({ field: 'family-name', text: 'Enter the child’s last name' });
  else if (family.length > 200) problems.push({ field: 'family-name', text: 'Last name must be 200 characters or fewer' });
  const dob = values.dateOfBirth.trim();
  if (!isCalendarDate(dob)) problems.push({ field: 'date-of-birth', text: 'Enter the date of birth as a real date, for example 2008-03-27' });
  else if (dob > today) problems.push({ field: 'date-of-birth', text: 'Date of birth must be in the past' });
  else if (dob < '1980-01-01') problems.push({ field: 'date-of-birth', text: 'Date of birth must be after 1 January 1980' });
  const sex = values.sex.trim().toUpperCase();
  if (sex !== 'F' && sex !== 'M') problems.push({ field: 'sex', text: 'Select the child’s sex as the school census records it (F or M)' });
  const upn = values.upn.trim().toUpperCase();
  if (upn !== '' && !isUpn(upn)) problems.push({ field: 'upn', text: 'Enter a UPN of 13 characters with its check letter, or leave it empty' });
  const postcode = normalisePostcode(values.postcode);
  if (postcode !== '' && !isPostcode(postcode)) problems.push({ field: 'postcode', text: 'Enter a real postcode, for example ME10 4DD, or leave it empty' });
  const district = values.districtCode.trim();
  if (district !== '' && !/^E0[6-9][0-9]{6}$/.test(district)) problems.push({ field: 'district', text: 'Choose the district the child lives in' });
  const known = values.knownOn.trim();
  if (!isCalendarDate(known)) problems.push({ field: 'known-on', text: 'Enter the date the child became known as a real date, for example 2024-03-04' });
  else {
    const problem = cmeDateKnownProblem(known, today);
    if (problem !== null) problems.push({ field: 'known-on', text: problem });
    if (isCalendarDate(dob) && known < dob) problems.push({ field: 'known-on', text: 'The date the child became known must be after their date of birth' });
  }
  const source = values.source.trim();
  if (!Object.hasOwn(cmeSources, source)) problems.push({ field: 'source', text: 'Select how the child became known' });
  const ground = values.deletionGround.trim();
  if (source === 'deletion-notice' && ground === '')
    problems.push({ field: 'deletion-ground', text: 'Enter the regulation 8 ground the school deleted the pupil under, for example 8(1)(h)' });
  if (ground.length > 200) problems.push({ field: 'deletion-ground', text: 'The ground must be 200 characters or fewer' });
  const reason = values.reason.trim();
  if (reason === '') problems.push({ field: 'reason', text: 'Enter why the child is thought to be missing education' });
  else if (reason.length > 2000) problems.push({ field: 'reason', text: 'The reason must be 2,000 characters or fewer' });
  if (problems.length > 0) return { problems };
  return {
    referral: {
      givenName: given,
      familyName: family,
      dateOfBirth: dob,
      sex: sex as 'F' | 'M',
      upn: upn === '' ? null : upn,
      postcode: postcode === '' ? null : postcode,
      districtCode: district,
      knownOn: known,
      source: source as CmeSourceKind,
      deletionGround: source === 'deletion-notice' ? ground : null,
      reason,
    },
  };
}

export type CheckedOutcome = Readonly<{ kind: CmeOutcomeKind; on: string; schoolUrn: string | null; note: string | null }>;

/** An outcome checked against its episode: a real date on or after the date known and not in the future; a school's URN where placed on a roll. */
export function checkOutcome(
  values: Readonly<{ kind: string; on: string; schoolUrn: string; note: string }>,
  knownOn: string,
  today: string,
): { outcome: CheckedOutcome } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const kind = values.kind.trim();
  if (!(cmeOutcomeKinds as readonly string[]).includes(kind)) problems.push({ field: 'outcome-kind', text: 'Select the outcome' });
  const on = values.on.trim();
  if (!isCalendarDate(on)) problems.push({ field: 'outcome-on', text: 'Enter the date as a real date, for example 2024-04-02' });
  else if (on > today) problems.push({ field: 'outcome-on', text: 'The date must be today or in the past' });
  else if (on < knownOn) problems.push({ field: 'outcome-on', text: 'The date must be on or after the date the child became known' });
  const urn = values.schoolUrn.trim();
  const onRoll = kind === 'school' || kind === 'academy' || kind === 'pru';
  if (onRoll && !/^[0-9]{6}$/.test(urn)) problems.push({ field: 'school-urn', text: 'Enter the URN of the school the child started at (6 digits)' });
  if (!onRoll && urn !== '') problems.push({ field: 'school-urn', text: 'Leave the URN empty unless the child started on a school, academy or PRU roll' });
  const note = values.note.trim();
  if (note.length > 2000) problems.push({ field: 'outcome-note', text: 'The note must be 2,000 characters or fewer' });
  if (problems.length > 0) return { problems };
  return { outcome: { kind: kind as CmeOutcomeKind, on, schoolUrn: onRoll ? urn : null, note: note === '' ? null : note } };
}

/** An enquiry checked against its episode: a real date from the date known to today, what was done and what came of it. */
export function checkEnquiry(
  values: Readonly<{ madeOn: string; action: string; result: string }>,
  knownOn: string,
  today: string,
): { enquiry: Readonly<{ madeOn: string; action: string; result: string }> } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const madeOn = values.madeOn.trim();
  if (!isCalendarDate(madeOn)) problems.push({ field: 'made-on', text: 'Enter the date of the enquiry as a real date, for example 2024-03-06' });
  else if (madeOn > today) problems.push({ field: 'made-on', text: 'The date of the enquiry must be today or in the past' });
  else if (madeOn < knownOn) problems.push({ field: 'made-on', text: 'The enquiry must be on or after the date the child became known' });
  const action = values.action.trim();
  const result = values.result.trim();
  if (action === '' || action.length > 2000) problems.push({ field: 'action', text: 'Enter what was done (up to 2,000 characters)' });
  if (result === '' || result.length > 2000) problems.push({ field: 'result', text: 'Enter what came of it (up to 2,000 characters)' });
  if (problems.length > 0) return { problems };
  return { enquiry: { madeOn, action, result } };
}
