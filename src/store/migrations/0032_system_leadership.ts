import { sql, type Kysely } from 'kysely';

// System leadership (issue 18.7, docs/adr/0025-system-leadership.md): the LA's system leaders, each leading from a
// school (by URN, as the register and the inspection files name schools), with the phases and areas they support and
// how many schools at once; and the support partnerships they lead, each dated, with why the school was supported.
// A leader's designation and a partnership end by a date, never by deletion: their history is what impact is read
// from. Both carry the data-version trigger (ADR 0022), so pages showing them are remade when they change.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table system_leader (
      id bigint generated always as identity primary key,
      la_code text not null check (la_code ~ '^[0-9]{3}$'),
      kind text not null check (kind in ('nle', 'lle', 'teaching-school', 'outstanding-school')),
      urn text not null check (urn ~ '^[0-9]{6}$'),
      name text not null check (length(name) between 1 and 200),
      phases text[] not null check (cardinality(phases) >= 1 and phases <@ array['primary', 'secondary', 'special']),
      specialisms text[] not null check (cardinality(specialisms) >= 1 and specialisms <@ array['leadership', 'teaching', 'outcomes', 'english', 'maths']),
      capacity integer not null check (capacity between 1 and 6),
      designated_on date not null,
      ended_on date check (ended_on is null or ended_on > designated_on),
      recorded_by bigint not null references app_user (id),
      recorded_at timestamptz not null
    );
    create index system_leader_la on system_leader (la_code);

    create table support_partnership (
      id bigint generated always as identity primary key,
      leader_id bigint not null references system_leader (id),
      urn text not null check (urn ~ '^[0-9]{6}$'),
      kind text not null check (kind in ('sponsored-academy', 'federation', 'support')),
      started_on date not null,
      ended_on date check (ended_on is null or ended_on > started_on),
      need text not null check (length(need) between 1 and 2000),
      recorded_by bigint not null references app_user (id),
      recorded_at timestamptz not null
    );
    create index support_partnership_leader on support_partnership (leader_id);
    create index support_partnership_urn on support_partnership (urn);

    -- Target 14's figure is made from the partnerships and the floor standards: a feed of its own.
    alter table indicator drop constraint indicator_feed_check, add constraint indicator_feed_check
      check (feed in ('pupil-records', 'published', 'ofsted', 'casework', 'admissions', 'place-planning', 'system-leadership'));

    create trigger data_change after insert or update or delete or truncate on system_leader
      for each statement execute function data_change_note();
    create trigger data_change after insert or update or delete or truncate on support_partnership
      for each statement execute function data_change_note();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table support_partnership, system_leader;
    delete from observation where indicator_code in (select code from indicator where feed = 'system-leadership');
    delete from indicator where feed = 'system-leadership';
    alter table indicator drop constraint indicator_feed_check, add constraint indicator_feed_check
      check (feed in ('pupil-records', 'published', 'ofsted', 'casework', 'admissions', 'place-planning'));
  `.execute(db);
}
