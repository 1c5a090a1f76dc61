/**
 * How long a closed CME case is kept before it is anonymised. The IRMS Retention Guidelines for Local Authorities
 * (education: "children missing education" and pupil tracking records) keep a closed case for the date of closure plus
 * six years; the LA may set another period. Anonymising clears the child's names, date of birth (its year is kept),
 * postcode and UPN, and keeps the clock facts (dates known, outcomes, district) so the figures stand.
 */
export const defaultCmeRetentionYears = 6;

/** The day a case closed on `closedOn` is anonymised: the same day of the month `years` later (29 February → 28 February). */
export function cmeAnonymiseOn(closedOn: string, years: number): string {
  const year = Number(closedOn.slice(0, 4)) + years;
  const monthDay = closedOn.slice(5);
  if (monthDay === '02-29' && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return `${year}-02-28`;
  return `${year}-${monthDay}`;
}

/** Whether a case closed on `closedOn` is due to be anonymised on `today`. A case still open is never due. */
export function cmeDueForAnonymising(closedOn: string | null, today: string, years: number): boolean {
  return closedOn !== null && cmeAnonymiseOn(closedOn, years) <= today;
}

/** What is wrong with a date known: it must be no later than today, and no earlier than 1 September 2006 (s.436A came into force in 2007). */
export function cmeDateKnownProblem(knownOn: string, today: string): string | null {
  if (knownOn > today) return 'The date the child became known must be today or in the past';
  if (knownOn < '2006-09-01') return 'The date the child became known must be after 1 September 2006';
  return null;
}
