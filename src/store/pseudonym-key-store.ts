import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The LA's pseudonymisation key (migration 0021): one row, written once. Its bytes never leave the services that hash with them. */
export function createPseudonymKeyStore(db: Kysely<Database>) {
  return {
    /** Keep `candidate` as the key unless one is already kept; returns the key kept (two first extracts at once agree on one). */
    async keep(candidate: Uint8Array): Promise<Uint8Array> {
      await sql`insert into pseudonym_key (id, key) values (1, ${Buffer.from(candidate)}) on conflict (id) do nothing`.execute(db);
      const { rows } = await sql<{ key: Buffer }>`select key from pseudonym_key where id = 1`.execute(db);
      return new Uint8Array(rows[0]!.key);
    },

    /** The key kept, or undefined before the first extract. */
    async current(): Promise<Uint8Array | undefined> {
      const { rows } = await sql<{ key: Buffer }>`select key from pseudonym_key where id = 1`.execute(db);
      return rows[0] === undefined ? undefined : new Uint8Array(rows[0].key);
    },
  };
}
