import type { Kysely } from 'kysely';
import type { Observation } from '../domain/indicators/indicator.ts';
import type { Database } from './schema.ts';

const chunkSize = 2000;

export function createObservationStore(db: Kysely<Database>) {
  return {
    async insert(observations: readonly Observation[], batchId: number): Promise<void> {
      for (let i = 0; i < observations.length; i += chunkSize) {
        await db
          .insertInto('observation')
          .values(
            observations.slice(i, i + chunkSize).map((o) => ({
              indicator_code: o.indicatorCode,
              place_id: o.placeId,
              period: o.period,
              breakdown: o.breakdown,
              value: o.value,
              numerator: o.numerator,
              denominator: o.denominator,
              symbol: o.symbol,
              data_version: o.dataVersion,
              batch_id: batchId,
            })),
          )
          .execute();
      }
    },

    async forPlace(placeId: number, indicatorCode: string): Promise<(Observation & { batchId: number })[]> {
      const rows = await db
        .selectFrom('observation')
        .selectAll()
        .where('place_id', '=', placeId)
        .where('indicator_code', '=', indicatorCode)
        .orderBy('period')
        .orderBy('breakdown')
        .execute();
      return rows.map((r) => ({
        indicatorCode: r.indicator_code,
        placeId: r.place_id,
        period: r.period,
        breakdown: r.breakdown,
        value: r.value === null ? null : Number(r.value),
        numerator: r.numerator === null ? null : Number(r.numerator),
        denominator: r.denominator === null ? null : Number(r.denominator),
        symbol: r.symbol as Observation['symbol'],
        dataVersion: r.data_version as Observation['dataVersion'],
        batchId: r.batch_id,
      }));
    },
  };
}
