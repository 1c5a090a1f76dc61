import { sql, type Kysely } from 'kysely';
import type { DataVersion, DfeSymbol, Observation } from '../domain/indicators/indicator.ts';
import type { PlaceKind } from '../domain/geography/place.ts';
import type { Database } from './schema.ts';

/** Observations: one value of one indicator for one place, period, breakdown and data version, with its provenance. */

const chunkSize = 2000;

/** An observation as an import writes it: the decimals it was published with and the file line it came from. */
export type ObservationInput = Observation & Readonly<{ decimalPlaces?: number | null; sourceLine?: number | null }>;

export type ObservationRow = Observation &
  Readonly<{
    decimalPlaces: number | null;
    place: Readonly<{ kind: PlaceKind; code: string; name: string }>;
    provenance: Readonly<{ batchId: number; file: string; format: string; line: number | null; importedAt: Date }>;
  }>;

export type ObservationQuery = Readonly<{
  indicatorCode?: string;
  placeIds?: readonly number[];
  period?: string;
  breakdown?: string;
  dataVersion?: DataVersion;
  limit: number;
}>;

export function createObservationStore(db: Kysely<Database>) {
  const toRow = (o: ObservationInput, batchId: number) => ({
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
    decimal_places: o.decimalPlaces ?? null,
    source_line: o.sourceLine ?? null,
  });

  return {
    async insert(observations: readonly ObservationInput[], batchId: number): Promise<void> {
      for (let i = 0; i < observations.length; i += chunkSize) {
        await db
          .insertInto('observation')
          .values(observations.slice(i, i + chunkSize).map((o) => toRow(o, batchId)))
          .execute();
      }
    },

    /**
     * Insert new observations and update those whose figures changed; identical ones are left (and keep their batch).
     * A different data version is a different observation: a revised figure never overwrites the provisional one.
     */
    async upsert(observations: readonly ObservationInput[], batchId: number): Promise<{ inserted: number; updated: number; unchanged: number }> {
      let inserted = 0;
      let updated = 0;
      for (let i = 0; i < observations.length; i += chunkSize) {
        const written = await db
          .insertInto('observation')
          .values(observations.slice(i, i + chunkSize).map((o) => toRow(o, batchId)))
          .onConflict((oc) =>
            oc
              .columns(['indicator_code', 'place_id', 'period', 'breakdown', 'data_version'])
              .doUpdateSet((eb) => ({
                value: eb.ref('excluded.value'),
                numerator: eb.ref('excluded.numerator'),
                denominator: eb.ref('excluded.denominator'),
                symbol: eb.ref('excluded.symbol'),
                decimal_places: eb.ref('excluded.decimal_places'),
                source_line: eb.ref('excluded.source_line'),
                batch_id: eb.ref('excluded.batch_id'),
              }))
              .where(
                sql<boolean>`(observation.value, observation.numerator, observation.denominator, observation.symbol, observation.decimal_places)
                   is distinct from (excluded.value, excluded.numerator, excluded.denominator, excluded.symbol, excluded.decimal_places)`,
              ),
          )
          // xmax is 0 for a row this statement inserted; rows left unchanged are not returned at all.
          .returning(sql<boolean>`xmax = 0`.as('inserted'))
          .execute();
        for (const w of written)
          if (w.inserted) inserted++;
          else updated++;
      }
      return { inserted, updated, unchanged: observations.length - inserted - updated };
    },

    async find(query: ObservationQuery): Promise<ObservationRow[]> {
      let q = db
        .selectFrom('observation as o')
        .innerJoin('place as p', 'p.id', 'o.place_id')
        .innerJoin('import_batch as b', 'b.id', 'o.batch_id')
        .select([
          'o.indicator_code',
          'o.place_id',
          'o.period',
          'o.breakdown',
          'o.value',
          'o.numerator',
          'o.denominator',
          'o.symbol',
          'o.data_version',
          'o.decimal_places',
          'o.source_line',
          'p.kind',
          'p.code',
          'p.name',
          'b.id as batch_id',
          'b.file_name',
          'b.format',
          'b.imported_at',
        ]);
      if (query.indicatorCode !== undefined) q = q.where('o.indicator_code', '=', query.indicatorCode);
      if (query.placeIds !== undefined) q = q.where('o.place_id', 'in', query.placeIds.length > 0 ? [...query.placeIds] : [-1]);
      if (query.period !== undefined) q = q.where('o.period', '=', query.period);
      if (query.breakdown !== undefined) q = q.where('o.breakdown', '=', query.breakdown);
      if (query.dataVersion !== undefined) q = q.where('o.data_version', '=', query.dataVersion);
      const rows = await q
        .orderBy('o.indicator_code')
        .orderBy('o.period')
        .orderBy('p.kind')
        .orderBy('p.code')
        .orderBy('o.breakdown')
        .orderBy('o.data_version')
        .limit(query.limit)
        .execute();
      return rows.map((r) => ({
        indicatorCode: r.indicator_code,
        placeId: r.place_id,
        period: r.period,
        breakdown: r.breakdown,
        value: r.value === null ? null : Number(r.value),
        numerator: r.numerator === null ? null : Number(r.numerator),
        denominator: r.denominator === null ? null : Number(r.denominator),
        symbol: r.symbol as DfeSymbol | null,
        dataVersion: r.data_version as DataVersion,
        decimalPlaces: r.decimal_places,
        place: { kind: r.kind as PlaceKind, code: r.code, name: r.name },
        provenance: { batchId: r.batch_id, file: r.file_name, format: r.format, line: r.source_line, importedAt: r.imported_at },
      }));
    },

    async forPlace(placeId: number, indicatorCode: string): Promise<ObservationRow[]> {
      return this.find({ indicatorCode, placeIds: [placeId], limit: 10_000 });
    },
  };
}
