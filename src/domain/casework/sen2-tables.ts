import { addDays } from '../periods/dates.ts';
import { planTimingOf, type RequestSteps } from './ehc-clock.ts';
import { establishmentTypes, maintainedOn, placementOn, type PlanLife } from './ehc-figures.ts';

/** One request as the SEN2 tables read it: its steps, its plan's life (if any), the child's birth and why a plan ceased. */
export type Sen2Record = Readonly<{ steps: RequestSteps; plan: PlanLife | null; dateOfBirth: string; ceaseReason: string | null }>;

/** SEN2's age groups of children and young people with a plan (age on 31 August before the January census). */
export const sen2AgeGroups = ['Under 5', '5 to 10', '11 to 15', '16 to 19', '20 to 25'] as const;

/** Age in whole years on a day. */
export function ageOn(dateOfBirth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

function ageGroupOf(age: number): (typeof sen2AgeGroups)[number] {
  if (age < 5) return 'Under 5';
  if (age <= 10) return '5 to 10';
  if (age <= 15) return '11 to 15';
  return age <= 19 ? '16 to 19' : '20 to 25';
}

export type Sen2Tables = Readonly<{
  year: number;
  censusDate: string;
  /** Plans maintained on the census date, by age group and by establishment type of the placement that day. */
  maintained: Readonly<{ total: number; byAge: Readonly<Record<string, number>>; byEstablishment: Readonly<Record<string, number>> }>;
  /** New plans issued in the previous calendar year and how many within the time limit, with and without exception cases. */
  newPlans: Readonly<{ issued: number; inTime: number; exceptions: number; issuedExcludingExceptions: number; inTimeExcludingExceptions: number }>;
  /** Activity in the previous calendar year. */
  activity: Readonly<{
    requests: number;
    assessed: number;
    notAssessed: number;
    noPlan: number;
    ceased: number;
    ceasedByReason: Readonly<Record<string, number>>;
  }>;
}>;

/**
 * The main SEN2 tables for the return of January `year` (DfE SEN2 guidance, 2015-2022 aggregate returns): the plans
 * (statements and EHC plans) the LA maintained on the January census date, by age on the previous 31 August and by the
 * establishment attended; the new plans issued in the previous calendar year and whether within the time limit
 * (20 weeks, or 26 for a statement), including and excluding cases with an exception; and the previous calendar
 * year's requests, decisions, assessments with no plan, and plans ceased, by reason.
 */
export function sen2TablesOf(records: readonly Sen2Record[], year: number, censusDate: string): Sen2Tables {
  const previous = String(year - 1);
  const august = `${year - 1}-08-31`;
  const byAge: Record<string, number> = Object.fromEntries(sen2AgeGroups.map((g) => [g, 0]));
  const byEstablishment: Record<string, number> = Object.fromEntries([...Object.keys(establishmentTypes), 'not-recorded'].map((k) => [k, 0]));
  const ceasedByReason: Record<string, number> = {};
  let total = 0;
  const newPlans = { issued: 0, inTime: 0, exceptions: 0, issuedExcludingExceptions: 0, inTimeExcludingExceptions: 0 };
  const activity = { requests: 0, assessed: 0, notAssessed: 0, noPlan: 0, ceased: 0 };
  for (const r of records) {
    if (r.plan !== null && maintainedOn(r.plan, censusDate)) {
      total++;
      byAge[ageGroupOf(ageOn(r.dateOfBirth, august))]!++;
      byEstablishment[placementOn(r.plan, censusDate) ?? 'not-recorded']!++;
    }
    const timing = planTimingOf(r.steps);
    if (timing !== null && timing.issuedOn.startsWith(previous)) {
      newPlans.issued++;
      if (timing.inTime) newPlans.inTime++;
      if (timing.exception) newPlans.exceptions++;
      else {
        newPlans.issuedExcludingExceptions++;
        if (timing.inTime) newPlans.inTimeExcludingExceptions++;
      }
    }
    if (r.steps.receivedOn.startsWith(previous)) activity.requests++;
    if (r.steps.decision?.on.startsWith(previous) === true) {
      if (r.steps.decision.assess) activity.assessed++;
      else activity.notAssessed++;
    }
    if (r.steps.outcome?.plan === false && r.steps.outcome.on.startsWith(previous)) activity.noPlan++;
    if (r.plan?.ceasedOn?.startsWith(previous) === true) {
      activity.ceased++;
      ceasedByReason[r.ceaseReason ?? 'other'] = (ceasedByReason[r.ceaseReason ?? 'other'] ?? 0) + 1;
    }
  }
  return { year, censusDate, maintained: { total, byAge, byEstablishment }, newPlans, activity: { ...activity, ceasedByReason } };
}

/** The first day after the previous calendar year, for a page that says which year the activity covers. */
export const activitySpan = (year: number) => ({ from: `${year - 1}-01-01`, to: addDays(`${year}-01-01`, -1) });
