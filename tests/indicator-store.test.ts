import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { asStored } from '../src/store/indicator-store.ts';
import { createLog } from '../src/log.ts';
import { createServices, type Services } from '../src/services/create-services.ts';
import { catalogue, frameworks } from './support/catalogue.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { servicesFor } from './support/app.ts';

for (const target of databaseTargets()) {
  describe(`the indicator catalogue in the store (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, new Date('2016-01-14T00:00:00Z'));
    });
    after(() => database.drop());

    it('writes every definition once and reads back exactly what the files say', async () => {
      assert.deepEqual(await services.catalogue.sync(), { inserted: catalogue.length, updated: 0, unchanged: 0 });
      assert.deepEqual(
        await database.store.indicators.all(),
        // LAIT breakdown keys are read by the framework from the files, not stored (see indicator-store.ts).
        [...catalogue].map((i) => asStored(i)).sort((a, b) => a.code.localeCompare(b.code)),
      );
      assert.deepEqual(await services.catalogue.sync(), { inserted: 0, updated: 0, unchanged: catalogue.length });
    });

    it('updates a definition whose file changed', async () => {
      const changed = catalogue.map((i) => (i.code === 'overall-absence' ? { ...i, title: 'Overall absence rate (all sessions)' } : i));
      const other = createServices(database.store, () => new Date(), createLog('silent'), changed, {
        pupilDir: database.pupilDir,
        frameworks,
        who: { actor: 'system', requestId: null },
      });
      assert.deepEqual(await other.catalogue.sync(), { inserted: 0, updated: 1, unchanged: catalogue.length - 1 });
    });

    // Migration 0029 (ADR 0023): the observation's foreign keys became statement-level checks; the same rules hold.
    it('refuses an observation naming an indicator, place or import batch that does not exist, writing none of its rows', async () => {
      await services.catalogue.sync();
      const batchId = await database.store.register.openBatch({
        fileName: 'references.csv',
        fileHash: 'references',
        format: 'test',
        rowCount: 2,
        dataVersion: 'final',
      });
      const { ids } = await database.store.places.upsert('la', [{ code: '999', name: 'Reference LA' }], null);
      const placeId = ids.get('999')!;
      const figure = {
        indicatorCode: 'overall-absence',
        placeId,
        period: '201415',
        breakdown: 'all',
        value: 4.5,
        numerator: null,
        denominator: null,
        symbol: null,
        dataVersion: 'final' as const,
      };
      const count = async () => Number((await sql<{ n: string }>`select count(*) as n from observation`.execute(database.db)).rows[0]!.n);
      const before = await count();
      for (const [wrong, message] of [
        [{ indicatorCode: 'no-such-indicator' }, /indicator that does not exist/],
        [{ placeId: placeId + 1_000_000 }, /place that does not exist/],
      ] as const)
        await assert.rejects(
          database.store.observations.insert(
            [
              { ...figure, period: '201314' },
              { ...figure, ...wrong },
            ],
            batchId,
            'test',
          ),
          (error: Error & { code?: string }) => error.code === '23503' && message.test(error.message),
        );
      await assert.rejects(
        database.store.observations.insert([figure], batchId + 1_000_000, 'test'),
        (error: Error & { code?: string }) => error.code === '23503',
      );
      assert.equal(await count(), before, 'a refused statement writes none of its rows');

      await database.store.observations.insert([figure], batchId, 'test');
      await assert.rejects(
        sql`update observation set place_id = place_id + 1000000 where place_id = ${placeId}`.execute(database.db),
        /place that does not exist/,
      );
      await assert.rejects(sql`delete from import_batch where id = ${batchId}`.execute(database.db), /import batch being deleted/);
      await assert.rejects(sql`delete from indicator where code = 'overall-absence'`.execute(database.db), /indicator being deleted/);
      await assert.rejects(sql`update indicator set code = 'renamed-absence' where code = 'overall-absence'`.execute(database.db), /indicator being updated/);
      await assert.rejects(sql`update place set id = default where id = ${placeId}`.execute(database.db), /place being updated/);
      // The application's role may not truncate at all; the owner may, but not while observations refer to the table.
      const owner = new pg.Client({ connectionString: database.url });
      await owner.connect();
      try {
        await assert.rejects(owner.query('truncate place cascade'), /cannot be truncated/);
      } finally {
        await owner.end();
      }
      // A session's temporary table named like a referenced one does not stand in for it (the checks' search_path).
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await sql`create temp table place (id bigint) on commit drop`.execute(trx);
          await sql`insert into pg_temp.place values (${placeId + 1_000_000})`.execute(trx);
          await sql`insert into observation (indicator_code, place_id, period, breakdown, value, data_version, batch_id)
                    values ('overall-absence', ${placeId + 1_000_000}, '201213', 'all', 1, 'final', ${batchId})`.execute(trx);
        }),
        /place that does not exist/,
      );
      await sql`delete from place where id = ${placeId}`.execute(database.db);
      assert.equal(await count(), before, 'deleting a place deletes its observations (as ON DELETE CASCADE did)');
    });

    it('leaves no figure naming a place deleted while the figure was being written (the check locks the rows it names)', async () => {
      await services.catalogue.sync();
      const batchId = await database.store.register.openBatch({ fileName: 'locks.csv', fileHash: 'locks', format: 'test', rowCount: 1, dataVersion: 'final' });
      const { ids } = await database.store.places.upsert('la', [{ code: '998', name: 'Deleted LA' }], null);
      const placeId = ids.get('998')!;
      const writer = new pg.Client({ connectionString: database.appUrl });
      const deleter = new pg.Client({ connectionString: database.appUrl });
      await Promise.all([writer.connect(), deleter.connect()]);
      try {
        // The writer's figure is checked and uncommitted; the place's delete must wait for it, as a foreign key's would.
        await writer.query('begin');
        await writer.query(
          `insert into observation (indicator_code, place_id, period, breakdown, value, data_version, batch_id)
           values ('overall-absence', $1, '201415', 'all', 4.5, 'final', $2)`,
          [placeId, batchId],
        );
        await deleter.query(`set lock_timeout = '300ms'`);
        await assert.rejects(deleter.query('delete from place where id = $1', [placeId]), (error: Error & { code?: string }) => error.code === '55P03');
        // A changed definition of the figure's indicator is saved meanwhile without waiting: the catalogue's upsert
        // leaves the key alone, so it takes no lock the figure's check holds (setting the key too waited, and could
        // deadlock with a long import).
        const absence = catalogue.find((i) => i.code === 'overall-absence')!;
        const saved = database.store.indicators.saveAll([{ ...absence, title: `${absence.title} (changed)` }]);
        const waited = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 3000).unref());
        assert.deepEqual(await Promise.race([saved, waited]), { inserted: 0, updated: 1, unchanged: 0 });
        await database.store.indicators.saveAll([absence]);
        // Once the writer commits the delete goes ahead, and takes the place's figure with it.
        await writer.query('commit');
        await deleter.query(`set lock_timeout = 0`);
        await deleter.query('delete from place where id = $1', [placeId]);
        const left = await sql<{ n: string }>`select count(*) as n from observation where place_id = ${placeId}`.execute(database.db);
        assert.equal(Number(left.rows[0]!.n), 0, 'no figure names the deleted place');
      } finally {
        await Promise.all([writer.end(), deleter.end()]);
      }
    });
  });
}
