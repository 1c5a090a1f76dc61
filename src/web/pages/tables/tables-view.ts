import { kindLabels } from '../../../domain/geography/place.ts';
import { periodLabel, periodSpanLabel } from '../../../domain/periods/period.ts';
import { breakdownTitle } from '../../../domain/pupils/breakdowns.ts';
import { breaksWithin, type BuiltTable } from '../../../domain/tables/built-table.ts';
import { lineChart, type LineSeries } from '../../components/line-chart.ts';
import { unitLabels } from '../../presentation/labels.ts';

/** Lines a chart can tell apart without colour (solid, dashed, dotted: line-chart.ts); more rows are in the table only. */
const chartStyles = ['solid', 'dashed', 'dotted'] as const;

/**
 * Built tables as the page (and a release, or a permalink) shows them: each with its caption, unit, the years written
 * 2014/15, each row's place and pupil group in words, and a line chart of the rows over the years where there are two
 * years or more and no more rows than a chart can tell apart; the table beside it holds every figure.
 */
export function tablesView(tables: readonly BuiltTable[], idPrefix = 'table') {
  return tables.map((t, index) => {
    const unit = unitLabels[t.indicator.unit] ?? t.indicator.unit;
    const showGroup = t.rows.some((r) => r.group !== 'all');
    const rowName = (r: BuiltTable['rows'][number]) => (showGroup ? `${r.place.name}, ${breakdownTitle(r.group, true)}` : r.place.name);
    // A line joins only years of one measure: the chart starts where the measure last changed within the table.
    const { breaks, latestRun } = breaksWithin(t);
    const series: LineSeries[] = t.rows.slice(0, chartStyles.length).map((r, i) => ({
      name: rowName(r),
      style: chartStyles[i]!,
      points: latestRun.flatMap((period) => {
        const value = r.cells[t.periods.indexOf(period)]?.value ?? null;
        return value === null ? [] : [{ period, value }];
      }),
    }));
    const span = periodSpanLabel(t.periods);
    const runSpan = periodSpanLabel(latestRun);
    const charted = latestRun.length >= 2 && t.rows.length >= 1 && t.rows.length <= chartStyles.length;
    return {
      id: `${idPrefix}-${index + 1}`,
      indicator: t.indicator,
      caption: `${t.indicator.title}${span === '' ? '' : `, ${span}`}`,
      unit,
      showGroup,
      periods: t.periods.map((p) => ({ code: p, label: periodLabel(p) })),
      rows: t.rows.map((r) => ({
        place: r.place.name,
        kind: (kindLabels[r.place.kind] ?? r.place.kind).toLowerCase(),
        group: breakdownTitle(r.group),
        cells: r.cells,
      })),
      chart: charted
        ? lineChart({
            id: `${idPrefix}-${index + 1}-chart`,
            title: `${t.indicator.title} (${unit}), ${runSpan}: ${series.map((s) => s.name).join(', ')}`,
            periods: latestRun,
            yLabel: t.indicator.unit === 'percent' ? 'Per cent' : unit,
            series,
          })
        : '',
      /** Where the measure changed within the table's years: figures before and after are not comparable. */
      breaks: breaks.map((b) => `From ${periodLabel(b.period)}: ${b.note}. Figures from then are not comparable with those before.`),
      chartNote: charted
        ? `The chart draws each row of the table as a line (solid, dashed, dotted, in the table's order), named at its last year${
            latestRun.length < t.periods.length ? `, from ${periodLabel(latestRun[0]!)}, when the measure last changed` : ''
          }; the table holds the same figures.`
        : latestRun.length < 2
          ? t.periods.length < 2
            ? 'No chart: the table has one year.'
            : `No chart: the measure changed in ${periodLabel(latestRun[0]!)}, and a line joins only years of one measure.`
          : t.rows.length === 0
            ? ''
            : `No chart: a chart here tells at most ${chartStyles.length} rows apart; choose fewer places or groups for one.`,
    };
  });
}

export type TablesView = ReturnType<typeof tablesView>;
