import { sql, type Kysely } from 'kysely';

// Delivery records (issue 18.6): a delivery milestone or qualitative target of a framework recorded as delivered on a
// date with its evidence, or a year judged met, on track or off track with why, by the signed-in officer who delivers
// it (domain/framework/delivery.ts). Never updated but to withdraw it (who, when, why): a record made in error stays,
// struck through. Frameworks are files, so a record names its framework and target by their ids.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table target_delivery (
      id bigint generated always as identity primary key,
      framework_id text not null check (length(framework_id) between 1 and 100),
      target_id text not null check (length(target_id) between 1 and 100),
      kind text not null check (kind in ('delivered', 'judgement')),
      on_date date not null,
      year integer check (year between 2000 and 2100),
      status text check (status in ('met', 'on_track', 'off_track')),
      evidence text not null check (length(evidence) between 1 and 2000),
      link text check (link is null or length(link) between 1 and 2000),
      recorded_by bigint not null references app_user (id),
      recorded_at timestamptz not null,
      withdrawn_by bigint references app_user (id),
      withdrawn_at timestamptz,
      withdrawn_reason text check (withdrawn_reason is null or length(withdrawn_reason) between 1 and 500),
      check ((kind = 'judgement') = (year is not null and status is not null)),
      check (kind = 'judgement' or (year is null and status is null)),
      check ((withdrawn_at is null) = (withdrawn_by is null) and (withdrawn_at is null) = (withdrawn_reason is null))
    );
    create index target_delivery_target on target_delivery (framework_id, target_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table target_delivery`.execute(db);
}
