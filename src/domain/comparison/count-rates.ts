import { roundHalfUp } from '../indicators/rounding.ts';

/**
 * A count is never set against another place's count: Kent's 19 schools in a category of concern against England's
 * few hundred says nothing, since England has some forty times the schools. Across places a count is compared as a
 * rate of what it counts from (issue 11 point 14): the share of the schools judged, of the pupils on roll.
 */
export type CountOf = Readonly<{ count: number; of: number }>;

/** The count as a percentage of its whole, to one decimal place (null without a whole). */
export function rateOf(figure: Readonly<{ count: number | null; of: number | null }>): number | null {
  if (figure.count === null || figure.of === null || figure.of <= 0) return null;
  return roundHalfUp((100 * figure.count) / figure.of, 1);
}

/** "3.2% of schools judged (19 of 590)". */
export function describeRate(figure: CountOf, whole: string): string {
  return `${rateOf(figure)!.toFixed(1)}% of ${whole} (${figure.count} of ${figure.of})`;
}
