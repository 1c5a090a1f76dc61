import type { Kysely } from 'kysely';
import type { BirthRecord, BirthSex } from '../domain/indicators/births.ts';
import type { Database } from './schema.ts';

/** A births row as kept: the record, and the batch that last wrote it. */
export type HeldBirthRecord = BirthRecord & Readonly<{ batchId: number }>;

/** ONS births rows kept as read, so their figures can be remade when the register learns the areas (births-writer.ts). */
export function createBirthsStore(db: Kysely<Database>) {
  return {
    /** Keep a file's rows: a later file's figure for the same area, sex and year replaces the earlier one. */
    async keep(records: readonly BirthRecord[], batchId: number): Promise<void> {
      for (let i = 0; i < records.length; i += 5000)
        await db
          .insertInto('births_record')
          .values(
            records
              .slice(i, i + 5000)
              .map((r) => ({ area_code: r.areaCode, sex: r.sex, year: r.year, births: r.births, batch_id: batchId, source_line: r.line })),
          )
          .onConflict((oc) =>
            oc.columns(['area_code', 'sex', 'year']).doUpdateSet((eb) => ({
              births: eb.ref('excluded.births'),
              batch_id: eb.ref('excluded.batch_id'),
              source_line: eb.ref('excluded.source_line'),
            })),
          )
          .execute();
    },

    async all(): Promise<HeldBirthRecord[]> {
      const rows = await db.selectFrom('births_record').selectAll().orderBy('batch_id').orderBy('source_line').execute();
      return rows.map((r) => ({ areaCode: r.area_code, sex: r.sex as BirthSex, year: r.year, births: r.births, line: r.source_line, batchId: r.batch_id }));
    },
  };
}
