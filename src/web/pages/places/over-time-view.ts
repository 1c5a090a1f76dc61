import { againstComparator, latestPlaceRun, placeHeadlineIndicators, type AgainstComparator } from '../../../domain/comparison/place-over-time.ts';
import { periodLabel, periodSpanLabel } from '../../../domain/periods/period.ts';
import type { DashboardIndicator, PlaceDashboard, Shown } from '../../../services/geography/place-dashboard.ts';
import { lineChart, type LineSeries } from '../../components/line-chart.ts';
import { figureText, fixed } from '../../presentation/format.ts';
import { unitLabels } from '../../presentation/labels.ts';

/**
 * A place dashboard's headline measures over time (issue 19 item 4), as the indicator page draws an LA against its
 * neighbours: for each headline key indicator the place holds two years or more of, a line chart of the place, its LA
 * (for a district or a grouping) and England over the years since the measure last changed (line-chart.ts: solid,
 * dashed, dotted, each named at its last year), a sentence on how the place moved against England, and every year in a
 * table beside it. The dashboard's other key indicators give their first and last years in its table.
 */

const value = (s: Shown | null): number | null => s?.value ?? null;

/** "Thanet’s figure went from 52% to 58%, Kent’s from 53% to 57% and England’s from 53% to 61%: Thanet was …". */
export function againstEnglandWords(
  placeName: string,
  laName: string | null,
  k: Pick<DashboardIndicator, 'indicator' | 'overTime'>,
  decimalPlaces: number,
): string | null {
  const unit = k.indicator.unit;
  const text = (v: number) => figureText(v, unit, decimalPlaces);
  const run = latestPlaceRun(k.overTime);
  const summary = againstComparator(
    run.map((y) => ({ period: y.period, own: value(y.place), other: value(y.england), breakBefore: y.breakBefore })),
    k.indicator.polarity,
    decimalPlaces,
  );
  if (summary === null) {
    // No England figure in two of the years: the place's own move alone.
    const own = run.filter((y) => value(y.place) !== null);
    const [first, last] = [own[0], own.at(-1)];
    if (first === undefined || last === undefined || first === last) return null;
    return `From ${periodLabel(first.period)} to ${periodLabel(last.period)}, ${placeName}’s figure went from ${text(value(first.place)!)} to ${text(value(last.place)!)}.`;
  }
  const { first, last } = summary;
  // Each comparator's figure at the decimals it is shown to (England's may be published to fewer than the place's).
  const shownAt = (period: string, of: 'la' | 'england') => run.find((y) => y.period === period)?.[of] ?? null;
  const asShown = (f: Shown | null, fallback: number) => (f?.value == null ? text(fallback) : figureText(f.value, unit, f.decimalPlaces));
  const [laFirst, laLast] = [shownAt(first.period, 'la'), shownAt(last.period, 'la')];
  const laPart =
    laName !== null && value(laFirst) !== null && value(laLast) !== null ? `, ${laName}’s from ${asShown(laFirst, 0)} to ${asShown(laLast, 0)}` : '';
  const position = (a: AgainstComparator, it: string) => {
    if (a.apart === 0) return `level with ${it} in ${periodLabel(a.period)}`;
    const size = fixed(Math.abs(a.apart), decimalPlaces);
    const points = unit === 'count' ? '' : ` ${unit === 'percent' ? 'percentage point' : 'point'}${size === fixed(1, decimalPlaces) ? '' : 's'}`;
    return `${size}${points} ${a.apart > 0 ? 'above' : 'below'} ${it}${a.ahead === null ? '' : a.ahead ? ' (better)' : ' (worse)'} in ${periodLabel(a.period)}`;
  };
  return (
    `From ${periodLabel(first.period)} to ${periodLabel(last.period)}, ${placeName}’s figure went from ${text(first.own)} to ${text(last.own)}${laPart} ` +
    `and England’s from ${asShown(shownAt(first.period, 'england'), first.other)} to ${asShown(shownAt(last.period, 'england'), last.other)}: ` +
    `${placeName} was ${position(first, 'England')} and ${position(last, 'it')}.`
  );
}

/** Each headline key indicator the place holds two years or more of, with its chart, sentence and table. */
export function overTimeView(d: Pick<PlaceDashboard, 'place' | 'la' | 'indicators'>) {
  const laName = d.place.kind === 'la' ? null : d.la.name;
  return d.indicators
    .filter((k) => placeHeadlineIndicators.has(k.indicator.code) && k.overTime.length >= 2)
    .map((k) => {
      const id = `over-time-${k.indicator.code}`;
      const unit = unitLabels[k.indicator.unit] ?? k.indicator.unit;
      const run = latestPlaceRun(k.overTime);
      const points = (of: (y: (typeof run)[number]) => Shown | null) =>
        run.flatMap((y) => {
          const v = value(of(y));
          return v === null ? [] : [{ period: y.period, value: v }];
        });
      const series: LineSeries[] = [
        { name: d.place.name, style: 'solid', points: points((y) => y.place) },
        ...(laName === null ? [] : [{ name: laName, style: 'dashed' as const, points: points((y) => y.la) }]),
        { name: 'England', style: 'dotted', points: points((y) => y.england) },
      ];
      const runSpan = periodSpanLabel(run.map((y) => y.period));
      const named = [d.place.name, ...(laName === null ? [] : [laName]), 'England'];
      const charted = (series[0]?.points.length ?? 0) >= 2;
      return {
        id,
        indicator: k.indicator,
        span: periodSpanLabel(k.overTime.map((y) => y.period)),
        chart: charted
          ? lineChart({
              id: `${id}-chart`,
              title: `${k.indicator.title} (${unit}): ${named.join(', ')}, ${runSpan}`,
              periods: run.map((y) => y.period),
              yLabel: k.indicator.unit === 'percent' ? 'Per cent' : unit,
              series,
            })
          : '',
        chartNote: charted
          ? `${d.place.name} (solid line)${laName === null ? '' : `, ${laName} (dashed)`} and England (dotted), ${runSpan}${
              run.length < k.overTime.length ? `, since the measure last changed in ${periodLabel(run[0]!.period)}` : ''
            }. The table gives every year.`
          : run.length < 2
            ? `No chart: the measure changed in ${periodLabel(run[0]!.period)}, and a line joins only years of one measure. The table gives every year.`
            : `No chart: fewer than two years of the measure since it last changed have a figure shown. The table gives every year.`,
        words: againstEnglandWords(d.place.name, laName, k, k.place.decimalPlaces),
        rows: k.overTime,
      };
    });
}

export type OverTimeView = ReturnType<typeof overTimeView>;
