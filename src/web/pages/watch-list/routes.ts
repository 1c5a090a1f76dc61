import { publicAccess } from '../../../domain/access/route-access.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { academicYearLabel } from '../../../domain/periods/period.ts';
import { riskPoints } from '../../../domain/schools/risk.ts';
import { trendLabels } from '../../../domain/schools/trends.ts';
import type { Services } from '../../../services/create-services.ts';

const query = z.object({
  la: z
    .string()
    .regex(/^\d{3}$/)
    .default('886'),
  district: z
    .string()
    .regex(/^[A-Z0-9]{3,12}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  phase: z
    .enum(['primary', 'secondary'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

/** The watch list (schools by a transparent risk score) and the county's rapidly improving and declining schools. */
export function watchListRoutes(app: FastifyInstance, services: Services): void {
  app.get('/watch-list', { config: publicAccess }, async (request, reply) => {
    const q = query.parse(request.query);
    const list = await services.schoolImprovement.watchList(q.la, { district: q.district, phase: q.phase });
    return reply.view('pages/watch-list/view.njk', {
      title: `Watch list – ${list.la.name}`,
      section: 'schools',
      list,
      q,
      riskPoints,
      academicYearLabel,
    });
  });

  app.get('/school-trends', { config: publicAccess }, async (request, reply) => {
    const q = query.parse(request.query);
    const trends = await services.schoolImprovement.trends(q.la);
    return reply.view('pages/watch-list/trends.njk', {
      title: `Rapidly improving and declining schools – ${trends.la.name}`,
      section: 'schools',
      trends,
      trendLabels,
      academicYearLabel,
    });
  });
}
