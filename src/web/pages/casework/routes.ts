import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { decideRouteAccess } from '../../../domain/access/decide-access.ts';
import type { Action } from '../../../domain/access/roles.ts';
import type { Services } from '../../../services/create-services.ts';
import { extractCsv } from '../../../imports/casework-extract/extract-csv.ts';
import { auditWho } from '../../audit-who.ts';

/** The casework teams' pages, in the order the framework's targets name their work. */
const teams: readonly Readonly<{ action: Action; href: string; name: string; what: string }>[] = [
  {
    action: 'work-cme-cases',
    href: '/cme',
    name: 'Children missing education',
    what: 'Referrals, enquiries and placements, with the 30-day clock (targets 20 and 28).',
  },
  {
    action: 'work-sen-cases',
    href: '/sen',
    name: 'SEN: EHC needs assessments and plans',
    what: 'Requests, decisions and plans with the 20-week clock, placements and the SEN2 tables (targets 17-19).',
  },
  {
    action: 'work-participation-cases',
    href: '/participation',
    name: '16-18 participation and NEET tracking',
    what: 'Young people’s activity by NCCIS code, not-known chasing lists and the September Guarantee (targets 25, 30 and 46).',
  },
  {
    action: 'work-inclusion-cases',
    href: '/inclusion',
    name: 'Exclusions, alternative provision and children in care',
    what: 'Exclusions and their reviews, alternative provision and the Virtual School’s children (targets 22-24).',
  },
  {
    action: 'work-admissions',
    href: '/admissions',
    name: 'Coordinated admissions',
    what: 'Admission rounds, the schools’ arrangements, applications, the allocation and each offer explained (targets 26 and 27).',
  },
  {
    action: 'answer-subject-access',
    href: '/subject-access',
    name: 'Subject access requests',
    what: 'Everything casework holds on one child, across every team, for a request under UK GDPR article 15.',
  },
];

/** `/casework`: the casework a signed-in reader may do, one link per team their roles open; nothing for anyone else. */
export function caseworkRoutes(app: FastifyInstance, services: Services): void {
  app.get('/casework', { config: { access: 'signed-in' } }, async (request, reply) => {
    const today = services.sessions.today();
    const open = teams.filter((t) => decideRouteAccess(request.principal, t.action, today).allowed);
    return reply.view('pages/casework/view.njk', {
      title: 'Casework',
      section: 'casework',
      teams: open,
      extracts: await services.casework.extracts.teamsFor(request.principal),
      breadcrumbs: [{ text: 'Home', href: '/' }],
    });
  });

  // A team's pseudonymised extract (ADR 0018): a reader whose reach is not the whole LA for that team gets a 404 naming nothing.
  app.get<{ Params: { team: string } }>(
    '/casework/extracts/:team',
    { config: { access: { action: 'take-pseudonymised-extract' } } },
    async (request, reply) => {
      const { team } = z.object({ team: z.string().max(40) }).parse(request.params);
      const extract = await services.casework.extracts.take(auditWho(request), request.principal, team);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${extract.key}-pseudonymised-${extract.takenOn}.csv"`)
        .send(extractCsv(extract.columns, extract.rows));
    },
  );
}
