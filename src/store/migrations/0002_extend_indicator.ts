import { sql, type Kysely } from 'kysely';

// The indicator catalogue's full definition: numerator and denominator, the periods a measure exists, its
// successor, the year rule it follows, breaks in series, where its figures come from, its LAIT key and the
// Kent framework targets it serves.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table indicator
      add column numerator text,
      add column denominator text,
      add column first_period text,
      add column last_period text,
      add column successor_code text,
      add column year_rule text,
      add column breaks jsonb not null default '[]'::jsonb,
      add column feed text not null default 'published' check (feed in ('pupil-records', 'published', 'ofsted', 'casework', 'admissions', 'place-planning')),
      add column lait_code text,
      add column framework_targets jsonb not null default '[]'::jsonb;
    alter table indicator add constraint indicator_decimal_places_range check (decimal_places between 0 and 4);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table indicator drop constraint indicator_decimal_places_range,
      drop column numerator, drop column denominator, drop column first_period, drop column last_period,
      drop column successor_code, drop column year_rule, drop column breaks, drop column feed, drop column lait_code,
      drop column framework_targets
  `.execute(db);
}
