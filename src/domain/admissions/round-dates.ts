import type { AdmissionPhase } from './admissions.ts';
import { addDays, daysBetween } from '../periods/dates.ts';

/**
 * A coordinated round's dates as the School Admissions Code and the national offer days set them (domain.md §13;
 * School Admissions Code 2014 paras 2.15-2.17 and Annex A, the Co-ordination Regulations 2012 Schedule 2): secondary
 * applications close on 31 October of the year before entry and offers are made on 1 March, or the next working day;
 * primary (Reception) applications close on 15 January of the year of entry and offers are made on 16 April, or the
 * next working day. A working day is not a Saturday, a Sunday or an English bank holiday; the only bank holidays
 * either offer day can meet are Good Friday and Easter Monday (16 April can be either).
 */
export type RoundDates = Readonly<{ closingDate: string; offerDay: string }>;

export function roundDatesOf(phase: AdmissionPhase, entryYear: number): RoundDates {
  if (phase === 'secondary') return { closingDate: `${entryYear - 1}-10-31`, offerDay: nextWorkingDay(`${entryYear}-03-01`) };
  return { closingDate: `${entryYear}-01-15`, offerDay: nextWorkingDay(`${entryYear}-04-16`) };
}

/** The day itself if it is a working day in England, else the next one. */
function nextWorkingDay(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

function isWorkingDay(date: string): boolean {
  // 1 January 1970 was a Thursday: 0 = Thursday, 2 = Saturday, 3 = Sunday.
  const weekday = ((((daysBetween('1970-01-01', date) % 7) + 7) % 7) + 4) % 7; // 0 = Sunday … 6 = Saturday
  if (weekday === 0 || weekday === 6) return false;
  const easter = easterSunday(Number(date.slice(0, 4)));
  return date !== addDays(easter, -2) && date !== addDays(easter, 1);
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm: Meeus, *Astronomical Algorithms*, ch. 8). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
