import { breakBetween, type Break } from '../indicators/breaks.ts';
import type { Polarity } from '../indicators/indicator.ts';
import { roundHalfUp } from '../indicators/rounding.ts';
import { headlineIndicators } from '../schools/school-assessment.ts';

/**
 * A place's key indicator year by year against England (and, for a district or a grouping, its LA), as a place
 * dashboard draws it over time (issue 19 item 4: "time series on indicator and place pages … with a table beside each
 * and a text description"). As on the indicator page (over-time.ts), a break in the series cuts it (issue 11 point 11):
 * each year says whether the measure changed since the year before, a chart joins only the years since the last break,
 * and the description compares the first and last of those years.
 */

/** A year of the series: the place's figure, its LA's and England's, as the reader may see them (null where none is shown). */
export type PlaceYear<F> = Readonly<{
  period: string;
  place: F | null;
  la: F | null;
  england: F | null;
  /** The break between the place's year before this one and this one, where the series is cut. */
  breakBefore: Break | null;
}>;

/**
 * The headline measure of each stage, which a place dashboard charts over time (its other key indicators give their
 * first and last years in the table, and every year on their indicator page): the EYFS profile's good level of
 * development, KS1 reading, writing and maths, the KS2 and KS4 headlines of each year (school-assessment.ts, as
 * year-rules.ts names them: level 4+ to 2015, the expected standard from 2016; 5+ A*-C including English and maths to
 * 2015, Attainment 8 and Progress 8 from 2016) and the NEET headline of 16-17 year olds (docs/glossary.md).
 */
export const placeHeadlineIndicators: ReadonlySet<string> = new Set([
  'eyfs-gld',
  'ks1-l2b-rwm',
  'ks1-expected-rwm',
  ...headlineIndicators.primary,
  ...headlineIndicators.secondary,
  'neet-16-17',
  'neet-or-not-known-16-17',
]);

/** The place's years in order, each with its comparators and the break (if any) since the place's year before. */
export function placeOverTime<F>(
  years: readonly Readonly<{ period: string; place: F | null; la: F | null; england: F | null }>[],
  breaks: readonly Break[],
): PlaceYear<F>[] {
  const sorted = [...years].sort((a, b) => a.period.localeCompare(b.period));
  return sorted.map((y, i) => ({ ...y, breakBefore: i === 0 ? null : breakBetween(breaks, sorted[i - 1]!.period, y.period) }));
}

/** The years since the last break in the series (all of them when there is none). */
export function latestPlaceRun<Y extends Readonly<{ breakBefore: Break | null }>>(years: readonly Y[]): Y[] {
  const cut = years.findLastIndex((y) => y.breakBefore !== null);
  return years.slice(cut === -1 ? 0 : cut);
}

export type AgainstComparator = Readonly<{
  period: string;
  own: number;
  other: number;
  /** The place's figure less the comparator's, each as shown (rounded to the decimals given). */
  apart: number;
  /** Whether the place is ahead by the indicator's polarity; null when level or without polarity. */
  ahead: boolean | null;
}>;

/**
 * How a place stood against a comparator (England) in the first and the last year of the latest unbroken run in
 * which both have a figure, as the rounded figures a reader sees; null where fewer than two such years exist.
 */
export function againstComparator(
  years: readonly Readonly<{ period: string; own: number | null; other: number | null; breakBefore: Break | null }>[],
  polarity: Polarity,
  decimalPlaces: number,
): Readonly<{ first: AgainstComparator; last: AgainstComparator }> | null {
  const both = latestPlaceRun(years).filter((y) => y.own !== null && y.other !== null);
  const first = both[0];
  const last = both.at(-1);
  if (first === undefined || last === undefined || first === last) return null;
  const at = (y: (typeof both)[number]): AgainstComparator => {
    const own = roundHalfUp(y.own!, decimalPlaces);
    const other = roundHalfUp(y.other!, decimalPlaces);
    const apart = roundHalfUp(own - other, decimalPlaces);
    return { period: y.period, own, other, apart, ahead: apart === 0 || polarity === 'none' ? null : (polarity === 'higher_is_better') === apart > 0 };
  };
  return { first: at(first), last: at(last) };
}
