import { sql, type Kysely } from 'kysely';

// A roll-up of school figures is made for each of DfE's school populations (state-funded, state-funded mainstream,
// all schools): the population is part of the figure's key. Other figures have population '' (not a roll-up). Roll-ups
// made before counted every school placed, so they are kept as 'all-schools' until `waymark roll-up` remakes them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table observation add column population text not null default ''
      constraint observation_population_check check (population in ('', 'state-funded', 'state-funded-mainstream', 'all-schools'));
    update observation set population = 'all-schools' where basis = 'roll-up';
    alter table observation drop constraint observation_figure_key;
    alter table observation add constraint observation_figure_key unique (indicator_code, place_id, period, breakdown, data_version, basis, population);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from observation where basis = 'roll-up';
    alter table observation drop constraint observation_figure_key;
    alter table observation drop column population;
    alter table observation add constraint observation_figure_key unique (indicator_code, place_id, period, breakdown, data_version, basis);
  `.execute(db);
}
