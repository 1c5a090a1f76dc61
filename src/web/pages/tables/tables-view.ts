import { kindLabels } from '../../../domain/geography/place.ts';
import { periodLabel } from '../../../domain/periods/period.ts';
import { breakdownTitle } from '../../../domain/pupils/breakdowns.ts';
import type { BuiltTable } from '../../../domain/tables/built-table.ts';
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
    const series: LineSeries[] = t.rows.slice(0, chartStyles.length).map((r, i) => ({
      name: rowName(r),
      style: chartStyles[i]!,
      points: t.periods.flatMap((period, j) => {
        const value = r.cells[j]?.value ?? null;
        return value === null ? [] : [{ period, value }];
      }),
    }));
    const span =
      t.periods.length === 0 ? '' : t.periods.length === 1 ? periodLabel(t.periods[0]!) : `${periodLabel(t.periods[0]!)} to ${periodLabel(t.periods.at(-1)!)}`;
    const charted = t.periods.length >= 2 && t.rows.length >= 1 && t.rows.length <= chartStyles.length;
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
            title: `${t.indicator.title} (${unit}), ${span}: ${series.map((s) => s.name).join(', ')}`,
            periods: t.periods,
            yLabel: t.indicator.unit === 'percent' ? 'Per cent' : unit,
            series,
          })
        : '',
      chartNote: charted
        ? `The chart draws each row of the table as a line (solid, dashed, dotted, in the table's order), named at its last year; the table holds the same figures.`
        : t.periods.length < 2
          ? 'No chart: the table has one year.'
          : t.rows.length === 0
            ? ''
            : `No chart: a chart here tells at most ${chartStyles.length} rows apart; choose fewer places or groups for one.`,
    };
  });
}

export type TablesView = ReturnType<typeof tablesView>;
