import { phaseYearGroups, type ForecastRatios, type PlannedChangeKind } from '../../../domain/place-planning/place-planning.ts';
import type { AdmissionsPressure, AreaSchool, AreaView } from '../../../services/place-planning/planning-views.ts';
import type { LineChartOptions } from '../../components/line-chart.ts';
import { fixed } from '../../presentation/format.ts';
import { bandWords, count, percent, yearCell, yearLabel, type Cell } from './planning-views.ts';

/**
 * A planning area's page (issue 17.8): its rolls and forecast as a chart with the same figures in a table and one
 * sentence beside it, rolls by year group, the schools, planned changes, housing, the ratios the forecast used and the
 * admissions pressure at the point of entry.
 */

const numeric = (text: string): Cell => ({ text, format: 'numeric' });

/** The chart: pupils on roll (census), the forecast (dashed, joined to the last census year), the band of past error, and places (dotted). */
export function areaChart(view: AreaView): LineChartOptions {
  const census = view.years.filter((y) => y.source === 'census');
  const forecast = view.years.filter((y) => y.source === 'forecast');
  const last = census.at(-1);
  const joined = last === undefined || forecast.length === 0 ? forecast : [last, ...forecast];
  const banded = forecast.filter((y) => y.errorBand !== null);
  return {
    id: 'area-chart',
    title: `${view.area.name}: pupils on roll, the forecast and places by year`,
    periods: view.years.map((y) => y.period),
    yLabel: 'Pupils',
    series: [
      { name: 'Pupils on roll', style: 'solid', points: census.map((y) => ({ period: y.period, value: y.total })) },
      { name: 'Forecast', style: 'dashed', points: joined.map((y) => ({ period: y.period, value: y.total })) },
      {
        name: 'Places',
        style: 'dotted',
        points: view.years.filter((y) => y.surplus.capacity > 0).map((y) => ({ period: y.period, value: y.surplus.capacity })),
      },
    ],
    ...(banded.length === 0
      ? {}
      : {
          band: {
            name: 'Range of past forecast error',
            points: [
              ...(last === undefined ? [] : [{ period: last.period, low: last.total, high: last.total }]),
              ...banded.map((y) => ({ period: y.period, low: y.errorBand!.low, high: y.errorBand!.high })),
            ],
          },
        }),
  };
}

/** The chart in one sentence, for the text beside it. */
export function areaDescription(view: AreaView): string {
  const census = view.years.filter((y) => y.source === 'census');
  const forecast = view.years.filter((y) => y.source === 'forecast');
  const [first, last, end] = [census[0], census.at(-1), forecast.at(-1)];
  const parts: string[] = [];
  if (first !== undefined && last !== undefined)
    parts.push(
      first === last
        ? `${count(last.total)} pupils were on roll in ${yearLabel(last.period)}`
        : `Pupils on roll went from ${count(first.total)} in ${yearLabel(first.period)} to ${count(last.total)} in ${yearLabel(last.period)}`,
    );
  if (end !== undefined) {
    const range = end.errorBand === null ? '' : ` (${count(end.errorBand.low)} to ${count(end.errorBand.high)} if it misses as past forecasts did)`;
    parts.push(
      `the forecast is ${count(end.total)} in ${yearLabel(end.period)}${range}, against ${count(end.surplus.capacity)} places: ${percent(end.surplus.rate)} spare, ${bandWords(end.band, view.band, end.surplus.rate).charAt(0).toLowerCase()}${bandWords(end.band, view.band, end.surplus.rate).slice(1)}`,
    );
  }
  if (parts.length === 0) return 'No census or forecast is held for this planning area.';
  return `${parts.join('; ')}.`;
}

/** Totals by year beside the chart: year, pupils, the range of past error, places, unfilled, spare, the band, over capacity. */
export const totalRows = (view: AreaView): Cell[][] =>
  view.years.map((y) => [
    yearCell(y),
    numeric(count(y.total)),
    numeric(y.errorBand === null ? '–' : `${count(y.errorBand.low)} to ${count(y.errorBand.high)}`),
    numeric(count(y.surplus.capacity)),
    numeric(count(y.surplus.unfilled)),
    numeric(percent(y.surplus.rate)),
    { text: bandWords(y.band, view.band, y.surplus.rate) },
    numeric(count(y.surplus.excess)),
  ]);

/** Pupils by year group by year (the phase's year groups), with the year's total. */
export function yearGroupTable(view: AreaView): Readonly<{ head: Cell[]; rows: Cell[][] }> {
  const groups = phaseYearGroups[view.area.phase];
  return {
    head: [{ text: 'Year' }, ...groups.map((g) => numeric(g === 'R' ? 'Reception' : `Year ${g}`)), numeric('Total')],
    rows: view.years.map((y) => [yearCell(y), ...groups.map((g) => numeric(count(y.pupils[g] ?? 0))), numeric(count(y.total))]),
  };
}

const share = (s: AreaSchool) => (s.membership.share === 1 ? 'Whole school' : `${fixed(s.membership.share * 100, 0)}% (split site)`);

/**
 * The admission number on this area's site, as capacity and pupils are (share applied): a split-site school's 60 at a
 * 0.6 share is "36 of 60", so the column adds up across the area as the others do.
 */
const admissionCell = (s: AreaSchool): Cell =>
  numeric(
    s.admissionNumber === null || s.membership.share === 1
      ? count(s.admissionNumber)
      : `${count(s.admissionNumber * s.membership.share)} of ${count(s.admissionNumber)}`,
  );

/** The schools: name and URN, share, capacity, admission number, pupils, unfilled, over capacity, forecast entry (all on this site). */
export const schoolRows = (schools: readonly AreaSchool[]): Cell[][] =>
  schools.map((s) => [
    { text: `${s.name} (URN ${s.urn})` },
    { text: share(s) },
    numeric(count(s.capacity)),
    admissionCell(s),
    numeric(count(s.pupils)),
    numeric(count(s.unfilled)),
    numeric(count(s.excess)),
    numeric(count(s.forecastEntry)),
  ]);

const kindTexts: Readonly<Record<PlannedChangeKind, string>> = {
  expansion: 'Permanent expansion',
  bulge: 'Bulge class (one year)',
  'new-school': 'New school',
  reduction: 'Reduction in places',
  closure: 'Closure',
};
export const kindWords = (kind: PlannedChangeKind): string => kindTexts[kind];

const statusTexts = { proposed: 'Proposed', approved: 'Approved', delivered: 'Delivered', withdrawn: 'Withdrawn' } as const;
export const statusWords = (status: keyof typeof statusTexts): string => statusTexts[status];

/** A change to places in signed words: "+30 places", "−60 places". */
export const placesAddedWords = (n: number): string => `${n > 0 ? '+' : ''}${count(n)} ${Math.abs(n) === 1 ? 'place' : 'places'}`;

/** Planned changes: school, what, from, entry places, its effect on the area's places, status, description. */
export const changeRows = (changes: AreaView['changes']): Cell[][] =>
  changes.map((c) => [
    { text: c.urn === null ? c.schoolName : `${c.schoolName} (URN ${c.urn})` },
    { text: `${kindWords(c.kind)}${c.phasing === 'year-by-year' ? ', filling year by year' : ''}` },
    { text: yearLabel(c.fromPeriod) },
    numeric(count(c.entryPlaces)),
    numeric(`${placesAddedWords(c.placesAdded)} in ${yearLabel(c.effectPeriod)}`),
    { text: statusWords(c.status) },
    { text: c.description },
  ]);

/** Housing sites: name, dwellings, pupils yielded (for this area's phase), first and last year of completions. */
export const housingRows = (housing: AreaView['housing']): Cell[][] =>
  housing.map((h) => {
    const years = h.completions.map((c) => c.period).sort();
    return [
      { text: h.name },
      numeric(count(h.dwellings)),
      numeric(fixed(h.pupilsYielded, 1)),
      { text: years.length === 0 ? '–' : years[0] === years.at(-1) ? yearLabel(years[0]!) : `${yearLabel(years[0]!)} to ${yearLabel(years.at(-1)!)}` },
    ];
  });

const ratio = (r: number | null | undefined) => (r === null || r === undefined ? '–' : fixed(r, 3));

/** The ratios the forecast used, in words, with the periods they were averaged over. */
export function ratioRows(ratios: ForecastRatios | null, phase: AreaView['area']['phase']): Readonly<{ key: { text: string }; value: { text: string } }>[] {
  if (ratios === null) return [];
  const groups = phaseYearGroups[phase].slice(1);
  const rows: [string, string][] = [
    phase === 'primary'
      ? ['Intake ratio (Reception ÷ births four years before)', ratio(ratios.intake)]
      : ['Transfer ratio (Year 7 ÷ feeder Year 6 the year before)', ratio(ratios.transfer)],
    ...groups.map((g): [string, string] => [`Survival into Year ${g}`, ratio(ratios.survival[g])]),
    ['Averaged over', ratios.periods.length === 0 ? 'No years held' : ratios.periods.map(yearLabel).join(', ')],
  ];
  return rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
}

/**
 * The admissions pressure at the point of entry, from the area's latest admission round with applications. The store
 * says whether the round is allocated yet (`allocated`, beyond the view type: see planning-store's admissionsCounts);
 * before offer day preferences are counted from the applications and the offer rows say "Not allocated yet", never 0.
 */
export function pressureRows(p: AdmissionsPressure | null): Readonly<{ key: { text: string }; value: { text: string } }>[] {
  if (p === null) return [];
  const entry = p.phase === 'primary' ? 'Reception' : 'Year 7';
  const allocated = p.allocated;
  const offers = (n: number | null) => (allocated ? count(n) : 'Not allocated yet');
  const rows: [string, string][] = [
    ['Round', `${entry}, ${p.entryYear}/${String((p.entryYear + 1) % 100).padStart(2, '0')} entry${allocated ? '' : ' (before offer day)'}`],
    ['Published admission numbers', count(p.admissionNumber)],
    [
      'Children naming a school here first',
      `${count(p.firstPreferences)} (${percent(p.admissionNumber === 0 ? null : (100 * p.firstPreferences) / p.admissionNumber)} of the places)`,
    ],
    ['Children naming a school here at any preference', count(p.applicants)],
    ['Offered', offers(p.offered)],
    ['Places left', offers(p.vacancies)],
    ['Allocated here by the LA (none of their preferences could be met)', offers(p.allocatedInto)],
    [
      'Children of the district allocated a school they did not name, or none',
      p.allocatedFromDistrict === null ? count(null) : offers(p.allocatedFromDistrict),
    ],
    ['Preferences from children living in other LAs', count(p.crossBorderIn)],
    ['Children of the district naming schools in other LAs', count(p.crossBorderOut)],
  ];
  return rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
}
