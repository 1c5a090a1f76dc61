import { breakBetween, newMeasureNote } from '../indicators/breaks.ts';
import type { Indicator } from '../indicators/indicator.ts';
import { roundHalfUp } from '../indicators/rounding.ts';
import type { YearFigure } from './evaluate.ts';
import { periodOfYear } from '../periods/period.ts';
import { measureEntryFor, type Target } from './framework.ts';

/** A pupil group's figure as an audience sees it, and its unrounded value where it is shown at all. */
export type ShownGroupFigure = YearFigure & Readonly<{ unrounded: number | null }>;

/**
 * A target's figure for a place and year: the group's figure as shown or, for a gap target, the other pupils' figure
 * less the group's, worked from the unrounded figures and rounded once to at least one decimal (domain.md §9.2). A gap
 * is never worked from a hidden figure: it is `c` where either side is suppressed, else `x` where one is missing.
 */
export function targetFigure(target: Pick<Target, 'breakdown' | 'gap'>, decimalPlaces: number, figureOf: (breakdown: string) => ShownGroupFigure): YearFigure {
  if (target.gap === null) {
    const own = figureOf(target.breakdown);
    return { value: own.value, symbol: own.symbol, unrounded: own.unrounded };
  }
  const group = figureOf(target.gap.group);
  const other = figureOf(target.gap.other);
  if (group.unrounded === null || other.unrounded === null) return { value: null, symbol: group.symbol === 'c' || other.symbol === 'c' ? 'c' : 'x' };
  return { value: roundHalfUp(other.unrounded - group.unrounded, Math.max(1, decimalPlaces)), symbol: null };
}

/**
 * The years whose measure cannot be compared with the year before's, with the words to say so: another indicator
 * took over, a relative-only successor starts (framework.ts; its scale is not the target's), or the catalogue records
 * a break in the series between the two periods. Indicators are named by their titles.
 */
export function newMeasuresByYear(target: Target, years: readonly number[], indicatorOf: (code: string) => Indicator | undefined): Map<number, string> {
  const newMeasureFrom = new Map<number, string>();
  for (const y of years) {
    const [wasEntry, isEntry] = [measureEntryFor(target, y - 1), measureEntryFor(target, y)];
    const [was, is] = [wasEntry, isEntry].map((m) => (m === undefined ? undefined : indicatorOf(m.indicator)));
    if (was === undefined || is === undefined) continue;
    const brk = breakBetween(is.breaks, periodOfYear(y - 1, is.periodType), periodOfYear(y, is.periodType));
    if (was.code !== is.code && !continuesInto(was, is, periodOfYear(y - 1, is.periodType)))
      newMeasureFrom.set(y, `new measure from ${y} (${is.title} replaces ${was.title})`);
    else if (brk !== null) newMeasureFrom.set(y, newMeasureNote(brk));
    else if (isEntry!.relativeOnly === true && wasEntry!.relativeOnly !== true)
      newMeasureFrom.set(y, `new measure from ${y} (${is.title}, read against others the same year only)`);
  }
  return newMeasureFrom;
}

/** Whether `is` counts what `was` counted up to `period` (the catalogue's `continues`), so the one carries on the other. */
function continuesInto(was: Indicator, is: Indicator, period: string): boolean {
  return is.continues !== undefined && is.continues.indicator === was.code && period <= is.continues.to;
}
