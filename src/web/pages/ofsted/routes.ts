import { publicAccess } from '../../../domain/access/route-access.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { categoryLabels, gradeLabel, type OverallGrade } from '../../../domain/schools/ofsted-judgements.ts';
import { servedLaFirst } from '../../../domain/periods/default-choice.ts';
import type { Services } from '../../../services/create-services.ts';

const query = z.object({
  la: z
    .string()
    .regex(/^\d{3}$/)
    .optional(),
  year: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

/** Ofsted outcomes: an LA's inspections in an academic year by judgement and district, and the inspections listed. */
export function ofstedRoutes(app: FastifyInstance, services: Services): void {
  app.get('/ofsted/inspections', { config: publicAccess }, async (request, reply) => {
    const q = query.parse(request.query);
    const coverage = await services.ofsted.inspectionCoverage();
    // Unasked, the served LA's newest year (issue 11 point 15), not the first LA in the alphabet.
    const chosen =
      coverage.find((c) => c.laCode === q.la && c.period === q.year) ??
      (q.la === undefined && q.year === undefined ? servedLaFirst(coverage, await services.places.servedLa()) : undefined);
    const outcomes = chosen === undefined ? null : await services.ofsted.inspectionOutcomes(chosen.laCode, chosen.period);
    // Grade 3's words depend on the date: a year from September 2012 on is all "requires improvement".
    const label = (g: OverallGrade) => (outcomes === null ? gradeLabel(g, '2013-01-01') : gradeLabel(g, outcomes.from));
    return reply.view('pages/ofsted/inspections.njk', {
      title: outcomes === null ? 'Ofsted inspections' : `Ofsted inspections in ${outcomes.la.name}, ${outcomes.label}`,
      section: 'ofsted',
      coverage,
      chosen,
      requested: q,
      outcomes,
      grades: ([1, 2, 3, 4] as const).map((g) => ({ grade: g, label: label(g) })),
      categoryLabels,
      gradeLabel,
    });
  });
}
