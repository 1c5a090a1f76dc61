import { sql, type Kysely } from 'kysely';

// Local accounts, roles granted on places, and server-side sessions (issue 14). A session row holds only the SHA-256 of
// the cookie's random id, so a copy of the table cannot be replayed as cookies. Audit lives in its own migration (0012).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table app_user (
      id bigint generated always as identity primary key,
      username text not null,
      display_name text not null,
      password_hash text not null,
      totp_secret text,
      disabled boolean not null default false,
      failed_attempts integer not null default 0,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      constraint app_user_username_key unique (username),
      constraint app_user_username_check check (username ~ '^[a-z0-9][a-z0-9._-]{0,63}$')
    );
    create table role_grant (
      id bigint generated always as identity primary key,
      user_id bigint not null references app_user (id) on delete cascade,
      role text not null,
      place_id bigint references place (id),
      valid_from date,
      valid_to date,
      created_at timestamptz not null default now(),
      constraint role_grant_dates_check check (valid_to is null or valid_from is null or valid_from <= valid_to)
    );
    create index role_grant_user_idx on role_grant (user_id);
    create table web_session (
      id_hash text primary key,
      user_id bigint not null references app_user (id) on delete cascade,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      totp_pending boolean not null default false
    );
    create index web_session_user_idx on web_session (user_id);
    create index web_session_expires_idx on web_session (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table web_session;
    drop table role_grant;
    drop table app_user;
  `.execute(db);
}
