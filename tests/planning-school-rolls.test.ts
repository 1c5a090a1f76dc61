import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ObservationInput } from '../src/store/observation-store.ts';
import { servicesFor } from './support/app.ts';
import { databaseTargets, freshDatabase, type TestDatabase } from './support/databases.ts';
import { schoolAttributes } from './fixtures/hand-built-round.ts';

// The census rolls place planning reads (planning-store.ts schoolRolls) when one school's year group is held in
// several data versions (review of issue 17: one row was picked arbitrarily). By the figure precedence
// (domain/indicators/figure-precedence.ts): final before revised before provisional, whatever order they came in.

const attributes = schoolAttributes('300001', 'primary');

for (const target of databaseTargets()) {
  describe(`school rolls for place planning on ${target.name}`, () => {
    let database: TestDatabase;

    before(async () => {
      database = await freshDatabase(target);
      await servicesFor(database, () => new Date('2016-05-20T10:00:00Z')).catalogue.sync();
      const { ids } = await database.store.places.upsert('school', [{ code: '300001', name: 'Versioned Primary', attributes }], null);
      const roll = (period: string, breakdown: string, value: number, dataVersion: ObservationInput['dataVersion']): ObservationInput => ({
        indicatorCode: 'pupils-on-roll',
        placeId: ids.get('300001')!,
        period,
        breakdown,
        value,
        numerator: null,
        denominator: null,
        symbol: null,
        dataVersion,
      });
      // Reception 2015/16: provisional 31 imported first, then final 30, then revised 29; Year 1: provisional 28 and revised 27.
      for (const [n, r] of [
        roll('201516', 'year-group:R', 31, 'provisional'),
        roll('201516', 'year-group:R', 30, 'final'),
        roll('201516', 'year-group:R', 29, 'revised'),
        roll('201516', 'year-group:1', 28, 'provisional'),
        roll('201516', 'year-group:1', 27, 'revised'),
      ].entries()) {
        const batch = await database.store.register.openBatch({
          fileName: `census-${n}.csv`,
          fileHash: String(n).repeat(64),
          format: 'test-census',
          rowCount: 1,
        });
        await database.store.observations.insert([r], batch, 'test-census');
      }
    });
    after(async () => database.drop());

    it('reads the final figure before a revised one, and a revised before a provisional one', async () => {
      const rolls = await database.store.planning.schoolRolls(['300001']);
      assert.deepEqual(rolls.map((r) => [r.yearGroup, r.pupils]).sort(), [
        ['1', 27],
        ['R', 30],
      ]);
    });
  });
}
