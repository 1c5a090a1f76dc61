import type { FastifyInstance } from 'fastify';
import { governanceLabels, sectorLabels } from '../../../domain/geography/place.ts';
import { successionLabels } from '../../../domain/geography/succession.ts';
import { academicYearLabel } from '../../../domain/periods/academic-year.ts';
import { kindLabels } from '../../../domain/geography/place.ts';
import type { Services } from '../../../services/create-services.ts';
import { breadcrumbsFor, placeHref } from '../place-links.ts';

const yearGroups = ['R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'];

export function schoolRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { urn: string } }>('/schools/:urn', async (request, reply) => {
    const page = await services.places.schoolPage(request.params.urn);
    const shownYearGroups = yearGroups.filter((g) => page.roll.some((r) => r.byYearGroup[g] !== undefined));
    return reply.view('pages/schools/view.njk', {
      title: `${page.school.name} – School`,
      section: 'places',
      page,
      breadcrumbs: breadcrumbsFor(page.ancestors),
      sectorLabels,
      governanceLabels,
      successionLabels,
      kindLabels,
      shownYearGroups,
      academicYearLabel,
      placeHref,
    });
  });
}
