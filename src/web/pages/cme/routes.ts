import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { cmeOutcomeKinds, cmeOutcomeLabels } from '../../../domain/casework/cme-clock.ts';
import { checkReferral, cmeSources, type FieldProblem } from '../../../domain/casework/cme-referral.ts';
import { describeIssue } from '../../../domain/errors.ts';
import { readCmeCaseList } from '../../../imports/cme/cme-case-list.ts';
import type { Services } from '../../../services/create-services.ts';
import { auditWho } from '../../audit-who.ts';
import { errorsShown } from '../account/routes.ts';
import { caseView, taskListView } from './cme-views.ts';

const workCme = { config: { access: { action: 'work-cme-cases' } } } as const;

const text = (max: number) => z.string().max(max).default('');
const referralForm = z.object({
  givenName: text(300),
  familyName: text(300),
  dateOfBirth: text(30),
  sex: text(10),
  upn: text(30),
  postcode: text(30),
  districtCode: text(30),
  knownOn: text(30),
  source: text(40),
  deletionGround: text(300),
  reason: text(3000),
  step: text(20),
});
const enquiryForm = z.object({ madeOn: text(30), action: text(3000), result: text(3000) });
const outcomeForm = z.object({ kind: text(40), on: text(30), schoolUrn: text(30), note: text(3000) });
const reopenForm = z.object({ knownOn: text(30), source: text(40), deletionGround: text(300), reason: text(3000) });
const importForm = z.object({ fileName: text(200), csv: text(190_000) });
const caseParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

const breadcrumbs = [{ text: 'Children missing education', href: '/cme' }];
const sourceItems = (selected: string) => Object.entries(cmeSources).map(([value, label]) => ({ value, text: label, checked: value === selected }));
const outcomeItems = (selected: string) => cmeOutcomeKinds.map((value) => ({ value, text: cmeOutcomeLabels[value], checked: value === selected }));

const doneMessages: Readonly<Record<string, string>> = {
  created: 'The case is opened and its 30-day clock has started.',
  enquiry: 'The enquiry is recorded.',
  outcome: 'The outcome is recorded: the case is closed and the district’s figures are remade.',
  reopened: 'The case is reopened as a new episode: its clock runs from the new date known.',
};
const doneOf = (request: FastifyRequest) => {
  const done = (request.query as Record<string, unknown> | undefined)?.done;
  return typeof done === 'string' ? (doneMessages[done] ?? null) : null;
};

/**
 * Children missing education casework for CME officers (issue 15.1): the task list, a referral in steps with "check
 * your answers", the case timeline with its clock, enquiries, outcomes, reopening, and the case list as CSV in and out.
 * The service decides which cases the reader sees and audits every read and write.
 */
export function cmeRoutes(app: FastifyInstance, services: Services): void {
  const readerOf = (request: FastifyRequest) => ({ principal: request.principal!, who: auditWho(request) });

  app.get('/cme', workCme, async (request, reply) => {
    const reader = readerOf(request);
    const [list, districts] = await Promise.all([services.cme.taskList(reader), services.cme.districtsFor(reader)]);
    return reply.view('pages/cme/list.njk', { title: 'Children missing education', section: 'cme', ...taskListView(list, districts) });
  });

  const showReferral = async (request: FastifyRequest, reply: FastifyReply, values: z.output<typeof referralForm>, problems: readonly FieldProblem[]) =>
    reply.code(problems.length > 0 ? 400 : 200).view('pages/cme/new.njk', {
      title: 'Refer a child missing education',
      section: 'cme',
      breadcrumbs,
      values,
      ...errorsShown(problems),
      sourceItems: sourceItems(values.source),
      districtItems: [
        { value: '', text: 'Choose a district' },
        ...(await services.cme.districtsFor(readerOf(request))).map((d) => ({ value: d.code, text: d.name, selected: d.code === values.districtCode })),
      ],
      today: services.casework.today(),
    });

  app.get('/cme/new', workCme, async (request, reply) => showReferral(request, reply, referralForm.parse({}), []));

  // Step 2: the answers checked field by field, then shown to confirm; "change" posts them back to the form.
  app.post('/cme/new', workCme, async (request, reply) => {
    const values = referralForm.parse(request.body ?? {});
    if (values.step === 'change') return showReferral(request, reply, values, []);
    const checked = checkReferral(values, services.casework.today());
    const problems = 'problems' in checked ? checked.problems : [];
    if (!('problems' in checked) && checked.referral.postcode === null && checked.referral.districtCode === '')
      problems.push({ field: 'district', text: 'Choose the district the child lives in, or give a postcode' });
    if (problems.length > 0) return showReferral(request, reply, values, problems);
    const districts = await services.cme.districtsFor(readerOf(request));
    return reply.view('pages/cme/check.njk', {
      title: 'Check your answers before opening the case',
      section: 'cme',
      breadcrumbs,
      values,
      sourceLabel: cmeSources[values.source as keyof typeof cmeSources],
      districtName: districts.find((d) => d.code === values.districtCode)?.name ?? 'From the postcode',
    });
  });

  app.post('/cme', workCme, async (request, reply) => {
    const values = referralForm.parse(request.body ?? {});
    const result = await services.cme.refer(readerOf(request), values);
    if ('problems' in result) return showReferral(request, reply, values, result.problems);
    return reply.redirect(`/cme/${result.caseId}?done=created`, 303);
  });

  const showCase = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form: Readonly<{ problems: readonly FieldProblem[]; values: object; which: string }> | null,
  ) => {
    const found = await services.cme.caseOf(readerOf(request), id);
    return reply.code(form === null ? 200 : 400).view('pages/cme/case.njk', {
      title: `Children missing education case ${id}`,
      section: 'cme',
      breadcrumbs,
      ...caseView(found),
      done: doneOf(request),
      which: form?.which ?? null,
      values: form?.values ?? {},
      ...errorsShown(form?.problems ?? []),
      sourceItems: sourceItems((form?.values as { source?: string } | undefined)?.source ?? ''),
      outcomeItems: outcomeItems((form?.values as { kind?: string } | undefined)?.kind ?? ''),
      today: services.casework.today(),
    });
  };

  app.get('/cme/:id', workCme, async (request, reply) => showCase(request, reply, caseParams.parse(request.params).id, null));

  app.post('/cme/:id/enquiries', workCme, async (request, reply) => {
    const { id } = caseParams.parse(request.params);
    const values = enquiryForm.parse(request.body ?? {});
    const result = await services.cme.addEnquiry(readerOf(request), id, values);
    if ('problems' in result) return showCase(request, reply, id, { problems: result.problems, values, which: 'enquiry' });
    return reply.redirect(`/cme/${id}?done=enquiry`, 303);
  });

  app.post('/cme/:id/outcome', workCme, async (request, reply) => {
    const { id } = caseParams.parse(request.params);
    const values = outcomeForm.parse(request.body ?? {});
    const result = await services.cme.recordOutcome(readerOf(request), id, values);
    if ('problems' in result) return showCase(request, reply, id, { problems: result.problems, values, which: 'outcome' });
    return reply.redirect(`/cme/${id}?done=outcome`, 303);
  });

  app.post('/cme/:id/reopen', workCme, async (request, reply) => {
    const { id } = caseParams.parse(request.params);
    const values = reopenForm.parse(request.body ?? {});
    const result = await services.cme.reopen(readerOf(request), id, values);
    if ('problems' in result) return showCase(request, reply, id, { problems: result.problems, values, which: 'reopen' });
    return reply.redirect(`/cme/${id}?done=reopened`, 303);
  });

  app.get('/cme/cases.csv', workCme, async (request, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="children-missing-education-${services.casework.today()}.csv"`)
      .header('cache-control', 'no-store')
      .send(await services.cme.exportCases(readerOf(request))),
  );

  const showImport = (reply: FastifyReply, values: z.output<typeof importForm>, issues: readonly string[], written: number | null) =>
    reply.code(issues.length > 0 ? 400 : 200).view('pages/cme/import.njk', {
      title: 'Import a case list',
      section: 'cme',
      breadcrumbs,
      values,
      issues,
      written: written === null ? null : `${written} cases imported; the figures they feed are remade.`,
    });

  app.get('/cme/import', workCme, async (_request, reply) => showImport(reply, importForm.parse({}), [], null));

  app.post('/cme/import', workCme, async (request, reply) => {
    const values = importForm.parse(request.body ?? {});
    const file = values.fileName.trim() === '' ? 'pasted case list' : values.fileName.trim();
    const read = readCmeCaseList(file, new TextEncoder().encode(values.csv));
    if ('issues' in read) return showImport(reply, values, read.issues.map(describeIssue), null);
    const result = await services.cme.importCases(readerOf(request), file, read.rows);
    if ('issues' in result) return showImport(reply, values, result.issues.map(describeIssue), null);
    return showImport(reply, { fileName: '', csv: '' }, [], result.written);
  });
}
