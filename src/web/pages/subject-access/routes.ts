import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { FieldProblem } from '../../../domain/casework/cme-referral.ts';
import { childQueryOf } from '../../../services/casework/subject-access.ts';
import type { Services } from '../../../services/create-services.ts';
import { auditWho } from '../../audit-who.ts';
import { errorsShown } from '../account/routes.ts';

const answerSubjectAccess = { config: { access: { action: 'answer-subject-access' } } } as const;
const text = (max: number) => z.string().max(max).default('');
const searchForm = z.object({ upn: text(30), givenName: text(300), familyName: text(300), dateOfBirth: text(30), format: text(10) });

/**
 * Subject access requests (UK GDPR article 15) for LA administrators (issue 15.7): find a child by UPN, or by name and
 * date of birth, and give everything every casework team holds on them, as a readable page or as JSON. Audited.
 */
export function subjectAccessRoutes(app: FastifyInstance, services: Services): void {
  const showSearch = (reply: FastifyReply, values: z.output<typeof searchForm>, problems: readonly FieldProblem[]) =>
    reply.code(problems.length > 0 ? 400 : 200).view('pages/subject-access/search.njk', {
      title: 'Subject access request',
      section: 'subject-access',
      values,
      ...errorsShown(problems),
      teams: services.casework.modules.map((m) => m.team),
    });

  app.get('/subject-access', answerSubjectAccess, async (_request, reply) => showSearch(reply, searchForm.parse({}), []));

  app.post('/subject-access', answerSubjectAccess, async (request, reply) => {
    const values = searchForm.parse(request.body ?? {});
    const checked = childQueryOf(values);
    if ('problems' in checked) return showSearch(reply, values, checked.problems);
    const answer = await services.casework.subjectAccess(checked.query, auditWho(request));
    if (values.format === 'json')
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="subject-access-${answer.answeredOn}.json"`)
        .header('cache-control', 'no-store')
        .send(JSON.stringify(answer, null, 2));
    return reply.view('pages/subject-access/answer.njk', {
      title: 'Subject access: everything held',
      section: 'subject-access',
      breadcrumbs: [{ text: 'Subject access request', href: '/subject-access' }],
      answer,
      values,
      sections: answer.sections.map((s) => ({
        team: s.team,
        records: s.records.map((r) => ({
          id: r.id,
          kind: r.kind,
          fields: Object.entries(r.fields).map(([key, value]) => ({ key: { text: key }, value: { text: value === null ? 'Not held' : String(value) } })),
          history: r.history,
        })),
      })),
    });
  });
}
