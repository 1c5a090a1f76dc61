import { addDays, daysBetween } from '../periods/dates.ts';
import { academicAge, academicStartYearOf } from '../periods/period.ts';
/**
 * The children missing education (CME) clock (domain.md §8.1; Kent's framework target 28).
 *
 * An episode runs from the date the LA first learned the child is (or may be) missing education ("date known": a
 * referral, a school's deletion notice, a CTF with no destination, an agency's report) to the date the child started in
 * suitable education. Days are calendar days between two dates in Europe/London: a date is a day on the calendar, so the
 * October and March clock changes move no day. Within 30 days means 30 days or fewer: known 4 March 2024 and placed
 * 2 April 2024 is 29 days, within; placed 4 April is 31 days, not within (domain.md §8.1 worked example).
 *
 * These are local operational definitions: the DfE's statutory guidance (Children missing education, 2013, 2015, 2016)
 * defines no placement clock. A case reopened after it closed starts a new episode with its own date known (our rule):
 * the child went missing again, and the second search is a second episode.
 */

/** How an episode closed. The first five place the child in suitable education; the rest close it without a place. */
export type CmeOutcomeKind =
  | 'school'
  | 'academy'
  | 'pru'
  | 'alternative-provision'
  | 'elective-home-education'
  | 'left-la'
  | 'found-abroad'
  | 'found-on-roll'
  | 'ceased-compulsory-age'
  | 'other';

export const cmeOutcomeKinds: readonly CmeOutcomeKind[] = [
  'school',
  'academy',
  'pru',
  'alternative-provision',
  'elective-home-education',
  'left-la',
  'found-abroad',
  'found-on-roll',
  'ceased-compulsory-age',
  'other',
];

export const cmeOutcomeLabels: Readonly<Record<CmeOutcomeKind, string>> = {
  school: 'Placed on the roll of a maintained school',
  academy: 'Placed on the roll of an academy or free school',
  pru: 'Placed on the roll of a pupil referral unit',
  'alternative-provision': 'Placed in alternative provision arranged by the LA',
  'elective-home-education': 'Elective home education confirmed as suitable',
  'left-la': 'Left the LA’s area (case passed to the new LA)',
  'found-abroad': 'Found to have left the country',
  'found-on-roll': 'Found to be already on a school roll',
  'ceased-compulsory-age': 'Reached the end of compulsory school age',
  other: 'Closed for another reason, not placed',
};

/** Outcomes that place the child: a school, academy or PRU roll, LA-arranged AP, or suitable elective home education. */
export function isPlacement(kind: CmeOutcomeKind): boolean {
  return kind === 'school' || kind === 'academy' || kind === 'pru' || kind === 'alternative-provision' || kind === 'elective-home-education';
}

/**
 * Outcomes reported separately and left out of the denominator: the child was never the LA's to place (left the area,
 * left the country, already on a roll) or stopped being of compulsory school age. 'other' stays in the denominator as
 * not within: the episode closed without the child in suitable education.
 */
export function isReportedSeparately(kind: CmeOutcomeKind): boolean {
  return kind === 'left-la' || kind === 'found-abroad' || kind === 'found-on-roll' || kind === 'ceased-compulsory-age';
}

export const cmeClockDays = 30;

/** One episode of a case: known on a date, and closed with an outcome on a date, or still open. */
export type CmeEpisode = Readonly<{ knownOn: string; outcome: CmeOutcomeKind | null; outcomeOn: string | null }>;

/** The clock of an episode on a day: days open (to its close, or to today), its due date (known + 30), and whether overdue. */
export type CmeClock = Readonly<{ daysOpen: number; dueOn: string; overdue: boolean; open: boolean; daysLeft: number }>;

export function cmeClockOn(episode: CmeEpisode, today: string): CmeClock {
  const open = episode.outcome === null || episode.outcomeOn === null;
  const end = open ? today : episode.outcomeOn;
  const daysOpen = daysBetween(episode.knownOn, end);
  const dueOn = addDays(episode.knownOn, cmeClockDays);
  return { daysOpen, dueOn, overdue: open && daysOpen > cmeClockDays, open, daysLeft: cmeClockDays - daysOpen };
}

/**
 * Where an episode stands for target 28 on a day ('asAt'): placed within 30 days, not within (placed later, closed
 * unplaced, or still open more than 30 days after becoming known), reported separately (not in the denominator), or
 * pending (open, 30 days or fewer: not yet decided). An outcome recorded after `asAt` is not yet known on that day.
 */
export type CmeResult = 'within' | 'not-within' | 'separate' | 'pending';

export function cmeResultOn(episode: CmeEpisode, asAt: string): CmeResult {
  const closed = episode.outcome !== null && episode.outcomeOn !== null && episode.outcomeOn <= asAt;
  if (closed) {
    const kind = episode.outcome;
    if (isReportedSeparately(kind)) return 'separate';
    if (isPlacement(kind)) return daysBetween(episode.knownOn, episode.outcomeOn) <= cmeClockDays ? 'within' : 'not-within';
    return 'not-within';
  }
  return daysBetween(episode.knownOn, asAt) > cmeClockDays ? 'not-within' : 'pending';
}

export type CmeRate = Readonly<{ within: number; notWithin: number; separate: number; pending: number; value: number | null }>;

/**
 * Target 28's figure over a set of episodes (those known in the period): within ÷ (within + not within) × 100, unrounded;
 * no figure where no episode is decided.
 */
export function cmePlacedWithin30Days(episodes: readonly CmeEpisode[], asAt: string): CmeRate {
  const counts = { within: 0, 'not-within': 0, separate: 0, pending: 0 };
  for (const e of episodes) counts[cmeResultOn(e, asAt)]++;
  const denominator = counts.within + counts['not-within'];
  return {
    within: counts.within,
    notWithin: counts['not-within'],
    separate: counts.separate,
    pending: counts.pending,
    value: denominator === 0 ? null : (counts.within / denominator) * 100,
  };
}

/** The last Friday of June of a year: the school leaving date (Education (School Leaving Date) Order 1997). */
function lastFridayOfJune(year: number): string {
  const june30 = `${year}-06-30`;
  // 1970-01-01 was a Thursday: day 0 is weekday 4 (0 = Sunday).
  const weekday = (((daysBetween('1970-01-01', june30) + 4) % 7) + 7) % 7;
  return addDays(june30, -((weekday - 5 + 7) % 7));
}

/**
 * Whether a child born on `dateOfBirth` is of compulsory school age on `on` (Education Act 1996 s.8): from the prescribed
 * day (31 August, 31 December, 31 March: the Education (Start of Compulsory School Age) Order 1998) on or after the fifth
 * birthday, to the end of the school leaving date (the last Friday in June) of the school year in which they turn 16.
 */
export function isOfCompulsorySchoolAge(dateOfBirth: string, on: string): boolean {
  const year = Number(dateOfBirth.slice(0, 4));
  const monthDay = dateOfBirth.slice(5);
  // A 29 February birthday is reached on 1 March in a common year.
  const fifth = monthDay === '02-29' ? `${year + 5}-03-01` : `${year + 5}${dateOfBirth.slice(4)}`;
  const fifthYear = year + 5;
  const prescribed = [`${fifthYear}-03-31`, `${fifthYear}-08-31`, `${fifthYear}-12-31`].find((d) => d >= fifth)!;
  // The school year (1 September to 31 August) in which the child turns 16 ends in this calendar year.
  const sixteenth = `${year + 16}${dateOfBirth.slice(4)}`;
  const leavingYear = sixteenth.slice(5) >= '09-01' ? year + 17 : year + 16;
  return on >= prescribed && on <= lastFridayOfJune(leavingYear);
}

/** The CME count of target 20 on a day: episodes open on `on` whose child is of compulsory school age that day. */
export function childrenNotOnRoll(episodes: readonly (CmeEpisode & Readonly<{ dateOfBirth: string }>)[], on: string): number {
  return episodes.filter((e) => e.knownOn <= on && (e.outcomeOn === null || e.outcomeOn > on) && isOfCompulsorySchoolAge(e.dateOfBirth, on)).length;
}

/**
 * The school phase a child missing education is of an age for when they became known, by academic age (the age on 31
 * August before the academic year, as the census places a child in a year group): Year 6 age (academic age 10) or
 * younger is primary, Year 7 age (11) or older secondary. Every child is in exactly one, so the two add up to all.
 */
export function cmePhaseOf(dateOfBirth: string, knownOn: string): 'phase:primary' | 'phase:secondary' {
  return academicAge(dateOfBirth, academicStartYearOf(knownOn)) <= 10 ? 'phase:primary' : 'phase:secondary';
}
