import { periodLabel } from '../periods/period.ts';

/**
 * May two periods of one indicator be compared? Not when the catalogue records a break between them (indicators/*.yaml
 * `breaks`: the period from which figures are not comparable with earlier ones, e.g. persistent absence at the 10%
 * threshold from 2015/16, the revised EYFS profile from 2012/13). Issue 11 point 11: no sentence, chart line or trend
 * arrow joins two figures across a break; the later figure is a "new measure from" the break's period instead.
 */
export type Break = Readonly<{ period: string; note: string }>;

/** The break between two periods (either order), or null when they are comparable. */
export function breakBetween(breaks: readonly Break[], a: string, b: string): Break | null {
  const [earlier, later] = a <= b ? [a, b] : [b, a];
  return (
    breaks
      .filter((x) => x.period > earlier && x.period <= later)
      .sort((x, y) => y.period.localeCompare(x.period))
      .at(0) ?? null
  );
}

/** The words shown instead of a comparison across a break: "new measure from 2015/16 (pupil-level 10% threshold …)". */
export function newMeasureNote(brk: Break): string {
  return `new measure from ${periodLabel(brk.period)} (${brk.note})`;
}
