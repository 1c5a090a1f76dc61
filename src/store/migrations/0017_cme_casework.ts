import { sql, type Kysely } from 'kysely';

// Children missing education casework (issue 15.1, ADR 0014): a case is one child and the district that holds it (so a
// caseworker's scope covers it); each time the child becomes known is an episode with its own date known, source and
// outcome (a reopened case is a new episode); enquiries are dated steps within an episode. Only the fields the s.436A
// duty needs. Anonymising (retention) clears the names, the date of birth (its year stays), the postcode and the UPN
// and keeps the dates and outcomes the figures are made from.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table cme_case (
      id bigserial primary key,
      given_name text check (given_name is null or length(given_name) between 1 and 200),
      family_name text check (family_name is null or length(family_name) between 1 and 200),
      date_of_birth date,
      birth_year integer not null check (birth_year between 1980 and 2100),
      sex text not null check (sex in ('F', 'M')),
      upn text check (upn is null or upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'),
      postcode text check (postcode is null or postcode ~ '^[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}$'),
      district_id integer not null references place (id),
      district_basis text not null check (district_basis in ('postcode', 'chosen')),
      anonymised_on date,
      batch_id integer references import_batch (id),
      created_at timestamptz not null default now(),
      check ((anonymised_on is null) = (given_name is not null and family_name is not null and date_of_birth is not null))
    );
    create index cme_case_district on cme_case (district_id);
    create index cme_case_upn on cme_case (upn) where upn is not null;
    create index cme_case_name_dob on cme_case (lower(family_name), date_of_birth) where anonymised_on is null;

    create table cme_episode (
      id bigserial primary key,
      case_id bigint not null references cme_case (id) on delete cascade,
      seq integer not null check (seq >= 1),
      known_on date not null,
      source text not null check (source in ('deletion-notice', 'ctf-unknown-destination', 'agency-referral', 'parent', 'other')),
      deletion_ground text check (deletion_ground is null or length(deletion_ground) <= 200),
      reason text not null check (length(reason) between 1 and 2000),
      outcome text check (outcome in ('school', 'academy', 'pru', 'alternative-provision', 'elective-home-education',
        'left-la', 'found-abroad', 'found-on-roll', 'ceased-compulsory-age', 'other')),
      outcome_on date,
      school_urn text check (school_urn is null or school_urn ~ '^[0-9]{6}$'),
      outcome_note text check (outcome_note is null or length(outcome_note) <= 2000),
      recorded_by text,
      unique (case_id, seq),
      check ((outcome is null) = (outcome_on is null)),
      check (outcome_on is null or outcome_on >= known_on)
    );
    create index cme_episode_known on cme_episode (known_on);
    create unique index cme_episode_one_open on cme_episode (case_id) where outcome is null;

    create table cme_enquiry (
      id bigserial primary key,
      episode_id bigint not null references cme_episode (id) on delete cascade,
      made_on date not null,
      action text not null check (length(action) between 1 and 2000),
      result text not null check (length(result) between 1 and 2000),
      recorded_by text
    );
    create index cme_enquiry_episode on cme_enquiry (episode_id, made_on);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table cme_enquiry;
    drop table cme_episode;
    drop table cme_case;
  `.execute(db);
}
