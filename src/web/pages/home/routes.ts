import { publicAccess } from '../../../domain/access/route-access.ts';
import type { FastifyInstance } from 'fastify';
import { sectorLabels } from '../../../domain/geography/place.ts';
import type { Services } from '../../../services/create-services.ts';
import { formatLabel as formatLabelOf } from '../../../imports/import-files.ts';
import { placeHref } from '../place-links.ts';

export function homeRoutes(app: FastifyInstance, services: Services): void {
  app.get('/', { config: publicAccess }, async (_request, reply) => {
    const home = await services.places.home();
    return reply.view('pages/home/view.njk', { title: 'Home', section: 'home', home, sectorLabels, formatLabelOf, placeHref });
  });
}
