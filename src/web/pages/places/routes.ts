import { publicAccess } from '../../../domain/access/route-access.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors.ts';
import { governanceLabels, kindLabels, sectorLabels } from '../../../domain/geography/place.ts';
import type { Services } from '../../../services/create-services.ts';
import { breadcrumbsFor, kindFromUrl, placeHref } from '../place-links.ts';
import { dashboardKinds, type DashboardKind } from '../../../services/geography/place-dashboard.ts';
import { periodLabel, previousPeriod } from '../../../domain/periods/period.ts';
import { disclosureOf } from '../../disclosure-of.ts';
import { changeWords, statusCounts } from '../../presentation/format.ts';
import { overTimeView } from './over-time-view.ts';

const query = z.object({
  on: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
    .optional(),
});

export function placeRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { kind: string; code: string }; Querystring: Record<string, string> }>(
    '/places/:kind/:code',
    { config: publicAccess },
    async (request, reply) => {
      const kind = kindFromUrl(request.params.kind);
      if (kind === null) throw new NotFoundError(`No such kind of place: ${request.params.kind}`);
      const { on } = query.parse(request.query);
      const page = await services.places.placePage(kind, request.params.code, on);
      // The LA, a district or a grouping: its dashboard (issue 19.1) above its schools.
      const dashboard = dashboardKinds.includes(kind as DashboardKind)
        ? await services.dashboards.dashboard(kind as DashboardKind, page.place.code, await disclosureOf(request, services))
        : null;
      return reply.view('pages/places/view.njk', {
        title: `${page.place.name} – ${kindLabels[page.place.kind]}`,
        section: 'places',
        page,
        breadcrumbs: breadcrumbsFor(page.ancestors),
        kindLabels,
        sectorLabels,
        governanceLabels,
        placeHref,
        dashboard,
        overTime: dashboard === null ? [] : overTimeView(dashboard),
        periodLabel,
        previousPeriod,
        changeWords,
        statusCounts,
      });
    },
  );
}
