import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { publicAccess } from '../../../domain/access/route-access.ts';
import { academicYearLabel } from '../../../domain/periods/period.ts';
import {
  leaderKindLabels,
  leaderKinds,
  leaderPhases,
  maxCapacity,
  partnershipKindLabels,
  partnershipKinds,
  supportAreaLabels,
  supportAreas,
  type LeadershipProblem,
} from '../../../domain/schools/system-leaders.ts';
import type { Services } from '../../../services/create-services.ts';
import { fixed } from '../../presentation/format.ts';
import { errorsShown } from '../account/routes.ts';

const recordLeadership = { config: { access: { action: 'record-system-leadership' } } } as const;
const la = z.object({ la: z.string().regex(/^\d{3}$/) });
const text = (max: number) => z.string().max(max).default('');
/** A checkbox group posts one value, several, or none. */
const many = z
  .union([z.string().max(200), z.array(z.string().max(200)).max(50)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
// Caps well above the domain's own limits, so an overlong field is refused by the domain, named, with the form kept.
const partnershipForm = z.object({ leader: text(200), urn: text(200), kind: text(200), startedOn: text(200), endedOn: text(200), need: text(50_000) });
const leaderForm = z.object({
  kind: text(200),
  urn: text(200),
  name: text(5_000),
  phases: many,
  specialisms: many,
  capacity: text(200),
  designatedOn: text(200),
});
const endForm = z.object({ endedOn: text(200) });
const endParams = la.extend({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

type FormState = Readonly<{
  which: 'partnership' | 'leader' | 'end';
  values: Readonly<Record<string, unknown>>;
  problems: readonly LeadershipProblem[];
  id?: number;
}>;

const doneMessages: Readonly<Record<string, string>> = {
  partnership: 'The partnership is recorded, and target 14’s figures are remade with it.',
  leader: 'The system leader is recorded.',
  ended: 'The partnership’s end is recorded, and target 14’s figures are remade.',
};

/**
 * System leadership (issue 18.7): the LA's system leaders, their partnerships with each one's impact, and the schools
 * needing support with the leaders best matched to each. Public to read (the DfE published its leaders and the
 * partnerships are public arrangements); an officer whose role reaches the LA records leaders and partnerships here.
 */
export function systemLeadershipRoutes(app: FastifyInstance, services: Services): void {
  const show = async (request: FastifyRequest, reply: FastifyReply, laCode: string, form: FormState | null) => {
    const overview = await services.leadership.overview(laCode, await request.disclosure());
    const mayRecord = await services.leadership.mayRecord(laCode, request.principal ?? null);
    const prefix = form === null ? '' : form.which === 'end' ? `end-${form.id}-` : `${form.which}-`;
    const { errorList, fieldErrors } = errorsShown((form?.problems ?? []).map((p) => ({ field: `${prefix}${p.field}`, text: p.message })));
    const indicatorOf = (code: string) => services.catalogue.list().find((i) => i.code === code);
    const decimalsOf = (code: string) => indicatorOf(code)?.decimalPlaces ?? 1;
    const isPercent = (code: string) => indicatorOf(code)?.unit === 'percent';
    const done = z.object({ done: z.string().max(20).optional() }).parse(request.query).done;
    return reply.view('pages/system-leadership/view.njk', {
      title: `${form === null ? '' : 'Error: '}System leadership – ${overview.la.name}`,
      section: 'schools',
      overview,
      mayRecord,
      form,
      errorList,
      fieldErrors,
      done: done === undefined ? null : (doneMessages[done] ?? null),
      today: services.sessions.today(),
      leaderKindLabels,
      partnershipKindLabels,
      supportAreaLabels,
      leaderKinds,
      leaderPhases,
      partnershipKinds,
      supportAreas,
      maxCapacity,
      academicYearLabel,
      figure: (value: number, code: string) => `${fixed(value, decimalsOf(code))}${isPercent(code) ? '%' : ''}`,
      // The sign is read from the rounded change, so a change that rounds to nothing has none.
      change: (value: number, code: string) => {
        const size = fixed(Math.abs(value), decimalsOf(code));
        const sign = Number(size) === 0 ? '' : value > 0 ? '+' : '−';
        return `${sign}${size}${isPercent(code) ? ' percentage points' : ''}`;
      },
      // The supported school's change beyond its similar schools', by polarity (positive is better).
      beside: (beyond: number, code: string) => {
        const size = fixed(Math.abs(beyond), decimalsOf(code));
        return Number(size) === 0
          ? 'the same as theirs'
          : `${size}${isPercent(code) ? ' percentage points' : ''} ${beyond > 0 ? 'better' : 'worse'} than theirs`;
      },
    });
  };

  app.get('/system-leadership', { config: publicAccess }, async (request, reply) => {
    const q = z
      .object({
        la: z
          .string()
          .regex(/^\d{3}$/)
          .optional(),
      })
      .parse(request.query);
    const laCode = q.la ?? (await services.places.servedLa()) ?? '886';
    return show(request, reply, laCode, null);
  });

  const back = (laCode: string, done: string, anchor: string) => `/system-leadership?la=${laCode}&done=${done}#${anchor}`;

  app.post('/system-leadership/partnerships', recordLeadership, async (request, reply) => {
    const { la: laCode } = la.parse(request.query);
    const values = partnershipForm.parse(request.body ?? {});
    const result = await services.leadership.recordPartnership(request.principal!, laCode, {
      leaderId: /^\d{1,15}$/.test(values.leader) ? Number(values.leader) : -1,
      urn: values.urn,
      kind: values.kind,
      startedOn: values.startedOn.trim(),
      endedOn: values.endedOn.trim() === '' ? null : values.endedOn.trim(),
      need: values.need,
    });
    if (!result.ok) return show(request, reply.code(400), laCode, { which: 'partnership', values, problems: result.problems });
    return reply.redirect(back(laCode, 'partnership', 'partnerships'), 303);
  });

  app.post('/system-leadership/leaders', recordLeadership, async (request, reply) => {
    const { la: laCode } = la.parse(request.query);
    const values = leaderForm.parse(request.body ?? {});
    const capacity = /^\d{1,2}$/.test(values.capacity.trim()) ? Number(values.capacity.trim()) : Number.NaN;
    const result = await services.leadership.recordLeader(request.principal!, laCode, { ...values, capacity, designatedOn: values.designatedOn.trim() });
    if (!result.ok) return show(request, reply.code(400), laCode, { which: 'leader', values, problems: result.problems });
    return reply.redirect(back(laCode, 'leader', 'leaders'), 303);
  });

  app.post('/system-leadership/partnerships/:id/end', recordLeadership, async (request, reply) => {
    const { la: laCode, id } = endParams.parse({ ...(request.query as object), ...(request.params as object) });
    const values = endForm.parse(request.body ?? {});
    const result = await services.leadership.endPartnership(request.principal!, laCode, id, values.endedOn.trim());
    if (!result.ok) return show(request, reply.code(400), laCode, { which: 'end', values, problems: result.problems, id });
    return reply.redirect(back(laCode, 'ended', 'partnerships'), 303);
  });
}
