import { sql, type Kysely } from 'kysely';

// ONS births are published by district and unitary authority, keyed by ONS codes that Waymark can place only once the
// register (Code-Point's code names, the LA code list) is loaded. The file's rows are kept as read, so the births of
// every area, county sums and England's are remade whenever the register changes: the figures end the same whichever
// of the two files came first (issue 11.2).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table births_record (
      area_code text not null,
      sex text not null check (sex in ('female', 'male')),
      year text not null,
      births integer not null check (births >= 0),
      batch_id integer not null references import_batch (id),
      source_line integer not null,
      primary key (area_code, sex, year)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table births_record`.execute(db);
}
