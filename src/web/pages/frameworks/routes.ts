import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { publicDisclosure } from '../../../domain/indicators/disclosure.ts';
import type { Services } from '../../../services/create-services.ts';

const query = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  place: z.string().max(20).optional(),
});

const statusLabels: Readonly<Record<string, { text: string; tag: string }>> = {
  met: { text: 'Met', tag: 'govuk-tag--green' },
  on_track: { text: 'On track', tag: 'govuk-tag--turquoise' },
  off_track: { text: 'Off track', tag: 'govuk-tag--red' },
  not_yet_due: { text: 'Not yet due', tag: 'govuk-tag--grey' },
  no_data: { text: 'No data', tag: 'govuk-tag--grey' },
};

/** The framework pages: the list of frameworks, and one framework evaluated for a year and place, target by target. */
export function frameworkRoutes(app: FastifyInstance, services: Services): void {
  app.get('/frameworks', async (_request, reply) =>
    reply.view('pages/frameworks/list.njk', {
      title: 'Frameworks',
      section: 'frameworks',
      frameworks: services.frameworks.list(),
      breadcrumbs: [{ text: 'Home', href: '/' }],
    }),
  );

  app.get<{ Params: { id: string }; Querystring: Record<string, string> }>('/frameworks/:id/report', async (request, reply) => {
    const framework = services.frameworks.find(request.params.id);
    const year = query.parse(request.query).year ?? framework.years.from;
    const report = await services.reports.annual(framework.id, year, publicDisclosure);
    return reply.view('pages/frameworks/report.njk', {
      title: report.title,
      section: 'frameworks',
      framework,
      report,
      statusLabels,
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Frameworks', href: '/frameworks' },
        { text: framework.name, href: `/frameworks/${framework.id}?year=${year}` },
      ],
    });
  });

  app.get<{ Params: { id: string }; Querystring: Record<string, string> }>('/frameworks/:id', async (request, reply) => {
    const framework = services.frameworks.find(request.params.id);
    const options = query.parse(request.query);
    const year = options.year ?? framework.years.from;
    const evaluation = await services.frameworks.evaluate(framework.id, year, publicDisclosure, options.place);
    const years = Array.from({ length: framework.years.to - framework.years.from + 1 }, (_, i) => framework.years.from + i);
    return reply.view('pages/frameworks/view.njk', {
      title: `${framework.name}, ${year}${evaluation.place.kind === 'la' ? '' : `, ${evaluation.place.name}`}`,
      section: 'frameworks',
      framework,
      evaluation,
      years,
      year,
      places: await services.frameworks.placesOf(framework.id),
      statusLabels,
      priorities: framework.priorities.map((p) => ({ ...p, targets: evaluation.targets.filter((t) => t.target.priority === p.id) })),
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Frameworks', href: '/frameworks' },
      ],
    });
  });
}
