import type { Polarity } from '../indicators/indicator.ts';

/**
 * Ranks, quartile bands and neighbour averages as DfE's Local Authority Interactive Tool computes them
 * (domain.md §11.2; LAIT R/fn_analysis.R): over the LAs that have a value, never a fixed 150 or 152.
 */

export type PlaceValue = Readonly<{ code: string; value: number | null }>;

/**
 * The fewest LAs with a figure for a rank and quartile band to be worth showing beside one LA's figure: with fewer, a
 * quarter holds no LA ("1 of 1", band D alike). LAIT itself ranks among every LA with a value (150 or so).
 */
export const fewestToRank = 4;

/** 1 is best; ties share the lowest rank (1, 2, 2, 4); missing values and indicators without polarity get none. */
export function rankPlaces(values: readonly PlaceValue[], polarity: Polarity): Map<string, number | null> {
  const ranks = new Map<string, number | null>(values.map((v) => [v.code, null]));
  if (polarity === 'none') return ranks;
  const present = values.filter((v): v is PlaceValue & { value: number } => v.value !== null);
  const better = (a: number, b: number) => (polarity === 'higher_is_better' ? a > b : a < b);
  for (const v of present) ranks.set(v.code, 1 + present.filter((o) => better(o.value, v.value)).length);
  return ranks;
}

/** Quantile with linear interpolation between order statistics (R's default, type 7). */
export function quantileType7(sorted: readonly number[], probability: number): number {
  if (sorted.length === 0) throw new RangeError('no values');
  const h = (sorted.length - 1) * probability;
  const low = Math.floor(h);
  const high = Math.ceil(h);
  return sorted[low]! + (h - low) * (sorted[high]! - sorted[low]!);
}

export type Quartiles = Readonly<{ q1: number; median: number; q3: number }>;

export function quartilesOf(values: readonly (number | null)[]): Quartiles | null {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return { q1: quantileType7(sorted, 0.25), median: quantileType7(sorted, 0.5), q3: quantileType7(sorted, 0.75) };
}

/** A is always the best quartile whatever the polarity; D the worst. */
export type QuartileBand = 'A' | 'B' | 'C' | 'D';

/**
 * LAIT's current banding: intervals (−∞, Q1], (Q1, median], (median, Q3], (Q3, ∞) — a value on a boundary falls
 * in the lower interval — labelled A→D for "low is good" and D→A for "high is good".
 */
export function quartileBand(value: number | null, quartiles: Quartiles | null, polarity: Polarity): QuartileBand | null {
  if (value === null || quartiles === null || polarity === 'none') return null;
  const interval = value <= quartiles.q1 ? 0 : value <= quartiles.median ? 1 : value <= quartiles.q3 ? 2 : 3;
  const bands: readonly QuartileBand[] = ['A', 'B', 'C', 'D'];
  return bands[polarity === 'lower_is_better' ? interval : 3 - interval]!;
}

/** LAIT's statistical-neighbour average: the plain mean of the neighbours' values, ignoring missing ones, excluding the LA itself. */
export function neighbourAverage(laCode: string, neighbours: readonly PlaceValue[]): number | null {
  const values = neighbours.filter((n) => n.code !== laCode && n.value !== null).map((n) => n.value!);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}
