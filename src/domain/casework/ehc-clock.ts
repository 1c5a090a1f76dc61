import { addDays, daysBetween } from '../periods/dates.ts';
/**
 * The statutory clocks of an EHC needs assessment (and, for requests received before 1 September 2014, of a statutory
 * assessment for a statement of SEN). Pure functions over dates written 'YYYY-MM-DD' (Europe/London calendar dates).
 *
 * - SEND Regulations 2014 (SI 2014/1530): reg 4(1) / 5(1) notify the decision whether to assess within 6 weeks of the
 *   request; reg 10(1) notify a decision not to issue a plan within 16 weeks; reg 13(2) issue the final EHC plan within
 *   20 weeks; regs 5(4), 10(4) and 13(3) list the exceptions (the LA asked for advice and the body did not reply in
 *   time, the school or college is closed for four weeks or more, the child, young person or parent is away for four
 *   weeks or more, exceptional personal circumstances, a missed appointment).
 * - Education (Special Educational Needs) (England) (Consolidation) Regulations 2001 (SI 2001/3455), regs 12 and 17
 *   and the SEN Code of Practice 2001 para 8:15: 6 weeks to decide, 10 to assess, 2 to issue a proposed statement, 8
 *   to finalise — 26 weeks in all.
 *
 * The regulations count weeks, not working days: a period of N weeks ends on the same weekday N × 7 calendar days
 * after the request, with no adjustment for weekends or bank holidays (a deadline may fall on a bank holiday).
 */

/** From this day new requests are for an EHC plan (Children and Families Act 2014 Part 3 in force). */
export const ehcStartDate = '2014-09-01';

/** Which regulations a request's clock runs under, by the day it was received. */
export type Regime = 'statement' | 'ehc';

export function regimeOf(receivedOn: string): Regime {
  return receivedOn < ehcStartDate ? 'statement' : 'ehc';
}

/** The weeks each regime allows, from the day the request was received. */
export const clockWeeks: Readonly<Record<Regime, Readonly<{ decision: number; noPlanNotice: number; finalPlan: number }>>> = {
  // 2001 regulations: the decision at 6 weeks, a note in lieu (no statement) at 6 + 10 + 2 = 18, final statement at 26.
  statement: { decision: 6, noPlanNotice: 18, finalPlan: 26 },
  // SEND Regulations 2014 regs 5(1), 10(1), 13(2).
  ehc: { decision: 6, noPlanNotice: 16, finalPlan: 20 },
};

/** The day a period of `weeks` weeks from the request ends: the same weekday, weeks × 7 calendar days later. */
export function addWeeks(date: string, weeks: number): string {
  return addDays(date, weeks * 7);
}

export type Deadlines = Readonly<{ regime: Regime; decision: string; noPlanNotice: string; finalPlan: string }>;

/** The three dates a request's clock sets (e.g. received 2024-01-08: decision 2024-02-19, no plan 2024-04-29, plan 2024-05-27). */
export function deadlinesOf(receivedOn: string): Deadlines {
  const regime = regimeOf(receivedOn);
  const weeks = clockWeeks[regime];
  return {
    regime,
    decision: addWeeks(receivedOn, weeks.decision),
    noPlanNotice: addWeeks(receivedOn, weeks.noPlanNotice),
    finalPlan: addWeeks(receivedOn, weeks.finalPlan),
  };
}

/** What has happened on a request, as far as its clock is concerned. */
export type RequestSteps = Readonly<{
  receivedOn: string;
  withdrawnOn: string | null;
  /** The decision whether to assess: null while none is made. */
  decision: Readonly<{ assess: boolean; on: string }> | null;
  draftOn: string | null;
  /** The final plan issued, or a decision not to issue one (after assessing). */
  outcome: Readonly<{ plan: boolean; on: string }> | null;
  /** The exceptions recorded (regulation and date): any one takes the case out of the "excluding exceptions" measure. */
  exceptions: readonly Readonly<{ regulation: string; on: string }>[];
}>;

/** Where a request's clock stands: the step due next and by when, or how it ended. */
export type ClockState =
  | Readonly<{ kind: 'running'; step: 'decision' | 'outcome'; dueOn: string; daysLeft: number; overdue: boolean }>
  | Readonly<{ kind: 'ended'; why: 'withdrawn' | 'not-assessed' | 'no-plan' | 'plan-issued'; on: string }>;

/**
 * The clock on `today`. A withdrawal or a decision not to assess ends it; after a decision to assess the final plan (or
 * the notice of no plan) is due — the plan's date is shown, the notice's is in `deadlinesOf`. A new request for the
 * same child is a new request with its own clock (it is another record, not this one reopened).
 */
export function clockOf(steps: RequestSteps, today: string): ClockState {
  if (steps.withdrawnOn !== null) return { kind: 'ended', why: 'withdrawn', on: steps.withdrawnOn };
  if (steps.decision !== null && !steps.decision.assess) return { kind: 'ended', why: 'not-assessed', on: steps.decision.on };
  if (steps.outcome !== null) return { kind: 'ended', why: steps.outcome.plan ? 'plan-issued' : 'no-plan', on: steps.outcome.on };
  const deadlines = deadlinesOf(steps.receivedOn);
  const step = steps.decision === null ? 'decision' : 'outcome';
  const dueOn = step === 'decision' ? deadlines.decision : deadlines.finalPlan;
  const daysLeft = daysBetween(today, dueOn);
  return { kind: 'running', step, dueOn, daysLeft, overdue: daysLeft < 0 };
}

/** How a plan issued counts in the time-limit measure: in time or late, and whether an exception applied. */
export type PlanTiming = Readonly<{ regime: Regime; issuedOn: string; dueOn: string; inTime: boolean; exception: boolean }>;

/** A final plan issued on or before the last day of its period is in time (issued 2024-05-28 on a request of 2024-01-08 is late). */
export function planTimingOf(steps: RequestSteps): PlanTiming | null {
  if (steps.outcome === null || !steps.outcome.plan || steps.withdrawnOn !== null) return null;
  const deadlines = deadlinesOf(steps.receivedOn);
  return {
    regime: deadlines.regime,
    issuedOn: steps.outcome.on,
    dueOn: deadlines.finalPlan,
    inTime: steps.outcome.on <= deadlines.finalPlan,
    exception: steps.exceptions.length > 0,
  };
}

/** The exceptions the regulations allow, as a caseworker records them (SEND Regulations 2014 regs 5(4), 10(4), 13(3)). */
export const exceptionReasons = {
  'school-closed': 'The school or college was closed for 4 weeks or more when its advice was asked',
  'exceptional-circumstances': 'Exceptional personal circumstances of the child, young person or parent',
  'absent-four-weeks': 'The child, young person or parent was away from the area for 4 weeks or more',
  'missed-appointment': 'The child or young person did not keep an appointment',
} as const;
export type ExceptionReason = keyof typeof exceptionReasons;
export const isExceptionReason = (value: string): value is ExceptionReason => Object.hasOwn(exceptionReasons, value);
