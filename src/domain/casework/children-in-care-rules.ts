import { isCalendarDate } from '../periods/dates.ts';
import { startYearOf } from '../periods/period.ts';

/**
 * Children looked after, from the SSDA903 return's episodes (domain.md §8.3): the cohort the DfE's outcomes release and
 * the Virtual School report on is the children looked after continuously for at least 12 months at 31 March, less those
 * whose only care is a series of short breaks (legal status V3 or V4).
 */

export type CareEpisode = Readonly<{
  /** DECOM: the episode's start ('YYYY-MM-DD'). */
  start: string;
  /** DEC: its end, or null while it continues. */
  end: string | null;
  /** LS: the legal status (C2 care order, V2 section 20, V3/V4 short breaks, …). */
  legalStatus: string;
}>;

/** A child in the SSDA903 header file, as the return gives them (CHILD is the LA's own id for the child). */
export type Ssda903Child = Readonly<{ child: string; upn: string | null; sex: string | null; dateOfBirth: string | null; ethnic: string | null }>;

/** One SSDA903 episode, every field the Virtual School keeps (the return's columns in order, by their guide's names). */
export type Ssda903Episode = CareEpisode &
  Readonly<{
    child: string;
    /** RNE: why the episode started. */
    reasonNewEpisode: string;
    /** CIN: the category of need. */
    categoryOfNeed: string;
    /** PLACE: the placement type. */
    placement: string;
    /** PLACE_PROVIDER. */
    placementProvider: string | null;
    /** REC: why the episode ceased, or null while it continues. */
    reasonEpisodeCeased: string | null;
    /** REASON_PLACE_CHANGE. */
    reasonPlaceChange: string | null;
    /** URN of the placement, where it is a school. */
    placementUrn: string | null;
  }>;

/** SSDA903 legal status codes (LS). */
export const legalStatuses: Readonly<Record<string, string>> = {
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order granted',
  E1: 'Placement order granted',
  J1: 'Remanded to local authority accommodation or youth detention accommodation',
  J2: 'Placed in local authority accommodation under PACE',
  J3: 'Sentenced to a youth rehabilitation order with residence or fostering requirement',
  L1: 'Under police protection and in local authority accommodation',
  L2: 'Emergency protection order',
  L3: 'Under child assessment order and in local authority accommodation',
  V2: 'Single period of accommodation under section 20',
  V3: 'Accommodated under an agreed series of short-term breaks, when individual episodes are recorded',
  V4: 'Accommodated under an agreed series of short-term breaks, when agreements are recorded',
};

const shortBreaks = new Set(['V3', 'V4']);

/** The 31 March an academic year's children in care are counted at: 31 March 2012 for 2011/12. */
export function cohortDateOf(period: string): string {
  return `${startYearOf(period) + 1}-03-31`;
}

/**
 * Looked after continuously for at least 12 months at `at` (a 31 March): episodes without a gap (each starts on the day
 * the one before ended, as the 903 records a change of placement or legal status) cover every day from a year before
 * (1 April) to `at`, and none of them in that year is a short break.
 */
export function continuouslyLookedAfter(episodes: readonly CareEpisode[], at: string): boolean {
  const from = `${Number(at.slice(0, 4)) - 1}-04-01`;
  const sorted = [...episodes].sort((a, b) => a.start.localeCompare(b.start));
  let coveredTo = '';
  for (const e of sorted) {
    if (e.end !== null && e.end < from) continue;
    if (e.start > at) break;
    if (shortBreaks.has(e.legalStatus)) return false;
    if (coveredTo === '' ? e.start > from : e.start > coveredTo) return false;
    const end = e.end ?? '9999-12-31';
    if (end > coveredTo) coveredTo = end;
  }
  return coveredTo >= at;
}

export type FieldError = Readonly<{ field: string; message: string }>;

/** Check one episode as the 903 gives it: real dates, an end not before its start, a known legal status. */
export function checkEpisode(e: CareEpisode): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCalendarDate(e.start)) errors.push({ field: 'DECOM', message: 'DECOM must be a real date (DD/MM/YYYY)' });
  if (e.end !== null && !isCalendarDate(e.end)) errors.push({ field: 'DEC', message: 'DEC must be a real date (DD/MM/YYYY) or blank' });
  else if (e.end !== null && isCalendarDate(e.start) && e.end < e.start) errors.push({ field: 'DEC', message: 'DEC must not be before DECOM' });
  if (!(e.legalStatus in legalStatuses)) errors.push({ field: 'LS', message: `LS must be one of ${Object.keys(legalStatuses).join(', ')}` });
  return errors;
}
