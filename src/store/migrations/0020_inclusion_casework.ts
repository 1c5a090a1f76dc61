import { sql, type Kysely } from 'kysely';

// Exclusions, alternative provision and children in care (issue 15.4-5). Each record keeps only what the duty needs:
// the pupil's UPN, name and date of birth (to match the school's notification to the pupil records and to answer a
// subject access request), the school, the dates and codes, and the characteristics the DfE breaks exclusions down by.
// Retention anonymises a record in place (names, UPN and date of birth cleared; `anonymised_on` set), so the year's
// figures can still be remade from it. Children in care are held as the SSDA903 gives them (header and episodes, with
// no postcodes and no mother's details: the Virtual School does not need them).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inclusion_exclusion (
      id serial primary key,
      upn text,
      given_name text,
      family_name text,
      date_of_birth date,
      school_urn text not null,
      school_place_id integer references place (id),
      kind text not null check (kind in ('permanent', 'suspension')),
      reason_code text not null,
      decision_date date not null,
      start_date date not null check (start_date >= decision_date),
      sessions integer check (sessions is null or sessions between 1 and 90),
      period text not null,
      fsm boolean not null,
      sen text not null check (sen in ('N', 'K', 'E')),
      in_care boolean not null,
      governors_outcome text check (governors_outcome in ('upheld', 'reinstated')),
      governors_date date,
      panel_outcome text check (panel_outcome in ('upheld', 'recommend-reconsider', 'quash-reconsider')),
      panel_date date,
      reconsidered_outcome text check (reconsidered_outcome in ('upheld', 'reinstated')),
      reconsidered_date date,
      batch_id integer references import_batch (id),
      recorded_by text not null,
      recorded_at timestamptz not null default now(),
      anonymised_on date,
      check ((kind = 'suspension') = (sessions is not null))
    );
    create unique index inclusion_exclusion_natural on inclusion_exclusion (upn, school_urn, kind, start_date) where upn is not null;
    create index inclusion_exclusion_period on inclusion_exclusion (period, school_place_id);

    create table inclusion_care_child (
      child text primary key,
      upn text,
      sex text,
      date_of_birth date,
      ethnic text,
      place_id integer not null references place (id),
      batch_id integer references import_batch (id),
      anonymised_on date
    );
    create index inclusion_care_child_upn on inclusion_care_child (upn);
    create table inclusion_care_episode (
      child text not null references inclusion_care_child (child) on delete cascade,
      start_date date not null,
      end_date date,
      reason_new_episode text not null,
      legal_status text not null,
      category_of_need text not null,
      placement text not null,
      placement_provider text,
      reason_episode_ceased text,
      reason_place_change text,
      placement_urn text,
      primary key (child, start_date)
    );

    create table inclusion_ap_placement (
      id serial primary key,
      upn text,
      given_name text,
      family_name text,
      date_of_birth date,
      home_school_urn text,
      provider_name text not null,
      provider_urn text,
      kind text not null check (kind in ('pru', 'commissioned')),
      place_id integer not null references place (id),
      year_group integer not null check (year_group in (10, 11)),
      start_date date not null,
      end_date date check (end_date is null or end_date >= start_date),
      period text not null,
      outcome text check (outcome in ('level-2', 'level-1', 'entry-level', 'none')),
      batch_id integer references import_batch (id),
      recorded_by text not null,
      anonymised_on date
    );
    create index inclusion_ap_placement_period on inclusion_ap_placement (period, place_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table inclusion_ap_placement;
    drop table inclusion_care_episode;
    drop table inclusion_care_child;
    drop table inclusion_exclusion;
  `.execute(db);
}
