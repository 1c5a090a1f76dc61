import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apOutcomes, apOutcomeWords } from '../../../domain/casework/alternative-provision-rules.ts';
import { legalStatuses } from '../../../domain/casework/children-in-care-rules.ts';
import { describeIssue } from '../../../domain/errors.ts';
import { academicYearCode, academicYearLabel } from '../../../domain/periods/period.ts';
import type { Services } from '../../../services/create-services.ts';
import { readCsvBytes } from '../../../imports/csv-table.ts';
import { exclusionsCsv, readExclusionsCsv } from '../../../imports/exclusions/exclusions-csv.ts';
import { read903Files } from '../../../imports/ssda903/ssda903-csv.ts';
import { auditWho } from '../../audit-who.ts';
import { errorsShown, type FieldError } from '../account/routes.ts';
import {
  exclusionFormFields,
  exclusionOfForm,
  exclusionRows,
  groupedBySchool,
  reasonItems,
  reviewOfForm,
  summaryOf,
  type ExclusionForm,
} from './view-models.ts';

const work = { config: { access: { action: 'work-inclusion-cases' } } } as const;
const idParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});
const childParams = z.object({ child: z.string().max(40) });
const yearQuery = z.object({
  year: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  done: z.string().max(40).optional(),
  kind: z.enum(['permanent', 'suspension']).optional(),
});
const text = z.string().max(200).default('');
const reviewForm = z.object({
  governorsOutcome: text,
  governorsDate: text,
  panelOutcome: text,
  panelDate: text,
  reconsideredOutcome: text,
  reconsideredDate: text,
});
const importForm = z.object({ csv: z.string().max(2_000_000).default('') });
const import903Form = z.object({ header: z.string().max(2_000_000).default(''), episodes: z.string().max(4_000_000).default('') });
const outcomeForm = z.object({ outcome: text });

const breadcrumbs = [{ text: 'Exclusions and inclusion', href: '/inclusion' }];
const done: Readonly<Record<string, string>> = {
  recorded: 'The exclusion is recorded and the year’s figures are remade.',
  reviewed: 'The review outcome is recorded and the year’s figures are remade.',
  outcome: 'The outcome is recorded and the year’s figure for target 24 is remade.',
};

/** The year shown: the one asked for, else the latest year held (2011/12 before anything is). */
async function yearOf(request: FastifyRequest, services: Services): Promise<string> {
  const asked = yearQuery.parse(request.query ?? {}).year;
  if (asked !== undefined) return asked;
  const held = await services.inclusion.exclusions.periods();
  return held.at(-1) ?? academicYearCode(2011);
}

/**
 * The inclusion team's pages (issue 15.4-5): exclusions in scope by district and school with a reconciliation against
 * the census, one exclusion with the pupil's timeline and its reviews, recording an exclusion (form, check answers),
 * importing and exporting an exclusions list, children in care (the Virtual School) and alternative provision.
 */
export function inclusionRoutes(app: FastifyInstance, services: Services): void {
  const scopeOf = (request: FastifyRequest) => services.sessions.scopeFor(request.principal, 'work-inclusion-cases');

  app.get('/inclusion', work, async (request, reply) => {
    const year = await yearOf(request, services);
    // Permanent exclusions by default (a few hundred a year); suspensions, some thousands, when asked for.
    const kind = yearQuery.parse(request.query ?? {}).kind ?? 'permanent';
    const rows = await services.inclusion.exclusions.list(auditWho(request), await scopeOf(request), { period: year, kind });
    const reconciled = await services.inclusion.exclusions.reconcile(year);
    const inScope = new Set(rows.map((r) => r.schoolUrn));
    return reply.view('pages/inclusion/list.njk', {
      title: 'Exclusions',
      year,
      yearLabel: academicYearLabel(year),
      years: (await services.inclusion.exclusions.periods()).map((p) => ({ value: p, text: academicYearLabel(p), selected: p === year })),
      districts: groupedBySchool(rows),
      kind,
      shown: rows.length,
      differences:
        reconciled === null
          ? null
          : reconciled.schools.filter((s) => (s.casework !== s.census || s.caseworkSuspensions !== s.censusSuspensions) && inScope.has(s.urn)),
      reconciled,
      done: done[yearQuery.parse(request.query ?? {}).done ?? ''] ?? null,
    });
  });

  app.get('/inclusion/exclusions.csv', work, async (request, reply) => {
    const year = await yearOf(request, services);
    const rows = await services.inclusion.exclusions.list(auditWho(request), await scopeOf(request), { period: year }, 'inclusion.export-exclusions');
    return (
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="exclusions-${year}.csv"`)
        // Anonymised records are kept for the figures alone: they name no pupil and are not exported.
        .send(exclusionsCsv(rows.filter((r) => r.anonymisedOn === null)))
    );
  });

  const showForm = (reply: FastifyReply, values: ExclusionForm, errors: readonly FieldError[]) =>
    reply.view('pages/inclusion/new.njk', {
      title: 'Record an exclusion',
      breadcrumbs,
      values,
      reasons: reasonItems(values.reasonCode),
      ...errorsShown(errors),
    });

  app.get('/inclusion/exclusions/new', work, async (_request, reply) => showForm(reply, exclusionFormFields.parse({}), []));

  // Change: back to the form with the answers given.
  app.post('/inclusion/exclusions/change', work, async (request, reply) => showForm(reply, exclusionFormFields.parse(request.body ?? {}), []));

  app.post('/inclusion/exclusions/check', work, async (request, reply) => {
    const values = exclusionFormFields.parse(request.body ?? {});
    const parsed = exclusionOfForm(values);
    const errors =
      parsed.errors.length > 0 ? parsed.errors : await services.inclusion.exclusions.check(auditWho(request), await scopeOf(request), parsed.exclusion);
    if (errors.length > 0)
      return showForm(
        reply.code(400),
        values,
        errors.map((e) => ({ field: e.field, text: e.message })),
      );
    return reply.view('pages/inclusion/check.njk', {
      title: 'Check the exclusion before recording it',
      breadcrumbs,
      values,
      summary: summaryOf(parsed.exclusion),
    });
  });

  app.post('/inclusion/exclusions', work, async (request, reply) => {
    const values = exclusionFormFields.parse(request.body ?? {});
    const parsed = exclusionOfForm(values);
    if (parsed.errors.length > 0)
      return showForm(
        reply.code(400),
        values,
        parsed.errors.map((e) => ({ field: e.field, text: e.message })),
      );
    try {
      const id = await services.inclusion.exclusions.record(auditWho(request), await scopeOf(request), parsed.exclusion);
      return reply.redirect(`/inclusion/exclusions/${id}?done=recorded`, 303);
    } catch (error) {
      if (!(error instanceof Error && 'errors' in error)) throw error;
      return showForm(
        reply.code(400),
        values,
        (error.errors as { field: string; message: string }[]).map((e) => ({ field: e.field, text: e.message })),
      );
    }
  });

  const showExclusion = async (request: FastifyRequest, reply: FastifyReply, id: number, errors: readonly FieldError[] = []) => {
    const { exclusion, timeline } = await services.inclusion.exclusions.show(auditWho(request), await scopeOf(request), id);
    return reply.view('pages/inclusion/exclusion.njk', {
      title: `Exclusion ${id}`,
      breadcrumbs,
      exclusion,
      summary: summaryOf(exclusion),
      timeline: exclusionRows(timeline),
      done: done[yearQuery.parse(request.query ?? {}).done ?? ''] ?? null,
      ...errorsShown(errors),
    });
  };

  app.get<{ Params: { id: string } }>('/inclusion/exclusions/:id', work, async (request, reply) =>
    showExclusion(request, reply, idParams.parse(request.params).id),
  );

  app.post<{ Params: { id: string } }>('/inclusion/exclusions/:id/review', work, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const review = reviewOfForm(reviewForm.parse(request.body ?? {}));
    try {
      await services.inclusion.exclusions.review(auditWho(request), await scopeOf(request), id, review);
    } catch (error) {
      if (!(error instanceof Error && 'errors' in error)) throw error;
      return showExclusion(
        request,
        reply.code(400),
        id,
        (error.errors as { field: string; message: string }[]).map((e) => ({ field: e.field, text: e.message })),
      );
    }
    return reply.redirect(`/inclusion/exclusions/${id}?done=reviewed`, 303);
  });

  app.get('/inclusion/import', work, async (_request, reply) =>
    reply.view('pages/inclusion/import.njk', { title: 'Import an exclusions list', breadcrumbs, issues: [] }),
  );

  app.post('/inclusion/import', work, async (request, reply) => {
    const { csv } = importForm.parse(request.body ?? {});
    const read = readCsvBytes('exclusions.csv', Buffer.from(csv, 'utf8'), 'utf-8');
    const lines = read.ok ? readExclusionsCsv(read.table) : read;
    const refuse = (issues: readonly string[]) =>
      reply.code(400).view('pages/inclusion/import.njk', { title: 'Import an exclusions list', breadcrumbs, issues });
    if (!lines.ok) return refuse(lines.issues.slice(0, 50).map(describeIssue));
    const result = await services.inclusion.exclusions.importRows(auditWho(request), await scopeOf(request), 'exclusions.csv', lines.lines);
    if (!result.ok)
      return refuse(result.issues.slice(0, 50).map((i) => describeIssue({ file: 'exclusions.csv', line: i.line, column: i.field, message: i.message })));
    return reply.view('pages/inclusion/import.njk', { title: 'Import an exclusions list', breadcrumbs, issues: [], imported: result });
  });

  app.get('/inclusion/children', work, async (request, reply) => {
    const year = await yearOf(request, services);
    const children = await services.inclusion.children.list(auditWho(request), await scopeOf(request), year);
    return reply.view('pages/inclusion/children.njk', {
      title: 'Children in care',
      breadcrumbs,
      year,
      yearLabel: academicYearLabel(year),
      children,
      cohort: children.filter((c) => c.inCohort).length,
      legalStatuses,
    });
  });

  const import903 = { title: 'Import an SSDA903 return', breadcrumbs: [...breadcrumbs, { text: 'Children in care', href: '/inclusion/children' }] };
  app.get('/inclusion/children/import', work, async (_request, reply) => reply.view('pages/inclusion/import-903.njk', { ...import903, issues: [] }));

  // The same service call as `waymark ssda903 import`: nothing is written when a line of either file has a problem.
  app.post('/inclusion/children/import', work, async (request, reply) => {
    const form = import903Form.parse(request.body ?? {});
    const read = read903Files(
      { file: 'header.csv', bytes: Buffer.from(form.header, 'utf8') },
      { file: 'episodes.csv', bytes: Buffer.from(form.episodes, 'utf8') },
    );
    const result = read.ok ? await services.inclusion.children.importChildren(auditWho(request), await scopeOf(request), 'ssda903 (web form)', read) : read;
    if (!result.ok) return reply.code(400).view('pages/inclusion/import-903.njk', { ...import903, issues: result.issues.slice(0, 50).map(describeIssue) });
    return reply.view('pages/inclusion/import-903.njk', { ...import903, issues: [], imported: result });
  });

  app.get<{ Params: { child: string } }>('/inclusion/children/:child', work, async (request, reply) => {
    const { child } = childParams.parse(request.params);
    const shown = await services.inclusion.children.show(auditWho(request), await scopeOf(request), child);
    return reply.view('pages/inclusion/child.njk', {
      title: `Child in care ${child}`,
      breadcrumbs: [...breadcrumbs, { text: 'Children in care', href: '/inclusion/children' }],
      ...shown,
      timeline: exclusionRows(shown.exclusions),
      legalStatuses,
    });
  });

  app.get('/inclusion/placements', work, async (request, reply) => {
    const year = await yearOf(request, services);
    const placements = await services.inclusion.placements.list(auditWho(request), await scopeOf(request), year);
    return reply.view('pages/inclusion/placements.njk', {
      title: 'Alternative provision placements',
      breadcrumbs,
      year,
      yearLabel: academicYearLabel(year),
      placements: placements.map((p) => ({ ...p, outcomeWords: p.outcome === null ? null : apOutcomeWords[p.outcome] })),
      outcomes: apOutcomes.map((o) => ({ value: o, text: apOutcomeWords[o] })),
      done: done[yearQuery.parse(request.query ?? {}).done ?? ''] ?? null,
    });
  });

  app.post<{ Params: { id: string } }>('/inclusion/placements/:id/outcome', work, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const { outcome } = outcomeForm.parse(request.body ?? {});
    await services.inclusion.placements.setOutcome(auditWho(request), await scopeOf(request), id, outcome);
    return reply.redirect(`/inclusion/placements?done=outcome`, 303);
  });
}
