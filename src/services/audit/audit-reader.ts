import { filterDetail, type AuditCursor, type AuditFilter, type FilterError } from '../../domain/audit/audit-filter.ts';
import { kindLabels } from '../../domain/geography/place.ts';
import type { AuditQuery, AuditListing } from '../../store/audit-search.ts';
import type { Store } from '../../store/store.ts';
import type { AuditTrail, AuditWho } from './audit-service.ts';

export type { AuditListing, AuditQuery };

/** Entries on one page of /audit. */
export const auditPageSize = 100;

/** A filter whose names were resolved: the query for the store, or what could not be found, said beside its field. */
export type ResolvedFilter = Readonly<{ ok: true; query: AuditQuery }> | Readonly<{ ok: false; errors: readonly FilterError[] }>;

/** Reading the audit trail for administrators (issue 14.7): filtered pages, the whole filtered trail, and the chain's check. */
export function createAuditReader(store: Store, trail: AuditTrail) {
  return Object.freeze({
    /** Read the whole trail in id order and check its chain. */
    verify: () => trail.verify(),

    /** The actions the trail holds, for the filter's list. */
    actions: () => store.audit.actions(),

    /** A username to its actor id (`user:17`) and a place's kind and code to its id; a name not found is an error on its field. */
    async resolve(filter: AuditFilter): Promise<ResolvedFilter> {
      const errors: FilterError[] = [];
      let actor: string | null = null;
      if (filter.actor?.kind === 'id') actor = filter.actor.actor;
      else if (filter.actor?.kind === 'username') {
        const user = await store.access.userByName(filter.actor.username);
        if (user === undefined) errors.push({ field: 'actor', href: '#actor', message: `There is no user with the username ${filter.actor.username}` });
        else actor = `user:${user.id}`;
      }
      let placeId: number | null = null;
      if (filter.place !== null) {
        const place = await store.places.find(filter.place.kind, filter.place.code);
        if (place === undefined)
          errors.push({
            field: 'place-code',
            href: '#place-code',
            message: `There is no ${kindLabels[filter.place.kind].toLowerCase()} with the code ${filter.place.code}`,
          });
        else placeId = place.id;
      }
      if (errors.length > 0) return { ok: false, errors };
      return {
        ok: true,
        query: { from: filter.from, to: filter.to, actor, action: filter.action, subject: filter.subject, placeId, requestId: filter.requestId },
      };
    },

    /** One page of entries, newest first, with whether there are newer and older ones. */
    page: (query: AuditQuery, cursor: AuditCursor) =>
      store.audit.page(query, cursor === null ? {} : 'before' in cursor ? { before: cursor.before } : { after: cursor.after }, auditPageSize),

    /**
     * Every entry the filters match, in id order, for the CSV download; the download is itself recorded first
     * (`audit.export`, with the filters by id), so a copy of the trail taken away is on the trail.
     */
    async export(who: AuditWho, filter: AuditFilter, query: AuditQuery): Promise<AsyncGenerator<AuditListing>> {
      await store.transaction((tx) =>
        trail.record(tx, who, {
          action: 'audit.export',
          subject: 'audit-trail',
          placeId: query.placeId,
          detail: filterDetail(filter, query.actor, query.placeId),
        }),
      );
      return store.audit.matching(query);
    },
  });
}
