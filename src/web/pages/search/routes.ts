import type { FastifyInstance } from 'fastify';
import { kindLabels } from '../../../domain/geography/place.ts';
import type { Services } from '../../../services/create-services.ts';
import { placeHref } from '../place-links.ts';

export function searchRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Querystring: { q?: string } }>('/search', async (request, reply) => {
    const q = typeof request.query.q === 'string' ? request.query.q.slice(0, 100) : '';
    const results = q === '' ? [] : await services.places.search(q);
    return reply.view('pages/search/view.njk', { title: q === '' ? 'Search' : `Search: ${q}`, section: 'search', q, results, kindLabels, placeHref });
  });
}
