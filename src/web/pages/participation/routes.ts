import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { activityCodes, activityCodeList } from '../../../domain/casework/nccis-codes.ts';
import { academicStartYearOf } from '../../../domain/periods/period.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import { academicYearLabel, academicYearCode } from '../../../domain/periods/period.ts';
import { isCalendarDate } from '../../../domain/periods/dates.ts';
import { checkNewActivity, type FieldErrors } from '../../../services/casework/participation/participation-service.ts';
import type { Services } from '../../../services/create-services.ts';
import { writeNccisExtract } from '../../../imports/nccis/nccis-csv.ts';
import { auditWho } from '../../audit-who.ts';
import { errorsShown } from '../account/routes.ts';

const work = { config: { access: { action: 'work-participation-cases' } } } as const;
const action = 'work-participation-cases' as const;
const idParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});
const yearQuery = z.object({ year: z.coerce.number().int().min(2009).max(2030).optional() });
const dayQuery = z.object({ on: z.string().max(10).optional(), by: z.enum(['district', 'school']).default('district') });
const activityForm = z.object({
  code: z.string().max(3).default(''),
  startDate: z.string().max(10).default(''),
  confirmedOn: z.string().max(10).default(''),
  source: z.string().max(200).default(''),
  confirm: z.string().max(3).optional(),
});
const breadcrumbs = [{ text: 'Participation and NEET', href: '/participation' }];
const codeLabel = (code: string | null) => (code === null ? 'None recorded' : `${code} ${activityCodes[code]?.label ?? ''}`);
const reasonWords = {
  'no-activity': 'No activity recorded',
  'recorded-not-known': 'Recorded as not known',
  lapsed: 'Activity not confirmed in time (lapsed)',
} as const;

/**
 * 16-18 participation and NEET tracking (issue 15.3): the monthly position by district with the year's headline, the
 * not-known chasing lists, a young person's activity timeline, recording an activity (check your answers), the
 * September Guarantee and the NCCIS extract. Open to participation advisers on any place; the service keeps each
 * reader to the young people their grants cover.
 */
export function participationRoutes(app: FastifyInstance, services: Services): void {
  const scope = (request: FastifyRequest) => services.sessions.scopeFor(request.principal, action);
  const thisYear = () => academicStartYearOf(services.participation.today());

  app.get('/participation', work, async (request, reply) => {
    const start = (yearQuery.parse(request.query).year ?? thisYear() + 1) - 1;
    const position = await services.participation.position(await scope(request), auditWho(request), start);
    const latest = position.months.at(-1);
    const districts =
      latest === undefined
        ? []
        : [...latest.byDistrict].map(([code, c]) => ({ code, name: position.names.get(code) ?? code, ...c })).sort((a, b) => a.name.localeCompare(b.name));
    const months = position.months.map((m) => {
      const t = { cohort: 0, eet: 0, neet: 0, notKnown: 0 };
      for (const c of m.byDistrict.values()) {
        t.cohort += c.cohort;
        t.eet += c.eet;
        t.neet += c.neet;
        t.notKnown += c.notKnown;
      }
      return { day: m.day, ...t };
    });
    return reply.view('pages/participation/position.njk', {
      title: `Participation and NEET ${academicYearLabel(academicYearCode(start))}`,
      section: 'participation',
      year: academicYearLabel(academicYearCode(start)),
      previous: start,
      next: start + 2,
      months,
      latest: latest?.day ?? null,
      districts,
      headline: position.headline,
    });
  });

  app.get('/participation/not-known', work, async (request, reply) => {
    const query = dayQuery.parse(request.query);
    const day = query.on !== undefined && isCalendarDate(query.on) ? query.on : services.participation.today();
    const list = await services.participation.notKnown(await scope(request), auditWho(request), day);
    const groups = new Map<string, typeof list.rows>();
    for (const row of list.rows) {
      const key = query.by === 'district' ? (list.names.get(row.district) ?? row.district) : (row.lastSchoolUrn ?? 'No school recorded');
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    return reply.view('pages/participation/not-known.njk', {
      title: 'Young people whose activity is not known',
      section: 'participation',
      breadcrumbs,
      day,
      by: query.by,
      tracked: list.tracked,
      listed: list.listed,
      groups: [...groups]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([name, rows]) => ({ name, rows: rows.map((r) => ({ ...r, reason: reasonWords[r.notKnownReason!], activity: codeLabel(r.code) })) })),
    });
  });

  const person = async (request: FastifyRequest, id: number) => {
    const found = await services.participation.person(await scope(request), auditWho(request), id);
    if (found === null) throw new NotFoundError('no such young person');
    return found;
  };

  app.get<{ Params: { id: string } }>('/participation/young-people/:id', work, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const found = await person(request, id);
    const done = (request.query as Record<string, unknown>).done === 'recorded' ? 'The activity is recorded and this year’s figures are remade.' : null;
    return reply.view('pages/participation/person.njk', {
      title: `${found.person.givenName} ${found.person.familyName}`,
      section: 'participation',
      breadcrumbs,
      done,
      ...found,
      now: {
        ...found.position,
        activity: codeLabel(found.position.code),
        reason: found.position.notKnownReason === null ? null : reasonWords[found.position.notKnownReason],
      },
    });
  });

  const showForm = async (request: FastifyRequest, reply: FastifyReply, id: number, values: Record<string, string>, errors: FieldErrors, check: boolean) => {
    const found = await person(request, id);
    const list = Object.entries(errors).map(([field, text]) => ({ field: field === 'code' ? 'code' : field, text: text }));
    return reply.view(check ? 'pages/participation/check.njk' : 'pages/participation/record.njk', {
      title: check ? 'Check the activity before recording it' : 'Record an activity',
      section: 'participation',
      breadcrumbs: [...breadcrumbs, { text: `${found.person.givenName} ${found.person.familyName}`, href: `/participation/young-people/${id}` }],
      id,
      person: found.person,
      values,
      activity: codeLabel(values.code ?? null),
      ...errorsShown(list),
      codeItems: [
        { value: '', text: 'Choose an activity' },
        ...activityCodeList.map((c) => ({ value: c, text: `${c} ${activityCodes[c]!.label}`, selected: values.code === c })),
      ],
    });
  };

  app.get<{ Params: { id: string } }>('/participation/young-people/:id/activity', work, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const today = services.participation.today();
    return showForm(request, reply, id, { code: '', startDate: today, confirmedOn: today, source: '' }, {}, false);
  });

  app.post<{ Params: { id: string } }>('/participation/young-people/:id/activity', work, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const { confirm, ...values } = activityForm.parse(request.body ?? {});
    const found = await person(request, id);
    const checked = checkNewActivity(values, found.person.dateOfBirth, services.participation.today());
    if (checked.value === null) return showForm(request, reply.code(400), id, values, checked.errors, false);
    if (confirm !== 'yes') return showForm(request, reply, id, values, {}, true);
    await services.participation.recordActivity(await scope(request), auditWho(request), id, checked.value);
    return reply.redirect(`/participation/young-people/${id}?done=recorded`, 303);
  });

  app.get('/participation/september-guarantee', work, async (request, reply) => {
    const year = yearQuery.parse(request.query).year ?? thisYear();
    const result = await services.participation.guarantee(await scope(request), auditWho(request), year);
    return reply.view('pages/participation/guarantee.njk', { title: `September Guarantee ${year}`, section: 'participation', breadcrumbs, year, ...result });
  });

  app.get('/participation/extract.csv', work, async (request, reply) => {
    const rows = await services.participation.exportExtract(await scope(request), auditWho(request));
    const text = writeNccisExtract(rows.people, rows.activities);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="nccis-extract.csv"')
      .header('cache-control', 'no-store')
      .send(text);
  });
}
