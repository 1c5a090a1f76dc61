import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The data version (migration 0028): the total of committed changes to what pages show, and when the last was committed. */
export type DataVersion = Readonly<{ version: bigint; changedAt: Date | null }>;

/** Rows data_change may hold before a read folds them into one (each writing transaction adds one). */
const compactAbove = 256;

export function createDataVersionStore(db: Kysely<Database>) {
  return {
    async current(): Promise<DataVersion> {
      const { rows } = await sql<{ version: string; changed_at: Date | null; rows: number }>`
        select coalesce(sum(weight), 0)::text as version, max(changed_at) as changed_at, count(*)::int as rows from data_change`.execute(db);
      const row = rows[0]!;
      // Folding keeps the total: the version read before and after is the same.
      if (row.rows > compactAbove) await sql`select data_change_compact()`.execute(db);
      return { version: BigInt(row.version), changedAt: row.changed_at === null ? null : new Date(row.changed_at) };
    },
  };
}
