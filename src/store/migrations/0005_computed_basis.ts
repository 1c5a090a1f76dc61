import { sql, type Kysely } from 'kysely';

// Figures computed here from pupil records get their own basis, beside the figure a DfE file published for the same
// place and year: an LA holds both (its own provisional compute and the DfE's release), and neither hides the other.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    declare name text;
    begin
      select conname into name from pg_constraint
       where conrelid = 'observation'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%basis%';
      execute format('alter table observation drop constraint %I', name);
    end $$;
    alter table observation add constraint observation_basis_check check (basis in ('published', 'computed', 'roll-up'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from observation where basis = 'computed';
    alter table observation drop constraint observation_basis_check;
    alter table observation add constraint observation_basis_check check (basis in ('published', 'roll-up'));
  `.execute(db);
}
