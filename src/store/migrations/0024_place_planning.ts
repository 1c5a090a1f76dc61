import { sql, type Kysely } from 'kysely';

// School place planning (issue 17, domain.md §12). A planning area is a place of kind `grouping` (so the framework
// reads target 29 by planning area as it reads any LA-defined grouping) and a `planning_area` row with its phase,
// district and the secondary area it feeds; its schools are dated members with the share of the school on the area's
// site (a split-site school is in two areas). Each school's SCAP capacity by year group and its admission number by
// period and phase (an all-through school has a primary and a secondary admission number); planned changes to places; housing sites and their completions; and every forecast kept as a run (when it
// was made, by whom, from which census, with which method) with its cells: area totals (urn null) and schools.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table planning_area (
      code text primary key check (length(code) between 1 and 60),
      name text not null check (length(name) between 1 and 200),
      la_code text not null check (la_code ~ '^[0-9]{3}$'),
      phase text not null check (phase in ('primary', 'secondary')),
      district_code text,
      feeds_area text,
      valid_from date,
      valid_to date,
      place_id bigint not null references place (id),
      check (phase = 'primary' or feeds_area is null),
      check (valid_to is null or valid_from is null or valid_to >= valid_from)
    );
    create index planning_area_la on planning_area (la_code);

    create table planning_area_member (
      area_code text not null references planning_area (code) on delete cascade,
      urn text not null check (urn ~ '^[0-9]{5,7}$'),
      share numeric not null check (share > 0 and share <= 1),
      valid_from date,
      valid_to date,
      batch_id bigint references import_batch (id),
      unique nulls not distinct (area_code, urn, valid_from),
      check (valid_to is null or valid_from is null or valid_to >= valid_from)
    );
    create index planning_area_member_urn on planning_area_member (urn);

    create table school_capacity (
      urn text not null check (urn ~ '^[0-9]{5,7}$'),
      period text not null check (period ~ '^[0-9]{6}$'),
      phase text not null check (phase in ('primary', 'secondary')),
      year_group text not null check (year_group in ('R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13')),
      places integer not null check (places >= 0),
      primary key (urn, period, year_group)
    );
    create index school_capacity_period on school_capacity (period);

    create table school_admission_number (
      urn text not null check (urn ~ '^[0-9]{5,7}$'),
      period text not null check (period ~ '^[0-9]{6}$'),
      phase text not null check (phase in ('primary', 'secondary')),
      admission_number integer not null check (admission_number >= 0),
      primary key (urn, period, phase)
    );

    create table planned_place_change (
      code text not null check (length(code) between 1 and 60),
      la_code text not null check (la_code ~ '^[0-9]{3}$'),
      area_code text not null,
      urn text check (urn is null or urn ~ '^[0-9]{5,7}$'),
      school_name text not null,
      phase text not null check (phase in ('primary', 'secondary')),
      kind text not null check (kind in ('expansion', 'bulge', 'new-school', 'reduction', 'closure')),
      entry_places integer not null check (entry_places >= 0),
      phasing text not null check (phasing in ('whole-school', 'year-by-year')),
      from_period text not null check (from_period ~ '^[0-9]{6}$'),
      status text not null check (status in ('proposed', 'approved', 'delivered', 'withdrawn')),
      description text not null,
      recorded_at timestamptz not null,
      recorded_by text not null,
      primary key (la_code, code)
    );

    create table housing_site (
      code text not null check (length(code) between 1 and 60),
      la_code text not null check (la_code ~ '^[0-9]{3}$'),
      name text not null,
      primary_area text,
      secondary_area text,
      primary key (la_code, code)
    );

    create table housing_completion (
      la_code text not null,
      site_code text not null,
      period text not null check (period ~ '^[0-9]{6}$'),
      market integer not null check (market >= 0),
      affordable integer not null check (affordable >= 0),
      primary key (la_code, site_code, period),
      foreign key (la_code, site_code) references housing_site (la_code, code) on delete cascade
    );

    create table forecast_run (
      id bigint generated always as identity primary key,
      la_code text not null check (la_code ~ '^[0-9]{3}$'),
      made_on date not null,
      made_at timestamptz not null,
      made_by text not null,
      base_period text not null check (base_period ~ '^[0-9]{6}$'),
      kind text not null check (kind in ('forecast', 'backtest')),
      method jsonb not null check (jsonb_typeof(method) = 'object'),
      ratios jsonb not null default '{}'::jsonb check (jsonb_typeof(ratios) = 'object')
    );
    create index forecast_run_la on forecast_run (la_code, kind, made_at);

    create table forecast_cell (
      run_id bigint not null references forecast_run (id) on delete cascade,
      area_code text not null,
      urn text,
      period text not null,
      year_group text not null check (year_group in ('R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13')),
      pupils double precision not null,
      from_housing double precision not null
    );
    create index forecast_cell_run_area on forecast_cell (run_id, area_code);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table forecast_cell, forecast_run, housing_completion, housing_site, planned_place_change, school_admission_number, school_capacity, planning_area_member, planning_area`.execute(
    db,
  );
}
