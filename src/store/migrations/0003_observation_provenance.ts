import { sql, type Kysely } from 'kysely';

// Each observation keeps the decimals it was published with (so it is shown exactly as published) and the line of
// the file it came from (so every figure can be traced to its row).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table observation
      add column decimal_places smallint check (decimal_places between 0 and 4),
      add column source_line integer;
    create index observation_indicator_period on observation (indicator_code, period, breakdown);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index observation_indicator_period; alter table observation drop column decimal_places, drop column source_line`.execute(db);
}
