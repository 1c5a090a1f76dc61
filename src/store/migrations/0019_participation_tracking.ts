import { sql, type Kysely } from 'kysely';

// 16-18 participation and NEET tracking (issue 15.3): the young people the LA tracks, their dated activities (changes
// only: the monthly snapshot is derived, never stored) and their September Guarantee offers. Only the fields the
// tracking duty and its returns need (Education and Skills Act 2008 s.68; NCCIS management information requirement).
// `left_on` is the day the young person left the LA's cohort (moved away; NCCIS cohort status L or T).
// `ccis_id` is the LA's own client identifier, the key an NCCIS extract is matched on when it is loaded again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table participation_person (
      id bigint generated always as identity primary key,
      ccis_id text not null unique,
      given_name text not null,
      family_name text not null,
      date_of_birth date not null,
      upn text,
      uln text,
      district_place_id bigint not null references place (id),
      last_school_urn text,
      ehc_plan boolean not null default false,
      fsm boolean not null default false,
      in_care boolean not null default false,
      left_on date,
      batch_id integer references import_batch (id),
      anonymised_on date
    );
    create index participation_person_district on participation_person (district_place_id);
    create index participation_person_birth on participation_person (date_of_birth);
    create table participation_activity (
      id bigint generated always as identity primary key,
      person_id bigint not null references participation_person (id) on delete cascade,
      code text not null check (code ~ '^[1-8][0-9]{2}$'),
      start_date date not null,
      confirmed_on date not null,
      source text not null,
      recorded_by text,
      batch_id integer references import_batch (id),
      check (confirmed_on >= start_date),
      unique (person_id, start_date, code)
    );
    create index participation_activity_person on participation_activity (person_id, start_date);
    create table participation_offer (
      person_id bigint not null references participation_person (id) on delete cascade,
      leaving_year integer not null,
      year_group smallint not null check (year_group in (11, 12)),
      offered_on date,
      offer_code text,
      batch_id integer references import_batch (id),
      primary key (person_id, leaving_year, year_group)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table participation_offer; drop table participation_activity; drop table participation_person;`.execute(db);
}
