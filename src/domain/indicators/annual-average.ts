/**
 * The annual average of a monthly series for one calendar year: the mean of its twelve monthly values, January to
 * December. This is how the claimant count's annual figures are published (StatsWales's claimant count tables: "Data are
 * annual averages for each calendar year", https://statswales.gov.wales/Browser/42149; the catalogue's unemployed-18-24
 * and youth-unemployment-rate-16-24 say "annual average"); Nomis gives the months (NM_162_1, "Claimant count by sex and
 * age", https://www.nomisweb.co.uk/articles/920.aspx), so Waymark makes the year.
 *
 * A year with fewer than twelve months is not averaged: a mean of the months held would be a different measure (a
 * January-to-June mean of a falling count is higher than the year's), so it is returned as incomplete with the months it
 * lacks, for the importer to leave the year out and say so. Two values for one month are the caller's error.
 */
export type MonthlyValue = Readonly<{ month: number; value: number }>;

export type AnnualAverage = Readonly<{ kind: 'average'; value: number }> | Readonly<{ kind: 'incomplete'; missingMonths: readonly number[] }>;

export const monthsInYear = 12;

export function annualAverage(months: readonly MonthlyValue[]): AnnualAverage {
  const held = new Map<number, number>();
  for (const m of months) {
    if (!Number.isInteger(m.month) || m.month < 1 || m.month > monthsInYear) throw new Error(`month ${m.month} is not 1 to 12`);
    if (held.has(m.month)) throw new Error(`two values for month ${m.month}`);
    held.set(m.month, m.value);
  }
  const missingMonths = Array.from({ length: monthsInYear }, (_, i) => i + 1).filter((m) => !held.has(m));
  if (missingMonths.length > 0) return { kind: 'incomplete', missingMonths };
  let sum = 0;
  for (const value of held.values()) sum += value;
  return { kind: 'average', value: sum / monthsInYear };
}
