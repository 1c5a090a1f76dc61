import * as Plot from '@observablehq/plot';
import { LRUCache } from 'lru-cache';
import { parseHTML } from 'linkedom';
import { isTwoYearCode, periodLabel } from '../../domain/periods/period.ts';

/**
 * A line chart by academic year, drawn on the server as SVG by Observable Plot over linkedom's document: lines (solid,
 * dashed or dotted, each named at its last point so no line is told apart by colour alone), an optional shaded band
 * and an optional horizontal rule, with both axes labelled. The page always puts the same figures in a table and a
 * one-sentence description beside it. Periods are academic-year codes ('201516'), written 2015/16 on the axis, or calendar years.
 */

export type LineSeries = Readonly<{
  name: string;
  style: 'solid' | 'dashed' | 'dotted';
  points: readonly Readonly<{ period: string; value: number }>[];
}>;

export type LineChartOptions = Readonly<{
  /** Names the chart's <title> for aria-labelledby; unique on the page. */
  id: string;
  title: string;
  /** The periods on the x axis, in order ('201314', …): every series' periods must be among them. */
  periods: readonly string[];
  yLabel: string;
  series: readonly LineSeries[];
  band?: Readonly<{ name: string; points: readonly Readonly<{ period: string; low: number; high: number }>[] }>;
  rule?: Readonly<{ name: string; value: number }>;
}>;

const colours = { solid: '#1d70b8', dashed: '#0b0c0c', dotted: '#505a5f' } as const;
const dashes = { solid: null, dashed: '6 4', dotted: '2 3' } as const;

type Datum = Readonly<{ x: string; y: number; name: string }>;

/**
 * Charts drawn, by what they show: a chart is a function of its options alone (Plot draws the same SVG for the same
 * data), and drawing one takes a few milliseconds where its key takes microseconds, so a page shown again (a signed-in
 * reader's, which is rendered for each request) draws none of its charts again. 16 MB of keys and charts (a chart is
 * 3-10 KB), the least recently shown let go first; a module's own, as the function it keeps is pure.
 */
const drawn = new LRUCache<string, string>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (svg, key) => svg.length + key.length + 64 });

export function lineChart(options: LineChartOptions): string {
  const key = JSON.stringify(options);
  let svg = drawn.get(key);
  if (svg === undefined) {
    svg = drawLineChart(options);
    drawn.set(key, svg);
  }
  return svg;
}

function drawLineChart(options: LineChartOptions): string {
  const withValues = options.series.filter((s) => s.points.length > 0);
  if (options.periods.length === 0 || (withValues.length === 0 && options.band === undefined)) return '';
  const label = (period: string) => periodLabel(period);
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const all = [...withValues.flatMap((s) => s.points.map((p) => p.value)), ...(options.rule ? [options.rule.value] : [])];
  const nudges = labelNudges(
    withValues.map((s) => ({ x: s.points.at(-1)!.period, y: s.points.at(-1)!.value })),
    Math.min(...all),
    Math.max(...all),
  );
  const lines = withValues.flatMap((s, index) => {
    const data: Datum[] = s.points.map((p) => ({ x: label(p.period), y: p.value, name: s.name }));
    const dash = dashes[s.style];
    return [
      Plot.lineY(data, { x: 'x', y: 'y', stroke: colours[s.style], strokeWidth: 3, ...(dash === null ? {} : { strokeDasharray: dash }) }),
      Plot.dot(data, { x: 'x', y: 'y', fill: colours[s.style], r: 3 }),
      // The series named at its last point, so a reader need not match colours to a key.
      Plot.text(data.slice(-1), { x: 'x', y: 'y', text: 'name', dx: 8, dy: nudges[index]!, textAnchor: 'start', fill: '#0b0c0c', fontSize: 12 }),
    ];
  });
  const band = options.band
    ? [
        Plot.areaY(
          options.band.points.map((p) => ({ x: label(p.period), low: p.low, high: p.high })),
          { x: 'x', y1: 'low', y2: 'high', fill: '#1d70b8', fillOpacity: 0.15 },
        ),
      ]
    : [];
  const rule = options.rule
    ? [
        Plot.ruleY([options.rule.value], { stroke: '#d4351c', strokeWidth: 2, strokeDasharray: '10 3 2 3' }),
        Plot.text([options.rule.value], {
          y: (v: number) => v,
          frameAnchor: 'left',
          text: () => options.rule!.name,
          dy: -8,
          dx: 4,
          textAnchor: 'start',
          fill: '#0b0c0c',
          fontSize: 12,
        }),
      ]
    : [];
  // Every year is in the table beside the chart; on the axis at most seven are named (always the last), so none overlap.
  const labels = options.periods.map(label);
  const step = Math.ceil(labels.length / 7);
  const ticks = labels.filter((_, i) => (labels.length - 1 - i) % step === 0);
  const svg = Plot.plot({
    document,
    width: 640,
    height: 320,
    marginLeft: 64,
    marginRight: 130,
    marginBottom: 44,
    style: { fontSize: '12px' },
    x: {
      type: 'point',
      domain: labels,
      ticks,
      label: options.periods.every(isTwoYearCode) ? 'Academic year' : 'Year',
      labelAnchor: 'center',
      labelArrow: 'none',
    },
    y: { label: options.yLabel, grid: true, nice: true, labelArrow: 'none' },
    marks: [...band, ...rule, ...lines],
  }) as unknown as SVGSVGElement;
  // The page's CSP allows no inline style: Plot's <style> and style attribute go; the SVG attributes carry the look.
  for (const style of Array.from(svg.querySelectorAll('style'))) style.remove();
  for (const styled of [svg, ...Array.from(svg.querySelectorAll('[style]'))]) styled.removeAttribute('style');
  // The chart is one image to assistive technology (role="img", named by its title): Plot's labels on its groups go.
  for (const labelled of Array.from(svg.querySelectorAll('[aria-label]'))) labelled.removeAttribute('aria-label');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${options.id}-title`);
  svg.removeAttribute('aria-label');
  svg.setAttribute('class', 'waymark-chart');
  svg.setAttribute('font-family', 'GDS Transport, arial, sans-serif');
  svg.setAttribute('font-size', '12');
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  svg.removeAttribute('height');
  svg.removeAttribute('width');
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.setAttribute('id', `${options.id}-title`);
  title.textContent = options.title;
  svg.insertBefore(title, svg.firstChild);
  return svg.outerHTML;
}

const plotHeight = 320 - 20 - 44;
const labelGap = 14;

/**
 * How far (in pixels, down positive) to move each series' name at its last point so that no two names ending in the same
 * year overlap: names closer than a line of text apart are spread evenly about their midpoint, in the order of their
 * values. The scale is taken as the data's span over the plot's height (Plot's "nice" scale only widens it, so
 * names judged apart here are apart on the chart).
 */
export function labelNudges(ends: readonly Readonly<{ x: string; y: number }>[], min: number, max: number): number[] {
  const perUnit = max > min ? plotHeight / (max - min) : 0;
  const nudges = ends.map(() => 0);
  for (const x of new Set(ends.map((e) => e.x))) {
    const at = ends
      .map((e, i) => ({ i, pixel: -(e.y - min) * perUnit }))
      .filter((_, i) => ends[i]!.x === x)
      .sort((a, b) => a.pixel - b.pixel || a.i - b.i);
    // Clusters of names closer than a line apart, each spread about its own midpoint.
    let cluster: typeof at = [];
    const spread = () => {
      const middle = cluster.reduce((sum, c) => sum + c.pixel, 0) / cluster.length;
      cluster.forEach((c, k) => (nudges[c.i] = middle + (k - (cluster.length - 1) / 2) * labelGap - c.pixel));
    };
    for (const e of at) {
      const previous = cluster.at(-1);
      if (previous !== undefined && e.pixel - previous.pixel >= labelGap) {
        spread();
        cluster = [];
      }
      cluster.push(e);
    }
    if (cluster.length > 0) spread();
  }
  return nudges;
}
