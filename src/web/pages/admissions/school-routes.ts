import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { grantInForce } from '../../../domain/access/decide-access.ts';
import { roles } from '../../../domain/access/roles.ts';
import type { Services } from '../../../services/create-services.ts';
import { auditWho } from '../../audit-who.ts';
import { criterionWords, km, longDate, positionWords, roundTitle, schoolOutcomeWords } from './admissions-views.ts';

const readApplicants = { config: { access: { action: 'read-school-applicants' } } } as const;

const applicantParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
  urn: z.string().regex(/^\d{6}$/, 'a URN is six digits'),
});

/**
 * A school's own applicants (issue 16) for a user holding `read-school-applicants` on it: the rounds with a link per
 * school the reader holds the role on, and each school's applicants with their outcome there only (equal preference:
 * never the preference number; School Admissions Code 2014 para 1.9(a)). The service refuses a school outside the
 * reader's reach (404, audited) and audits every list shown.
 */
export function admissionsSchoolRoutes(app: FastifyInstance, services: Services): void {
  app.get('/admissions/school', readApplicants, async (request, reply) => {
    const principal = request.principal!;
    const today = services.sessions.today();
    const schools = (await services.sessions.grantsShown(principal.userId))
      .filter((g) => g.placeKind === 'school' && g.placeCode !== null && grantInForce(g, today) && roles[g.role].actions.includes('read-school-applicants'))
      .map((g) => ({ urn: g.placeCode!, name: g.placeName ?? g.placeCode! }));
    const rounds = await services.admissions.rounds();
    return reply.view('pages/admissions/school-rounds.njk', {
      title: 'Your school’s applicants',
      section: 'admissions',
      rounds: rounds.map((r) => ({
        title: roundTitle(r),
        offerDay: longDate(r.offerDay),
        links: schools.map((s) => ({ href: `/admissions/rounds/${r.id}/school/${s.urn}/applicants`, text: `${s.name} (URN ${s.urn})` })),
      })),
      schools,
    });
  });

  app.get('/admissions/rounds/:id/school/:urn/applicants', readApplicants, async (request, reply) => {
    const { id, urn } = applicantParams.parse(request.params);
    const applicants = await services.admissions.schoolApplicants(id, urn, { principal: request.principal!, who: auditWho(request) });
    const round = (await services.admissions.rounds()).find((r) => r.id === id)!;
    return reply.view('pages/admissions/applicants.njk', {
      title: `Applicants to URN ${urn} – ${roundTitle(round)}`,
      section: 'admissions',
      breadcrumbs: [{ text: 'Your school’s applicants', href: '/admissions/school' }],
      heading: `Applicants, ${roundTitle(round)}`,
      urn,
      rows: applicants.map((a) => [
        { text: `${a.givenName} ${a.familyName}` },
        { text: longDate(a.dateOfBirth) },
        { text: schoolOutcomeWords(a.atThisSchool.outcome) },
        { text: criterionWords(a.atThisSchool.criterion) },
        { text: positionWords(a.atThisSchool.position), format: 'numeric' },
        { text: km(a.atThisSchool.distanceMetres), format: 'numeric' },
      ]),
    });
  });
}
