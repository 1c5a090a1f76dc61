import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApplicationRecord, LookedAfter, Preference } from '../../../domain/admissions/admissions.ts';
import { BadRequestError } from '../../../domain/errors.ts';
import { isPostcode, normalisePostcode } from '../../../domain/geography/postcode.ts';
import type { ApplicationChange } from '../../../services/admissions/application-service.ts';
import type { Services } from '../../../services/create-services.ts';
import { auditWho } from '../../audit-who.ts';
import { errorsShown, type FieldError } from '../account/routes.ts';
import { longDate, preferenceWords, roundTitle } from './admissions-views.ts';
import { admissionsCrumbs, roundParams, workAdmissions } from './routes.ts';

const text = (max: number) => z.string().trim().max(max).default('');
const urn = text(20).refine((v) => v === '' || /^\d{6}$/.test(v), 'Enter the URN as six digits, for example 118765');
const tick = z.string().max(10).default('');
const facts = ['sibling', 'medical', 'faith', 'staff'] as const;

/** The form for a round allowing `allowed` preferences: each preference a URN and the four facts its criteria need. */
const changeForm = (allowed: number) =>
  z
    .object({
      homePostcode: text(20).refine((v) => v === '' || isPostcode(normalisePostcode(v)), 'Enter a real postcode, for example TN23 1AA'),
      online: z.enum(['yes', 'no'], { error: 'Choose how the application was made' }),
      lookedAfter: z.enum(['no', 'looked-after', 'previously-looked-after'], { error: 'Choose whether the child is or was looked after' }),
      ehcPlanSchool: urn,
      assessed: z.enum(['suitable', 'not-suitable', 'did-not-sit']).default('did-not-sit'),
      currentSchool: urn,
      ...Object.fromEntries(Array.from({ length: allowed }, (_, i) => [[`p${i + 1}-urn`, urn], ...facts.map((f) => [`p${i + 1}-${f}`, tick])]).flat()),
    })
    .superRefine((form, ctx) => {
      const urns = Array.from({ length: allowed }, (_, i) => {
        const u = form[`p${i + 1}-urn`];
        return typeof u === 'string' ? u : '';
      });
      const last = urns.findLastIndex((u) => u !== '');
      urns.slice(0, last + 1).forEach((u, i) => {
        const path = [`p${i + 1}-urn`];
        if (u === '') ctx.addIssue({ code: 'custom', path, message: `Enter the ${preferenceWords(i + 1)}: preferences are numbered from 1 with no gap` });
        else if (urns.indexOf(u) < i)
          ctx.addIssue({ code: 'custom', path, message: `School ${u} is already named as the ${preferenceWords(urns.indexOf(u) + 1)}` });
      });
    });

type Values = Record<string, string>;

/** The form's values as the application holds them. */
function valuesOf(a: ApplicationRecord): Values {
  const values: Values = {
    homePostcode: a.homePostcode ?? '',
    online: a.online ? 'yes' : 'no',
    lookedAfter: a.lookedAfter ?? 'no',
    ehcPlanSchool: a.ehcPlanSchool ?? '',
    assessed: a.assessedSuitable === null ? 'did-not-sit' : a.assessedSuitable ? 'suitable' : 'not-suitable',
    currentSchool: a.currentSchool ?? '',
  };
  for (const p of a.preferences) {
    values[`p${p.rank}-urn`] = p.urn;
    values[`p${p.rank}-sibling`] = p.sibling ? 'yes' : '';
    values[`p${p.rank}-medical`] = p.medicalSocial ? 'yes' : '';
    values[`p${p.rank}-faith`] = p.faith ? 'yes' : '';
    values[`p${p.rank}-staff`] = p.staff ? 'yes' : '';
  }
  return values;
}

/** Only the fields that differ from the application held, so the audit names just those. */
function changeOf(a: ApplicationRecord, form: Values, allowed: number, secondary: boolean): ApplicationChange {
  const orNull = (v: string) => (v === '' ? null : v);
  const postcode = (form.homePostcode ?? '') === '' ? null : normalisePostcode(form.homePostcode!).replace(/(\d[A-Z]{2})$/, ' $1');
  const preferences: Preference[] = [];
  for (let rank = 1; rank <= allowed && (form[`p${rank}-urn`] ?? '') !== ''; rank++) {
    const on = (f: string) => form[`p${rank}-${f}`] !== '' && form[`p${rank}-${f}`] !== undefined;
    preferences.push({ rank, urn: form[`p${rank}-urn`]!, sibling: on('sibling'), medicalSocial: on('medical'), faith: on('faith'), staff: on('staff') });
  }
  const same = (x: readonly Preference[], y: readonly Preference[]) =>
    x.length === y.length &&
    x.every(
      (p, i) =>
        p.urn === y[i]!.urn && p.sibling === y[i]!.sibling && p.medicalSocial === y[i]!.medicalSocial && p.faith === y[i]!.faith && p.staff === y[i]!.staff,
    );
  const lookedAfter = form.lookedAfter === 'no' ? null : (form.lookedAfter as LookedAfter);
  const assessed = form.assessed === 'did-not-sit' ? null : form.assessed === 'suitable';
  return {
    ...(normalisePostcode(a.homePostcode ?? '') === normalisePostcode(postcode ?? '') ? {} : { homePostcode: postcode }),
    ...((form.online === 'yes') === a.online ? {} : { online: form.online === 'yes' }),
    ...(lookedAfter === a.lookedAfter ? {} : { lookedAfter }),
    ...(orNull(form.ehcPlanSchool!) === a.ehcPlanSchool ? {} : { ehcPlanSchool: orNull(form.ehcPlanSchool!) }),
    ...(!secondary || assessed === a.assessedSuitable ? {} : { assessedSuitable: assessed }),
    ...(orNull(form.currentSchool!) === a.currentSchool ? {} : { currentSchool: orNull(form.currentSchool!) }),
    ...(same(preferences, a.preferences) ? {} : { preferences }),
  };
}

/**
 * Changing an application on or before the round's closing date (issue 16): the officer's reach is checked by reading
 * the application first (outside it, not found); the service refuses after the closing date and audits the names of
 * the fields changed, never their values. After the closing date the page says so instead of showing the form.
 */
export function admissionsChangeRoutes(app: FastifyInstance, services: Services): void {
  const showChange = async (
    request: FastifyRequest,
    reply: FastifyReply,
    applicationId: number,
    errors: readonly FieldError[],
    values: Values | null,
    problem: string | null,
  ) => {
    const { application: a, round } = await services.admissions.application(applicationId, { principal: request.principal!, who: auditWho(request) });
    const shown = values ?? valuesOf(a);
    const radios = (name: string, items: readonly (readonly [string, string])[]) =>
      items.map(([value, label]) => ({ value, text: label, checked: shown[name] === value }));
    const href = `/admissions/applications/${applicationId}`;
    const { errorList, fieldErrors } = errorsShown(errors);
    return reply.code(errors.length > 0 || problem !== null ? 400 : 200).view('pages/admissions/change.njk', {
      title: `Change application ${a.id}`,
      section: 'admissions',
      breadcrumbs: [...admissionsCrumbs, { text: roundTitle(round), href: `/admissions/rounds/${round.id}` }, { text: `Application ${a.id}`, href }],
      id: applicationId,
      reference: a.id,
      name: `${a.child.givenName} ${a.child.familyName}`,
      closed: services.admissions.today() > round.closingDate,
      closing: longDate(round.closingDate),
      secondary: round.phase === 'secondary',
      values: shown,
      onlineItems: radios('online', [
        ['yes', 'Online'],
        ['no', 'On paper'],
      ]),
      lookedAfterItems: radios('lookedAfter', [
        ['no', 'No'],
        ['looked-after', 'Looked after'],
        ['previously-looked-after', 'Previously looked after'],
      ]),
      assessedItems: radios('assessed', [
        ['suitable', 'Assessed suitable for grammar school'],
        ['not-suitable', 'Assessed not suitable'],
        ['did-not-sit', 'Did not sit the test'],
      ]),
      preferences: Array.from({ length: round.preferencesAllowed }, (_, i) => {
        const p = `p${i + 1}`;
        const fact = (f: string, label: string) => ({ name: `${p}-${f}`, value: 'yes', text: label, checked: (shown[`${p}-${f}`] ?? '') !== '' });
        return {
          legend: `${preferenceWords(i + 1)[0]!.toUpperCase()}${preferenceWords(i + 1).slice(1)}`,
          id: `${p}-urn`,
          urn: shown[`${p}-urn`] ?? '',
          facts: [
            fact('sibling', 'A brother or sister at the school'),
            fact('medical', 'Medical or social need'),
            fact('faith', 'Meets the faith criterion'),
            fact('staff', 'A child of a member of staff'),
          ],
        };
      }),
      errorList: problem === null ? errorList : [{ text: `The application was not changed: ${problem}`, href: '#change' }],
      fieldErrors,
    });
  };

  app.get('/admissions/applications/:id/change', workAdmissions, async (request, reply) =>
    showChange(request, reply, roundParams.parse(request.params).id, [], null, null),
  );

  app.post('/admissions/applications/:id/change', workAdmissions, async (request, reply) => {
    const { id: applicationId } = roundParams.parse(request.params);
    // Reading first checks the officer's reach over the child's home (and audits the read); the change itself does not.
    const { application: a, round } = await services.admissions.application(applicationId, { principal: request.principal!, who: auditWho(request) });
    const body = (request.body ?? {}) as Record<string, unknown>;
    const raw: Values = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'));
    const parsed = changeForm(round.preferencesAllowed).safeParse(body);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'change'), text: i.message }));
      return showChange(request, reply, applicationId, errors, raw, null);
    }
    const change = changeOf(a, parsed.data as Values, round.preferencesAllowed, round.phase === 'secondary');
    try {
      // After the closing date even an unchanged form goes to the service, which refuses it with the reason.
      if (Object.keys(change).length > 0 || services.admissions.today() > round.closingDate)
        await services.admissions.changeApplication(applicationId, change, auditWho(request));
      return reply.redirect(`/admissions/applications/${applicationId}?done=${Object.keys(change).length > 0 ? 'changed' : 'unchanged'}`, 303);
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error;
      return showChange(request, reply, applicationId, [], raw, error.message);
    }
  });
}
