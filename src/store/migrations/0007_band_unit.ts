import { sql, type Kysely } from 'kysely';

// Performance-table bands (Progress 8 banding 1-5) are figures of their own unit: ordinal, never averaged or rolled up.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table indicator drop constraint indicator_unit_check;
    alter table indicator add constraint indicator_unit_check check (unit in ('percent', 'count', 'rate', 'average_score', 'points', 'band'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from observation where indicator_code in (select code from indicator where unit = 'band');
    delete from indicator where unit = 'band';
    alter table indicator drop constraint indicator_unit_check;
    alter table indicator add constraint indicator_unit_check check (unit in ('percent', 'count', 'rate', 'average_score', 'points'));
  `.execute(db);
}
