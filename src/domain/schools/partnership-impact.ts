import { academicYearSpan, resultsDayOf } from '../periods/period.ts';
import { inForceDuring } from './system-leaders.ts';

/**
 * A partnership's impact (docs/adr/0025-system-leadership.md): the supported school's change on a headline indicator
 * from its last result before the partnership began to its latest result since, beside the mean change over the same
 * two years of its similar schools that had no partnership in force at any time from the first year's start to the
 * second's end. The indicator is the
 * first of the phase's headlines (newest measure first) that holds both results, so a change is never read across a
 * change of measure. With fewer than three such similar schools holding both results, no comparison is made.
 */

export type ImpactPoint = Readonly<{ period: string; value: number | null }>;

export type ImpactSeries = Readonly<{
  indicator: string;
  title: string;
  higherIsBetter: boolean;
  supported: readonly ImpactPoint[];
  /** The school's similar schools, each with its own partnerships: one with a partnership in force between the two years is left out. */
  comparators: readonly Readonly<{
    urn: string;
    points: readonly ImpactPoint[];
    partnerships: readonly Readonly<{ startedOn: string; endedOn: string | null }>[];
  }>[];
}>;

export const minimumComparators = 3;

export type Impact =
  | Readonly<{ measured: false; reason: string }>
  | Readonly<{
      measured: true;
      indicator: string;
      title: string;
      higherIsBetter: boolean;
      before: Readonly<{ period: string; value: number }>;
      after: Readonly<{ period: string; value: number }>;
      /** after − before, unrounded. */
      change: number;
      /** The similar schools' mean change over the same years, and the supported school's change beyond it (positive = better, by polarity). */
      comparison: Readonly<{ schools: number; meanChange: number; beyond: number }> | null;
      comparisonReason: string | null;
    }>;

const valueIn = (points: readonly ImpactPoint[], period: string): number | null => points.find((p) => p.period === period)?.value ?? null;

/**
 * The two years an impact is read between: the last result sat before `startedOn` and the latest sat after it, each
 * year's results taken as sat on its `resultsDayOf` (1 June): support begun in July did not shape that summer's results.
 */
export function impactYears(startedOn: string, points: readonly ImpactPoint[]): Readonly<{ before: string; after: string }> | null {
  const held = points.filter((p) => p.value !== null).sort((a, b) => a.period.localeCompare(b.period));
  const before = held.filter((p) => resultsDayOf(p.period) <= startedOn).at(-1);
  const after = held.filter((p) => resultsDayOf(p.period) > startedOn).at(-1);
  return before === undefined || after === undefined ? null : { before: before.period, after: after.period };
}

export function partnershipImpact(startedOn: string, series: readonly ImpactSeries[]): Impact {
  for (const s of series) {
    const years = impactYears(startedOn, s.supported);
    if (years === null) continue;
    const before = valueIn(s.supported, years.before)!;
    const after = valueIn(s.supported, years.after)!;
    const change = after - before;
    const from = academicYearSpan(years.before).from;
    const to = academicYearSpan(years.after).to;
    const unsupported = s.comparators.filter((c) => !c.partnerships.some((p) => inForceDuring({ from: p.startedOn, to: p.endedOn }, from, to)));
    const changes = unsupported.flatMap((c) => {
      const b = valueIn(c.points, years.before);
      const a = valueIn(c.points, years.after);
      return a === null || b === null ? [] : [a - b];
    });
    const sign = s.higherIsBetter ? 1 : -1;
    const meanChange = changes.length === 0 ? 0 : changes.reduce((x, y) => x + y, 0) / changes.length;
    const enough = changes.length >= minimumComparators;
    return {
      measured: true,
      indicator: s.indicator,
      title: s.title,
      higherIsBetter: s.higherIsBetter,
      before: { period: years.before, value: before },
      after: { period: years.after, value: after },
      change,
      comparison: enough ? { schools: changes.length, meanChange, beyond: sign * (change - meanChange) } : null,
      comparisonReason: enough
        ? null
        : `only ${changes.length} similar school${changes.length === 1 ? '' : 's'} without support hold${changes.length === 1 ? 's' : ''} both years' results (${minimumComparators} needed)`,
    };
  }
  return { measured: false, reason: 'no headline result held both before the partnership began and since' };
}

/**
 * A school's results along its line of URNs (newest first): each year's is the newest URN's result with a value (the
 * DfE publishes a converter's first year under either URN, the other left blank), null where every URN holding that
 * year has it blank or hidden from the reader.
 */
export function seriesAlong(line: readonly string[], pointsOf: (urn: string) => readonly ImpactPoint[]): ImpactPoint[] {
  const byPeriod = new Map<string, number | null>();
  for (const urn of line) for (const p of pointsOf(urn)) if (byPeriod.get(p.period) == null) byPeriod.set(p.period, p.value);
  return [...byPeriod].map(([period, value]) => ({ period, value })).sort((a, b) => a.period.localeCompare(b.period));
}
