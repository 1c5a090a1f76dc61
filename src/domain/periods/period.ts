/**
 * Time as the framework counts it, in one place (issue 13.2). A period is an academic year (1 September to 31 August,
 * the DfE's school year), a financial year (1 April to 31 March) or a calendar year. Academic and financial years are
 * written as DfE files write them, by their two years: 2015/16 is '201516'; a calendar year as '2016'.
 *
 * A framework's year is the academic year ending in it: the framework's 2016 is 2015/16 (its summer results, its
 * January census), and for a calendar-year measure it is the calendar year 2016. Anything dated (a delivery milestone,
 * an inspection) counts for the academic year the date falls in: a milestone done in October 2014 counts for 2014/15,
 * the framework's 2015.
 */

export type PeriodType = 'academic' | 'financial' | 'calendar';

const twoYears = /^(\d{4})(\d{2})$/;

/** Whether a code names a two-year period (academic or financial), its second year following its first: '201516'. */
export function isTwoYearCode(code: string): boolean {
  const m = twoYears.exec(code);
  return m !== null && (Number(m[1]) + 1) % 100 === Number(m[2]);
}

/** The code of the academic (or financial) year starting in `startYear`: 2015 → '201516'. */
export function academicYearCode(startYear: number): string {
  return `${startYear}${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The year an academic or financial year's code starts in: '201516' → 2015. */
export function startYearOf(code: string): number {
  if (!isTwoYearCode(code)) throw new Error(`not an academic year code: ${code}`);
  return Number(code.slice(0, 4));
}

/** The year a period ends in: 2016 for '201516' (its summer) and for the calendar year '2016'. */
export function endYearOf(period: string): number {
  if (isTwoYearCode(period)) return startYearOf(period) + 1;
  if (/^\d{4}$/.test(period)) return Number(period);
  throw new Error(`not a period code: ${period}`);
}

/** How an academic year's code is written for people: '201516' → '2015/16'. */
export function academicYearLabel(code: string): string {
  startYearOf(code);
  return `${code.slice(0, 4)}/${code.slice(4)}`;
}

/** How any period is written for people: 2015/16 for an academic or financial year, 2016 for a calendar year. */
export function periodLabel(period: string): string {
  return isTwoYearCode(period) ? academicYearLabel(period) : period;
}

/** A run of periods in words: "2012/13 to 2014/15", one period alone, or nothing for none. */
export function periodSpanLabel(periods: readonly string[]): string {
  if (periods.length === 0) return '';
  const [first, last] = [periods[0]!, periods.at(-1)!];
  return first === last ? periodLabel(first) : `${periodLabel(first)} to ${periodLabel(last)}`;
}

/** The period a framework year means for a measure: 2016 is '201516' for academic and financial years, '2016' for calendar. */
export function periodOfYear(year: number, periodType: PeriodType): string {
  return periodType === 'calendar' ? String(year) : academicYearCode(year - 1);
}

/** The period `years` before (one by default), of the same kind: '201516' → '201415', '2016' → '2015'. */
export function previousPeriod(period: string, years = 1): string {
  return isTwoYearCode(period) ? academicYearCode(startYearOf(period) - years) : String(endYearOf(period) - years);
}

/** The academic year a date ('YYYY-MM-DD') falls in: 1 September starts the next. '2014-10-15' → '201415'. */
export function academicYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  return academicYearCode(Number(date.slice(5, 7)) >= 9 ? year : year - 1);
}

/** The start year of the academic year a date falls in: '2012-01-31' → 2011, '2012-09-30' → 2012. */
export function academicStartYearOf(date: string): number {
  return startYearOf(academicYearOf(date));
}

/**
 * Academic age: a child's age on 31 August before the academic year starting in `startYear` (DfE: academic age 4 is
 * Reception, 10 is Year 6, 11 Year 7, 15 Year 11, 16 Year 12).
 */
export function academicAge(dateOfBirth: string, startYear: number): number {
  const born = Number(dateOfBirth.slice(0, 4));
  return startYear - born - (dateOfBirth.slice(5) > '08-31' ? 1 : 0);
}

/** The framework year something done on a date counts for: the end of the academic year it falls in ('2014-10-15' → 2015). */
export function frameworkYearOf(date: string): number {
  return endYearOf(academicYearOf(date));
}

/** The first and last days of an academic year: 1 September to 31 August. */
export function academicYearSpan(code: string): Readonly<{ from: string; to: string }> {
  const start = startYearOf(code);
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
}

/**
 * The day an academic year's key stage results are taken as sat: 1 June of its summer (the KS2 tests are in May; GCSE
 * and A level exams run from May to late June, so a few are later). A school's support begun after it did not shape
 * that summer's results; begun before it, it may have.
 */
export function resultsDayOf(code: string): string {
  return `${startYearOf(code) + 1}-06-01`;
}

/** The January census date of an academic year: the third Thursday of January, taken as 15 January (the earliest it falls). */
export function censusDateOf(code: string): string {
  return `${startYearOf(code) + 1}-01-15`;
}
