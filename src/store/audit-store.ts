import { sql, type Kysely, type Selectable } from 'kysely';
import { chainEntry, genesisHash, type AuditEntry, type AuditRecord, type AuditWho } from '../domain/audit/audit-chain.ts';
import { createAuditSearch } from './audit-search.ts';
import type { AuditEventTable, Database } from './schema.ts';

/** The lock every append takes, so the chain stays one line however many writers there are (held to commit). */
const appendLock = sql`select pg_advisory_xact_lock(hashtext('waymark.audit_event'))`;

/** The audit trail (migration 0012): append and read, never change. */
export function createAuditStore(db: Kysely<Database>) {
  const append = async (trx: Kysely<Database>, who: AuditWho, record: AuditRecord, at: Date): Promise<AuditEntry> => {
    await appendLock.execute(trx);
    const last = await trx.selectFrom('audit_event').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('audit_event', 'id')) as id`.execute(trx);
    const entry = chainEntry(
      {
        id: rows[0]!.id,
        // The table keeps milliseconds, as the hash does.
        at: new Date(Math.floor(at.getTime())),
        actor: who.actor,
        action: record.action,
        placeId: record.placeId ?? null,
        subject: record.subject,
        requestId: who.requestId,
        detail: record.detail ?? {},
      },
      last?.hash ?? genesisHash,
    );
    await trx
      .insertInto('audit_event')
      .values({
        id: entry.id,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        place_id: entry.placeId,
        subject: entry.subject,
        request_id: entry.requestId,
        detail: JSON.stringify(entry.detail),
        prev_hash: entry.prevHash,
        hash: entry.hash,
      })
      .execute();
    return entry;
  };

  return {
    ...createAuditSearch(db),

    /** Append one entry in the caller's transaction (or a transaction of its own): it commits or rolls back with the write it records. */
    append: (who: AuditWho, record: AuditRecord, at: Date): Promise<AuditEntry> =>
      db.isTransaction ? append(db, who, record, at) : db.transaction().execute((trx) => append(trx, who, record, at)),

    /** Every entry in id order, a page at a time: the trail may be far larger than memory. */
    async *inOrder(pageSize = 1000): AsyncGenerator<AuditEntry> {
      let after = 0;
      for (;;) {
        const rows = await db.selectFrom('audit_event').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute();
        for (const row of rows) yield entryOf(row);
        if (rows.length < pageSize) return;
        after = rows.at(-1)!.id;
      }
    },
  };
}

function entryOf(row: Selectable<AuditEventTable>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    placeId: row.place_id,
    subject: row.subject,
    requestId: row.request_id,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
