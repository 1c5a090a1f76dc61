import type { Polarity } from '../indicators/indicator.ts';
import { roundHalfUp } from '../indicators/rounding.ts';

/** A school's figure for a target's measure as shown to the audience (null where hidden or not held), with its pupils. */
export type SchoolFigure = Readonly<{ urn: string; name: string; value: number | null; pupils: number | null }>;

export type SchoolShort = Readonly<{ urn: string; name: string; value: number; pupils: number | null; short: number }>;

/**
 * The schools furthest short of a target's end goal: how far each falls short, rounded as the indicator publishes
 * it, furthest first (then by name), at most `limit` of them. A school at or past the goal, or whose figure is not
 * shown, is not listed; an indicator without polarity has no "short".
 */
export function furthestShort(schools: readonly SchoolFigure[], goal: number, polarity: Polarity, decimalPlaces: number, limit = 10): SchoolShort[] {
  if (polarity === 'none') return [];
  const sign = polarity === 'higher_is_better' ? 1 : -1;
  return schools
    .filter((s): s is SchoolFigure & { value: number } => s.value !== null && sign * (goal - s.value) > 0)
    .map((s) => ({ ...s, short: roundHalfUp(sign * (goal - s.value), decimalPlaces) }))
    .sort((a, b) => b.short - a.short || a.name.localeCompare(b.name))
    .slice(0, limit);
}
