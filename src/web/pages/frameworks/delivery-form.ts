import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DeliveryProblem, JudgedStatus } from '../../../domain/framework/delivery.ts';
import type { Services } from '../../../services/create-services.ts';
import { errorsShown } from '../account/routes.ts';

/** What the target page needs to show a delivery form again after a refusal: the values entered and the problems. */
export type DeliveryFormState = Readonly<{
  which: 'record' | 'withdraw';
  values: Readonly<Record<string, string>>;
  problems: readonly DeliveryProblem[];
  recordId?: number;
}>;

const recordDelivery = { config: { access: { action: 'record-delivery' } } } as const;
const text = (max: number) => z.string().max(max).default('');
const recordForm = z.object({ kind: text(20), on: text(30), year: text(10), status: text(20), evidence: text(2100), link: text(2100) });
const withdrawForm = z.object({ reason: text(600) });
const params = z.object({ id: z.string().max(100), target: z.string().max(100) });
const withdrawParams = params.extend({ record: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
/** The year the page was shown for, kept across the post (a year that is no year is dropped, and the page's own default used). */
const shownYear = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) });

/** Back to the target page, for the year it was shown for, with what was done said in the banner. */
const backTo = (request: FastifyRequest, id: string, target: string, done: string) => {
  const { year } = shownYear.parse(request.query ?? {});
  return `/frameworks/${encodeURIComponent(id)}/targets/${encodeURIComponent(target)}?${year === undefined ? '' : `year=${year}&`}done=${done}#delivery`;
};

export const judgedStatusLabels: Readonly<Record<JudgedStatus, string>> = { met: 'Met', on_track: 'On track', off_track: 'Off track' };

/** A problem's field as the form's element id (the page also has a `year` control of its own). */
export function deliveryErrors(state: DeliveryFormState | null) {
  const problems = state?.problems ?? [];
  const prefix = state?.which === 'withdraw' ? `withdraw-${state.recordId}-` : 'delivery-';
  // A problem with the record as a whole points at the form's heading: for a withdrawal, the delivery record itself.
  const whole = state?.which === 'withdraw' ? 'delivery' : 'delivery-kind';
  return errorsShown(problems.map((p) => ({ field: p.field === 'target' ? whole : `${prefix}${p.field}`, text: p.message })));
}

/**
 * The delivery form's two posts on a target page (issue 18.6): record a delivery or a year's judgement, and withdraw a
 * record made in error. A refusal shows the target page again (400) with the values kept and each problem by its field.
 */
export function deliveryRoutes(
  app: FastifyInstance,
  services: Services,
  showTarget: (request: FastifyRequest, reply: FastifyReply, state: DeliveryFormState) => Promise<unknown>,
): void {
  app.post('/frameworks/:id/targets/:target/delivery', recordDelivery, async (request, reply) => {
    const { id, target } = params.parse(request.params);
    const values = recordForm.parse(request.body ?? {});
    const year = values.year.trim() === '' ? null : Number(values.year);
    const result = await services.delivery.record(request.principal!, id, target, {
      kind: values.kind,
      on: values.on.trim(),
      year: year !== null && Number.isFinite(year) ? year : null,
      status: values.status === '' ? null : values.status,
      evidence: values.evidence,
      link: values.link.trim() === '' ? null : values.link,
    });
    if (!result.ok) return showTarget(request, reply, { which: 'record', values, problems: result.problems });
    return reply.redirect(backTo(request, id, target, 'recorded'), 303);
  });

  app.post('/frameworks/:id/targets/:target/delivery/:record/withdraw', recordDelivery, async (request, reply) => {
    const { id, target, record } = withdrawParams.parse(request.params);
    const values = withdrawForm.parse(request.body ?? {});
    const result = await services.delivery.withdraw(request.principal!, id, target, record, values.reason);
    if (!result.ok) return showTarget(request, reply, { which: 'withdraw', values, problems: result.problems, recordId: record });
    return reply.redirect(backTo(request, id, target, 'withdrawn'), 303);
  });
}
