import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { BadRequestError, describeIssue } from '../../../domain/errors.ts';
import { readSenCaseList } from '../../../imports/sen/sen-case-list.ts';
import { caseListCellsOf, senCaseListColumns } from '../../../domain/casework/ehc-case-list.ts';
import { requesters } from '../../../domain/casework/ehc-steps.ts';
import type { Services } from '../../../services/create-services.ts';
import { auditWho } from '../../audit-who.ts';
import { csvField } from '../../../domain/csv-field.ts';
import { errorsShown, type FieldError } from '../account/routes.ts';
import { clockWords, longDate, sen2View, stepsOffered, timelineOf } from './case-view.ts';
import { choices, dateItems, fieldsOf, isStepName, newRequestOf, stepOf, stepPages, type Fields, type StepName } from './forms.ts';

const workSen = { config: { access: { action: 'work-sen-cases' } } } as const;
const caseParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});
const stepParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
  step: z.string().max(20),
});
const importForm = z.object({ fileName: z.string().max(200).default(''), csv: z.string().max(190_000).default('') });
const breadcrumbs = [{ text: 'SEN casework', href: '/sen' }];

const doneMessages: Readonly<Record<string, string>> = {
  created: 'The request is recorded and its clock has started.',
  recorded: 'The step is recorded.',
};

/**
 * SEN casework pages (issue 15.2): the task list of requests whose clock runs, a new request in GOV.UK steps with
 * "check your answers", the case as a timeline with its clock, a page per step, and the CSV export. The service picks
 * the cases the reader's scope holds and audits every read and write.
 */
export function senRoutes(app: FastifyInstance, services: Services): void {
  const scopeOf = (request: FastifyRequest) => services.sessions.scopeFor(request.principal, 'work-sen-cases');

  app.get('/sen', workSen, async (request, reply) => {
    const tasks = (await services.sen.tasks(await scopeOf(request), auditWho(request))).map((t) => ({
      ...t,
      received: longDate(t.receivedOn),
      due:
        t.clock.kind === 'running'
          ? { step: t.clock.step === 'decision' ? 'Decision whether to assess' : 'Final plan', date: longDate(t.clock.dueOn), ...clockWords(t.clock) }
          : null,
    }));
    const done = (request.query as Record<string, unknown> | undefined)?.done;
    return reply.view('pages/sen/tasks.njk', {
      title: 'SEN casework',
      tasks,
      overdue: tasks.filter((t) => t.due?.overdue).length,
      today: longDate(services.sen.today()),
      done: typeof done === 'string' ? (doneMessages[done] ?? null) : null,
    });
  });

  const districtsOf = async (request: FastifyRequest) => services.sen.districtsInScope(await scopeOf(request));

  const showNew = async (request: FastifyRequest, reply: FastifyReply, fields: Fields, errors: readonly FieldError[]) => {
    const districts = await districtsOf(request);
    const shown = errorsShown(errors);
    return reply.view('pages/sen/new.njk', {
      title: 'New request for an EHC needs assessment',
      breadcrumbs,
      values: fields,
      ...shown,
      dob: dateItems(fields, 'dob', 'dob-day' in shown.fieldErrors),
      received: dateItems(fields, 'received', 'received-day' in shown.fieldErrors),
      districtItems: [
        { value: '', text: 'Choose a district' },
        ...districts.map((d) => ({ value: d.code, text: d.name, selected: fields.district === d.code })),
      ],
      requesterItems: choices.requestedBy.map((c) => ({ ...c, checked: fields.requestedBy === c.value })),
    });
  };

  app.get('/sen/new', workSen, async (request, reply) => showNew(request, reply, {}, []));

  const checked = async (request: FastifyRequest, fields: Fields) => {
    const districts = await districtsOf(request);
    return { values: newRequestOf(fields, new Set(districts.map((d) => d.code))), districts };
  };

  // The form posts here: errors show on the form, else "check your answers" with the values carried in hidden fields.
  app.post('/sen/new', workSen, async (request, reply) => {
    const fields = fieldsOf(request.body);
    const { values, districts } = await checked(request, fields);
    if (Array.isArray(values) || fields.change === 'yes')
      return showNew(request, reply.code(Array.isArray(values) ? 400 : 200), fields, Array.isArray(values) ? values : []);
    const v = values;
    return reply.view('pages/sen/check.njk', {
      title: 'Check your answers',
      breadcrumbs,
      hidden: Object.entries(fields).filter(([k]) => k !== 'change'),
      rows: [
        ['Name', `${v.givenName} ${v.familyName}`],
        ['Date of birth', longDate(v.dateOfBirth)],
        ['UPN', v.upn ?? 'Not known'],
        ['District', districts.find((d) => d.code === v.district)?.name ?? v.district],
        ['School URN', v.schoolUrn ?? 'Not known'],
        ['Request received', longDate(v.receivedOn)],
        ['Who asked', requesters[v.requestedBy as keyof typeof requesters]],
      ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
    });
  });

  app.post('/sen', workSen, async (request, reply) => {
    const fields = fieldsOf(request.body);
    const { values, districts } = await checked(request, fields);
    if (Array.isArray(values)) return showNew(request, reply.code(400), fields, values);
    const v = values;
    try {
      const id = await services.sen.create(await scopeOf(request), auditWho(request), {
        ...v,
        requestedBy: v.requestedBy as keyof typeof requesters,
        placeId: districts.find((d) => d.code === v.district)!.id,
      });
      return reply.redirect(`/sen/${id}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error;
      return showNew(request, reply.code(400), fields, [{ field: 'received-day', text: error.message.charAt(0).toUpperCase() + error.message.slice(1) }]);
    }
  });

  app.get('/sen/export.csv', workSen, async (request, reply) => {
    const rows = await services.sen.exportRows(await scopeOf(request), auditWho(request));
    // The columns the case list import reads (ehc-case-list.ts), so that an export loads back.
    const lines = function* () {
      yield `${senCaseListColumns.join(',')}\r\n`;
      for (const r of rows) {
        const cells = caseListCellsOf(r, Number(r.id));
        yield `${senCaseListColumns.map((c) => csvField(cells[c])).join(',')}\r\n`;
      }
    };
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="sen-requests-${services.sen.today()}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  });

  const showImport = (reply: FastifyReply, values: z.output<typeof importForm>, issues: readonly string[], done: string | null) =>
    reply.code(issues.length > 0 ? 400 : 200).view('pages/sen/import.njk', {
      title: 'Import a case list',
      breadcrumbs,
      values,
      issues,
      done,
      columns: senCaseListColumns.join(', '),
    });

  app.get('/sen/import', workSen, async (_request, reply) => showImport(reply, importForm.parse({}), [], null));

  // A pasted case list: read, then every row checked by the service; on any problem nothing is written.
  app.post('/sen/import', workSen, async (request, reply) => {
    const values = importForm.parse(request.body ?? {});
    const file = values.fileName.trim() === '' ? 'pasted case list' : values.fileName.trim();
    const read = readSenCaseList(file, new TextEncoder().encode(values.csv));
    if ('issues' in read) return showImport(reply, values, read.issues.map(describeIssue), null);
    const result = await services.sen.importCases(await scopeOf(request), auditWho(request), file, read.rows, read.hash);
    if ('issues' in result) return showImport(reply, values, result.issues.map(describeIssue), null);
    const cases = (n: number) => `${n} ${n === 1 ? 'case' : 'cases'}`;
    return showImport(
      reply,
      importForm.parse({}),
      [],
      `${cases(result.written)} imported${result.written > 0 ? ' and the SEN figures of the years they touch remade' : ''}; ${cases(result.unchanged)} already held and unchanged.`,
    );
  });

  const sen2Year = (request: FastifyRequest) => {
    const year = z.coerce
      .number()
      .int()
      .min(2011)
      .max(2100)
      .safeParse((request.query as Record<string, unknown> | undefined)?.year ?? Number(services.sen.today().slice(0, 4)));
    if (!year.success) throw new BadRequestError('the year must be a return year, for example 2016');
    return year.data;
  };

  app.get('/sen/sen2', workSen, async (request, reply) => {
    const year = sen2Year(request);
    const tables = await services.sen.sen2(await scopeOf(request), auditWho(request), year);
    return reply.view('pages/sen/sen2.njk', { title: `SEN2 ${year}`, breadcrumbs, ...sen2View(tables) });
  });

  app.get('/sen/sen2.csv', workSen, async (request, reply) => {
    const year = sen2Year(request);
    const view = sen2View(await services.sen.sen2(await scopeOf(request), auditWho(request), year));
    const lines = ['table,row,count', ...view.sections.flatMap((t) => t.rows.map((r) => [t.title, r.label, String(r.count)].map(csvField).join(',')))];
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="sen2-${year}.csv"`)
      .header('cache-control', 'no-store')
      .send(`${lines.join('\r\n')}\r\n`);
  });

  app.get('/sen/:id', workSen, async (request, reply) => {
    const { id } = caseParams.parse(request.params);
    const c = await services.sen.read(await scopeOf(request), auditWho(request), id);
    const done = (request.query as Record<string, unknown> | undefined)?.done;
    return reply.view('pages/sen/case.njk', {
      title: `Case ${id}`,
      breadcrumbs,
      id,
      c,
      clock: clockWords(c.clock),
      deadlines: { decision: longDate(c.deadlines.decision), noPlan: longDate(c.deadlines.noPlanNotice), plan: longDate(c.deadlines.finalPlan) },
      regime: c.deadlines.regime === 'ehc' ? 'EHC plan (SEND Regulations 2014: 6, 16 and 20 weeks)' : 'Statement of SEN (SEN Regulations 2001: 26 weeks)',
      timing: c.timing === null ? null : { ...c.timing, due: longDate(c.timing.dueOn), issued: longDate(c.timing.issuedOn) },
      timeline: timelineOf(c),
      steps: stepsOffered(c).map((s) => ({ href: `/sen/${id}/record/${s}`, text: stepPages[s as StepName].title })),
      born: longDate(c.child.date_of_birth),
      retainUntil: longDate(c.retainUntil),
      done: typeof done === 'string' ? (doneMessages[done] ?? null) : null,
    });
  });

  const showStep = (reply: FastifyReply, id: number, step: StepName, fields: Fields, errors: readonly FieldError[]) => {
    const shown = errorsShown(errors);
    const items =
      step in choices
        ? (choices[step as keyof typeof choices] as readonly { value: string; text: string }[]).map((c) => ({ ...c, checked: fields.choice === c.value }))
        : null;
    return reply.view('pages/sen/step.njk', {
      title: stepPages[step].title,
      breadcrumbs: [...breadcrumbs, { text: `Case ${id}`, href: `/sen/${id}` }],
      id,
      step,
      page: stepPages[step],
      items,
      values: fields,
      date: dateItems(fields, 'on', 'on-day' in shown.fieldErrors),
      ...shown,
    });
  };

  const stepFrom = (request: FastifyRequest) => {
    const { id, step } = stepParams.parse(request.params);
    if (!isStepName(step)) throw new BadRequestError(`no such step: ${step}`);
    return { id, step };
  };

  app.get('/sen/:id/record/:step', workSen, async (request, reply) => {
    const { id, step } = stepFrom(request);
    // Reading the case checks its scope (a case outside it is a 404) and audits the read.
    await services.sen.read(await scopeOf(request), auditWho(request), id);
    return showStep(reply, id, step, {}, []);
  });

  app.post('/sen/:id/record/:step', workSen, async (request, reply) => {
    const { id, step } = stepFrom(request);
    const fields = fieldsOf(request.body);
    const parsed = stepOf(step, fields);
    if (Array.isArray(parsed)) return showStep(reply.code(400), id, step, fields, parsed);
    try {
      await services.sen.record(await scopeOf(request), auditWho(request), id, parsed);
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error;
      return showStep(reply.code(400), id, step, fields, [{ field: 'on-day', text: error.message }]);
    }
    return reply.redirect(`/sen/${id}?done=recorded`, 303);
  });
}
