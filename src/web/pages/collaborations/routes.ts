import { publicAccess } from '../../../domain/access/route-access.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ImportRejectedError, type FileIssue } from '../../../domain/errors.ts';
import { academicYearLabel } from '../../../domain/periods/period.ts';
import { groupingFromForm } from '../../../imports/grouping/grouping-form.ts';
import type { Services } from '../../../services/create-services.ts';
import { auditWho } from '../../audit-who.ts';

const editCollaborations = { access: { action: 'edit-collaborations' } } as const;

const form = z.object({
  code: z.string().max(40).default(''),
  name: z.string().max(200).default(''),
  members: z.string().max(100_000).default(''),
});

/**
 * Collaborations and hubs: the list compared on headline indicators, and a form that defines one (its whole dated
 * membership, as a grouping file would). Each collaboration's own page is its place page (/places/grouping/CODE).
 */
export function collaborationRoutes(app: FastifyInstance, services: Services): void {
  app.get('/collaborations', { config: publicAccess }, async (request, reply) => {
    const list = await services.collaborations.list(await request.disclosure());
    return reply.view('pages/collaborations/list.njk', { title: 'Collaborations', section: 'schools', list, academicYearLabel });
  });

  const showForm = (reply: FastifyReply, values: z.output<typeof form>, issues: readonly FileIssue[], editing: boolean) =>
    reply.view('pages/collaborations/form.njk', {
      title: editing ? `Change ${values.name}` : 'New collaboration',
      section: 'schools',
      values,
      issues,
      editing,
    });

  // Changing collaborations is the LA administrator's (an LA-wide role): a collaboration can span districts, so a
  // district lead's scope does not decide it. Reading them stays public.
  app.get('/collaborations/new', { config: editCollaborations }, async (_request, reply) => showForm(reply, { code: '', name: '', members: '' }, [], false));

  app.get<{ Params: { code: string } }>('/collaborations/:code/edit', { config: editCollaborations }, async (request, reply) => {
    const c = await services.collaborations.members(request.params.code);
    return showForm(reply, { code: c.code, name: c.name, members: c.asText }, [], true);
  });

  app.post('/collaborations', { config: editCollaborations }, async (request, reply) => {
    const values = form.parse(request.body ?? {});
    const editing = (request.body as Record<string, unknown> | undefined)?.editing === 'yes';
    const issues: FileIssue[] = [];
    if (values.code.trim() === '') issues.push({ file: 'form', line: null, column: 'Code', message: 'give the collaboration a code' });
    if (values.name.trim() === '') issues.push({ file: 'form', line: null, column: 'Name', message: 'give the collaboration a name' });
    if (issues.length > 0) return showForm(reply.code(400), values, issues, editing);
    const read = groupingFromForm(values.code, values.name, values.members);
    if (!read.ok) return showForm(reply.code(400), values, read.issues, editing);
    try {
      await services.imports.importFiles([read.file], auditWho(request), { collaboration: values.code.trim() });
    } catch (error) {
      if (error instanceof ImportRejectedError) return showForm(reply.code(400), values, error.issues, editing);
      throw error;
    }
    return reply.redirect(`/places/grouping/${encodeURIComponent(values.code.trim())}`, 303);
  });
}
