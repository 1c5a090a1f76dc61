import type { Polarity, Unit } from '../indicators/indicator.ts';
import { numberText } from '../indicators/number-text.ts';
import { roundHalfUp } from '../indicators/rounding.ts';
import { ordinal } from '../framework/evaluate.ts';

/**
 * The report's sentences, generated from the figures: value, change on last year by polarity, England, the rank among
 * statistical neighbours. Plain data in, one sentence out; a figure not held is said to be not held, never guessed.
 */

export type FigureFacts = Readonly<{
  subject: string;
  year: number;
  unit: Unit;
  decimalPlaces: number;
  polarity: Polarity;
  value: number | null;
  previous: number | null;
  england: number | null;
  rank: Readonly<{ rank: number; of: number }> | null;
  /** Set when the catalogue records a break between last year and this: the words said instead of a change. */
  newMeasure?: string | null;
}>;

export function describeFigure(f: FigureFacts): string {
  // A negative figure (a progress score) with the true minus sign, as the pages write it (indicators/number-text.ts).
  const show = (v: number) => `${numberText(v, f.decimalPlaces)}${f.unit === 'percent' ? '%' : f.unit === 'points' ? ' points' : ''}`;
  if (f.value === null) return `No figure is held for ${f.subject} in ${f.year}.`;
  const parts = [`In ${f.year}, ${f.subject}: ${show(f.value)}`];
  if (f.newMeasure !== undefined && f.newMeasure !== null) parts.push(`${f.newMeasure}, not compared with ${f.year - 1}`);
  else if (f.previous !== null) {
    const change = roundHalfUp(f.value - f.previous, f.decimalPlaces);
    const points = f.unit === 'percent' || f.unit === 'points' ? ' points' : '';
    const direction =
      change === 0
        ? 'level with'
        : f.polarity === 'none'
          ? change > 0
            ? 'up on'
            : 'down on'
          : change > 0 === (f.polarity === 'higher_is_better')
            ? 'better than'
            : 'worse than';
    parts.push(
      change === 0 ? `the same as ${f.year - 1}` : `${numberText(Math.abs(change), f.decimalPlaces)}${points} ${direction} ${f.year - 1} (${show(f.previous)})`,
    );
  }
  if (f.england !== null) {
    const relation =
      f.value === f.england
        ? 'level with'
        : f.polarity === 'none'
          ? f.value > f.england
            ? 'above'
            : 'below'
          : f.value > f.england === (f.polarity === 'higher_is_better')
            ? 'better than'
            : 'worse than';
    parts.push(`${relation} England (${show(f.england)})`);
  }
  if (f.rank !== null) parts.push(`${ordinal(f.rank.rank)} of ${f.rank.of} statistical neighbours`);
  return `${parts.join('; ')}.`;
}
