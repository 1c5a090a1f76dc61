import { planTimingOf, type PlanTiming, type RequestSteps } from './ehc-clock.ts';

/** Whether the time-limit measure leaves out plans with an exception recorded (DfE SEN2 headline) or counts them all. */
export type ExceptionVariant = 'excluding' | 'including';

export type InTimeCount = Readonly<{ inTime: number; issued: number; percent: number | null }>;

/**
 * New plans issued in calendar year `year` and how many were within the time limit of their regulations (26 weeks for
 * a statement requested before 1 September 2014, 20 weeks for an EHC plan). Excluding exceptions (the DfE's SEN2
 * headline, LAIT SEN_EHC_Excpt_20wks, and NI 103(a) for statements) a plan with an exception recorded is out of both
 * counts; including exceptions it counts, in time or not by its dates alone.
 */
export function inTimeCountOf(timings: readonly (PlanTiming | null)[], year: number, variant: ExceptionVariant): InTimeCount {
  let inTime = 0;
  let issued = 0;
  for (const t of timings) {
    if (t === null || Number(t.issuedOn.slice(0, 4)) !== year) continue;
    if (variant === 'excluding' && t.exception) continue;
    issued++;
    if (t.inTime) inTime++;
  }
  return { inTime, issued, percent: issued === 0 ? null : (100 * inTime) / issued };
}

/** The timings of many requests (null for those with no plan issued). */
export function timingsOf(requests: readonly RequestSteps[]): (PlanTiming | null)[] {
  return requests.map(planTimingOf);
}

/** SEN2's establishment types of a placement (SEN2 2013-2022 table C: placement of children with a plan). */
export const establishmentTypes = {
  'mainstream-school': 'Mainstream school (LA maintained or academy)',
  'resourced-provision': 'Resourced provision or SEN unit',
  'maintained-special': 'LA maintained special school',
  'academy-special': 'Academy or free special school',
  'independent-special': 'Independent special school',
  'non-maintained-special': 'Non-maintained special school',
  'further-education': 'Further education or sixth form college',
  other: 'Other (alternative provision, home, not in education)',
} as const;
export type EstablishmentType = keyof typeof establishmentTypes;
export const isEstablishmentType = (value: string): value is EstablishmentType => Object.hasOwn(establishmentTypes, value);

/** Target 19 counts these: special schools neither maintained by an LA nor an academy. */
export const independentOrNonMaintained: readonly EstablishmentType[] = ['independent-special', 'non-maintained-special'];

export type PlanLife = Readonly<{
  issuedOn: string;
  ceasedOn: string | null;
  placements: readonly Readonly<{ startsOn: string; establishmentType: EstablishmentType }>[];
}>;

/** A plan is maintained on a day from its issue until the day it ceases (a plan ceased that day is not counted). */
export function maintainedOn(plan: PlanLife, date: string): boolean {
  return plan.issuedOn <= date && (plan.ceasedOn === null || plan.ceasedOn > date);
}

/** The placement in force on a day: the latest one started on or before it (null if none had started). */
export function placementOn(plan: PlanLife, date: string): EstablishmentType | null {
  let found: Readonly<{ startsOn: string; establishmentType: EstablishmentType }> | null = null;
  for (const p of plan.placements) if (p.startsOn <= date && (found === null || p.startsOn >= found.startsOn)) found = p;
  return found?.establishmentType ?? null;
}

/** Plans maintained on the census day, and of them those placed in independent or non-maintained special schools. */
export function censusCountOf(plans: readonly PlanLife[], censusDate: string): Readonly<{ maintained: number; independent: number }> {
  let maintained = 0;
  let independent = 0;
  for (const plan of plans) {
    if (!maintainedOn(plan, censusDate)) continue;
    maintained++;
    const type = placementOn(plan, censusDate);
    if (type !== null && independentOrNonMaintained.includes(type)) independent++;
  }
  return { maintained, independent };
}

/**
 * The day an EHC record may be anonymised: the young person's 31st birthday (a plan can run to 25, kept 6 years more:
 * IRMS, Information Management Toolkit for Schools / local authorities, SEN records "date of birth + 31 years").
 * A birthday on 29 February falls on 1 March in a year that has none.
 */
export function retainUntil(dateOfBirth: string): string {
  const year = Number(dateOfBirth.slice(0, 4)) + 31;
  const monthDay = dateOfBirth.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthDay === '02-29' && !leap ? `${year}-03-01` : `${year}-${monthDay}`;
}

/** The latest date of birth whose record may be anonymised on `today` (its 31st birthday has come): today 31 years back. */
export function bornOnOrBeforeToRetire(today: string): string {
  const year = Number(today.slice(0, 4)) - 31;
  const monthDay = today.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthDay === '02-29' && !leap ? `${year}-02-28` : `${year}-${monthDay}`;
}
