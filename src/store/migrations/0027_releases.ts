import { sql, type Kysely } from 'kysely';

// Releases (issue 19.7, ADR 0021): a release's content as plain text, where the administrators left it (draft or
// approved: "published" is the approval and the clock, domain/releases/release.ts), who wrote, last changed, approved
// and last sent it back and when, its publication time and its permalink slug (both fixed at approval); its tables
// (the table builder's permalinks, migration 0026, in order); who may read it before publication; and its correction
// notes, added after publication and never changed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table release (
      id bigint generated always as identity primary key,
      stage text not null check (stage in ('draft', 'approved')),
      title text not null check (length(title) between 1 and 200),
      summary text not null check (length(summary) between 1 and 1000),
      commentary text not null check (length(commentary) <= 20000),
      methodology text not null check (length(methodology) <= 10000),
      footnotes text not null check (length(footnotes) <= 5000),
      created_by bigint not null references app_user (id),
      created_at timestamptz not null,
      edited_by bigint not null references app_user (id),
      edited_at timestamptz not null,
      approved_by bigint references app_user (id),
      approved_at timestamptz,
      publish_at timestamptz,
      slug text unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 120),
      sent_back_by bigint references app_user (id),
      sent_back_at timestamptz,
      check ((stage = 'approved') = (approved_by is not null and approved_at is not null and publish_at is not null and slug is not null)),
      check (stage = 'approved' or (approved_by is null and approved_at is null and publish_at is null and slug is null)),
      check (approved_by is null or approved_by <> edited_by),
      check ((sent_back_by is null) = (sent_back_at is null))
    );
    create table release_table (
      release_id bigint not null references release (id),
      position integer not null check (position between 1 and 20),
      permalink_id text not null references table_permalink (id),
      primary key (release_id, position),
      unique (release_id, permalink_id)
    );
    create table release_pre_release (
      release_id bigint not null references release (id),
      user_id bigint not null references app_user (id),
      added_by bigint not null references app_user (id),
      added_at timestamptz not null,
      primary key (release_id, user_id)
    );
    create table release_correction (
      id bigint generated always as identity primary key,
      release_id bigint not null references release (id),
      note text not null check (length(note) between 1 and 2000),
      recorded_by bigint not null references app_user (id),
      recorded_at timestamptz not null
    );
    create index release_correction_release on release_correction (release_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table release_correction, release_pre_release, release_table, release`.execute(db);
}
