import { isUsername } from '../access/account-rules.ts';
import { kindLabels, type PlaceKind } from '../geography/place.ts';
import { isActor } from './audit-chain.ts';

/**
 * The /audit page's filters, read from its GET form (and the CSV link, which carries the same query). Dates are
 * calendar days in Europe/London, both ends included; an actor is an id (`user:17`, `cli:officer`, `system`) or a
 * username, which the service resolves to its id; a place is its kind and code.
 */

/** The form's fields, as the query names them. */
export const auditFields = [
  'from-day',
  'from-month',
  'from-year',
  'to-day',
  'to-month',
  'to-year',
  'actor',
  'action',
  'subject',
  'place-kind',
  'place-code',
  'request',
] as const;

export type AuditField = (typeof auditFields)[number];

/** What was typed, each field as given (empty when not), to show the form again. */
export type AuditFilterForm = Readonly<Record<AuditField, string>>;

export type ActorFilter = Readonly<{ kind: 'id'; actor: string }> | Readonly<{ kind: 'username'; username: string }>;

export type AuditFilter = Readonly<{
  /** First day, `YYYY-MM-DD` in Europe/London, included. */
  from: string | null;
  /** Last day, included. */
  to: string | null;
  actor: ActorFilter | null;
  action: string | null;
  subject: string | null;
  place: Readonly<{ kind: PlaceKind; code: string }> | null;
  requestId: string | null;
}>;

/** Keyset pagination by entry id: the page of entries older than `before`, or newer than `after` (newest first either way). */
export type AuditCursor = Readonly<{ before: number }> | Readonly<{ after: number }> | null;

/** A problem with one field (`href` is the id of the input the error summary links to), or with the query as a whole. */
export type FilterError = Readonly<{ field: AuditField | null; href: string; message: string }>;

export type ReadAuditQuery = Readonly<{
  form: AuditFilterForm;
  /** Null when any field has an error. */
  filter: AuditFilter | null;
  cursor: AuditCursor;
  /** The whole chain is to be verified (the page's button). */
  verify: boolean;
  errors: readonly FilterError[];
}>;

const actionPattern = /^[a-z][a-z-]*(\.[a-z][a-z-]*)+$/;
const maxLength = 200;

const labels: Readonly<Record<AuditField, string>> = {
  'from-day': 'Date from',
  'from-month': 'Date from',
  'from-year': 'Date from',
  'to-day': 'Date to',
  'to-month': 'Date to',
  'to-year': 'Date to',
  actor: 'Who',
  action: 'Action',
  subject: 'Subject',
  'place-kind': 'Place kind',
  'place-code': 'Place code',
  request: 'Request ID',
};

/** A parameter given once, as text; anything else (repeated, an object) is refused. */
function single(query: Readonly<Record<string, unknown>>, name: string): string | Error {
  const value = query[name];
  if (value === undefined) return '';
  if (typeof value !== 'string') return new Error('give it once');
  return value.trim();
}

/** The page's query read into a filter and a cursor, or into the errors to show beside the fields. */
export function readAuditQuery(query: Readonly<Record<string, unknown>>): ReadAuditQuery {
  const errors: FilterError[] = [];
  const fail = (field: AuditField | null, message: string) => errors.push({ field, href: field === null ? '#filters' : `#${field}`, message });
  const form = {} as Record<AuditField, string>;
  for (const field of auditFields) {
    const value = single(query, field);
    if (value instanceof Error) {
      form[field] = '';
      fail(field, `${labels[field]}: ${value.message}`);
    } else if (value.length > maxLength) {
      form[field] = value.slice(0, maxLength);
      fail(field, `${labels[field]} must be ${maxLength} characters or fewer`);
    } else form[field] = value;
  }
  const failed = new Set(errors.map((e) => e.field));
  const from = failed.has('from-day') || failed.has('from-month') || failed.has('from-year') ? null : dayOf(form, 'from', fail);
  const to = failed.has('to-day') || failed.has('to-month') || failed.has('to-year') ? null : dayOf(form, 'to', fail);
  if (from !== null && to !== null && to < from) fail('to-day', 'Date to must be the same as or after date from');

  let actor: ActorFilter | null = null;
  if (form.actor !== '' && !failed.has('actor')) {
    if (isActor(form.actor)) actor = { kind: 'id', actor: form.actor };
    else if (isUsername(form.actor.toLowerCase())) actor = { kind: 'username', username: form.actor.toLowerCase() };
    else fail('actor', 'Enter who as a user id (user:17), a command’s user (cli:name), system, or a username');
  }
  if (form.action !== '' && !failed.has('action') && !actionPattern.test(form.action)) fail('action', 'Choose an action from the list');

  let place: AuditFilter['place'] = null;
  const kind = form['place-kind'];
  const code = form['place-code'];
  if (kind !== '' && !Object.hasOwn(kindLabels, kind)) fail('place-kind', 'Choose a kind of place from the list');
  else if (kind !== '' && code === '' && !failed.has('place-code')) fail('place-code', 'Enter the code of the place, or choose no kind of place');
  else if (kind === '' && code !== '') fail('place-kind', 'Choose the kind of place the code is for');
  else if (kind !== '' && code !== '') place = { kind: kind as PlaceKind, code };

  const cursor = cursorOf(query, fail);
  const verify = query.verify === 'yes';
  const filter: AuditFilter | null =
    errors.length > 0
      ? null
      : {
          from,
          to,
          actor,
          action: form.action === '' ? null : form.action,
          subject: form.subject === '' ? null : form.subject,
          place,
          requestId: form.request === '' ? null : form.request,
        };
  return { form, filter, cursor, verify, errors };
}

function cursorOf(query: Readonly<Record<string, unknown>>, fail: (field: AuditField | null, message: string) => void): AuditCursor {
  const before = query.before;
  const after = query.after;
  const id = (value: unknown) => (typeof value === 'string' && /^[1-9]\d{0,14}$/.test(value) ? Number(value) : null);
  if (before === undefined && after === undefined) return null;
  const beforeId = id(before);
  const afterId = id(after);
  if (before !== undefined && after === undefined && beforeId !== null) return { before: beforeId };
  if (after !== undefined && before === undefined && afterId !== null) return { after: afterId };
  fail(null, 'The page of entries asked for is not one this page links to: start again from the newest entries');
  return null;
}

/** A GOV.UK date input's three fields as a calendar day (`YYYY-MM-DD`), or null when all are empty. */
function dayOf(form: AuditFilterForm, end: 'from' | 'to', fail: (field: AuditField, message: string) => void): string | null {
  const day = form[`${end}-day`];
  const month = form[`${end}-month`];
  const year = form[`${end}-year`];
  const label = end === 'from' ? 'Date from' : 'Date to';
  if (day === '' && month === '' && year === '') return null;
  const missing = (['day', 'month', 'year'] as const).filter((part) => form[`${end}-${part}`] === '');
  if (missing.length > 0) {
    fail(`${end}-${missing[0]!}`, `${label} must include a ${missing.join(' and a ')}`);
    return null;
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    fail(`${end}-day`, `${label} must be a real date, for example 27 3 2026`);
    return null;
  }
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    fail(`${end}-day`, `${label} must be a real date, for example 27 3 2026`);
    return null;
  }
  return date.toISOString().slice(0, 10);
}

/** The filled-in fields as query pairs, for the page's links (pagination, CSV, verify) to keep the same filters. */
export function filterPairs(form: AuditFilterForm): [string, string][] {
  return auditFields.filter((f) => form[f] !== '').map((f) => [f, form[f]]);
}

/** The filters as the audit trail records them when the filtered trail is downloaded: ids, never a name. */
export function filterDetail(filter: AuditFilter, actor: string | null, placeId: number | null): Readonly<Record<string, string | number>> {
  const detail: Record<string, string | number> = {};
  if (filter.from !== null) detail.from = filter.from;
  if (filter.to !== null) detail.to = filter.to;
  if (actor !== null) detail.actor = actor;
  if (filter.action !== null) detail.action = filter.action;
  if (filter.subject !== null) detail.subject = filter.subject;
  if (placeId !== null) detail.place = placeId;
  if (filter.requestId !== null) detail.request = filter.requestId;
  return detail;
}
