import { sql, type Kysely } from 'kysely';

// The LA's key for pseudonymised extracts (issue 15.7, ADR 0018): one row, made once by the service layer
// (crypto.randomBytes) the first time an extract is taken and kept here, never logged and never exported. Whoever
// holds it can recompute a child's pseudonym from their UPN; the analyst who gets an extract does not hold it.
// Deleting the row (as the tables' owner) makes every later extract unlinkable to the earlier ones.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pseudonym_key (
      id smallint primary key default 1 check (id = 1),
      key bytea not null check (octet_length(key) = 32),
      made_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table pseudonym_key`.execute(db);
}
