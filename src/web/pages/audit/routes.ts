import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { actionWords } from '../../../domain/audit/action-words.ts';
import { filterPairs, readAuditQuery, type AuditFilterForm, type FilterError } from '../../../domain/audit/audit-filter.ts';
import { BadRequestError } from '../../../domain/errors.ts';
import { kindLabels, type PlaceKind } from '../../../domain/geography/place.ts';
import { londonTime } from '../../../domain/periods/london-time.ts';
import type { AuditListing } from '../../../services/audit/audit-reader.ts';
import type { Services } from '../../../services/create-services.ts';
import { auditWho } from '../../audit-who.ts';
import { placeHref } from '../place-links.ts';
import { auditCsv } from './audit-csv.ts';

const readAudit = { access: { action: 'read-audit' } } as const;

/** The page's address with the same filters and one more pair (a cursor, the verify button). */
function hrefWith(path: string, form: AuditFilterForm, extra: [string, string][] = []): string {
  const query = new URLSearchParams([...filterPairs(form), ...extra]).toString();
  return query === '' ? path : `${path}?${query}`;
}

/** The detail's ids and counts as `rows: 10; format: gias-establishments` ("–" when there are none). */
function detailText(detail: unknown): string {
  if (detail === null || typeof detail !== 'object') return detail === null || detail === undefined ? '–' : JSON.stringify(detail);
  const pairs = Object.entries(detail as Record<string, unknown>).map(
    ([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? v : JSON.stringify(v)}`,
  );
  return pairs.length === 0 ? '–' : pairs.join('; ');
}

function rowOf(e: AuditListing) {
  return {
    id: e.id,
    iso: e.at.toISOString(),
    when: londonTime(e.at),
    actor: e.actor,
    actorName: e.actorName,
    action: e.action,
    words: actionWords(e.action, e.detail),
    subject: e.subject,
    place:
      e.placeKind !== null && e.placeCode !== null
        ? { name: e.placeName ?? e.placeCode, href: placeHref({ kind: e.placeKind as PlaceKind, code: e.placeCode }) }
        : e.placeId === null
          ? null
          : { name: `place ${e.placeId} (no longer held)`, href: null },
    requestId: e.requestId,
    detail: detailText(e.detail),
  };
}

/**
 * The audit trail for LA administrators (issue 14.7): newest first, 100 a page (keyset on id), filtered by a GET form;
 * the whole filtered trail as CSV (its download recorded on the trail); the hash chain checked when asked.
 */
export function auditRoutes(app: FastifyInstance, services: Services): void {
  app.get('/audit', { config: readAudit }, async (request, reply) => {
    const read = readAuditQuery(request.query as Record<string, unknown>);
    let errors: readonly FilterError[] = read.errors;
    let page: Awaited<ReturnType<Services['audit']['page']>> | null = null;
    if (read.filter !== null) {
      const resolved = await services.audit.resolve(read.filter);
      if (resolved.ok) page = await services.audit.page(resolved.query, read.cursor);
      else errors = resolved.errors;
    }
    // Reading and hashing every entry grows with the trail (about 2 seconds a hundred thousand entries), so the chain is
    // checked when the button asks, once for the request, rather than on every page and filter.
    const verification = read.verify ? await services.audit.verify() : null;
    const held = await services.audit.actions();
    const actions = [...new Set([...held, ...(read.form.action === '' ? [] : [read.form.action])])].sort();
    const entries = page?.entries ?? [];
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/audit/view.njk', {
      title: errors.length > 0 ? 'Error: Audit trail' : 'Audit trail',
      errors,
      errorList: errors.map((e) => ({ text: e.message, href: e.href })),
      fieldErrors: Object.fromEntries(errors.filter((e) => e.field !== null).map((e) => [e.field!, e.message] as const)),
      form: read.form,
      filtered: filterPairs(read.form).length > 0,
      actionItems: [
        { value: '', text: 'Any action' },
        ...actions.map((a) => ({ value: a, text: actionWords(a) === a ? a : `${actionWords(a)} (${a})`, selected: a === read.form.action })),
      ],
      kindItems: [
        { value: '', text: 'Any place' },
        ...Object.entries(kindLabels).map(([value, text]) => ({ value, text, selected: value === read.form['place-kind'] })),
      ],
      rows: entries.map(rowOf),
      verification,
      verifyHref: hrefWith('/audit', read.form, [['verify', 'yes']]),
      filterPairs: filterPairs(read.form),
      csvHref: hrefWith('/audit.csv', read.form),
      newerHref: page?.newer && entries.length > 0 ? hrefWith('/audit', read.form, [['after', String(entries[0]!.id)]]) : null,
      olderHref: page?.older && entries.length > 0 ? hrefWith('/audit', read.form, [['before', String(entries.at(-1)!.id)]]) : null,
    });
  });

  app.get('/audit.csv', { config: readAudit }, async (request, reply) => {
    const read = readAuditQuery(request.query as Record<string, unknown>);
    if (read.filter === null) throw new BadRequestError(read.errors.map((e) => e.message).join('; '));
    const resolved = await services.audit.resolve(read.filter);
    if (!resolved.ok) throw new BadRequestError(resolved.errors.map((e) => e.message).join('; '));
    const entries = await services.audit.export(auditWho(request), read.filter, resolved.query);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-trail-${services.sessions.today()}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(auditCsv(entries)));
  });
}
