import { differenceOfProportions } from '../comparison/proportions.ts';
import type { Polarity, Unit } from '../indicators/indicator.ts';

/**
 * A school's trend on one indicator (docs/adr/0008-school-improvement.md):
 *
 * - The change is the latest result minus the result two years before it (three years of results, e.g. 2014 to
 *   2016), counted as an improvement or a decline by the indicator's polarity.
 * - It is significant when its 95% interval excludes zero: Newcombe's interval for two proportions for percentages
 *   (the numerator recovered as value × pupils where only the rounded percentage is published); a normal interval
 *   with the national standard deviation of pupil scores for averages, when that is given. Otherwise it is not tested.
 * - A cohort of fewer than `minimumCohort` pupils (10) in either year is never classified, and its change is not
 *   given (it could reveal a year's suppressed figure): the page says why.
 * - Significant changes of at least `rapid` (10 percentage points; 0.5 of a standard deviation for averages) are
 *   rapid; smaller significant changes are improving or declining; changes that are not significant are stable.
 */

export type TrendClass = 'rapidly-improving' | 'improving' | 'stable' | 'declining' | 'rapidly-declining';

export type TrendPoint = Readonly<{ period: string; value: number | null; numerator?: number | null; denominator: number | null }>;

export type Trend =
  | Readonly<{
      classified: true;
      class: TrendClass;
      from: string;
      to: string;
      change: number;
      interval: Readonly<{ lower: number; upper: number }>;
      rule: string;
    }>
  | Readonly<{ classified: false; reason: string; from: string | null; to: string | null; change: number | null }>;

export const trendLabels: Readonly<Record<TrendClass, string>> = {
  'rapidly-improving': 'Rapidly improving',
  improving: 'Improving',
  stable: 'Stable',
  declining: 'Declining',
  'rapidly-declining': 'Rapidly declining',
};

export type TrendOptions = Readonly<{
  unit: Unit;
  polarity: Polarity;
  /** The academic year code two years before `to` (e.g. 201314 for 201516): the caller's calendar. */
  windowStart: (to: string) => string;
  minimumCohort?: number;
  rapid?: number;
  /** The national standard deviation of pupil scores, for averages (e.g. Progress 8 about 1.25). */
  pupilSd?: number;
}>;

export function classifyTrend(points: readonly TrendPoint[], options: TrendOptions): Trend {
  const known = points.filter((p) => p.value !== null).sort((a, b) => a.period.localeCompare(b.period));
  const last = known.at(-1);
  if (last === undefined) return { classified: false, reason: 'no results', from: null, to: null, change: null };
  const start = options.windowStart(last.period);
  const first = known.find((p) => p.period === start);
  if (first === undefined)
    return { classified: false, reason: `no result for ${start}, two years before the latest`, from: null, to: last.period, change: null };
  const sign = options.polarity === 'lower_is_better' ? -1 : 1;
  const change = last.value! - first.value!;
  const base = { from: first.period, to: last.period, change };
  if (options.polarity === 'none') return { classified: false, reason: 'the indicator has no polarity', ...base };
  const minimum = options.minimumCohort ?? 10;
  if (first.denominator === null || last.denominator === null)
    return { classified: false, reason: 'cohort sizes not published, so significance cannot be tested', ...base };
  if (first.denominator < minimum || last.denominator < minimum)
    return {
      classified: false,
      reason: `fewer than ${minimum} pupils in ${first.denominator < minimum ? first.period : last.period}: too few to classify`,
      // No change either: with a cohort this small, the change and one year's published figure would give the other away.
      ...base,
      change: null,
    };
  let interval: { lower: number; upper: number };
  let rapid: number;
  let test: string;
  if (options.unit === 'percent') {
    const count = (p: TrendPoint) => p.numerator ?? Math.round((p.value! * p.denominator!) / 100);
    const d = differenceOfProportions(count(last), last.denominator, count(first), first.denominator);
    interval = { lower: 100 * d.interval.lower, upper: 100 * d.interval.upper };
    rapid = options.rapid ?? 10;
    test = "Newcombe's 95% interval for the difference of two proportions";
  } else if (options.pupilSd !== undefined) {
    const half = 1.959963984540054 * options.pupilSd * Math.sqrt(1 / first.denominator + 1 / last.denominator);
    interval = { lower: change - half, upper: change + half };
    rapid = options.rapid ?? 0.5 * options.pupilSd;
    test = `a normal 95% interval with a pupil standard deviation of ${options.pupilSd}`;
  } else return { classified: false, reason: 'no pupil standard deviation is held for this measure, so significance cannot be tested', ...base };
  const significant = interval.lower > 0 || interval.upper < 0;
  const better = sign * change;
  const cls: TrendClass = !significant
    ? 'stable'
    : better > 0
      ? better >= rapid
        ? 'rapidly-improving'
        : 'improving'
      : -better >= rapid
        ? 'rapidly-declining'
        : 'declining';
  return {
    classified: true,
    class: cls,
    ...base,
    interval,
    rule: `change from ${first.period} to ${last.period} tested with ${test}; rapid at ${rapid}${options.unit === 'percent' ? ' points' : ''} or more`,
  };
}

/**
 * A trend as one reader may see it: only where the figures at both its ends are shown to them. A change worked from a
 * figure the reader sees as `c` would give that figure away (the change less the other end), so it is withheld.
 */
export function trendAsShown(trend: Trend, shownIn: (period: string) => boolean): Trend {
  if (trend.from === null || trend.to === null || (shownIn(trend.from) && shownIn(trend.to))) return trend;
  return { classified: false, reason: 'a figure it is worked from is suppressed', from: trend.from, to: trend.to, change: null };
}

/**
 * Whether a trend is a significant decline (declining or rapidly declining). The one reading of "declining" for the
 * watch list's status filter, the school-trends page and the place dashboards: an unclassified trend (too few pupils,
 * no interval, a suppressed end) is never declining, and a stable one, whatever its change, is not.
 */
export function isDecliningTrend(trend: Trend): boolean {
  return trend.classified && (trend.class === 'declining' || trend.class === 'rapidly-declining');
}
