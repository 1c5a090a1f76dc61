/**
 * Confidence intervals for proportions: Wilson's score interval for one proportion, and Newcombe's
 * hybrid score interval for the difference of two independent proportions (Newcombe 1998, method 10),
 * which decides whether a gap or a change is significant.
 */

export type Interval = Readonly<{ lower: number; upper: number }>;

/** z for a two-sided 95% interval. */
export const z95 = 1.959963984540054;

export function wilsonInterval(successes: number, trials: number, z = z95): Interval {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || trials <= 0 || successes < 0 || successes > trials)
    throw new RangeError(`a proportion needs 0 <= successes <= trials and trials > 0 (got ${successes}/${trials})`);
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  const denominator = 1 + z2 / trials;
  return { lower: Math.max(0, (centre - spread) / denominator), upper: Math.min(1, (centre + spread) / denominator) };
}

export type Difference = Readonly<{ difference: number; interval: Interval; significant: boolean }>;

/** p1 - p2 with Newcombe's interval; significant when the interval excludes zero. */
export function differenceOfProportions(successes1: number, trials1: number, successes2: number, trials2: number, z = z95): Difference {
  const p1 = successes1 / trials1;
  const p2 = successes2 / trials2;
  const a = wilsonInterval(successes1, trials1, z);
  const b = wilsonInterval(successes2, trials2, z);
  const d = p1 - p2;
  const lower = d - Math.sqrt((p1 - a.lower) ** 2 + (b.upper - p2) ** 2);
  const upper = d + Math.sqrt((a.upper - p1) ** 2 + (p2 - b.lower) ** 2);
  return { difference: d, interval: { lower, upper }, significant: lower > 0 || upper < 0 };
}
