import { publicAccess } from '../../../domain/access/route-access.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { kindLabels } from '../../../domain/geography/place.ts';
import type { Services } from '../../../services/create-services.ts';
import { placeHref } from '../place-links.ts';

/** What was searched for, read as far as its first 100 characters. */
const query = z.object({
  q: z
    .string()
    .optional()
    .transform((q) => (q ?? '').slice(0, 100)),
});

export function searchRoutes(app: FastifyInstance, services: Services): void {
  app.get('/search', { config: publicAccess }, async (request, reply) => {
    const { q } = query.parse(request.query);
    const results = q === '' ? [] : await services.places.search(q);
    return reply.view('pages/search/view.njk', { title: q === '' ? 'Search' : `Search: ${q}`, section: 'search', q, results, kindLabels, placeHref });
  });
}
