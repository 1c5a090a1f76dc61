/**
 * How long a coordinated round's applications are kept before they are anonymised (issue 16 with 15.7). The rule
 * followed is the IRMS's for admissions records (Information Management Toolkit for Schools, and its retention
 * guidelines for local authorities): a successful application is kept until the date of admission plus one year, an
 * unsuccessful one until the appeal is resolved plus one year. The wording could not be checked against the IRMS text
 * while this was written (it is not in the reference corpus Waymark's authors could search); the period is the one the
 * brief for issue 16 gives. Waymark holds no appeals, so every application of a round is treated alike: entry is on
 * 1 September of the year of entry, so the round is anonymised from 1 September of the year after.
 */

/** The day a round whose year of entry is `entryYear` is anonymised: 1 September of the next year. */
export function admissionsAnonymiseOn(entryYear: number): string {
  return `${entryYear + 1}-09-01`;
}

/** The latest year of entry whose round is due to be anonymised on `today` ('YYYY-MM-DD'): every earlier one is too. */
export function lastEntryYearDue(today: string): number {
  const year = Number(today.slice(0, 4));
  return admissionsAnonymiseOn(year - 1) <= today ? year - 1 : year - 2;
}

export const admissionsRetentionRule =
  'the applications of a round are anonymised from 1 September of the year after entry (IRMS: admissions records kept to the date of admission + 1 year; Waymark holds no appeals): names, date of birth (year kept), UPN, home postcode and point and current school cleared; preferences, offers and explanations kept for the figures';
