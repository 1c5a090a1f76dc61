import { sql, type Kysely } from 'kysely';

// Every publication keeps its own figure for a cell: importing the exclusions release beside LAIT no longer overwrites
// LAIT's unrounded rate. The source (the import format, e.g. 'lait-data', 'mapped-csv:dfe-exclusions-by-la') is part of the
// key; which figure a page shows is decided by a documented precedence (domain/indicators/figure-precedence.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table observation add column source text not null default '';
    update observation o set source = b.format from import_batch b where b.id = o.batch_id and o.basis = 'published';
    alter table observation drop constraint observation_figure_key;
    alter table observation add constraint observation_figure_key
      unique (indicator_code, place_id, period, breakdown, data_version, basis, population, source);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from observation o where o.basis = 'published' and exists (
      select 1 from observation p where p.indicator_code = o.indicator_code and p.place_id = o.place_id and p.period = o.period
         and p.breakdown = o.breakdown and p.data_version = o.data_version and p.basis = o.basis and p.population = o.population
         and p.id > o.id);
    alter table observation drop constraint observation_figure_key;
    alter table observation drop column source;
    alter table observation add constraint observation_figure_key unique (indicator_code, place_id, period, breakdown, data_version, basis, population);
  `.execute(db);
}
