/**
 * A dot plot of every LA's value on one axis, with the quartile boundaries, England and the LA in focus marked.
 * Rendered on the server as SVG; the page always shows the same figures in a table beside it.
 */
import { fixed } from '../presentation/format.ts';

export type Dot = Readonly<{ label: string; value: number; emphasis: 'focus' | 'group' | 'none' }>;

const width = 640;
const margin = { left: 16, right: 16, top: 28, bottom: 34 };
const step = 9;
const order = { none: 0, group: 1, focus: 2 } as const;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function dotPlot(
  options: Readonly<{ title: string; dots: readonly Dot[]; marks: readonly { label: string; value: number }[]; decimals: number }>,
): string {
  const values = [...options.dots.map((d) => d.value), ...options.marks.map((m) => m.value)];
  if (values.length === 0) return '';
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (low === high) [low, high] = [low - 1, high + 1];
  const x = (v: number) => margin.left + ((v - low) / (high - low)) * (width - margin.left - margin.right);
  // Equal values stack upwards (a simple beeswarm), so 150 LAs on a whole-number scale stay countable.
  const stacks = new Map<number, number>();
  const placed = options.dots.map((d) => {
    const column = Math.round(x(d.value) / step);
    const level = stacks.get(column) ?? 0;
    stacks.set(column, level + 1);
    return { ...d, cx: x(d.value), level };
  });
  const tallest = Math.max(1, ...stacks.values());
  const height = margin.top + margin.bottom + tallest * step + 8;
  const y = (level: number) => height - margin.bottom - 8 - level * step;
  const ticks = [low, (low + high) / 2, high];
  const focus = options.dots.find((d) => d.emphasis === 'focus');
  const description = `${options.dots.length} local authorities from ${fixed(low, options.decimals)} to ${fixed(high, options.decimals)}${focus ? `; ${focus.label} ${fixed(focus.value, options.decimals)}` : ''}.`;
  const parts = [
    `<svg class="waymark-chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc" font-family="GDS Transport, arial, sans-serif" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="chart-title">${escape(options.title)}</title><desc id="chart-desc">${escape(description)}</desc>`,
    `<line x1="${margin.left}" x2="${width - margin.right}" y1="${height - margin.bottom}" y2="${height - margin.bottom}" stroke="#505a5f"/>`,
    ...ticks.map(
      (t) =>
        `<text x="${x(t).toFixed(1)}" y="${height - margin.bottom + 18}" text-anchor="middle" font-size="12" fill="#0b0c0c">${fixed(t, options.decimals)}</text>`,
    ),
    ...options.marks.map(
      (m) =>
        `<line x1="${x(m.value).toFixed(1)}" x2="${x(m.value).toFixed(1)}" y1="${margin.top - 6}" y2="${height - margin.bottom}" stroke="#0b0c0c" stroke-dasharray="4 3"/><text x="${x(m.value).toFixed(1)}" y="${margin.top - 10}" text-anchor="middle" font-size="12" fill="#0b0c0c">${escape(m.label)}</text>`,
    ),
    // The LA in focus is drawn last, over the others.
    ...[...placed]
      .sort((a, b) => order[a.emphasis] - order[b.emphasis])
      .map((d) => {
        const [r, fill] = d.emphasis === 'focus' ? [6, '#d4351c" stroke="#0b0c0c'] : d.emphasis === 'group' ? [4.5, '#1d70b8'] : [4, '#b1b4b6'];
        return `<circle cx="${d.cx.toFixed(1)}" cy="${y(d.level)}" r="${r}" fill="${fill}"><title>${escape(`${d.label}: ${fixed(d.value, options.decimals)}`)}</title></circle>`;
      }),
    '</svg>',
  ];
  return parts.join('');
}
