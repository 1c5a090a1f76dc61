import { isCalendarDate } from '../periods/dates.ts';
import { exceptionReasons, isExceptionReason, type ExceptionReason } from './ehc-clock.ts';
import { establishmentTypes, isEstablishmentType, type EstablishmentType } from './ehc-figures.ts';
import { checkRequest, type RequestField } from './ehc-request.ts';
import { ceaseReasons, isCeaseReason, stepProblem, type CaseState, type SenStep } from './ehc-steps.ts';

/**
 * A list of EHC needs assessment cases as CSV, one row per request: the columns Waymark's export writes, so that an
 * export loads back into another Waymark (or this one, writing nothing new). A row is checked with the rules of the
 * new-request form (checkRequest) and each step on it is replayed, in the order a caseworker records them, through the
 * rule the step pages apply (stepProblem): an imported case is one the forms could have recorded. The lists of
 * exceptions, reviews and placements are one cell each, items separated by ";", each item its date first:
 * `2024-02-01 school-closed`, `2025-05-01`, `2024-06-01 independent-special 118493`.
 */
export const senCaseListColumns = [
  'request_id',
  'given_name',
  'family_name',
  'date_of_birth',
  'upn',
  'district_code',
  'school_urn',
  'received_on',
  'requested_by',
  'decision',
  'decision_on',
  'draft_on',
  'outcome',
  'outcome_on',
  'withdrawn_on',
  'ceased_on',
  'cease_reason',
  'exceptions',
  'reviews',
  'placements',
] as const;
export type SenCaseListColumn = (typeof senCaseListColumns)[number];
export type SenCaseListValues = Readonly<Record<SenCaseListColumn, string>>;

/** One case as the list holds it (the export writes it from the store; the import checks a row into it). */
export type SenListedCase = Readonly<{
  given_name: string;
  family_name: string;
  date_of_birth: string;
  upn: string | null;
  district_code: string;
  school_urn: string | null;
  received_on: string;
  requested_by: string;
  decision: string | null;
  decision_on: string | null;
  draft_on: string | null;
  outcome: string | null;
  outcome_on: string | null;
  withdrawn_on: string | null;
  ceased_on: string | null;
  cease_reason: string | null;
  exceptions: readonly Readonly<{ on: string; reason: string }>[];
  reviews: readonly string[];
  placements: readonly Readonly<{ on: string; type: string; schoolUrn: string | null }>[];
}>;

/** A case's row of the list (request_id is the id it is held under, empty for a case not yet held). */
export function caseListCellsOf(c: SenListedCase, requestId: number | null): SenCaseListValues {
  const byDate = <T extends { on: string }>(items: readonly T[], key: (t: T) => string) =>
    [...items].sort((a, b) => a.on.localeCompare(b.on) || key(a).localeCompare(key(b)));
  return {
    request_id: requestId === null ? '' : String(requestId),
    given_name: c.given_name,
    family_name: c.family_name,
    date_of_birth: c.date_of_birth,
    upn: c.upn ?? '',
    district_code: c.district_code,
    school_urn: c.school_urn ?? '',
    received_on: c.received_on,
    requested_by: c.requested_by,
    decision: c.decision ?? '',
    decision_on: c.decision_on ?? '',
    draft_on: c.draft_on ?? '',
    outcome: c.outcome ?? '',
    outcome_on: c.outcome_on ?? '',
    withdrawn_on: c.withdrawn_on ?? '',
    ceased_on: c.ceased_on ?? '',
    cease_reason: c.cease_reason ?? '',
    exceptions: byDate(c.exceptions, (e) => e.reason)
      .map((e) => `${e.on} ${e.reason}`)
      .join('; '),
    reviews: [...c.reviews].sort().join('; '),
    placements: byDate(c.placements, (p) => p.type)
      .map((p) => [p.on, p.type, ...(p.schoolUrn === null ? [] : [p.schoolUrn])].join(' '))
      .join('; '),
  };
}

/**
 * The keys a case is known by, for telling whether a listed case is already held: the child (by UPN when given, and
 * always by names, case and spacing aside, with the date of birth: how the new-request form finds a child already held)
 * and the day the request was received. Two requests of one child on the same day are one case.
 */
export function caseKeysOf(c: Pick<SenListedCase, 'upn' | 'given_name' | 'family_name' | 'date_of_birth' | 'received_on'>): string[] {
  const name = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  return [
    ...(c.upn === null ? [] : [`upn:${c.upn}|${c.received_on}`]),
    `name:${name(c.given_name)}|${name(c.family_name)}|${c.date_of_birth}|${c.received_on}`,
  ];
}

export type CaseListProblem = Readonly<{ column: SenCaseListColumn; text: string }>;

const columnOfField: Readonly<Record<RequestField, SenCaseListColumn>> = {
  givenName: 'given_name',
  familyName: 'family_name',
  dateOfBirth: 'date_of_birth',
  upn: 'upn',
  schoolUrn: 'school_urn',
  receivedOn: 'received_on',
  requestedBy: 'requested_by',
};

const codes = (o: object) => Object.keys(o).join(', ');

/** A row checked: the case as the list holds it, or every problem by its column. `today` bounds every date. */
export function checkCaseListRow(values: SenCaseListValues, today: string): { listed: SenListedCase } | { problems: CaseListProblem[] } {
  const v = Object.fromEntries(senCaseListColumns.map((c) => [c, (values[c] ?? '').trim()])) as Record<SenCaseListColumn, string>;
  const problems: CaseListProblem[] = [];
  const problem = (column: SenCaseListColumn, text: string) => (problems.push({ column, text }), null);
  const request = checkRequest(
    {
      givenName: v.given_name,
      familyName: v.family_name,
      dateOfBirth: v.date_of_birth,
      upn: v.upn,
      schoolUrn: v.school_urn,
      receivedOn: v.received_on,
      requestedBy: v.requested_by,
    },
    today,
  );
  if ('problems' in request) request.problems.forEach((p) => problem(columnOfField[p.field], p.text));
  if (v.district_code === '') problem('district_code', 'Give the ONS code of the district the child lives in, for example E07000113');
  const date = (column: SenCaseListColumn): string | null =>
    v[column] === '' ? null : isCalendarDate(v[column]) ? v[column] : problem(column, 'A date is written year-month-day, for example 2024-01-08');
  /** A choice and its date, both given or neither. */
  const paired = <T extends string>(choice: SenCaseListColumn, on: SenCaseListColumn, valid: (x: string) => x is T, allowed: string) => {
    const when = date(on);
    if (v[choice] === '' && v[on] === '') return null;
    if (!valid(v[choice])) return problem(choice, `${v[choice] === '' ? 'Missing' : 'Not a value allowed'}: give one of ${allowed} with the date in ${on}`);
    if (v[on] === '') return problem(on, `Enter the date of the ${choice.replace('_', ' ')} (${v[choice]})`);
    return when === null ? null : { value: v[choice], on: when };
  };
  const decision = paired('decision', 'decision_on', (x): x is 'assess' | 'not-assess' => x === 'assess' || x === 'not-assess', 'assess, not-assess');
  const outcome = paired('outcome', 'outcome_on', (x): x is 'plan' | 'no-plan' => x === 'plan' || x === 'no-plan', 'plan, no-plan');
  const cease = paired('cease_reason', 'ceased_on', isCeaseReason, codes(ceaseReasons));
  const draftOn = date('draft_on');
  const withdrawnOn = date('withdrawn_on');
  const items = (column: 'exceptions' | 'reviews' | 'placements') =>
    v[column]
      .split(';')
      .map((item) => item.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '');
  const exceptions: { on: string; reason: ExceptionReason }[] = [];
  for (const [on = '', reason = '', ...rest] of items('exceptions')) {
    if (!isCalendarDate(on) || !isExceptionReason(reason) || rest.length > 0)
      problem('exceptions', `An exception is its date and reason, for example "2024-02-01 school-closed"; the reasons are ${codes(exceptionReasons)}`);
    else exceptions.push({ on, reason });
  }
  const reviews: string[] = [];
  for (const [on = '', ...rest] of items('reviews')) {
    if (!isCalendarDate(on) || rest.length > 0) problem('reviews', 'Reviews are dates separated by ";", for example "2025-05-01; 2026-04-28"');
    else reviews.push(on);
  }
  const placements: { on: string; type: EstablishmentType; schoolUrn: string | null }[] = [];
  for (const [on = '', type = '', urn, ...rest] of items('placements')) {
    if (!isCalendarDate(on) || !isEstablishmentType(type) || (urn !== undefined && !/^\d{6}$/.test(urn)) || rest.length > 0)
      problem(
        'placements',
        `A placement is its start date, kind and the school's 6-digit URN if known, for example "2024-06-01 maintained-special 118493"; the kinds are ${codes(establishmentTypes)}`,
      );
    else placements.push({ on, type, schoolUrn: urn ?? null });
  }
  if (problems.length > 0 || 'problems' in request) return { problems };

  // The steps replayed in the order the pages take them; the first refused names its column and the rest are not tried.
  const steps: [SenCaseListColumn, SenStep][] = [
    ...exceptions.map((e): [SenCaseListColumn, SenStep] => ['exceptions', { kind: 'exception', reason: e.reason, on: e.on }]),
    ...(decision === null ? [] : [['decision_on', { kind: 'decision', assess: decision.value === 'assess', on: decision.on }] as [SenCaseListColumn, SenStep]]),
    ...(draftOn === null ? [] : [['draft_on', { kind: 'draft', on: draftOn }] as [SenCaseListColumn, SenStep]]),
    ...(withdrawnOn === null ? [] : [['withdrawn_on', { kind: 'withdrawal', on: withdrawnOn }] as [SenCaseListColumn, SenStep]]),
    ...(outcome === null ? [] : [['outcome_on', { kind: 'outcome', plan: outcome.value === 'plan', on: outcome.on }] as [SenCaseListColumn, SenStep]]),
    ...placements.map((p): [SenCaseListColumn, SenStep] => ['placements', { kind: 'placement', establishmentType: p.type, schoolUrn: p.schoolUrn, on: p.on }]),
    ...reviews.map((on): [SenCaseListColumn, SenStep] => ['reviews', { kind: 'review', on }]),
    ...(cease === null ? [] : [['ceased_on', { kind: 'cease', reason: cease.value, on: cease.on }] as [SenCaseListColumn, SenStep]]),
  ];
  let state: CaseState = {
    receivedOn: request.request.receivedOn,
    withdrawnOn: null,
    decision: null,
    draftOn: null,
    outcome: null,
    exceptions: [],
    ceasedOn: null,
  };
  for (const [column, step] of steps) {
    const refused = stepProblem(state, step, today);
    if (refused !== null) return { problems: [{ column, text: refused }] };
    state = after(state, step);
  }
  const r = request.request;
  return {
    listed: {
      given_name: r.givenName,
      family_name: r.familyName,
      date_of_birth: r.dateOfBirth,
      upn: r.upn,
      district_code: v.district_code,
      school_urn: r.schoolUrn,
      received_on: r.receivedOn,
      requested_by: r.requestedBy,
      decision: decision?.value ?? null,
      decision_on: decision?.on ?? null,
      draft_on: draftOn,
      outcome: outcome?.value ?? null,
      outcome_on: outcome?.on ?? null,
      withdrawn_on: withdrawnOn,
      ceased_on: cease?.on ?? null,
      cease_reason: cease?.value ?? null,
      exceptions,
      reviews,
      placements,
    },
  };
}

/** A case's state once a step is recorded on it. */
function after(state: CaseState, step: SenStep): CaseState {
  switch (step.kind) {
    case 'decision':
      return { ...state, decision: { assess: step.assess, on: step.on } };
    case 'draft':
      return { ...state, draftOn: step.on };
    case 'outcome':
      return { ...state, outcome: { plan: step.plan, on: step.on } };
    case 'withdrawal':
      return { ...state, withdrawnOn: step.on };
    case 'exception':
      return { ...state, exceptions: [...state.exceptions, { regulation: step.reason, on: step.on }] };
    case 'cease':
      return { ...state, ceasedOn: step.on };
    case 'review':
    case 'placement':
      return state;
  }
}
