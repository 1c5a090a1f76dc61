/**
 * The demo's EYFS total points, shaped so that an area's percentage inequality gap (domain.md §1.7: the median total
 * less the mean total of the lowest-achieving 20%, over the median) comes out near a chosen figure, while every child
 * keeps the side of the profile's boundary the demo already gave them (78 points under the 2008 profile; a good level
 * of development, which needs at least the expected level in 12 goals, under the 2012 profile).
 *
 * The totals follow the children's rank: a straight line from `floor`-side low totals up to just below the boundary
 * for the children under it, and from the boundary through the median to the top for the rest. With b the share under
 * the boundary, the lowest 20% are the first 0.2 ÷ b of the lower line, so their mean is L + (lowerTop − L) × 0.2 ÷ b ÷ 2;
 * L is solved for the gap asked (and kept within the scale).
 */

export type EyfsScale = Readonly<{
  /** The lowest total the profile allows (every scale or goal at its lowest). */
  floor: number;
  /** The highest total of a child under the boundary, and the lowest of a child at or over it. */
  lowerTop: number;
  upperStart: number;
  /** The median total the demo aims at, and the highest total it gives. */
  median: number;
  top: number;
}>;

/**
 * 2008 profile: 13 scales of 9 points (13-117), the 78-point boundary; a median near 90 (the domain note's worked
 * example has 88). 2012 profile: 17 goals scored 1-3 (17-51); a good level of development needs 2+ in 12 goals, so at
 * least 12 × 2 + 5 = 29, and the demo starts it at 32; the median 34 is every goal at the expected level, as the DfE's
 * 2019 figures imply (lowest 20% averaging 23.0 with a gap of 32.4%: 23.0 ÷ (1 − 0.324) = 34.0).
 */
export const eyfsScales = {
  'eyfsp-2008': { floor: 13, lowerTop: 77, upperStart: 78, median: 90, top: 117 },
  'eyfsp-2012': { floor: 17, lowerTop: 31, upperStart: 32, median: 34, top: 51 },
} as const satisfies Readonly<Record<string, EyfsScale>>;

/**
 * Totals for a cohort ranked lowest first, where `upper` says who is at or over the boundary (they must all come after
 * the rest in the ranking). `gap` is the inequality gap aimed at, in per cent.
 */
export function eyfsTotals<T>(ranked: readonly T[], upper: (p: T) => boolean, scale: EyfsScale, gap: number): Map<T, number> {
  const n = ranked.length;
  const lowerCount = ranked.filter((p) => !upper(p)).length;
  ranked.forEach((p, i) => {
    if (!upper(p) && i >= lowerCount) throw new Error('eyfsTotals: a child under the boundary is ranked above one over it');
  });
  const b = n === 0 ? 0 : lowerCount / n;
  const lowestMean = scale.median * (1 - gap / 100);
  const f = b === 0 ? 0 : Math.min(1, 0.2 / b);
  const low = clamp((lowestMean - (scale.lowerTop * f) / 2) / (1 - f / 2), scale.floor, scale.lowerTop);
  const totals = new Map<T, number>();
  ranked.forEach((p, i) => {
    const q = (i + 0.5) / n;
    let total: number;
    if (!upper(p)) total = low + (scale.lowerTop - low) * (q / b);
    else if (q <= 0.5) total = scale.upperStart + (scale.median - scale.upperStart) * ((q - b) / Math.max(1e-9, 0.5 - b));
    else
      total =
        Math.max(scale.upperStart, scale.median) + (scale.top - Math.max(scale.upperStart, scale.median)) * ((q - Math.max(b, 0.5)) / (1 - Math.max(b, 0.5)));
    const bounds = upper(p) ? [scale.upperStart, scale.top] : [scale.floor, scale.lowerTop];
    totals.set(p, clamp(Math.round(total), bounds[0]!, bounds[1]!));
  });
  return totals;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
