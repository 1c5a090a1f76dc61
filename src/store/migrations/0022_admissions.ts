import { sql, type Kysely } from 'kysely';

// Coordinated admissions (issue 16, domain.md §13): one round per LA, phase and year of entry; each school's
// arrangements for the round as versions (a change is a new version, the current one is the highest, and a round's
// allocation profile records the version it used, so an offer can be explained and the round re-run); the common
// application form's applications with their ranked preferences; and the allocation's offers, each with its
// explanation (the outcome at every preference) and the family's response. The child's names, date of birth and UPN
// are kept for the offer letter and the school's list; the home district decides which admissions officer sees it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table admission_round (
      id bigint generated always as identity primary key,
      la_code text not null check (la_code ~ '^[0-9]{3}$'),
      phase text not null check (phase in ('primary', 'secondary')),
      entry_year integer not null check (entry_year between 2000 and 2100),
      preferences_allowed integer not null check (preferences_allowed between 1 and 6),
      closing_date date not null,
      offer_day date not null check (offer_day > closing_date),
      allocated_at timestamptz,
      allocated_by text,
      unique (la_code, phase, entry_year),
      check ((allocated_at is null) = (allocated_by is null))
    );

    create table admission_arrangement (
      id bigint generated always as identity primary key,
      round_id bigint not null references admission_round (id) on delete cascade,
      school_place_id bigint references place (id),
      urn text not null check (urn ~ '^[0-9]{5,7}$'),
      version integer not null check (version >= 1),
      school_name text not null,
      la_code text not null check (la_code ~ '^[0-9]{3}$'),
      admission_number integer not null check (admission_number between 0 and 2000),
      admission_authority text not null check (admission_authority in ('la', 'governing-body', 'academy-trust')),
      selective boolean not null,
      criteria jsonb not null check (jsonb_typeof(criteria) = 'array'),
      tie_break jsonb not null check (tie_break->>'kind' in ('distance', 'random')),
      distance_method text not null default 'straight-line' check (distance_method = 'straight-line'),
      easting integer,
      northing integer,
      recorded_at timestamptz not null,
      recorded_by text not null,
      unique (round_id, urn, version),
      check ((easting is null) = (northing is null))
    );

    create table admission_application (
      id bigint generated always as identity primary key,
      round_id bigint not null references admission_round (id) on delete cascade,
      reference text not null check (length(reference) between 1 and 40),
      given_name text not null check (length(given_name) between 1 and 200),
      family_name text not null check (length(family_name) between 1 and 200),
      date_of_birth date not null,
      upn text check (upn is null or upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'),
      home_postcode text check (home_postcode is null or home_postcode ~ '^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$'),
      home_easting integer,
      home_northing integer,
      home_place_id bigint references place (id),
      online boolean not null,
      received_on date not null,
      looked_after text check (looked_after in ('looked-after', 'previously-looked-after')),
      ehc_plan_urn text check (ehc_plan_urn is null or ehc_plan_urn ~ '^[0-9]{5,7}$'),
      assessed_suitable boolean,
      current_school_urn text check (current_school_urn is null or current_school_urn ~ '^[0-9]{5,7}$'),
      batch_id bigint references import_batch (id),
      unique (round_id, reference),
      check ((home_easting is null) = (home_northing is null))
    );
    create index admission_application_home on admission_application (round_id, home_place_id);

    create table admission_preference (
      application_id bigint not null references admission_application (id) on delete cascade,
      rank integer not null check (rank between 1 and 6),
      urn text not null check (urn ~ '^[0-9]{5,7}$'),
      sibling boolean not null,
      medical_social boolean not null,
      faith boolean not null,
      staff boolean not null,
      primary key (application_id, rank),
      unique (application_id, urn)
    );
    create index admission_preference_school on admission_preference (urn, application_id);

    create table admission_offer (
      application_id bigint primary key references admission_application (id) on delete cascade,
      kind text not null check (kind in ('preference', 'ehc-plan', 'allocated', 'none')),
      urn text,
      preference_rank integer check (preference_rank between 1 and 6),
      distance_metres double precision check (distance_metres >= 0),
      explanation jsonb not null check (jsonb_typeof(explanation) = 'array'),
      response text check (response in ('accepted', 'declined')),
      responded_on date,
      check ((kind = 'none') = (urn is null)),
      check (kind <> 'preference' or preference_rank is not null),
      check ((response is null) = (responded_on is null))
    );
    create index admission_offer_school on admission_offer (urn);

    create table admission_profile (
      round_id bigint not null references admission_round (id) on delete cascade,
      urn text not null,
      arrangement_version integer not null,
      profile jsonb not null,
      primary key (round_id, urn)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table admission_profile, admission_offer, admission_preference, admission_application, admission_arrangement, admission_round`.execute(db);
}
