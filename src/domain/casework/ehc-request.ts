import { isCalendarDate } from '../periods/dates.ts';
import { isRequester, type Requester } from './ehc-steps.ts';

/**
 * What a request for an EHC needs assessment must hold, checked the same way by the new-request form and by a bulk
 * import of an existing case list: the child (names, date of birth, UPN if known, school URN if known) and the request
 * (the day it was received, who asked: SEND Regulations 2014 reg 3). A UPN is a letter, 11 digits and a check character
 * (DfE, Unique Pupil Numbers guidance); a URN is the 6 digits of Get Information about Schools. The child is born
 * before the request, and the request is not received in the future.
 */

export type RequestField = 'givenName' | 'familyName' | 'dateOfBirth' | 'upn' | 'schoolUrn' | 'receivedOn' | 'requestedBy';
export type RequestProblem = Readonly<{ field: RequestField; text: string }>;

/** A request as the form or a file gives it: every value a string, dates written YYYY-MM-DD, absent values empty. */
export type RequestValues = Readonly<Record<RequestField, string>>;

export type CheckedRequest = Readonly<{
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  upn: string | null;
  schoolUrn: string | null;
  receivedOn: string;
  requestedBy: Requester;
}>;

const dateLabels = { dateOfBirth: 'the date of birth', receivedOn: 'the date the request was received' } as const;

/** The order of the two dates: the problem in words, or null (today null: the future is not checked here). */
export function requestDateProblem(dateOfBirth: string, receivedOn: string, today: string | null): RequestProblem | null {
  if (today !== null && receivedOn > today) return { field: 'receivedOn', text: 'The date the request was received cannot be in the future' };
  if (dateOfBirth > receivedOn) return { field: 'dateOfBirth', text: 'The date of birth must be before the request' };
  return null;
}

/** Every field checked: the request, or every problem by its field. */
export function checkRequest(values: RequestValues, today: string | null): { request: CheckedRequest } | { problems: RequestProblem[] } {
  const problems: RequestProblem[] = [];
  const v = Object.fromEntries(Object.entries(values).map(([k, x]) => [k, x.trim()])) as Record<RequestField, string>;
  if (v.givenName === '') problems.push({ field: 'givenName', text: 'Enter the child or young person’s first name' });
  if (v.familyName === '') problems.push({ field: 'familyName', text: 'Enter the child or young person’s last name' });
  for (const field of ['dateOfBirth', 'receivedOn'] as const) {
    if (v[field] === '') problems.push({ field, text: `Enter ${dateLabels[field]}` });
    else if (!isCalendarDate(v[field]))
      problems.push({ field, text: `${capital(dateLabels[field])} must be a real date written year-month-day, for example 2024-01-08` });
  }
  const upn = v.upn.toUpperCase();
  if (upn !== '' && !/^[A-Z]\d{11}[0-9A-Z]$/.test(upn))
    problems.push({ field: 'upn', text: 'A UPN is a letter, 11 digits and a letter or digit, for example A123456789012' });
  if (v.schoolUrn !== '' && !/^\d{6}$/.test(v.schoolUrn)) problems.push({ field: 'schoolUrn', text: 'A school URN is 6 digits, for example 118493' });
  if (!isRequester(v.requestedBy)) problems.push({ field: 'requestedBy', text: 'Choose who asked for the assessment' });
  if (problems.length === 0) {
    const order = requestDateProblem(v.dateOfBirth, v.receivedOn, today);
    if (order !== null) problems.push(order);
  }
  if (problems.length > 0) return { problems };
  return {
    request: {
      givenName: v.givenName,
      familyName: v.familyName,
      dateOfBirth: v.dateOfBirth,
      upn: upn === '' ? null : upn,
      schoolUrn: v.schoolUrn === '' ? null : v.schoolUrn,
      receivedOn: v.receivedOn,
      requestedBy: v.requestedBy as Requester,
    },
  };
}

const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
