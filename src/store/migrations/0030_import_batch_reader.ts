import { sql, type Kysely } from 'kysely';

// An unchanged file imported again costs a hash check (issue 20.3, domain/import-file.ts heldBatch): a batch records
// the reader that read its file (Waymark's version and the mappings and options it read with) and the data version
// (migration 0028) its import committed, when that import was the only change committed while it ran. Batches from
// before are left null: their files are read again, as before.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table import_batch add column reader text, add column version_after numeric(20, 0);
    create index import_batch_file_hash on import_batch (file_hash);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index import_batch_file_hash;
    alter table import_batch drop column reader, drop column version_after;
  `.execute(db);
}
