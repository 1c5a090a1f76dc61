import { numberText } from '../../domain/indicators/number-text.ts';
import type { AgainstNeighbours } from '../../domain/comparison/over-time.ts';

/**
 * A number as a page shows it, rounded once, here, half up as the DfE rounds (domain/indicators/rounding.ts), to a fixed
 * number of decimals: 2.675 → "2.68", -2.5 → "−3" (the true minus sign, U+2212, as every figure a page shows is written;
 * downloads and the API keep plain numbers); "–" where there is no number.
 */
export function fixed(value: number | null | undefined, decimalPlaces: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  // The domain's one rule for a number in words (indicators/number-text.ts), shared with target reasons and reports.
  return numberText(value, decimalPlaces);
}

/** A figure with its unit as a table cell writes it: "74%" for a percentage, the number alone otherwise ("19.2"). */
export function figureText(value: number, unit: string, decimalPlaces: number): string {
  return `${fixed(value, decimalPlaces)}${unit === 'percent' ? '%' : ''}`;
}

/**
 * A change on the year before in words: its size with the unit's points ("+2.0 percentage points, better"), the
 * direction by the indicator's polarity ('changed' where it has none). The sign is the true minus sign (U+2212).
 */
export function changeWords(
  change: Readonly<{ points: number; direction: 'better' | 'worse' | 'same' | 'changed' }>,
  unit: string,
  decimalPlaces: number,
): string {
  if (change.direction === 'same') return 'No change';
  const size = fixed(Math.abs(change.points), decimalPlaces);
  // A count changes by a number of whatever it counts; a percentage by percentage points; a score or rate by points.
  const points = unit === 'count' ? '' : ` ${unit === 'percent' ? 'percentage point' : 'point'}${size === fixed(1, decimalPlaces) ? '' : 's'}`;
  const sign = change.points > 0 ? '+' : '\u2212';
  return change.direction === 'changed' ? `${sign}${size}${points}` : `${sign}${size}${points}, ${change.direction}`;
}

/** How many targets have each status, in words, leaving out the statuses none has: "4 met, 3 on track and 9 off track". */
export function statusCounts(counts: Readonly<Record<string, number>>): string {
  const words: readonly (readonly [string, string])[] = [
    ['met', 'met'],
    ['on_track', 'on track'],
    ['off_track', 'off track'],
    ['not_yet_due', 'not yet due'],
    ['no_data', 'with no data'],
  ];
  const parts = words.filter(([status]) => (counts[status] ?? 0) > 0).map(([status, word]) => `${counts[status]} ${word}`);
  return parts.length <= 1 ? (parts[0] ?? 'no targets') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * How an LA moved against its statistical neighbours' average, in one sentence (the indicator page's "over time"):
 * "From 2012/13 to 2015/16, Kent's figure went from 70.0% to 75.0% and its neighbours' average from 72.0% to 74.0%:
 * Kent was 2.0 percentage points below it (worse) in 2012/13 and 1.0 percentage point above it (better) in 2015/16."
 */
export function neighboursWords(
  laName: string,
  summary: Readonly<{ first: AgainstNeighbours; last: AgainstNeighbours }>,
  unit: string,
  decimalPlaces: number,
  label: (period: string) => string,
): string {
  const value = (v: number) => `${fixed(v, decimalPlaces)}${unit === 'percent' ? '%' : ''}`;
  const position = (a: AgainstNeighbours) => {
    if (a.apart === 0) return `level with it in ${label(a.period)}`;
    const size = fixed(Math.abs(a.apart), decimalPlaces);
    const points = unit === 'count' ? '' : ` ${unit === 'percent' ? 'percentage point' : 'point'}${size === fixed(1, decimalPlaces) ? '' : 's'}`;
    return `${size}${points} ${a.apart > 0 ? 'above' : 'below'} it${a.ahead === null ? '' : a.ahead ? ' (better)' : ' (worse)'} in ${label(a.period)}`;
  };
  const { first, last } = summary;
  return (
    `From ${label(first.period)} to ${label(last.period)}, ${laName}’s figure went from ${value(first.la)} to ${value(last.la)} ` +
    `and its neighbours’ average from ${value(first.neighbours)} to ${value(last.neighbours)}: ${laName} was ${position(first)} and ${position(last)}.`
  );
}
