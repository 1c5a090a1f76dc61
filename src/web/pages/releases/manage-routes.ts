import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ReleaseContent } from '../../../domain/releases/release.ts';
import { conventionalReleaseTime, londonDateTimeInFull } from '../../../domain/releases/publication-time.ts';
import type { ReleaseField, ReleaseProblem } from '../../../domain/releases/release-lifecycle.ts';
import type { Services } from '../../../services/create-services.ts';
import type { ReleaseOutcome } from '../../../services/releases/release-service.ts';
import { errorsShown } from '../account/routes.ts';
import { releaseView } from './release-view.ts';

const manageReleases = { config: { access: { action: 'manage-releases' } } } as const;
const text = (max: number) => z.string().max(max).default('');
const contentForm = z.object({ title: text(400), summary: text(2000), commentary: text(40_000), methodology: text(20_000), footnotes: text(10_000) });
const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const tableForm = z.object({ permalink: text(2000) });
const positionForm = z.object({ position: z.coerce.number().int().min(1).max(100), direction: z.enum(['up', 'down']).default('up') });
const approveForm = z
  .object({ 'publish-day': text(4), 'publish-month': text(4), 'publish-year': text(6), 'publish-time': text(10), edited: text(40) })
  .transform((v) => ({
    publishDay: v['publish-day'],
    publishMonth: v['publish-month'],
    publishYear: v['publish-year'],
    publishTime: v['publish-time'],
    // When the release was last changed, as the approver's page showed it: an approval covers only what was read.
    edited: v.edited,
  }));
const userForm = z.object({ username: text(200) });
const removeUserForm = z.object({ user: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const noteForm = z.object({ note: text(4000) });

/** Which form a problem belongs to, and the element each field's error message points at. */
type Which = 'content' | 'tables' | 'approve' | 'pre-release' | 'correction' | 'send-back';
const fieldIds: Readonly<Record<ReleaseField, string>> = {
  title: 'title',
  summary: 'summary',
  commentary: 'commentary',
  methodology: 'methodology',
  footnotes: 'footnotes',
  tables: 'permalink',
  publish: 'publish-day',
  note: 'note',
  user: 'username',
  release: 'release-state',
};

/** What was done, said in the banner after the redirect back to the release. */
const doneMessages: Readonly<Record<string, string>> = {
  created: 'The draft is saved. Add its tables, then ask another administrator to approve it.',
  saved: 'The changes are saved.',
  tables: 'The tables are saved.',
  approved: 'The release is approved: it is published at the time set.',
  'sent-back': 'The release is back in draft: change it, then have it approved again.',
  'pre-release': 'The pre-release list is saved.',
  corrected: 'The correction note is added to the published release.',
};

const twoDigits = (v: string) => v.trim().padStart(2, '0');

/**
 * The administration of releases (issue 19.7), for LA administrators (`manage-releases`): the list by state, a new
 * draft, and each release's page, where a draft is changed and its tables chosen and ordered, another administrator
 * approves it with its publication time, an approved release is sent back, the pre-release list is kept, and a
 * published release is given correction notes. A refusal shows the page again (400) with the values kept and each
 * problem beside its field.
 */
export function releaseManageRoutes(app: FastifyInstance, services: Services): void {
  app.get('/releases/manage', manageReleases, async (_request, reply) => {
    const all = await services.releases.all();
    const row = (r: (typeof all)[number]) => ({
      id: r.id,
      title: r.content.title,
      publishes: r.publishAt === null ? null : londonDateTimeInFull(new Date(r.publishAt)),
      editedBy: r.names.editedBy,
    });
    return reply.view('pages/releases/manage-list.njk', {
      title: 'Manage releases',
      section: 'releases',
      drafts: all.filter((r) => r.state === 'draft').map(row),
      approved: all.filter((r) => r.state === 'approved').map(row),
      published: all.filter((r) => r.state === 'published').map(row),
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Statistical releases', href: '/releases' },
      ],
    });
  });

  const showNew = (reply: FastifyReply, values: Record<string, string>, problems: readonly ReleaseProblem[]) =>
    reply.code(problems.length === 0 ? 200 : 400).view('pages/releases/manage-new.njk', {
      title: `${problems.length === 0 ? '' : 'Error: '}Start a release – Manage releases`,
      section: 'releases',
      values,
      ...errorsShown(problems.map((p) => ({ field: fieldIds[p.field], text: p.message }))),
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Manage releases', href: '/releases/manage' },
      ],
    });

  app.get('/releases/manage/new', manageReleases, (_request, reply) => showNew(reply, {}, []));
  app.post('/releases/manage/new', manageReleases, async (request, reply) => {
    const values = contentForm.parse(request.body ?? {});
    const outcome = await services.releases.create(request.principal!, values);
    if (!outcome.ok) return showNew(reply, values, outcome.problems);
    return reply.redirect(`/releases/manage/${outcome.id}?done=created`, 303);
  });

  /** A release's page, with a form's values and problems when one was refused. */
  const showRelease = async (
    request: FastifyRequest,
    reply: FastifyReply,
    refused: { which: Which; values: Record<string, string>; problems: readonly ReleaseProblem[] } | null,
  ) => {
    const { id } = idParams.parse(request.params);
    const shown = await services.releases.manage(request.principal!, id);
    const release = releaseView(shown);
    const content: ReleaseContent = shown.release.content;
    const done = (request.query as Record<string, unknown> | undefined)?.done;
    const editedByReader = shown.release.editedBy === request.principal!.userId;
    return reply.code(refused === null ? 200 : 400).view('pages/releases/manage-release.njk', {
      title: `${refused === null ? '' : 'Error: '}${release.title} – Manage releases`,
      section: 'releases',
      release,
      content: refused?.which === 'content' ? refused.values : content,
      values: refused?.values ?? {},
      which: refused?.which ?? null,
      approveDefaults: { time: conventionalReleaseTime },
      editedByReader,
      editedAt: shown.release.editedAt,
      done: typeof done === 'string' ? (doneMessages[done] ?? null) : null,
      ...errorsShown((refused?.problems ?? []).map((p) => ({ field: fieldIds[p.field], text: p.message }))),
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Manage releases', href: '/releases/manage' },
      ],
    });
  };

  app.get('/releases/manage/:id', manageReleases, (request, reply) => showRelease(request, reply, null));

  /** Post a form: the service's outcome redirects back with a banner, or shows the page again with the problems. */
  const post = <S extends z.ZodTypeAny>(
    path: string,
    form: S,
    which: Which,
    done: string,
    act: (request: FastifyRequest, id: number, values: z.infer<S>) => Promise<ReleaseOutcome>,
  ) =>
    app.post(`/releases/manage/:id${path}`, manageReleases, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const values = form.parse(request.body ?? {});
      const outcome = await act(request, id, values);
      if (!outcome.ok) return showRelease(request, reply, { which, values: values as Record<string, string>, problems: outcome.problems });
      return reply.redirect(`/releases/manage/${id}?done=${done}`, 303);
    });

  post('', contentForm, 'content', 'saved', (request, id, values) => services.releases.edit(request.principal!, id, values));
  post('/tables', tableForm, 'tables', 'tables', (request, id, values) => services.releases.addTable(request.principal!, id, values.permalink));
  post('/tables/move', positionForm, 'tables', 'tables', (request, id, values) =>
    services.releases.moveTable(request.principal!, id, values.position - 1, values.direction),
  );
  post('/tables/remove', positionForm, 'tables', 'tables', (request, id, values) => services.releases.removeTable(request.principal!, id, values.position - 1));
  post('/approve', approveForm, 'approve', 'approved', (request, id, values) =>
    services.releases.approve(
      request.principal!,
      id,
      `${values.publishYear.trim()}-${twoDigits(values.publishMonth)}-${twoDigits(values.publishDay)}`,
      values.publishTime.trim().replace('.', ':').padStart(5, '0'),
      values.edited === '' ? undefined : values.edited,
    ),
  );
  post('/send-back', z.object({}), 'send-back', 'sent-back', (request, id) => services.releases.sendBack(request.principal!, id));
  post('/pre-release', userForm, 'pre-release', 'pre-release', (request, id, values) =>
    services.releases.addPreRelease(request.principal!, id, values.username),
  );
  post('/pre-release/remove', removeUserForm, 'pre-release', 'pre-release', (request, id, values) =>
    services.releases.removePreRelease(request.principal!, id, values.user),
  );
  post('/corrections', noteForm, 'correction', 'corrected', (request, id, values) => services.releases.correct(request.principal!, id, values.note));
}
