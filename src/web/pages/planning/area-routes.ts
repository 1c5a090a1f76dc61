import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CommissioningNeed } from '../../../domain/place-planning/place-planning.ts';
import type { Services } from '../../../services/create-services.ts';
import { lineChart } from '../../components/line-chart.ts';
import {
  areaChart,
  areaDescription,
  changeRows,
  housingRows,
  kindWords,
  placesAddedWords,
  pressureRows,
  ratioRows,
  schoolRows,
  statusWords,
  totalRows,
  yearGroupTable,
} from './area-views.ts';
import { accuracyRows, bandText, count, linkCell, longDate, percent, phaseName, yearLabel, type Cell } from './planning-views.ts';
import { laOf, planningCrumbs, readPlanning } from './routes.ts';

const areaParams = z.object({ code: z.string().trim().min(1).max(40) });
const numeric = (text: string): Cell => ({ text, format: 'numeric' });

/** Commissioning needs as table rows: year, forecast entry, entry places with and without the planned changes, places and forms of entry needed, surplus. */
const needCells = (n: CommissioningNeed): Cell[] => [
  { text: yearLabel(n.period) },
  numeric(count(n.forecastEntry)),
  numeric(count(n.entryPlaces)),
  numeric(count(n.entryPlacesWithoutChanges)),
  numeric(count(n.placesNeeded)),
  numeric(count(n.formsOfEntryNeeded)),
  numeric(percent(n.surplus.rate)),
];

/** A planning area's page and the commissioning view (issue 17.8). */
export function planningAreaRoutes(app: FastifyInstance, services: Services): void {
  app.get('/planning/areas/:code', readPlanning, async (request, reply) => {
    const { code } = areaParams.parse(request.params);
    const view = await services.placePlanning.area(code);
    const groups = yearGroupTable(view);
    return reply.view('pages/planning/area.njk', {
      title: `${view.area.name} – School place planning`,
      section: 'planning',
      breadcrumbs: planningCrumbs,
      area: view.area,
      caption: `${phaseName(view.area.phase)} planning area ${view.area.code}${view.district === null ? '' : `, ${view.district.name}`}, ${view.la.name}`,
      band: bandText(view.band),
      madeOn: view.run === null ? null : longDate(view.run.madeOn),
      basePeriod: view.run === null ? null : yearLabel(view.run.basePeriod),
      chart: lineChart(areaChart(view)),
      description: areaDescription(view),
      totals: totalRows(view),
      groupsHead: groups.head,
      groupsRows: groups.rows,
      schools: schoolRows(view.schools),
      changes: changeRows(view.changes),
      housing: housingRows(view.housing),
      ratios: ratioRows(view.ratios, view.area.phase),
      needs: view.needs.filter((n) => n.placesNeeded > 0).map(needCells),
      needsHeld: view.needs.length,
      admissions: pressureRows(view.admissions),
      accuracy: accuracyRows(view.accuracy),
    });
  });

  app.get('/planning/commissioning', readPlanning, async (_request, reply) => {
    const view = await services.placePlanning.commissioning(await laOf(services));
    const areaLink = (a: Readonly<{ code: string; name: string }>) => linkCell(`/planning/areas/${encodeURIComponent(a.code)}`, `${a.name} (${a.code})`);
    return reply.view('pages/planning/commissioning.njk', {
      title: 'Commissioning – School place planning',
      section: 'planning',
      breadcrumbs: planningCrumbs,
      la: view.la,
      band: bandText(view.band),
      min: view.band.min,
      madeOn: view.run === null ? null : longDate(view.run.madeOn),
      needs: view.needs
        .filter((n) => n.placesNeeded > 0)
        .sort((a, b) => a.period.localeCompare(b.period) || a.area.name.localeCompare(b.area.name))
        .map((n) => [areaLink(n.area), { text: phaseName(n.area.phase) }, ...needCells(n)]),
      changes: view.changes.map((c) => [
        { text: c.urn === null ? c.schoolName : `${c.schoolName} (URN ${c.urn})` },
        areaLink(c.area),
        { text: kindWords(c.kind) },
        { text: yearLabel(c.fromPeriod) },
        numeric(`${placesAddedWords(c.placesAdded)} in ${yearLabel(c.effectPeriod)}`),
        { text: statusWords(c.status) },
      ]),
    });
  });
}
