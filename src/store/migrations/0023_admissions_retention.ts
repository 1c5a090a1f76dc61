import { sql, type Kysely } from 'kysely';

// Retention of coordinated admissions applications (issue 16 with 15.7): a round's applications are anonymised in
// place once the round is past keeping (admissions-module.ts). Anonymising replaces the names with 'anonymised' (as
// participation does, so the offer letters and lists still read), clears the date of birth (its year is kept in
// birth_year), the UPN, the home postcode and grid point, and the current school, and sets anonymised_on; the home
// district, the preferences, the offers and their explanations stay, so the round's figures and profiles stand.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table admission_application
      alter column date_of_birth drop not null,
      add column birth_year integer check (birth_year between 1980 and 2100),
      add column anonymised_on date,
      add constraint admission_application_anonymised check ((anonymised_on is null) = (date_of_birth is not null)),
      add constraint admission_application_anonymised_year check (anonymised_on is null or birth_year is not null);
    create index admission_application_upn on admission_application (upn) where upn is not null;
    create index admission_application_name_dob on admission_application (lower(family_name), date_of_birth) where anonymised_on is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index admission_application_name_dob;
    drop index admission_application_upn;
    delete from admission_application where anonymised_on is not null;
    alter table admission_application
      drop constraint admission_application_anonymised_year,
      drop constraint admission_application_anonymised,
      drop column anonymised_on,
      drop column birth_year,
      alter column date_of_birth set not null;
  `.execute(db);
}
