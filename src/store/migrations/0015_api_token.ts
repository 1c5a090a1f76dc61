import { sql, type Kysely } from 'kysely';

// Personal API tokens for the JSON API (issue 14.5), the pending secret of a TOTP enrolment made on the web (14.7), and
// grants that can be ended before they began. A token row holds only the SHA-256 of the secret (like web_session), so
// a copy of the table cannot be used to call the API. Tokens are never deleted by Waymark: a revoked one keeps its row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table api_token (
      id bigint generated always as identity primary key,
      user_id bigint not null references app_user (id) on delete cascade,
      name text not null,
      token_hash text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      last_used_at timestamptz,
      revoked_at timestamptz,
      constraint api_token_hash_key unique (token_hash),
      constraint api_token_name_check check (length(name) between 1 and 100),
      constraint api_token_expiry_check check (expires_at > created_at)
    );
    create index api_token_user_idx on api_token (user_id);
    alter table app_user add column totp_pending_secret text;
    -- A grant ended on the day it began (or before) is the empty span valid_to = valid_from - 1: kept, never in force.
    alter table role_grant drop constraint role_grant_dates_check;
    alter table role_grant add constraint role_grant_dates_check check (valid_to is null or valid_from is null or valid_from <= valid_to + 1);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table role_grant drop constraint role_grant_dates_check;
    alter table role_grant add constraint role_grant_dates_check check (valid_to is null or valid_from is null or valid_from <= valid_to);
    alter table app_user drop column totp_pending_secret;
    drop table api_token;
  `.execute(db);
}
