import { exceptionReasons, isExceptionReason } from '../../../domain/casework/ehc-clock.ts';
import { establishmentTypes, isEstablishmentType } from '../../../domain/casework/ehc-figures.ts';
import { ceaseReasons, isCeaseReason, requesters, type SenStep } from '../../../domain/casework/ehc-steps.ts';
import { checkRequest, type RequestField } from '../../../domain/casework/ehc-request.ts';
import { isCalendarDate } from '../../../domain/periods/dates.ts';
import type { FieldError } from '../account/routes.ts';

/** A form's fields as posted (every value a string; absent fields empty). */
export type Fields = Readonly<Record<string, string>>;

export const fieldsOf = (body: unknown): Fields =>
  Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>)
      .filter(([k, v]) => k !== '_csrf' && typeof v === 'string' && v.length <= 200)
      .map(([k, v]) => [k, (v as string).trim()]),
  );

/** A GOV.UK date input (`<name>-day`, `-month`, `-year`) as 'YYYY-MM-DD', or the error to show on it. */
export function dateField(fields: Fields, name: string, label: string): string | FieldError {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => fields[`${name}-${p}`] ?? '');
  if (d === '' && m === '' && y === '') return { field: `${name}-day`, text: `Enter ${label}` };
  if (!/^\d{1,2}$/.test(d!) || !/^\d{1,2}$/.test(m!) || !/^\d{4}$/.test(y!))
    return { field: `${name}-day`, text: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a real date, for example 8 1 2024` };
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : { field: `${name}-day`, text: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a real date` };
}

/** The three fields a GOV.UK date input shows for a value. */
export const dateItems = (fields: Fields, name: string, error: boolean) =>
  ['day', 'month', 'year'].map((p) => ({
    name: p,
    value: fields[`${name}-${p}`] ?? '',
    classes: `govuk-input--width-${p === 'year' ? 4 : 2}${error ? ' govuk-input--error' : ''}`,
  }));

export type NewRequestValues = Readonly<{
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  upn: string | null;
  district: string;
  schoolUrn: string | null;
  receivedOn: string;
  requestedBy: string;
}>;

// Each of the domain's request fields as the form names it (a date's error goes on its day box).
const formFieldOf: Readonly<Record<RequestField, string>> = {
  givenName: 'givenName',
  familyName: 'familyName',
  dateOfBirth: 'dob-day',
  upn: 'upn',
  schoolUrn: 'schoolUrn',
  receivedOn: 'received-day',
  requestedBy: 'requestedBy',
};

/**
 * The new-request form checked field by field: the values, or every error by its field. The date boxes are read here;
 * every other rule is the domain's (checkRequest), the same a bulk import of a case list applies.
 */
export function newRequestOf(fields: Fields, districtCodes: ReadonlySet<string>): NewRequestValues | FieldError[] {
  const errors: FieldError[] = [];
  const dateOfBirth = dateField(fields, 'dob', 'the date of birth');
  const receivedOn = dateField(fields, 'received', 'the date the request was received');
  for (const d of [dateOfBirth, receivedOn]) if (typeof d !== 'string') errors.push(d);
  const checked = checkRequest(
    {
      givenName: fields.givenName ?? '',
      familyName: fields.familyName ?? '',
      dateOfBirth: typeof dateOfBirth === 'string' ? dateOfBirth : '',
      upn: fields.upn ?? '',
      schoolUrn: fields.schoolUrn ?? '',
      receivedOn: typeof receivedOn === 'string' ? receivedOn : '',
      requestedBy: fields.requestedBy ?? '',
    },
    null,
  );
  const dateErrors = new Set(errors.map((e) => e.field));
  if ('problems' in checked)
    for (const p of checked.problems) if (!dateErrors.has(formFieldOf[p.field])) errors.push({ field: formFieldOf[p.field], text: p.text });
  const district = fields.district ?? '';
  if (!districtCodes.has(district)) errors.push({ field: 'district', text: 'Choose the district the child lives in' });
  if (errors.length > 0 || 'problems' in checked) return errors;
  return { ...checked.request, district };
}

/** The steps a caseworker records, each with its page's question. */
export const stepPages = {
  decision: { title: 'Decision whether to assess', dateLabel: 'the date of the decision' },
  draft: { title: 'Draft plan issued', dateLabel: 'the date the draft plan was sent' },
  outcome: { title: 'Final plan or decision not to issue one', dateLabel: 'the date of the final plan or the decision' },
  exception: { title: 'Exception to the time limit', dateLabel: 'the date the exception arose' },
  withdrawal: { title: 'Request withdrawn', dateLabel: 'the date the request was withdrawn' },
  review: { title: 'Annual review', dateLabel: 'the date of the review meeting' },
  placement: { title: 'Placement', dateLabel: 'the date the placement starts' },
  cease: { title: 'Plan ceased', dateLabel: 'the date the plan ceased' },
} as const;
export type StepName = keyof typeof stepPages;
export const isStepName = (value: string): value is StepName => Object.hasOwn(stepPages, value);

export const choices = {
  decision: [
    { value: 'assess', text: 'Assess: carry out an EHC needs assessment' },
    { value: 'not-assess', text: 'Not assess: the request is refused (the clock ends)' },
  ],
  outcome: [
    { value: 'plan', text: 'Final plan issued' },
    { value: 'no-plan', text: 'Decided not to issue a plan' },
  ],
  exception: Object.entries(exceptionReasons).map(([value, text]) => ({ value, text })),
  cease: Object.entries(ceaseReasons).map(([value, text]) => ({ value, text })),
  placement: Object.entries(establishmentTypes).map(([value, text]) => ({ value, text })),
  requestedBy: Object.entries(requesters).map(([value, text]) => ({ value, text })),
} as const;

/** A step's form checked: the step, or the errors by field. */
export function stepOf(name: StepName, fields: Fields): SenStep | FieldError[] {
  const on = dateField(fields, 'on', stepPages[name].dateLabel);
  const errors: FieldError[] = typeof on === 'string' ? [] : [on];
  const choice = fields.choice ?? '';
  const date = typeof on === 'string' ? on : '';
  const need = (ok: boolean, text: string) => (ok ? true : (errors.push({ field: 'choice', text }), false));
  let step: SenStep | null = null;
  if (name === 'decision' && need(choice === 'assess' || choice === 'not-assess', 'Choose the decision'))
    step = { kind: 'decision', assess: choice === 'assess', on: date };
  if (name === 'outcome' && need(choice === 'plan' || choice === 'no-plan', 'Choose whether a plan was issued'))
    step = { kind: 'outcome', plan: choice === 'plan', on: date };
  if (name === 'exception' && need(isExceptionReason(choice), 'Choose the exception')) step = { kind: 'exception', reason: choice as never, on: date };
  if (name === 'cease' && need(isCeaseReason(choice), 'Choose why the plan ceased')) step = { kind: 'cease', reason: choice as never, on: date };
  if (name === 'placement' && need(isEstablishmentType(choice), 'Choose the kind of establishment')) {
    const urn = fields.schoolUrn ?? '';
    if (urn !== '' && !/^\d{6}$/.test(urn)) errors.push({ field: 'schoolUrn', text: 'A school URN is 6 digits, for example 118493' });
    step = { kind: 'placement', establishmentType: choice as never, schoolUrn: urn === '' ? null : urn, on: date };
  }
  if (name === 'draft') step = { kind: 'draft', on: date };
  if (name === 'withdrawal') step = { kind: 'withdrawal', on: date };
  if (name === 'review') step = { kind: 'review', on: date };
  return errors.length > 0 || step === null ? errors : step;
}
