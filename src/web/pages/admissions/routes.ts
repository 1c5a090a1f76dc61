import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { OfferKind } from '../../../domain/admissions/admissions.ts';
import { criterionLabel } from '../../../domain/admissions/arrangement-rules.ts';
import { BadRequestError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/create-services.ts';
import { auditWho } from '../../audit-who.ts';
import { errorsShown, type FieldError } from '../account/routes.ts';
import {
  allocatedWords,
  authorityWords,
  countRows,
  districtRows,
  publishedRows,
  criterionWords,
  km,
  longDate,
  offerFilterItems,
  offerWords,
  outcomeWords,
  phaseLabel,
  entryLabel,
  positionWords,
  preferenceWords,
  roundTitle,
  tieBreakWords,
  whole,
} from './admissions-views.ts';

export const workAdmissions = { config: { access: { action: 'work-admissions' } } } as const;

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 53);
export const roundParams = z.object({ id });
const schoolParams = z.object({ id, urn: z.string().regex(/^\d{6}$/, 'a URN is six digits') });
const pageSize = 50;
const listQuery = z.object({
  reference: z.string().trim().max(40).default(''),
  urn: z.string().trim().max(6).default(''),
  offer: z.enum(['', 'preference', 'allocated', 'none', 'not-allocated']).catch(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
const responseForm = z.object({ response: z.string().max(20).default(''), on: z.string().max(30).default('') });

export const admissionsCrumbs = [{ text: 'Admissions', href: '/admissions' }];
const roundCrumbs = (round: Readonly<{ id: number; phase: 'primary' | 'secondary'; entryYear: number }>) => [
  ...admissionsCrumbs,
  { text: roundTitle(round), href: `/admissions/rounds/${round.id}` },
];

const doneOf = (request: FastifyRequest): string | null => {
  const done = (request.query as Record<string, unknown> | undefined)?.done;
  if (done === 'changed') return 'The application is changed.';
  if (done === 'unchanged') return 'Nothing was changed: the answers were as held.';
  return done === 'response' ? 'The family’s response is recorded.' : null;
};

/**
 * Coordinated admissions for the LA's admissions officers (issue 16): the rounds, a round's offer statistics by the DfE's
 * definitions and its allocation, the applications in the officer's reach, one application with every preference
 * explained, and a school's arrangements with its allocation profile. The service scopes and audits every read.
 */
export function admissionsRoutes(app: FastifyInstance, services: Services): void {
  const readerOf = (request: FastifyRequest) => ({ principal: request.principal!, who: auditWho(request) });
  /** Users' names by audit actor id, for who allocated a round or recorded arrangements. */
  const namesOf = async () => new Map((await services.accounts.list()).map((u) => [`user:${u.id}`, u.displayName]));

  app.get('/admissions', workAdmissions, async (request, reply) => {
    const [rounds, names] = await Promise.all([services.admissions.rounds(), namesOf()]);
    const rows = rounds.map((r) => ({
      href: `/admissions/rounds/${r.id}`,
      title: roundTitle(r),
      phase: phaseLabel(r.phase),
      entry: entryLabel(r.entryYear),
      la: r.laCode,
      closing: longDate(r.closingDate),
      offerDay: longDate(r.offerDay),
      applications: whole(r.applications),
      allocated: allocatedWords(r.allocatedAt, r.allocatedBy, names),
    }));
    return reply.view('pages/admissions/rounds.njk', { title: 'Admissions', section: 'admissions', rounds: rows });
  });

  const showRound = async (request: FastifyRequest, reply: FastifyReply, roundId: number, done: string | null, problem: string | null) => {
    const [summary, arrangements] = await Promise.all([services.admissions.round(roundId), services.admissions.arrangements(roundId)]);
    const { round } = summary;
    return reply.code(problem === null ? 200 : 400).view('pages/admissions/round.njk', {
      title: roundTitle(round),
      section: 'admissions',
      breadcrumbs: admissionsCrumbs,
      round: {
        id: round.id,
        title: roundTitle(round),
        la: round.laCode,
        closing: longDate(round.closingDate),
        offerDay: longDate(round.offerDay),
        preferencesAllowed: round.preferencesAllowed,
        allocated: allocatedWords(round.allocatedAt, round.allocatedBy, await namesOf()),
        isAllocated: summary.allocated,
      },
      applications: whole(summary.counts.applications),
      counts: countRows(summary.counts),
      districts: districtRows(summary.byDistrict),
      unplacedHomes: summary.unplacedHomes === 0 ? null : whole(summary.unplacedHomes),
      responses: {
        accepted: whole(summary.responses.accepted),
        declined: whole(summary.responses.declined),
        awaiting: whole(summary.responses.awaiting),
      },
      published: publishedRows(summary.published),
      split: summary.split === null ? null : { grammar: countRows(summary.split.grammar), nonSelective: countRows(summary.split.nonSelective) },
      splitSizes:
        summary.split === null ? null : { grammar: whole(summary.split.grammar.applications), nonSelective: whole(summary.split.nonSelective.applications) },
      schools: arrangements.map((a) => [
        { html: `<a class="govuk-link" href="/admissions/rounds/${round.id}/schools/${a.urn}">${escapeHtml(a.schoolName)}</a>` },
        { text: a.urn },
        { text: a.selective ? 'Grammar' : 'Non-selective' },
        { text: whole(a.admissionNumber), format: 'numeric' },
        { text: a.profile === null ? '–' : whole(a.profile.applicants), format: 'numeric' },
        { text: a.profile === null ? '–' : whole(a.profile.offered), format: 'numeric' },
        { text: a.profile === null ? '–' : whole(a.profile.vacancies), format: 'numeric' },
      ]),
      done,
      problem,
    });
  };

  app.get('/admissions/rounds/:id', workAdmissions, async (request, reply) => {
    const { id: roundId } = roundParams.parse(request.params);
    const q = request.query as Record<string, unknown> | undefined;
    const done =
      q?.done === 'allocated'
        ? `The allocation has run: ${whole(Number(q.offers ?? 0))} applications allocated, ${whole(Number(q.preferred ?? 0))} offered one of their preferences, ${whole(Number(q.allocated ?? 0))} allocated by the LA, ${whole(Number(q.none ?? 0))} with no offer.`
        : null;
    return showRound(request, reply, roundId, done, null);
  });

  app.post('/admissions/rounds/:id/run', workAdmissions, async (request, reply) => {
    const { id: roundId } = roundParams.parse(request.params);
    try {
      const result = await services.admissions.runRound(roundId, auditWho(request));
      const c = result.counts;
      return reply.redirect(
        `/admissions/rounds/${roundId}?done=allocated&offers=${result.offers}&preferred=${c.preferred}&allocated=${c.nonPreferred}&none=${c.noOffer}`,
        303,
      );
    } catch (error) {
      if (error instanceof BadRequestError) return showRound(request, reply, roundId, null, `The allocation did not run: ${error.message}.`);
      throw error;
    }
  });

  app.get('/admissions/rounds/:id/applications', workAdmissions, async (request, reply) => {
    const { id: roundId } = roundParams.parse(request.params);
    const query = listQuery.parse(request.query ?? {});
    const { round } = await services.admissions.round(roundId);
    const list = await services.admissions.applications(roundId, readerOf(request), {
      ...(query.reference === '' ? {} : { reference: query.reference }),
      ...(query.urn === '' ? {} : { urn: query.urn }),
      ...(query.offer === '' ? {} : { offer: query.offer }),
      limit: pageSize,
      offset: (query.page - 1) * pageSize,
    });
    const first = (query.page - 1) * pageSize + 1;
    const last = first + list.rows.length - 1;
    const pageHref = (page: number) =>
      `/admissions/rounds/${roundId}/applications?${new URLSearchParams({ reference: query.reference, urn: query.urn, offer: query.offer, page: String(page) }).toString()}`;
    return reply.view('pages/admissions/applications.njk', {
      title: `Applications – ${roundTitle(round)}`,
      section: 'admissions',
      breadcrumbs: roundCrumbs(round),
      roundId,
      heading: roundTitle(round),
      values: query,
      offerItems: offerFilterItems.map((i) => ({ ...i, selected: i.value === query.offer })),
      showing: list.total === 0 ? null : `Showing ${whole(first)} to ${whole(last)} of ${whole(list.total)}`,
      previous: query.page > 1 ? { href: pageHref(query.page - 1) } : undefined,
      next: last < list.total ? { href: pageHref(query.page + 1) } : undefined,
      rows: list.rows.map((r) => [
        { html: `<a class="govuk-link" href="/admissions/applications/${r.id}">${escapeHtml(r.reference)}</a>` },
        { text: r.name },
        { text: longDate(r.receivedOn) },
        { text: offerWords(r.offer?.kind ?? null, r.offer?.preferenceRank ?? null) },
        { text: r.offer?.urn ?? '–' },
      ]),
    });
  });

  const showApplication = async (request: FastifyRequest, reply: FastifyReply, applicationId: number, errors: readonly FieldError[], values: object) => {
    const found = await services.admissions.application(applicationId, readerOf(request));
    const { application: a, round, offer, schoolNames } = found;
    const nameOf = (urn: string | null) => (urn === null ? '–' : (schoolNames[urn] ?? `School ${urn}`));
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/admissions/application.njk', {
      title: `Application ${a.id}`,
      section: 'admissions',
      breadcrumbs: [...roundCrumbs(round), { text: 'Applications', href: `/admissions/rounds/${round.id}/applications` }],
      id: applicationId,
      reference: a.id,
      name: `${a.child.givenName} ${a.child.familyName}`,
      child: [
        ['Date of birth', longDate(a.child.dateOfBirth)],
        ['Home postcode', a.homePostcode ?? 'Not given'],
        ['How the application was made', a.online ? 'Online' : 'On paper'],
        ['Received', longDate(a.receivedOn)],
        ['On time', a.late ? `Late: received after the closing date (${longDate(round.closingDate)})` : 'Yes, by the closing date'],
      ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
      offer:
        offer === null
          ? null
          : [
              ['School offered', nameOf(offer.urn)],
              ['Offered as', offerWords(offer.kind as OfferKind, offer.preferenceRank)],
              ['Distance from home', km(offer.distanceMetres ?? found.explanation.find((e) => e.outcome === 'offered')?.distanceMetres ?? null)],
              [
                'Family’s response',
                offer.response === null ? 'Not yet recorded' : `${offer.response === 'accepted' ? 'Accepted' : 'Declined'} on ${longDate(offer.respondedOn!)}`,
              ],
            ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
      mayRespond: offer !== null && offer.kind !== 'none',
      preferences: found.explanation.map((e) => ({
        heading: `${preferenceWords(e.rank)}: ${nameOf(e.urn)}`,
        rows: [
          ['Outcome', outcomeWords(e.outcome)],
          ['Criterion met', criterionWords(e.criterion)],
          ['Position in the school’s order', positionWords(e.position)],
          ['Distance', km(e.distanceMetres)],
          [
            'Last place offered',
            e.lastOffered === null
              ? 'No place was offered'
              : `${positionWords(e.lastOffered.position)} (${criterionLabel(e.lastOffered.criterion)}, ${km(e.lastOffered.distanceMetres)})`,
          ],
        ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
        text: e.text,
      })),
      responseItems: [
        { value: 'accepted', text: 'Accepted', checked: (values as { response?: string }).response === 'accepted' },
        { value: 'declined', text: 'Declined', checked: (values as { response?: string }).response === 'declined' },
      ],
      values,
      today: services.admissions.today(),
      mayChange: services.admissions.today() <= round.closingDate,
      closing: longDate(round.closingDate),
      named: a.preferences.map((p) => ({ key: { text: preferenceWords(p.rank) }, value: { text: `${nameOf(p.urn)} (URN ${p.urn})` } })),
      done: doneOf(request),
      ...errorsShown(errors),
    });
  };

  app.get('/admissions/applications/:id', workAdmissions, async (request, reply) =>
    showApplication(request, reply, roundParams.parse(request.params).id, [], {}),
  );

  // The route's access is work-admissions; reading the application first checks the officer's reach over the child's home.
  app.post('/admissions/applications/:id/response', workAdmissions, async (request, reply) => {
    const { id: applicationId } = roundParams.parse(request.params);
    const values = responseForm.parse(request.body ?? {});
    await services.admissions.application(applicationId, readerOf(request));
    const errors: FieldError[] = [];
    if (values.response !== 'accepted' && values.response !== 'declined') errors.push({ field: 'response', text: 'Choose accepted or declined' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.on)) errors.push({ field: 'on', text: 'Enter the date of the response as year-month-day, for example 2014-03-10' });
    if (errors.length === 0) {
      try {
        await services.admissions.recordResponse(applicationId, values.response as 'accepted' | 'declined', values.on, auditWho(request));
        return reply.redirect(`/admissions/applications/${applicationId}?done=response`, 303);
      } catch (error) {
        if (!(error instanceof BadRequestError)) throw error;
        errors.push({ field: 'on', text: `The response was not recorded: ${error.message}` });
      }
    }
    return showApplication(request, reply, applicationId, errors, values);
  });

  app.get('/admissions/rounds/:id/schools/:urn', workAdmissions, async (request, reply) => {
    const { id: roundId, urn } = schoolParams.parse(request.params);
    const { round } = await services.admissions.round(roundId);
    const { current, versions, allocation } = await services.admissions.arrangement(roundId, urn);
    const profile = allocation?.profile ?? null;
    const names = await namesOf();
    return reply.view('pages/admissions/school.njk', {
      title: `${current.schoolName} – ${roundTitle(round)}`,
      section: 'admissions',
      breadcrumbs: roundCrumbs(round),
      heading: current.schoolName,
      caption: `${roundTitle(round)}, URN ${urn}`,
      arrangement: [
        ['Admission number', whole(current.admissionNumber)],
        ['Admission authority', authorityWords(current.admissionAuthority)],
        ['Selective', current.selective ? 'Yes: a grammar school (only children assessed suitable may be offered a place)' : 'No'],
        ['Tie-break', tieBreakWords(current.tieBreak)],
        ['Distance', 'Straight line from home to school'],
      ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
      criteria: current.criteria.map((c) => criterionLabel(c.kind)),
      versions: versions.map((v) => [
        { text: String(v.version), format: 'numeric' },
        { text: `${whole(v.admissionNumber)} places; ${v.criteria.map((c) => criterionLabel(c.kind)).join(', then ')}` },
        { text: allocatedWords(v.recordedAt, v.recordedBy, names) },
      ]),
      profile:
        profile === null
          ? null
          : {
              rows: [
                ['Applicants (any preference)', whole(profile.applicants)],
                ['First-preference applicants', whole(profile.firstPreferenceApplicants)],
                ['Admitted with an EHC plan naming the school', whole(profile.ehcPlanAdmissions)],
                ['Offered', whole(profile.offered)],
                [
                  'Last place offered',
                  profile.lastOffered === null
                    ? 'No place offered'
                    : `${criterionLabel(profile.lastOffered.criterion)}, ${km(profile.lastOffered.distanceMetres)}`,
                ],
                ['Vacancies', whole(profile.vacancies)],
                ['Waiting list', `${whole(profile.waitingList.length)} children`],
              ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
              byCriterion: profile.byCriterion.map((b) => [
                { text: criterionLabel(b.criterion) },
                { text: whole(b.offered), format: 'numeric' },
                { text: km(b.furthestMetres), format: 'numeric' },
              ]),
              version: allocation?.arrangementVersion ?? null,
            },
    });
  });
}

/** Text placed inside a table cell's html. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
