import { sql, type Kysely } from 'kysely';

/**
 * An observation's references to its indicator, place and import batch checked once a statement instead of once a row
 * (issue 20.2, ADR 0023). The three foreign keys checked each row written with a query of its own, locking the
 * referenced row: writing the demo's 696,053 computed figures took 27 s with them and 11 s without. The same rules now
 * hold by statement-level triggers over the statement's rows (transition tables): a write that names an indicator,
 * place or batch that does not exist fails with foreign_key_violation, as before; deleting a place deletes its
 * observations, as ON DELETE CASCADE did; deleting an indicator or a batch that observations name, or changing a key
 * they name, fails, as before; truncating any of the three while observations exist fails (even together with
 * observation, which a foreign key allowed). Each function reads the tables of the public schema only (its
 * search_path puts pg_temp last), so a session's temporary table of the same name cannot stand in for one. Unlike a
 * foreign key the checks lock no referenced row: a place deleted while another transaction writes its first figure
 * could leave that figure behind. Waymark deletes no place, indicator or batch.
 *
 * The figure key is rebuilt with the period and breakdown after the indicator, so that it serves the reads by
 * indicator, period and breakdown that observation_indicator_period served, and that index goes (one index fewer for
 * every figure written; reads by place keep observation_place).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table observation
      drop constraint observation_indicator_code_fkey,
      drop constraint observation_place_id_fkey,
      drop constraint observation_batch_id_fkey;

    create function observation_references_check() returns trigger language plpgsql set search_path = pg_catalog, public, pg_temp as $$
    begin
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
    create trigger observation_references_inserted after insert on observation
      referencing new table as written for each statement execute function observation_references_check();
    create trigger observation_references_updated after update on observation
      referencing new table as written for each statement execute function observation_references_check();

    create function observation_place_deleted() returns trigger language plpgsql set search_path = pg_catalog, public, pg_temp as $$
    begin
      delete from observation o using gone g where o.place_id = g.id;
      return null;
    end;
    $$;
    create trigger observation_place_deleted after delete on place
      referencing old table as gone for each statement execute function observation_place_deleted();

    -- An indicator or batch deleted, or a referenced key changed by an update (a renamed indicator code, a place or
    -- batch id set anew), would leave observations naming nothing, which the foreign keys refused: refuse it too. The
    -- old rows' keys still referenced and no longer in the table are the ones gone.
    create function observation_key_gone() returns trigger language plpgsql set search_path = pg_catalog, public, pg_temp as $$
    begin
      if TG_TABLE_NAME = 'indicator' then
        if exists (select 1 from gone g where not exists (select 1 from indicator i where i.code = g.code)
                     and exists (select 1 from observation o where o.indicator_code = g.code)) then
          raise foreign_key_violation using message = format('observations name an indicator being %s', lower(TG_OP) || 'd');
        end if;
      elsif TG_TABLE_NAME = 'place' then
        if exists (select 1 from gone g where not exists (select 1 from place p where p.id = g.id)
                     and exists (select 1 from observation o where o.place_id = g.id)) then
          raise foreign_key_violation using message = format('observations name a place being %s', lower(TG_OP) || 'd');
        end if;
      elsif exists (select 1 from gone g where not exists (select 1 from import_batch b where b.id = g.id)
                      and exists (select 1 from observation o where o.batch_id = g.id)) then
        raise foreign_key_violation using message = format('observations name an import batch being %s', lower(TG_OP) || 'd');
      end if;
      return null;
    end;
    $$;
    create trigger observation_key_gone after delete on indicator
      referencing old table as gone for each statement execute function observation_key_gone();
    create trigger observation_key_gone after delete on import_batch
      referencing old table as gone for each statement execute function observation_key_gone();
    create trigger observation_key_changed after update on indicator
      referencing old table as gone for each statement execute function observation_key_gone();
    create trigger observation_key_changed after update on place
      referencing old table as gone for each statement execute function observation_key_gone();
    create trigger observation_key_changed after update on import_batch
      referencing old table as gone for each statement execute function observation_key_gone();

    create function observation_referenced_truncated() returns trigger language plpgsql set search_path = pg_catalog, public, pg_temp as $$
    begin
      if exists (select 1 from observation) then
        raise foreign_key_violation using message = format('%I cannot be truncated while observations refer to it', TG_TABLE_NAME);
      end if;
      return null;
    end;
    $$;
    create trigger observation_referenced_truncated before truncate on place for each statement execute function observation_referenced_truncated();
    create trigger observation_referenced_truncated before truncate on indicator for each statement execute function observation_referenced_truncated();
    create trigger observation_referenced_truncated before truncate on import_batch for each statement execute function observation_referenced_truncated();

    alter table observation drop constraint observation_figure_key;
    alter table observation add constraint observation_figure_key
      unique (indicator_code, period, breakdown, place_id, data_version, basis, population, source);
    drop index observation_indicator_period;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index observation_indicator_period on observation (indicator_code, period, breakdown);
    alter table observation drop constraint observation_figure_key;
    alter table observation add constraint observation_figure_key
      unique (indicator_code, place_id, period, breakdown, data_version, basis, population, source);
    drop trigger observation_referenced_truncated on place;
    drop trigger observation_referenced_truncated on indicator;
    drop trigger observation_referenced_truncated on import_batch;
    drop function observation_referenced_truncated();
    drop trigger observation_key_gone on indicator;
    drop trigger observation_key_gone on import_batch;
    drop trigger observation_key_changed on indicator;
    drop trigger observation_key_changed on place;
    drop trigger observation_key_changed on import_batch;
    drop function observation_key_gone();
    drop trigger observation_place_deleted on place;
    drop function observation_place_deleted();
    drop trigger observation_references_inserted on observation;
    drop trigger observation_references_updated on observation;
    drop function observation_references_check();
    alter table observation
      add constraint observation_indicator_code_fkey foreign key (indicator_code) references indicator (code),
      add constraint observation_place_id_fkey foreign key (place_id) references place (id) on delete cascade,
      add constraint observation_batch_id_fkey foreign key (batch_id) references import_batch (id);
  `.execute(db);
}
