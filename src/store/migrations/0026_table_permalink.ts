import { sql, type Kysely } from 'kysely';

// The table builder's permalinks (issue 19.2): the tables as built, kept whole (jsonb) with what was asked and the
// import that was the latest when they were built, so a later import never changes a permalinked table. Never updated
// or deleted: a permalink is a promise that the address shows the same table for good.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table table_permalink (
      id text primary key check (id ~ '^[a-z2-7]{16}$'),
      created_at timestamptz not null,
      query jsonb not null,
      data_version bigint,
      data_version_at timestamptz,
      tables jsonb not null,
      check ((data_version is null) = (data_version_at is null))
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table table_permalink`.execute(db);
}
