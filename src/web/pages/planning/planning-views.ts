import { isActor } from '../../../domain/audit/audit-chain.ts';
import { quartilesOf } from '../../../domain/comparison/ranking.ts';
import { roundHalfUp } from '../../../domain/indicators/rounding.ts';
import { england } from '../../../domain/geography/reference-places.ts';
import { academicYearLabel } from '../../../domain/periods/period.ts';
import type { AccuracyRow, BandPosition, PlanningPhase, SurplusSummary } from '../../../domain/place-planning/place-planning.ts';
import type { AreaSummary, PublishedAccuracy, SurplusYear } from '../../../services/place-planning/planning-views.ts';
import { fixed } from '../../presentation/format.ts';
import { actorWords } from '../admissions/admissions-views.ts';

/**
 * How the place planning pages write what the service returns (issue 17.8): academic years as 2015/16, per cent to
 * one decimal place with a % sign, counts with thousands separated, one minus sign (U+2212) for negatives, dates in
 * full, phases and positions in words. Every figure arrives unrounded and is rounded here, once.
 */

export type Cell = Readonly<{ text?: string; html?: string; format?: 'numeric' }>;
export type Band = Readonly<{ min: number; max: number }>;

const minus = (text: string) => text.replace(/^-/, '−');

/** An academic year code as people write it: '201516' → "2015/16". */
export const yearLabel = (period: string): string => academicYearLabel(period);

/** A count rounded once to whole pupils or places, thousands separated: 17599.5 → "17,600"; −20 → "−20". */
export const count = (n: number | null): string => (n === null ? '–' : minus(roundHalfUp(n, 0).toLocaleString('en-GB')));

/** A per cent to one decimal place: 5.714… → "5.7%"; −2.47 → "−2.5%". */
export const percent = (n: number | null): string => (n === null ? '–' : `${minus(fixed(n, 1))}%`);

/** A signed per cent (a forecast's error): "+0.1%", "−2.5%"; no sign where it rounds to nothing. */
export function signedPercent(n: number | null): string {
  if (n === null) return '–';
  const shown = fixed(Math.abs(n), 1);
  return `${Number(shown) === 0 ? '' : n > 0 ? '+' : '−'}${shown}%`;
}

/** A date ('YYYY-MM-DD') in full: "3 March 2016". */
export const longDate = (iso: string): string =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const aheadNames = ['One year', 'Two years', 'Three years', 'Four years', 'Five years', 'Six years', 'Seven years'];
/** How far ahead a forecast was made, in words: 1 → "One year", 3 → "Three years". */
export const aheadWords = (years: number): string => aheadNames[years - 1] ?? `${years} years`;

export const phaseName = (phase: PlanningPhase): string => (phase === 'primary' ? 'Primary' : 'Secondary');

/**
 * Who made a forecast: an audit actor ('user:7', 'cli:…', 'system') by name as the admissions pages write it; the demo
 * county's build as that; anything else as held.
 */
export function madeByWords(madeBy: string, names: ReadonlyMap<string, string>): string {
  if (isActor(madeBy)) return actorWords(madeBy, names);
  return madeBy === 'demo' ? 'the demo county’s build' : madeBy;
}

/** The band as written: "5–7%". */
export const bandText = (band: Band): string => `${band.min}–${band.max}%`;

/**
 * Where a surplus rate sits against the band, in words (never by colour alone). The position is of the unrounded rate;
 * where the rate as shown (one decimal place) reads as on the band's edge (4.96% shown as 5.0% but below a 5–7% band),
 * the words say "just" below or above and give the rate to two places, so the figure and the words never disagree.
 */
export function bandWords(position: BandPosition | null, band: Band, rate: number | null = null): string {
  if (position === null) return 'No places held';
  if (position === 'within') return `Within the ${bandText(band)} band`;
  const shown = rate === null ? null : roundHalfUp(rate, 1);
  const onEdge = shown !== null && (position === 'below' ? shown >= band.min : shown <= band.max);
  const just = onEdge ? `Just ${position} the ${bandText(band)} band (${fixed(rate, 2)}%)` : null;
  return position === 'below'
    ? `${just ?? `Below the ${bandText(band)} band`}: too few spare places`
    : `${just ?? `Above the ${bandText(band)} band`}: more spare places than planned`;
}

/** A forecast's error in words, by the scorecards' sign: positive is an over-forecast. */
export function errorWords(accuracy: number | null): string {
  if (accuracy === null) return 'Not scored (no pupils on roll)';
  const shown = fixed(Math.abs(accuracy), 1);
  if (Number(shown) === 0) return 'Exact to 0.1%';
  return accuracy > 0 ? `Over-forecast by ${shown}%` : `Under-forecast by ${shown}%`;
}

const numeric = (text: string): Cell => ({ text, format: 'numeric' });
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A link in a table cell, its text escaped. */
export const linkCell = (href: string, text: string): Cell => ({ html: `<a class="govuk-link" href="${escape(href)}">${escape(text)}</a>` });

/** A year as a table's first cell: "2017/18 (forecast)". */
export const yearCell = (y: Readonly<{ period: string; source: 'census' | 'forecast' }>): Cell => ({
  text: y.source === 'forecast' ? `${yearLabel(y.period)} (forecast)` : `${yearLabel(y.period)} (census)`,
});

/** Surplus cells: places, pupils, unfilled places, surplus rate, position against the band, pupils over capacity. */
export const surplusCells = (s: SurplusSummary, band: BandPosition | null, b: Band): Cell[] => [
  numeric(count(s.capacity)),
  numeric(count(s.pupils)),
  numeric(count(s.unfilled)),
  numeric(percent(s.rate)),
  { text: bandWords(band, b, s.rate) },
  numeric(count(s.excess)),
];

/** The LA's surplus by year for one phase: census years, then forecast years, each marked. */
export const surplusRows = (years: readonly SurplusYear[], b: Band): Cell[][] => years.map((y) => [yearCell(y), ...surplusCells(y.surplus, y.band, b)]);

/** The planning areas table's choices, as the query string gives them (server-side, a GET form). */
export type AreaQuery = Readonly<{ phase: PlanningPhase | ''; district: string; sort: 'name' | 'latest' | 'furthest' | 'forms' | 'short' }>;

export const sortItems = [
  { value: 'name', text: 'Planning area name' },
  { value: 'latest', text: 'Latest surplus, lowest first' },
  { value: 'furthest', text: 'Furthest forecast surplus, lowest first' },
  { value: 'forms', text: 'Forms of entry needed, most first' },
  { value: 'short', text: 'First year short of places, soonest first' },
] as const;

/** Low rates first; an area without a rate last. */
const byRate = (r: number | null | undefined) => r ?? Number.POSITIVE_INFINITY;

/** The areas of the chosen phase and district, in the chosen order (ties by name). */
export function selectAreas(areas: readonly AreaSummary[], q: AreaQuery): AreaSummary[] {
  const chosen = areas.filter((a) => (q.phase === '' || a.area.phase === q.phase) && (q.district === '' || a.district?.code === q.district));
  const byName = (a: AreaSummary, b: AreaSummary) => a.area.name.localeCompare(b.area.name, 'en-GB');
  const key = (a: AreaSummary): number | string => {
    if (q.sort === 'latest') return byRate(a.latest?.surplus.rate);
    if (q.sort === 'furthest') return byRate(a.furthest?.surplus.rate);
    if (q.sort === 'forms') return -a.formsOfEntryNeeded;
    return a.firstPeriodShort ?? '999999';
  };
  if (q.sort === 'name') return [...chosen].sort(byName);
  return [...chosen].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka < kb ? -1 : ka > kb ? 1 : byName(a, b);
  });
}

/** The planning areas table: area (linked), district, schools, latest surplus, unfilled, over capacity, furthest forecast, forms of entry, first year short. */
export const areaRows = (areas: readonly AreaSummary[]): Cell[][] =>
  areas.map((a) => [
    linkCell(`/planning/areas/${encodeURIComponent(a.area.code)}`, `${a.area.name} (${a.area.code})`),
    { text: `${phaseName(a.area.phase)}` },
    { text: a.district?.name ?? 'More than one district' },
    numeric(count(a.schools)),
    numeric(a.latest === null ? '–' : `${percent(a.latest.surplus.rate)} in ${yearLabel(a.latest.period)}`),
    numeric(count(a.latest?.surplus.unfilled ?? null)),
    numeric(count(a.latest?.surplus.excess ?? null)),
    numeric(a.furthest === null ? '–' : `${percent(a.furthest.surplus.rate)} in ${yearLabel(a.furthest.period)}`),
    numeric(count(a.formsOfEntryNeeded)),
    { text: a.firstPeriodShort === null ? 'None in the forecast' : yearLabel(a.firstPeriodShort) },
  ]);

/** Backtest rows: base census, year forecast, years ahead, forecast, actual, error signed and in words. */
export const accuracyRows = (rows: readonly AccuracyRow[]): Cell[][] =>
  [...rows]
    .sort((a, b) => a.phase.localeCompare(b.phase) || a.yearsAhead - b.yearsAhead || a.period.localeCompare(b.period))
    .map((r) => [
      { text: phaseName(r.phase) },
      { text: aheadWords(r.yearsAhead) },
      { text: yearLabel(r.basePeriod) },
      { text: yearLabel(r.period) },
      numeric(count(r.forecast)),
      numeric(count(r.actual)),
      numeric(signedPercent(r.accuracy)),
      { text: errorWords(r.accuracy) },
    ]);

/**
 * The DfE-published accuracy of the LAs held, by phase and years ahead, for the latest year published: how many
 * LAs, the median and the middle half (quartiles, R's type 7 as LAIT computes them), England's figure on its own (never
 * counted as an LA), and this LA's own figure.
 */
export function publishedRows(published: readonly PublishedAccuracy[], laCode: string): Cell[][] {
  const rows: Cell[][] = [];
  for (const phase of ['primary', 'secondary'] as const) {
    const ofPhase = published.filter((p) => p.phase === phase);
    const latest = ofPhase
      .map((p) => p.period)
      .sort()
      .at(-1);
    if (latest === undefined) continue;
    const held = ofPhase.filter((p) => p.period === latest);
    for (const [words, pick] of [
      ['One year', (p: PublishedAccuracy) => p.oneYear],
      ['Three years', (p: PublishedAccuracy) => p.threeYear],
    ] as const) {
      const values = held
        .filter((p) => p.place.code !== england.code)
        .map(pick)
        .filter((v): v is number => v !== null);
      const q = quartilesOf(values);
      const country = held.find((p) => p.place.code === england.code);
      const own = held.find((p) => p.place.code === laCode);
      rows.push([
        { text: `${phaseName(phase)}, ${yearLabel(latest)}` },
        { text: words },
        numeric(count(values.length)),
        numeric(q === null ? '–' : signedPercent(q.median)),
        numeric(q === null ? '–' : `${signedPercent(q.q1)} to ${signedPercent(q.q3)}`),
        numeric(country === undefined || pick(country) === null ? 'Not held' : signedPercent(pick(country))),
        numeric(own === undefined || pick(own) === null ? 'Not held' : signedPercent(pick(own))),
      ]);
    }
  }
  return rows;
}
