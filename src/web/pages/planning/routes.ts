import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { BadRequestError } from '../../../domain/errors.ts';
import type { ForecastRun } from '../../../domain/place-planning/place-planning.ts';
import type { Services } from '../../../services/create-services.ts';
import type { PlanningOverview } from '../../../services/place-planning/planning-views.ts';
import { scapCsv, scapXlsx } from '../../../services/place-planning/scap-export-file.ts';
import { auditWho } from '../../audit-who.ts';
import { lineChart } from '../../components/line-chart.ts';
import { fixed } from '../../presentation/format.ts';
import {
  accuracyRows,
  aheadWords,
  areaRows,
  bandText,
  count,
  errorWords,
  longDate,
  madeByWords,
  percent,
  phaseName,
  publishedRows,
  selectAreas,
  signedPercent,
  sortItems,
  surplusRows,
  yearLabel,
  type Band,
} from './planning-views.ts';

/** Reading the planning pages: the figures are aggregate, as an LA's published commissioning plan shows them. */
export const readPlanning = { config: { access: { action: 'view-unsuppressed' } } } as const;
/** Running a forecast: the place planner's (LA-wide). */
export const planPlaces = { config: { access: { action: 'plan-school-places' } } } as const;

export const planningCrumbs = [{ text: 'School place planning', href: '/planning' }];

const areaQuery = z.object({
  phase: z.enum(['', 'primary', 'secondary']).catch(''),
  district: z.string().trim().max(12).catch(''),
  sort: z.enum(['name', 'latest', 'furthest', 'forms', 'short']).catch('name'),
});

/** The LA the pages are about: the LA whose districts are held (the demo's Kent), as the floor standards pages find it. */
export const laOf = async (services: Services): Promise<string> => (await services.places.servedLa()) ?? '886';

/** Users' names by audit actor id ('user:7'), for who made a forecast. */
export const namesOf = async (services: Services) => new Map((await services.accounts.list()).map((u) => [`user:${u.id}`, u.displayName]));

/** A forecast run as a summary list: when, by whom, from which census, with which method. */
export function runRows(run: ForecastRun, names: ReadonlyMap<string, string>) {
  const m = run.method;
  return [
    ['Made on', longDate(run.madeOn)],
    ['Made by', madeByWords(run.madeBy, names)],
    ['Base census', `${yearLabel(run.basePeriod)} (January census: the last pupils on roll counted)`],
    ['Ratios', `Intake, transfer and survival ratios averaged over the last ${m.yearsAveraged} years`],
    ['Births after the last year held', 'Held at the last year’s figure'],
    ['Pupil yield from new housing', 'By phase and tenure, in the table below'],
    ['Surplus band planned to', `${bandText(m.surplusBand)} of places spare`],
  ].map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
}

/** Pupils per new dwelling by phase and tenure, as the method holds them (unrounded: they are the LA's published yields). */
export const yieldRows = (run: ForecastRun) =>
  (['primary', 'secondary'] as const).map((p) => [
    { text: phaseName(p) },
    { text: String(run.method.yields[p].market), format: 'numeric' },
    { text: String(run.method.yields[p].affordable), format: 'numeric' },
  ]);

/** The LA's surplus rate by year as a chart: census solid, forecast dashed, the band shaded. */
function surplusChart(phase: PlanningOverview['byPhase'][number], band: Band, la: string) {
  const census = phase.years.filter((y) => y.source === 'census' && y.surplus.rate !== null);
  const forecast = phase.years.filter((y) => y.source === 'forecast' && y.surplus.rate !== null);
  const joined = census.length === 0 || forecast.length === 0 ? forecast : [census.at(-1)!, ...forecast];
  return lineChart({
    id: `surplus-${phase.phase}`,
    title: `${la}: ${phaseName(phase.phase).toLowerCase()} places spare by year against the ${bandText(band)} band`,
    periods: phase.years.map((y) => y.period),
    yLabel: 'Places spare (%)',
    series: [
      { name: 'Census', style: 'solid', points: census.map((y) => ({ period: y.period, value: y.surplus.rate! })) },
      { name: 'Forecast', style: 'dashed', points: joined.map((y) => ({ period: y.period, value: y.surplus.rate! })) },
    ],
    band: { name: `${bandText(band)} band`, points: phase.years.map((y) => ({ period: y.period, low: band.min, high: band.max })) },
  });
}

/**
 * School place planning (issue 17): the LA overview with its planning areas, a planning area, commissioning, the
 * backtest and the SCAP-shaped export. Reading needs `view-unsuppressed`; running a forecast `plan-school-places`.
 */
export function planningRoutes(app: FastifyInstance, services: Services): void {
  const showOverview = async (request: FastifyRequest, reply: FastifyReply, done: string | null, problem: string | null) => {
    const q = areaQuery.parse(request.query ?? {});
    const [view, names] = await Promise.all([services.placePlanning.overview(await laOf(services)), namesOf(services)]);
    const districts = new Map(view.areas.flatMap((a) => (a.district === null ? [] : [[a.district.code, a.district.name] as const])));
    return reply.code(problem === null ? 200 : 400).view('pages/planning/overview.njk', {
      title: 'School place planning',
      section: 'planning',
      la: view.la,
      band: bandText(view.band),
      latestCensus: view.latestCensus === null ? null : yearLabel(view.latestCensus),
      run: view.run === null ? null : runRows(view.run, names),
      yields: view.run === null ? [] : yieldRows(view.run),
      madeOn: view.run === null ? null : longDate(view.run.madeOn),
      phases: view.byPhase.map((p) => ({
        name: phaseName(p.phase),
        id: p.phase,
        chart: surplusChart(p, view.band, view.la.name),
        rows: surplusRows(p.years, view.band),
      })),
      areas: areaRows(selectAreas(view.areas, q)),
      areasHeld: view.areas.length,
      q,
      phaseItems: [
        { value: '', text: 'Both phases' },
        { value: 'primary', text: 'Primary' },
        { value: 'secondary', text: 'Secondary' },
      ].map((i) => ({ ...i, selected: i.value === q.phase })),
      districtItems: [
        { value: '', text: 'Every district' },
        ...[...districts].sort((a, b) => a[1].localeCompare(b[1])).map(([value, text]) => ({ value, text })),
      ].map((i) => ({ ...i, selected: i.value === q.district })),
      sortItems: sortItems.map((i) => ({ ...i, selected: i.value === q.sort })),
      accuracy: view.accuracy.map((a) => [
        { text: phaseName(a.phase) },
        { text: aheadWords(a.yearsAhead) },
        { text: count(a.scored), format: 'numeric' },
        { text: a.meanAbsolute === null ? '–' : percent(a.meanAbsolute), format: 'numeric' },
        { text: a.latest === null ? '–' : `${signedPercent(a.latest.accuracy)} for ${yearLabel(a.latest.period)}`, format: 'numeric' },
        { text: a.latest === null ? 'Not scored' : errorWords(a.latest.accuracy) },
      ]),
      published: publishedRows(view.published, view.la.code),
      done,
      problem,
    });
  };

  app.get('/planning', readPlanning, async (request, reply) => {
    const made = (request.query as Record<string, unknown> | undefined)?.made;
    const done = typeof made === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(made) ? `A new forecast was made on ${longDate(made)}.` : null;
    return showOverview(request, reply, done, null);
  });

  app.post('/planning/forecast', planPlaces, async (request, reply) => {
    try {
      const run = await services.placePlanning.runForecast({ laCode: await laOf(services) }, auditWho(request));
      return await reply.redirect(`/planning?made=${run.madeOn}#forecast`, 303);
    } catch (error) {
      if (error instanceof BadRequestError) return showOverview(request, reply, null, `The forecast was not made: ${error.message}.`);
      throw error;
    }
  });

  // Re-runs the method as if in each earlier year held and scores it against the census that followed.
  app.post('/planning/backtest', planPlaces, async (request, reply) => {
    const rows = await services.placePlanning.backtest(await laOf(services), auditWho(request));
    return reply.redirect(`/planning/accuracy?scored=${rows.length}`, 303);
  });

  app.get('/planning/accuracy', readPlanning, async (request, reply) => {
    const scored = Number((request.query as Record<string, unknown> | undefined)?.scored);
    const laCode = await laOf(services);
    const [view, overview] = await Promise.all([services.placePlanning.accuracy(laCode), services.placePlanning.overview(laCode)]);
    const areaNames = new Map(overview.areas.map((a) => [a.area.code, a.area.name]));
    const la = view.rows.filter((r) => r.level === 'la');
    const areaCodes = [...new Set(view.rows.filter((r) => r.level === 'area').map((r) => r.code))].sort();
    return reply.view('pages/planning/accuracy.njk', {
      title: 'Forecast accuracy – School place planning',
      section: 'planning',
      breadcrumbs: planningCrumbs,
      la: view.la,
      done: Number.isSafeInteger(scored) && scored >= 0 ? `The backtest has run: ${count(scored)} forecasts scored.` : null,
      summary: view.summary.map((s) => [
        { text: phaseName(s.phase) },
        { text: aheadWords(s.yearsAhead) },
        { text: s.meanAbsolute === null ? '–' : percent(s.meanAbsolute), format: 'numeric' },
        { text: s.worst === null ? '–' : signedPercent(s.worst), format: 'numeric' },
        { text: s.worst === null ? 'Not scored' : errorWords(s.worst) },
      ]),
      // Where the LA-level one-year error is outside the ±2% typical of real LAs, the page says by how much.
      beyond: view.summary.flatMap((s) =>
        s.yearsAhead === 1 && s.beyondTypical !== null && s.beyondTypical > 0
          ? [
              `The ${phaseName(s.phase).toLowerCase()} one-year forecast missed by up to ${percent(Math.abs(s.worst ?? 0))}: ${fixed(s.beyondTypical, 1)} percentage points outside the ±2% typical of LAs’ published one-year accuracy.`,
            ]
          : [],
      ),
      laRows: accuracyRows(la),
      areas: areaCodes.map((code) => ({
        code,
        name: areaNames.get(code) ?? `Planning area ${code}`,
        rows: accuracyRows(view.rows.filter((r) => r.level === 'area' && r.code === code)),
      })),
      published: publishedRows(view.published, view.la.code),
    });
  });

  app.get('/planning/export.csv', readPlanning, async (_request, reply) => {
    const scap = await services.placePlanning.scapExport(await laOf(services));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="scap-${scap.la.code}-${scap.run?.madeOn ?? 'capacity'}.csv"`)
      .send(scapCsv(scap));
  });

  app.get('/planning/export.xlsx', readPlanning, async (_request, reply) => {
    const scap = await services.placePlanning.scapExport(await laOf(services));
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="scap-${scap.la.code}-${scap.run?.madeOn ?? 'capacity'}.xlsx"`)
      .send(Buffer.from(await scapXlsx(scap)));
  });
}
