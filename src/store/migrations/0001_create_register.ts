import { sql, type Kysely } from 'kysely';

// The register: import batches (provenance), places and their dated memberships, school successions across
// URNs, postcodes that place schools in districts, and a first, minimal indicator/observation pair.
// Plain SQL that runs on PostgreSQL 15 (the Debian server) and 18 (embedded).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_batch (
      id bigint generated always as identity primary key,
      file_name text not null,
      file_hash text not null,
      format text not null,
      data_version text not null default 'final' check (data_version in ('provisional', 'revised', 'final')),
      row_count integer not null check (row_count >= 0),
      inserted integer not null default 0,
      updated integer not null default 0,
      closed integer not null default 0,
      unchanged integer not null default 0,
      skipped integer not null default 0,
      notes jsonb not null default '[]'::jsonb,
      imported_at timestamptz not null default now()
    );

    create table place (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('country', 'region', 'la', 'district', 'grouping', 'trust', 'federation', 'sponsor', 'neighbour_group', 'school')),
      code text not null,
      name text not null,
      status text not null default 'open' check (status in ('open', 'closed', 'proposed')),
      opened_on date,
      closed_on date,
      attributes jsonb not null default '{}'::jsonb,
      batch_id bigint references import_batch (id),
      unique (kind, code),
      check (closed_on is null or opened_on is null or closed_on >= opened_on)
    );
    create index place_lower_name on place (lower(name) text_pattern_ops);

    create table place_link (
      id bigint generated always as identity primary key,
      place_id bigint not null references place (id) on delete cascade,
      parent_id bigint not null references place (id) on delete cascade,
      valid_from date,
      valid_to date,
      basis text not null,
      batch_id bigint references import_batch (id),
      check (place_id <> parent_id),
      check (valid_to is null or valid_from is null or valid_to >= valid_from),
      unique nulls not distinct (place_id, parent_id, valid_from)
    );
    create index place_link_parent on place_link (parent_id);
    create index place_link_place on place_link (place_id);

    create table school_succession (
      predecessor_urn text not null,
      successor_urn text not null,
      reason text not null check (reason in ('successor', 'merged', 'amalgamated', 'split')),
      link_type text not null,
      linked_on date,
      batch_id bigint references import_batch (id),
      primary key (predecessor_urn, successor_urn),
      check (predecessor_urn <> successor_urn)
    );
    create index school_succession_successor on school_succession (successor_urn);

    create table postcode (
      postcode text primary key,
      county_code text not null,
      district_code text not null,
      ward_code text,
      easting integer,
      northing integer,
      batch_id bigint references import_batch (id)
    );
    create index postcode_district on postcode (district_code);

    create table indicator (
      code text primary key,
      title text not null,
      unit text not null check (unit in ('percent', 'count', 'rate', 'average_score', 'points')),
      decimal_places smallint not null check (decimal_places between 0 and 4),
      polarity text not null check (polarity in ('higher_is_better', 'lower_is_better', 'none')),
      period_type text not null check (period_type in ('academic', 'financial', 'calendar')),
      source text not null,
      methodology text not null
    );

    create table observation (
      id bigint generated always as identity primary key,
      indicator_code text not null references indicator (code),
      place_id bigint not null references place (id) on delete cascade,
      period text not null check (period ~ '^[0-9]{4}([0-9]{2})?$'),
      breakdown text not null default 'all',
      value numeric,
      numerator numeric,
      denominator numeric,
      symbol text check (symbol in ('c', 'x', 'z', 'low')),
      data_version text not null check (data_version in ('provisional', 'revised', 'final')),
      batch_id bigint not null references import_batch (id),
      check (value is not null or symbol is not null),
      unique (indicator_code, place_id, period, breakdown, data_version)
    );
    create index observation_place on observation (place_id, indicator_code, period);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table observation, indicator, postcode, school_succession, place_link, place, import_batch`.execute(db);
}
