import { sql, type Kysely } from 'kysely';

// Single sign-on with OpenID Connect (ADR 0013). An account an administrator added for single sign-on has no password;
// its e-mail address (kept lower-case, one account each) lets its first sign-in through the provider link the
// provider's (issuer, subject) to it when the provider says the address is verified. After that the link alone signs in.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table app_user alter column password_hash drop not null;
    alter table app_user add column email text;
    alter table app_user add constraint app_user_email_key unique (email);
    alter table app_user add constraint app_user_email_check check (email = lower(email) and email ~ '^[^@[:space:]]+@[^@[:space:]]+$');
    create table user_identity (
      issuer text not null,
      subject text not null,
      user_id bigint not null references app_user (id) on delete cascade,
      linked_at timestamptz not null,
      primary key (issuer, subject),
      -- One identity per provider for an account: two first sign-ins racing to link the same address cannot both win.
      constraint user_identity_user_issuer_key unique (user_id, issuer)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table user_identity;
    alter table app_user drop column email;
    alter table app_user alter column password_hash set not null;
  `.execute(db);
}
