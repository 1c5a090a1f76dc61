import { sql, type Kysely } from 'kysely';

// The audit trail (issue 14.6, ADR 0011): who did what, when, where, in which request. Append-only in PostgreSQL itself:
// a trigger refuses UPDATE, DELETE and TRUNCATE for every role that has not disabled it (only an owner or superuser can),
// and the application's role is granted INSERT and SELECT alone (app-role.ts, after migrating). Each row carries the
// hash of the one before (domain/audit/audit-chain.ts), so a rewrite by a superuser is still found by `waymark audit verify`.
// `at` is kept to the millisecond the hash covers.
//
// waymark_analyse: the application's role does not own the tables, and PostgreSQL 15 lets only an owner ANALYZE;
// this function, owned by the migrating role, refreshes the planner's statistics of the tables bulk writes change.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_event (
      id bigserial primary key,
      at timestamptz not null check (at = date_trunc('milliseconds', at)),
      actor text not null check (actor ~ '^(user:[0-9]+|token:[0-9]+|cli:[^[:space:]]+|system|anonymous)$'),
      action text not null check (action ~ '^[a-z][a-z-]*(\\.[a-z][a-z-]*)+$'),
      place_id integer, -- no foreign key: a place may go, its history stays
      subject text not null,
      request_id text,
      detail jsonb not null default '{}',
      prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
      hash text not null unique check (hash ~ '^[0-9a-f]{64}$')
    );
    create index audit_event_at on audit_event (at);
    create index audit_event_actor on audit_event (actor, at);
    create index audit_event_place on audit_event (place_id, at) where place_id is not null;
    revoke all on audit_event from public;

    create function audit_event_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end;
    $$;
    create trigger audit_event_append_only before update or delete on audit_event
      for each row execute function audit_event_refuse_change();
    create trigger audit_event_no_truncate before truncate on audit_event
      for each statement execute function audit_event_refuse_change();

    create function waymark_analyse(tables text[]) returns void language plpgsql security definer
      set search_path = public, pg_temp as $$
    declare t text;
    begin
      foreach t in array tables loop
        if t not in ('observation', 'place', 'place_link', 'inspection') then
          raise exception 'waymark_analyse: % is not a table Waymark analyses', t;
        end if;
        execute format('analyze %I', t);
      end loop;
    end;
    $$;
    revoke all on function waymark_analyse(text[]) from public;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop function waymark_analyse(text[]);
    drop table audit_event;
    drop function audit_event_refuse_change();
  `.execute(db);
}
