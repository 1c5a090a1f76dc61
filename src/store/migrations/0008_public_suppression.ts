import { sql, type Kysely } from 'kysely';

// Public suppression of figures computed from pupil records, decided once over each table family (primary and
// secondary, domain/indicators/additivity.ts) when the compute writes them, so every face hides the same cells.
// Figures computed before this migration are 'pending': hidden from the public until `waymark compute` decides them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table observation add column public_suppression text
      constraint observation_public_suppression_check check (public_suppression in ('primary', 'secondary', 'pending'));
    update observation set public_suppression = 'pending' where basis = 'computed' and detail ? 'pupilBatch';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table observation drop column public_suppression`.execute(db);
}
