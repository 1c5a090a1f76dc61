import { sql, type Kysely } from 'kysely';

// An observation is either a figure as published (or computed from pupil records) or a roll-up of school figures to
// a district, LA or grouping. A roll-up never takes the place of the published figure: the basis is part of the key.
// `detail` says what a derived figure covers (schools, pupils, method).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table observation
      add column basis text not null default 'published' check (basis in ('published', 'roll-up')),
      add column detail jsonb;
    -- The first migration's unique constraint has a name PostgreSQL truncated: find it rather than spell it.
    do $$
    declare name text;
    begin
      select conname into name from pg_constraint where conrelid = 'observation'::regclass and contype = 'u';
      execute format('alter table observation drop constraint %I', name);
    end $$;
    alter table observation add constraint observation_figure_key unique (indicator_code, place_id, period, breakdown, data_version, basis);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from observation where basis <> 'published';
    alter table observation drop constraint observation_figure_key;
    alter table observation add constraint observation_published_key unique (indicator_code, place_id, period, breakdown, data_version);
    alter table observation drop column basis, drop column detail;
  `.execute(db);
}
