/**
 * A target's chart: the place's figure by year (solid line and dots), the trajectory from the baseline to the end
 * target (dashed), milestones and the end target (diamonds). SVG rendered on the server; the page shows the same
 * figures in a table beside it. Also a sparkline for the overview.
 */
import { figureText, fixed } from '../presentation/format.ts';

/** `newMeasure`: the point starts a new measure, so the line is not drawn to it from the years before. */
export type ChartPoint = Readonly<{ year: number; value: number | null; newMeasure?: boolean }>;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function targetChart(
  options: Readonly<{
    id: string;
    title: string;
    series: readonly ChartPoint[];
    trajectory: readonly ChartPoint[];
    milestones: readonly Readonly<{ year: number; value: number; label: string }>[];
    decimals: number;
  }>,
): string {
  const width = 640;
  const height = 260;
  const margin = { left: 52, right: 20, top: 20, bottom: 36 };
  const years = [...options.series, ...options.trajectory, ...options.milestones].map((p) => p.year);
  const values = [...options.series, ...options.trajectory, ...options.milestones].map((p) => p.value).filter((v): v is number => v !== null);
  if (years.length === 0 || values.length === 0) return '';
  const [first, last] = [Math.min(...years), Math.max(...years)];
  let [low, high] = [Math.min(...values), Math.max(...values)];
  const pad = (high - low) * 0.1 || 1;
  [low, high] = [low - pad, high + pad];
  const x = (year: number) => margin.left + (last === first ? 0.5 : (year - first) / (last - first)) * (width - margin.left - margin.right);
  const y = (v: number) => height - margin.bottom - ((v - low) / (high - low)) * (height - margin.top - margin.bottom);
  const line = (points: readonly ChartPoint[]) =>
    points
      .filter((p): p is ChartPoint & { value: number } => p.value !== null)
      .map((p, i) => `${i === 0 || p.newMeasure === true ? 'M' : 'L'}${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`)
      .join(' ');
  const held = options.series.filter((p) => p.value !== null);
  const description = `${held.length === 0 ? 'No figures held' : held.map((p) => `${p.year}: ${fixed(p.value, options.decimals)}`).join(', ')}. ${options.milestones.map((m) => `${m.label} ${m.value} by ${m.year}`).join('; ')}.`;
  const ticks = [low + pad, (low + high) / 2, high - pad];
  const parts = [
    `<svg class="waymark-chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${options.id}-title ${options.id}-desc" font-family="GDS Transport, arial, sans-serif" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${options.id}-title">${escape(options.title)}</title><desc id="${options.id}-desc">${escape(description)}</desc>`,
    ...ticks.map(
      (t) =>
        `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#b1b4b6" stroke-width="1"/><text x="${margin.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="#0b0c0c">${fixed(t, options.decimals)}</text>`,
    ),
    ...Array.from({ length: last - first + 1 }, (_, i) => first + i).map(
      (year) => `<text x="${x(year).toFixed(1)}" y="${height - 12}" text-anchor="middle" font-size="12" fill="#0b0c0c">${year}</text>`,
    ),
    options.trajectory.length > 1 ? `<path d="${line(options.trajectory)}" fill="none" stroke="#505a5f" stroke-width="2" stroke-dasharray="6 4"/>` : '',
    held.length > 1 ? `<path d="${line(options.series)}" fill="none" stroke="#1d70b8" stroke-width="3"/>` : '',
    ...held.map((p) => `<circle cx="${x(p.year).toFixed(1)}" cy="${y(p.value!).toFixed(1)}" r="5" fill="#1d70b8"/>`),
    ...options.milestones.map((m) => {
      const [cx, cy] = [x(m.year), y(m.value)];
      return `<path d="M${cx.toFixed(1)},${(cy - 7).toFixed(1)} L${(cx + 7).toFixed(1)},${cy.toFixed(1)} L${cx.toFixed(1)},${(cy + 7).toFixed(1)} L${(cx - 7).toFixed(1)},${cy.toFixed(1)} Z" fill="#d4351c"/>`;
    }),
    '</svg>',
  ];
  return parts.join('');
}

export type SparklineText = Readonly<{
  /** A figure as the page writes it, with its unit ("74%"). */
  value: (value: number) => string;
  /** A point's year as the page writes it ("2016", "2015/16"). */
  year: (year: number) => string;
}>;

/**
 * A small line of the figures by year with its first and last values written at its ends ("74% ⟋ 80%"), for the
 * overview tables (issue 19.4). Only the latest run unbroken by a new measure is drawn, so both ends are figures of one
 * measure. The line itself is decorative; the values are text, and so are their years, for screen readers ("From 74%
 * in 2013 to 80% in 2016"). Nothing where fewer than two years have a figure.
 */
export function sparkline(points: readonly ChartPoint[], text: SparklineText): string {
  // From the year the measure last changed, whether or not that year has a figure: nothing before it is joined to it.
  const start = points.findLastIndex((p) => p.newMeasure === true);
  const run = start <= 0 ? points : points.slice(start);
  const held = run.filter((p): p is { year: number; value: number } => p.value !== null);
  if (held.length < 2) return '';
  const [width, height] = [80, 20];
  const [low, high] = [Math.min(...held.map((p) => p.value)), Math.max(...held.map((p) => p.value))];
  const [first, last] = [held[0]!, held.at(-1)!];
  const x = (year: number) => 2 + ((year - first.year) / Math.max(1, last.year - first.year)) * (width - 4);
  const y = (v: number) => height - 2 - ((v - low) / (high - low || 1)) * (height - 4);
  const d = held.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const svg = `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg"><path d="${d}" fill="none" stroke="#1d70b8" stroke-width="2"/></svg>`;
  const hidden = (words: string) => `<span class="govuk-visually-hidden">${escape(words)}</span>`;
  return (
    `<span class="waymark-sparkline">${hidden('From ')}${escape(text.value(first.value))}${hidden(` in ${text.year(first.year)} to`)} ${svg} ` +
    `${escape(text.value(last.value))}${hidden(` in ${text.year(last.year)}`)}</span>`
  );
}

/**
 * A target's sparkline on the framework page and in the annual report: its figures by framework year up to the year
 * shown, each written in that year's measure's unit.
 */
export function targetSparkline(context: Readonly<{ series: readonly ChartPoint[]; unit: string; decimalPlaces: number }>, year: number): string {
  return sparkline(
    context.series.filter((p) => p.year <= year),
    { value: (v) => figureText(v, context.unit, context.decimalPlaces), year: String },
  );
}
