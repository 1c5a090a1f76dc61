import { activityGroupOn, defaultCurrencyMonths, isEet, type ActivityGroup, type CurrencyMonths } from './nccis-codes.ts';

/**
 * A young person's position on a day, from their dated activity records (domain.md §6): academic age, whether the LA
 * must track them, and their activity group with the "not known" rule including lapsed currency.
 */

/** One dated activity as the CCIS holds it: the code, the day it started, the day it was last confirmed. */
export type ActivitySpell = Readonly<{ code: string; startDate: string; confirmedOn: string }>;

/**
 * Whether the LA must track a young person of an academic age in an academic year (domain.md §6.1): to 2014/15 ages
 * 16-19 (to 24 with a learning difficulty or disability); 2015/16 ages 16-19 (to 25 with SEND); from 2016/17 ages 16
 * and 17, and 18-24 with an EHC plan. The EHC plan flag stands for the earlier LDD/SEND flags.
 */
export function mustTrack(age: number, ehcPlan: boolean, academicStartYear: number): boolean {
  if (academicStartYear >= 2016) return age === 16 || age === 17 || (ehcPlan && age >= 18 && age <= 24);
  const upper = academicStartYear >= 2015 ? 25 : 24;
  return (age >= 16 && age <= 19) || (ehcPlan && age >= 16 && age <= upper);
}

/** The day a number of months after another, clamped to the month's last day ('2012-11-30' + 3 = '2013-02-28'). */
export function addMonths(day: string, months: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  const last = daysInMonth(year, month);
  const d = Math.min(Number(day.slice(8, 10)), last);
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The last day of a month given as year and month (1-12). */
export function monthEnd(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The later of two spells: the later start, then the later confirmation, then the higher code (so ties have one answer). */
function laterThan(a: ActivitySpell, b: ActivitySpell): boolean {
  if (a.startDate !== b.startDate) return a.startDate > b.startDate;
  if (a.confirmedOn !== b.confirmedOn) return a.confirmedOn > b.confirmedOn;
  return a.code > b.code;
}

export type NotKnownReason = 'no-activity' | 'recorded-not-known' | 'lapsed';

export type Position = Readonly<{
  group: ActivityGroup;
  /** The activity in force that day, if any. */
  code: string | null;
  /** Why a young person counts as not known; null otherwise. */
  notKnownReason: NotKnownReason | null;
  /** The day the activity in force was last confirmed. */
  confirmedOn: string | null;
}>;

/** The activity in force on a day: the latest start on or before it (ties: the later confirmation, then the higher code). */
function inForceOn(spells: readonly ActivitySpell[], day: string): ActivitySpell | null {
  let current: ActivitySpell | null = null;
  for (const s of spells) if (s.startDate <= day && (current === null || laterThan(s, current))) current = s;
  return current;
}

/** Whether an activity of a group has lapsed by a day: not confirmed within the months `currency` allows for its group. */
function lapsedOn(current: ActivitySpell, group: ActivityGroup, day: string, currency: CurrencyMonths): boolean {
  if (group !== 'neet' && !isEet(group)) return false;
  // The records as now held: an activity confirmed after the day was in force then, so it is current that day.
  const months = currency[group as keyof CurrencyMonths];
  return current.confirmedOn < day && addMonths(current.confirmedOn, months) < day;
}

/**
 * The position on a day: the activity with the latest start on or before it (ties: the later confirmation), grouped by
 * the code list of that day; not known when there is none, when its code says so, or when its currency has lapsed
 * (not confirmed within the months `currency` allows for its group).
 */
export function positionOn(spells: readonly ActivitySpell[], day: string, currency: CurrencyMonths = defaultCurrencyMonths): Position {
  const current = inForceOn(spells, day);
  if (current === null) return { group: 'not-known', code: null, notKnownReason: 'no-activity', confirmedOn: null };
  const group = activityGroupOn(current.code, day);
  const base = { code: current.code, confirmedOn: current.confirmedOn };
  if (group === 'not-known') return { ...base, group, notKnownReason: 'recorded-not-known' };
  if (lapsedOn(current, group, day, currency)) return { ...base, group: 'not-known', notKnownReason: 'lapsed' };
  return { ...base, group, notKnownReason: null };
}

/**
 * The position of a young person of an academic age on a day: as `positionOn`, except that a "below leaving age" code
 * (110-150) still in force once the young person is past compulsory school age says nothing current — its currency
 * ended with Year 11 — so they count as not known until an activity after school is recorded.
 */
export function cohortPositionOn(spells: readonly ActivitySpell[], day: string, age: number, currency: CurrencyMonths = defaultCurrencyMonths): Position {
  const position = positionOn(spells, day, currency);
  if (position.group === 'below-leaving-age' && age >= 16) return { ...position, group: 'not-known', notKnownReason: 'lapsed' };
  return position;
}

/**
 * The group alone of `cohortPositionOn`, by the same rules, making nothing: the monthly snapshot asks it of every young
 * person of a county on each day it counts.
 */
export function cohortGroupOn(spells: readonly ActivitySpell[], day: string, age: number, currency: CurrencyMonths = defaultCurrencyMonths): ActivityGroup {
  const current = inForceOn(spells, day);
  if (current === null) return 'not-known';
  const group = activityGroupOn(current.code, day);
  if (group === 'below-leaving-age' && age >= 16) return 'not-known';
  return lapsedOn(current, group, day, currency) ? 'not-known' : group;
}
