import { sql, type Kysely } from 'kysely';

// The observation reference checks of migration 0029 lock the rows a statement's figures name (FOR KEY SHARE, as a
// foreign key's check does), once a distinct indicator, place and batch a statement rather than once a row. Without
// the lock a place deleted while another transaction wrote its first figure left that figure naming nothing: the
// delete's cascade could not see the uncommitted figure, and the figure's check had seen the place. Now the delete
// waits for the writer (and then removes its figures), or the writer waits for the delete (and then fails with
// foreign_key_violation). Waymark itself deletes no place, indicator or batch; an administrator's SQL might.

const check = (locks: boolean) =>
  sql.raw(`
  create or replace function observation_references_check() returns trigger language plpgsql set search_path = pg_catalog, public, pg_temp as $$
  begin
    ${
      locks
        ? `perform 1 from indicator i where i.code in (select distinct w.indicator_code from written w) for key share of i;
    perform 1 from place p where p.id in (select distinct w.place_id from written w) for key share of p;
    perform 1 from import_batch b where b.id in (select distinct w.batch_id from written w) for key share of b;`
        : ''
    }
    if exists (select 1 from written w where not exists (select 1 from indicator i where i.code = w.indicator_code)) then
      raise foreign_key_violation using message = 'an observation names an indicator that does not exist';
    end if;
    if exists (select 1 from written w where not exists (select 1 from place p where p.id = w.place_id)) then
      raise foreign_key_violation using message = 'an observation names a place that does not exist';
    end if;
    if exists (select 1 from written w where not exists (select 1 from import_batch b where b.id = w.batch_id)) then
      raise foreign_key_violation using message = 'an observation names an import batch that does not exist';
    end if;
    return null;
  end;
  $$;
`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await check(true).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await check(false).execute(db);
}
