import { sql, type Kysely } from 'kysely';
import type { AuditEntry } from '../domain/audit/audit-chain.ts';
import type { Database } from './schema.ts';

/** The audit trail's filters with names resolved to ids: each null matches every entry. Days are Europe/London, both included. */
export type AuditQuery = Readonly<{
  from: string | null;
  to: string | null;
  actor: string | null;
  action: string | null;
  subject: string | null;
  placeId: number | null;
  requestId: string | null;
}>;

/** An entry as /audit shows it: with its place's kind, code and name, and the acting user's current display name. */
export type AuditListing = AuditEntry & Readonly<{ placeKind: string | null; placeCode: string | null; placeName: string | null; actorName: string | null }>;

/** Reading the audit trail by filter, newest first a page at a time (keyset on id), or all of it in id order. */
export function createAuditSearch(db: Kysely<Database>) {
  const filtered = (q: AuditQuery) => {
    let query = db
      .selectFrom('audit_event as a')
      .leftJoin('place as p', 'p.id', 'a.place_id')
      // The trail keeps `user:17`; the page shows who that is today (a renamed user shows their new name).
      .leftJoin('app_user as u', (join) => join.on(sql<boolean>`a.actor = 'user:' || u.id::text`))
      .select([
        'a.id',
        'a.at',
        'a.actor',
        'a.action',
        'a.place_id as placeId',
        'a.subject',
        'a.request_id as requestId',
        'a.detail',
        'a.prev_hash as prevHash',
        'a.hash',
        'p.kind as placeKind',
        'p.code as placeCode',
        'p.name as placeName',
        'u.display_name as actorName',
      ]);
    if (q.from !== null) query = query.where(sql<boolean>`a.at >= ${q.from}::date::timestamp at time zone 'Europe/London'`);
    if (q.to !== null) query = query.where(sql<boolean>`a.at < (${q.to}::date + 1)::timestamp at time zone 'Europe/London'`);
    if (q.actor !== null) query = query.where('a.actor', '=', q.actor);
    if (q.action !== null) query = query.where('a.action', '=', q.action);
    if (q.subject !== null) query = query.where('a.subject', '=', q.subject);
    if (q.placeId !== null) query = query.where('a.place_id', '=', q.placeId);
    if (q.requestId !== null) query = query.where('a.request_id', '=', q.requestId);
    return query;
  };

  return {
    /**
     * One page, newest first: the `limit` entries older than `before` (or the newest, with neither), or the `limit`
     * entries just newer than `after`; with whether there are newer and older entries beyond the page.
     */
    async page(q: AuditQuery, cursor: Readonly<{ before?: number; after?: number }>, limit: number) {
      const rows: AuditListing[] =
        cursor.after !== undefined
          ? (
              await filtered(q)
                .where('a.id', '>', cursor.after)
                .orderBy('a.id', 'asc')
                .limit(limit + 1)
                .execute()
            ).reverse()
          : await (cursor.before === undefined ? filtered(q) : filtered(q).where('a.id', '<', cursor.before))
              .orderBy('a.id', 'desc')
              .limit(limit + 1)
              .execute();
      const overflow = rows.length > limit;
      // Asked for newer entries: the extra row is the newest (first); asked for older: the oldest (last).
      const entries = overflow ? (cursor.after !== undefined ? rows.slice(1) : rows.slice(0, limit)) : rows;
      const beyond = async (side: '<' | '>', id: number | undefined) =>
        id !== undefined && (await filtered(q).where('a.id', side, id).limit(1).executeTakeFirst()) !== undefined;
      return {
        entries,
        newer: cursor.after !== undefined ? overflow : await beyond('>', entries[0]?.id ?? cursor.before),
        older: cursor.after !== undefined ? await beyond('<', entries.at(-1)?.id ?? cursor.after) : overflow,
      };
    },

    /** Every entry the filters match, in id order, read a page at a time (the trail may be far larger than memory). */
    async *matching(q: AuditQuery, pageSize = 1000): AsyncGenerator<AuditListing> {
      let after = 0;
      for (;;) {
        const rows = await filtered(q).where('a.id', '>', after).orderBy('a.id').limit(pageSize).execute();
        yield* rows;
        if (rows.length < pageSize) return;
        after = rows.at(-1)!.id;
      }
    },

    /** The distinct actions the trail holds, read by skipping along the action index (migration 0016), not the whole table. */
    async actions(): Promise<string[]> {
      const result = await sql<{ action: string }>`
        with recursive held(action) as (
          (select action from audit_event order by action limit 1)
          union all
          select (select a.action from audit_event a where a.action > held.action order by a.action limit 1) from held where held.action is not null
        )
        select action from held where action is not null`.execute(db);
      return result.rows.map((r) => r.action);
    },
  };
}
