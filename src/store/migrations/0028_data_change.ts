import { sql, type Kysely } from 'kysely';

/**
 * The data version (issue 20.4, ADR 0022): what pages are cached by. Every table whose rows a page can show carries a
 * statement-level trigger noting the writing transaction once in data_change; the version is the sum of the rows'
 * weights, which only committed transactions add to, so a reader never sees a version newer than the figures it can
 * read (a sequence would be: its values are handed out before commit, and in another order). A transaction's row is
 * stamped at commit (a deferred trigger) for Last-Modified. Compaction folds the rows into one of the same total weight,
 * so the version never goes back.
 *
 * Not tracked: who may sign in and their sessions, tokens and keys (they change no figure and are written on every
 * sign-in), the audit trail (written on every signed-in read), permalinks (kept, never changed), and the migrator's own
 * tables. A test checks every other table carries the trigger, so a table a later migration adds cannot be forgotten.
 */
export const untrackedTables = [
  'audit_event',
  'web_session',
  'api_token',
  'app_user',
  'user_identity',
  'role_grant',
  'pseudonym_key',
  'table_permalink',
  'data_change',
  'kysely_migration',
  'kysely_migration_lock',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table data_change (
      id bigserial primary key,
      xact xid8 unique, -- the writing transaction; null for a row compaction folded others into
      weight bigint not null default 1 check (weight > 0),
      changed_at timestamptz not null default clock_timestamp()
    );

    create function data_change_note() returns trigger language plpgsql as $$
    declare this_xact text := pg_current_xact_id()::text;
    begin
      -- Once a transaction: later statements find the mark (a local setting, undone with the transaction or savepoint).
      if current_setting('waymark.data_change_noted', true) is distinct from this_xact then
        insert into data_change (xact) values (pg_current_xact_id()) on conflict (xact) do nothing;
        perform set_config('waymark.data_change_noted', this_xact, true);
      end if;
      return null;
    end;
    $$;

    create function data_change_stamp() returns trigger language plpgsql as $$
    begin
      update data_change set changed_at = clock_timestamp() where id = new.id;
      return null;
    end;
    $$;
    create constraint trigger data_change_stamp after insert on data_change deferrable initially deferred
      for each row when (new.xact is not null) execute function data_change_stamp();

    create function data_change_compact() returns void language plpgsql as $$
    begin
      if not pg_try_advisory_xact_lock(hashtext('waymark_data_change_compact')) then
        return;
      end if;
      with gone as (delete from data_change returning weight, changed_at)
      insert into data_change (xact, weight, changed_at)
        select null, sum(weight), max(changed_at) from gone having count(*) > 0;
    end;
    $$;
  `.execute(db);
  const untracked = sql.join(untrackedTables.map((t) => sql.lit(t)));
  await sql`
    do $$
    declare t text;
    begin
      for t in select tablename from pg_tables where schemaname = 'public' and tablename not in (${untracked}) loop
        execute format('create trigger data_change after insert or update or delete or truncate on %I
          for each statement execute function data_change_note()', t);
      end loop;
    end;
    $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    declare t text;
    begin
      for t in select c.relname from pg_trigger g join pg_class c on c.oid = g.tgrelid where g.tgname = 'data_change' loop
        execute format('drop trigger data_change on %I', t);
      end loop;
    end;
    $$;
    drop table data_change;
    drop function data_change_compact();
    drop function data_change_stamp();
    drop function data_change_note();
  `.execute(db);
}
