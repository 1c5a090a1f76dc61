import { sql, type Kysely } from 'kysely';

// The data version's functions (migration 0028) read the public tables only, as the observation reference checks do
// (migration 0029): a writing session's temporary table named data_change must not stand in for the real one, and a
// search_path set by a session cannot move what the triggers write. A review finding on ADR 0022.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter function data_change_note() set search_path = pg_catalog, public, pg_temp;
    alter function data_change_stamp() set search_path = pg_catalog, public, pg_temp;
    alter function data_change_compact() set search_path = pg_catalog, public, pg_temp;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter function data_change_note() reset search_path;
    alter function data_change_stamp() reset search_path;
    alter function data_change_compact() reset search_path;
  `.execute(db);
}
