import { polarityLabels, unitLabels } from '../../presentation/labels.ts';
import { publicAccess } from '../../../domain/access/route-access.ts';
import type { FastifyInstance } from 'fastify';
import { roundHalfUp } from '../../../domain/indicators/rounding.ts';
import { downloadFormatOf, sendTable, symbolNotes, type DownloadCell, type DownloadTable } from '../../presentation/download-table.ts';
import { defaultPopulation, populationLabels } from '../../../domain/geography/school-populations.ts';
import { comparisonOpenDataZip, indicatorPageQuery as query } from '../../../api/v1/open-data-zip.ts';
import { periodLabel, periodSpanLabel } from '../../../domain/periods/period.ts';
import type { Comparison, PlaceFigure } from '../../../services/comparison/comparison-service.ts';
import type { Services } from '../../../services/create-services.ts';
import { dotPlot } from '../../components/dot-plot.ts';
import { placeHref } from '../place-links.ts';
import { lineChart } from '../../components/line-chart.ts';
import { againstNeighbours, latestRun } from '../../../domain/comparison/over-time.ts';
import { changeWords, fixed, neighboursWords } from '../../presentation/format.ts';
import { schoolListQuery, schoolListView, schoolsListed, type SchoolListQuery } from './school-list.ts';
import { schoolPhaseLabels } from '../../../domain/schools/school-phase.ts';

/** A figure as DfE prints it: the value at its published decimals (a negative with the true minus sign), or its symbol. */
export function shownText(f: Pick<PlaceFigure, 'value' | 'symbol' | 'decimalPlaces'>): string {
  return f.value === null ? (f.symbol ?? 'x') : fixed(f.value, f.decimalPlaces);
}

/** A figure as a download cell: the value as shown (rounded once, half up) or its symbol. */
const shownCell = (f: Pick<PlaceFigure, 'value' | 'symbol' | 'decimalPlaces'>): DownloadCell =>
  f.value === null ? { symbol: f.symbol ?? 'x' } : roundHalfUp(f.value, f.decimalPlaces);

export function indicatorRoutes(app: FastifyInstance, services: Services): void {
  app.get('/indicators', { config: publicAccess }, async (_request, reply) => {
    const indicators = await services.observations.indicators();
    const counts = await services.observations.figureCounts();
    return reply.view('pages/indicators/list.njk', {
      title: 'Indicators',
      section: 'indicators',
      indicators: indicators.map((i) => ({ ...i, figures: counts.get(i.code) ?? 0 })),
      unitLabels,
      breadcrumbs: [{ text: 'Home', href: '/' }],
    });
  });

  // The LA table in the DfE's open-data layout: data.csv and meta.csv in a ZIP, disclosed as the page is.
  app.get<{ Params: { code: string }; Querystring: Record<string, string> }>(
    '/indicators/:code/open-data.zip',
    { config: publicAccess },
    async (request, reply) => {
      const comparison = await services.comparison.compare(request.params.code, query.parse(request.query), await request.disclosure());
      const zip = await comparisonOpenDataZip(comparison, await services.places.laRegions());
      return reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${zip.name}"`).send(zip.body);
    },
  );

  // The list of the LA's schools with the page's filters and order, every school they leave (not one page of them), as
  // CSV or XLSX: the download under the list, whichever page of it is shown.
  for (const format of ['csv', 'xlsx'] as const)
    app.get<{ Params: { code: string }; Querystring: Record<string, string> }>(
      `/indicators/:code/schools.${format}`,
      { config: publicAccess },
      async (request, reply) => {
        const comparison = await services.comparison.compare(request.params.code, query.parse(request.query), await request.disclosure());
        const list = schoolListQuery.parse(request.query);
        const name = `${comparison.indicator.code}-${comparison.period ?? 'none'}-${comparison.breakdown}-schools`;
        return sendTable(reply, schoolListTable(comparison, schoolsListed(comparison.focus?.schools ?? [], list), list), format, name);
      },
    );

  app.get<{ Params: { code: string }; Querystring: Record<string, string> }>('/indicators/:code', { config: publicAccess }, async (request, reply) => {
    const { name: code, format } = downloadFormatOf(request.params.code);
    const options = query.parse(request.query);
    const comparison = await services.comparison.compare(code, options, await request.disclosure());
    if (format !== null) return sendTable(reply, laTable(comparison), format, `${code}-${comparison.period ?? 'none'}-${comparison.breakdown}`);
    const decimals = comparison.indicator.decimalPlaces;
    const chart =
      comparison.las.length === 0
        ? ''
        : dotPlot({
            title: `${comparison.indicator.title}, ${periodLabel(comparison.period ?? '')}: every local authority`,
            dots: comparison.las
              .filter((l) => l.value !== null)
              .map((l) => ({ label: l.name, value: l.value!, emphasis: l.code === comparison.focus?.la?.code ? 'focus' : l.inFocusGroup ? 'group' : 'none' })),
            marks: comparison.england?.value == null ? [] : [{ label: 'England', value: comparison.england.value }],
            decimals,
          });
    const over = overTimeView(comparison);
    const csvQuery = new URLSearchParams({
      ...(comparison.period ? { period: comparison.period } : {}),
      breakdown: comparison.breakdown,
      ...(options.focus ? { focus: options.focus } : {}),
    });
    // The list of the LA's schools, filtered by district and phase, sorted and paged (issue 19.5); its links keep the page's choices.
    const schoolList = schoolListView(comparison, schoolListQuery.parse(request.query), csvQuery);
    const listPage = schoolList.current !== null && schoolList.current > 1 ? ` (schools, page ${schoolList.current} of ${schoolList.paging.pages})` : '';
    return reply.view('pages/indicators/view.njk', {
      title: `${comparison.indicator.title}${listPage} – Indicators`,
      section: 'indicators',
      c: comparison,
      chart,
      over,
      schoolList,
      changeWords,
      csvHref: `/indicators/${code}.csv?${csvQuery.toString()}`,
      xlsxHref: `/indicators/${code}.xlsx?${csvQuery.toString()}`,
      openDataHref: `/indicators/${code}/open-data.zip?${csvQuery.toString()}`,
      unitLabels,
      polarityLabels,
      periodLabel,
      shownText,
      placeHref,
      rollUpPopulation: populationLabels[defaultPopulation],
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Indicators', href: '/indicators' },
      ],
    });
  });
}

/**
 * The focus LA against its statistical neighbours' average and England over the years held: a chart of the latest run
 * unbroken by a change in the measure, a sentence on how the LA moved against its neighbours, and every year in a table.
 */
function overTimeView(c: Comparison) {
  const la = c.focus?.la;
  const rows = c.focus?.overTime ?? [];
  if (la == null || rows.length === 0) return null;
  const run = latestRun(rows);
  const points = (value: (r: (typeof run)[number]) => number | null) =>
    run.flatMap((r) => {
      const v = value(r);
      return v === null ? [] : [{ period: r.period, value: v }];
    });
  const first = run[0]!.period;
  const span = periodSpanLabel(run.map((r) => r.period));
  const summary = againstNeighbours(rows, c.indicator.polarity, c.indicator.decimalPlaces);
  return {
    rows,
    span,
    broken: run.length < rows.length ? periodLabel(first) : null,
    chart:
      run.length < 2
        ? ''
        : lineChart({
            id: 'over-time',
            title: `${c.indicator.title}: ${la.name}, its statistical neighbours' average and England, ${span}`,
            periods: run.map((r) => r.period),
            yLabel: c.indicator.unit === 'percent' ? 'Per cent' : (unitLabels[c.indicator.unit] ?? c.indicator.unit),
            series: [
              { name: la.name, style: 'solid', points: points((r) => r.la) },
              { name: "Neighbours' average", style: 'dashed', points: points((r) => r.neighbours) },
              { name: 'England', style: 'dotted', points: points((r) => r.england) },
            ],
          }),
    words: summary === null ? null : neighboursWords(la.name, summary, c.indicator.unit, c.indicator.decimalPlaces, periodLabel),
  };
}

/** The list of schools as the page lists it (every page of it), with each school's URN: the value after disclosure, or its symbol. */
function schoolListTable(c: Comparison, listed: ReturnType<typeof schoolsListed>, q: SchoolListQuery): DownloadTable {
  const narrowed = [
    ...(listed.district === null ? [] : [listed.district.name]),
    ...(q.phase === undefined ? [] : [`${schoolPhaseLabels[q.phase].toLowerCase()} schools`]),
  ];
  return {
    title: `${c.indicator.title}, ${c.period === null ? 'no period held' : periodLabel(c.period)}: schools in ${c.focus?.la?.name ?? 'the LA'}${narrowed.map((n) => `, ${n}`).join('')}`,
    columns: [
      { header: 'URN', kind: 'text' },
      { header: 'School', kind: 'text' },
      { header: 'District', kind: 'text' },
      { header: 'Phase', kind: 'text' },
      { header: 'Value', kind: 'number', decimals: c.indicator.decimalPlaces },
    ],
    rows: listed.schools.map((s) => [s.code, s.name, s.district?.name ?? 'Not placed', s.phase === null ? 'Other' : schoolPhaseLabels[s.phase], shownCell(s)]),
    notes: [`${c.indicator.title} (${unitLabels[c.indicator.unit] ?? c.indicator.unit}). Source: ${c.indicator.source}`, ...symbolNotes],
  };
}

/** The LA table as shown: rank, band and the value after disclosure, with England and the regions first. */
function laTable(c: Comparison): DownloadTable {
  const rows: DownloadCell[][] = [];
  const row = (level: string, f: PlaceFigure, rank: number | null = null, band: string | null = null) =>
    rows.push([c.indicator.code, c.period ?? '', c.breakdown, level, f.code, f.name, shownCell(f), rank, band]);
  if (c.england) row('National', c.england);
  for (const r of c.regions) row('Regional', r);
  for (const la of c.las) row('Local authority', la, la.rank ?? null, la.band ?? null);
  return {
    title: `${c.indicator.title}, ${c.period === null ? 'no period held' : periodLabel(c.period)}: England, regions and every local authority`,
    columns: [
      { header: 'indicator', kind: 'text' },
      { header: 'period', kind: 'text' },
      { header: 'breakdown', kind: 'text' },
      { header: 'geographic_level', kind: 'text' },
      { header: 'code', kind: 'text' },
      { header: 'name', kind: 'text' },
      { header: 'value', kind: 'number', decimals: c.indicator.decimalPlaces },
      { header: 'rank', kind: 'number', decimals: 0 },
      { header: 'quartile_band', kind: 'text' },
    ],
    rows,
    notes: [`${c.indicator.title} (${unitLabels[c.indicator.unit] ?? c.indicator.unit}). Source: ${c.indicator.source}`, ...symbolNotes],
  };
}
