import { sql, type Kysely } from 'kysely';

// Ofsted inspections, one row per school (URN as inspected) and start date and provenance. They are keyed by URN,
// not by place, because Ofsted files name schools the register may not hold (closed predecessors), and a school's
// history is read across its succession links. An official row and a scraped one for the same inspection are both
// kept; readers prefer the official one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inspection (
      id bigint generated always as identity primary key,
      urn text not null,
      la_code text,
      school_name text,
      phase text,
      postcode text,
      inspection_number text,
      started_on date not null,
      ended_on date,
      inspection_type text,
      overall_grade smallint check (overall_grade between 1 and 4),
      grade_note text,
      category text check (category in ('special-measures', 'serious-weaknesses', 'notice-to-improve')),
      judgements jsonb not null default '{}'::jsonb,
      provenance text not null check (provenance in ('official', 'unofficial')),
      source_line integer,
      batch_id bigint not null references import_batch (id),
      unique (urn, started_on, provenance)
    );
    create index inspection_la on inspection (la_code, started_on);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table inspection`.execute(db);
}
