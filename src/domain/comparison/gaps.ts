import type { Polarity, Unit } from '../indicators/indicator.ts';
import { roundHalfUp } from '../indicators/rounding.ts';

/**
 * Gaps and changes, labelled as the DfE labels them. A gap is the comparison group's figure minus the group's
 * (positive: the group is behind when higher is better). "Within the LA" compares with the other pupils in the
 * same place; "against the national other" compares with other pupils nationally, the DfE's disadvantage gap.
 */

export type GapPair = Readonly<{ group: string; other: string; label: string }>;

/** The breakdown pairs whose gaps the framework follows. */
export const gapPairs: readonly GapPair[] = [
  { group: 'disadvantaged', other: 'not-disadvantaged', label: 'Disadvantaged pupils' },
  { group: 'fsm', other: 'not-fsm', label: 'Pupils eligible for free school meals' },
  { group: 'sen-support', other: 'no-sen', label: 'Pupils with SEN support' },
  { group: 'ehc-plan', other: 'no-sen', label: 'Pupils with a statement or EHC plan' },
];

export type Gap = Readonly<{ points: number | null; behind: boolean | null; description: string }>;

/**
 * The gap between a group's figure and another's (other minus group, rounded once), in words with the measure's unit:
 * percentage points for a percentage, points for a score or rate, none for a count.
 */
export function gapBetween(
  group: number | null,
  other: number | null,
  measure: Readonly<{ polarity: Polarity; unit: Unit }>,
  decimalPlaces: number,
  comparedWith: string,
): Gap {
  if (group === null || other === null)
    return { points: null, behind: null, description: `not available (no figure for ${group === null ? 'the group' : comparedWith})` };
  const points = roundHalfUp(other - group, decimalPlaces);
  const polarity = measure.polarity;
  const behind = polarity === 'none' ? null : polarity === 'higher_is_better' ? points > 0 : points < 0;
  const size = Math.abs(points).toFixed(decimalPlaces);
  const unit = measure.unit === 'count' ? '' : ` ${measure.unit === 'percent' ? 'percentage point' : 'point'}${size === (1).toFixed(decimalPlaces) ? '' : 's'}`;
  return {
    points,
    behind,
    description: `${size}${unit} ${points === 0 ? 'apart from' : points > 0 ? 'below' : 'above'} ${comparedWith}`,
  };
}

export type Change = Readonly<{ points: number; direction: 'better' | 'worse' | 'same' | 'changed' }>;

/** Change on the year before, only when both figures exist (LAIT shows none across a gap in the series). */
export function changeOnLastYear(current: number | null, previous: number | null, polarity: Polarity, decimalPlaces: number): Change | null {
  if (current === null || previous === null) return null;
  const points = roundHalfUp(current - previous, decimalPlaces);
  if (points === 0) return { points, direction: 'same' };
  if (polarity === 'none') return { points, direction: 'changed' };
  return { points, direction: (polarity === 'higher_is_better') === points > 0 ? 'better' : 'worse' };
}

/**
 * A pupil-group gap on a school profile, in words (issue 11 point 13), or null where a gap means nothing. A gap
 * compares how two groups of pupils do on an outcome, so it needs an outcome with a direction: not a share of the
 * cohort (a group is 100% of itself: "−100 points ahead"), not a count (groups differ in size), not a band, and not a
 * measure without polarity. The unit is said (percentage points for percentages; points for scores) and the
 * direction is said by polarity: behind or ahead where higher is better, higher or lower (and which is better) where
 * lower is better.
 */
export type GapWords = Readonly<{ points: number; unit: string; sentence: string }>;

const groupWords: Readonly<Record<string, string>> = {
  disadvantaged: 'Disadvantaged pupils',
  'not-disadvantaged': 'other pupils',
  fsm: 'Pupils eligible for free school meals',
  'not-fsm': 'other pupils',
  'sen-support': 'Pupils with SEN support',
  'ehc-plan': 'Pupils with a statement or EHC plan',
  'no-sen': 'pupils with no SEN',
};

/**
 * Whether a gap between two pupil groups means anything on a measure: an outcome with a direction, as a percentage or
 * a score. Not a share of the cohort, a count (groups differ in size), a band or a measure without polarity.
 */
export function gapMeaningful(measure: Readonly<{ unit: Unit; polarity: Polarity }>): boolean {
  return measure.polarity !== 'none' && (measure.unit === 'percent' || measure.unit === 'average_score' || measure.unit === 'points');
}

export function describeGap(
  measure: Readonly<{ unit: Unit; polarity: Polarity }>,
  group: string,
  other: string,
  groupValue: number,
  otherValue: number,
  decimalPlaces: number,
): GapWords | null {
  if (!gapMeaningful(measure)) return null;
  const unit = measure.unit === 'percent' ? 'percentage points' : 'points';
  const difference = roundHalfUp(groupValue - otherValue, Math.max(1, decimalPlaces));
  const size = `${Math.abs(difference).toFixed(Math.max(1, decimalPlaces))} ${unit}`;
  const [who, than] = [groupWords[group] ?? group, groupWords[other] ?? other];
  if (difference === 0) return { points: 0, unit, sentence: `${who} level with ${than}` };
  if (measure.polarity === 'higher_is_better')
    return { points: Math.abs(difference), unit, sentence: `${who} ${size} ${difference < 0 ? 'behind' : 'ahead of'} ${than}` };
  return {
    points: Math.abs(difference),
    unit,
    sentence: `${who} ${size} ${difference > 0 ? 'higher' : 'lower'} than ${than} (lower is better, so ${difference > 0 ? 'behind' : 'ahead'})`,
  };
}
