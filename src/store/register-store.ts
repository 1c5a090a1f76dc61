import { sql, type Kysely } from 'kysely';
import type { PostcodeRecord, SuccessionRecord } from '../domain/geography/register.ts';
import type { Succession } from '../domain/geography/succession.ts';
import type { EarlierBatch } from '../domain/import-file.ts';
import type { Database, ImportBatchTable } from './schema.ts';
import type { Selectable } from 'kysely';

/** Import batches (provenance), postcodes and school successions. */

export type BatchInput = Readonly<{ fileName: string; fileHash: string; format: string; rowCount: number; dataVersion?: 'provisional' | 'revised' | 'final' }>;
export type BatchCounts = Readonly<{ inserted: number; updated: number; closed: number; unchanged: number; skipped: number; notes: readonly string[] }>;
export type BatchRow = Readonly<
  { id: number; fileName: string; fileHash: string; format: string; dataVersion: string; rowCount: number; importedAt: Date } & BatchCounts
>;

const chunkSize = 2000;

function batchRow(r: Selectable<ImportBatchTable>): BatchRow {
  return {
    id: r.id,
    fileName: r.file_name,
    fileHash: r.file_hash,
    format: r.format,
    dataVersion: r.data_version,
    rowCount: r.row_count,
    inserted: r.inserted,
    updated: r.updated,
    closed: r.closed,
    unchanged: r.unchanged,
    skipped: r.skipped,
    notes: r.notes as string[],
    importedAt: r.imported_at,
  };
}

export function createRegisterStore(db: Kysely<Database>) {
  return {
    async openBatch(input: BatchInput): Promise<number> {
      const row = await db
        .insertInto('import_batch')
        .values({
          file_name: input.fileName,
          file_hash: input.fileHash,
          format: input.format,
          row_count: input.rowCount,
          data_version: input.dataVersion ?? 'final',
          notes: '[]',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async closeBatch(id: number, counts: BatchCounts): Promise<void> {
      await db
        .updateTable('import_batch')
        .set({
          inserted: counts.inserted,
          updated: counts.updated,
          closed: counts.closed,
          unchanged: counts.unchanged,
          skipped: counts.skipped,
          notes: JSON.stringify(counts.notes),
        })
        .where('id', '=', id)
        .execute();
    },

    async batchesWithHash(hash: string): Promise<number[]> {
      return (await db.selectFrom('import_batch').select('id').where('file_hash', '=', hash).orderBy('id').execute()).map((r) => r.id);
    },

    /** The batches of files with these hashes, with the reader and data version the unchanged-file rule reads (migration 0030). */
    async batchesHolding(hashes: readonly string[]): Promise<(BatchRow & EarlierBatch)[]> {
      if (hashes.length === 0) return [];
      const rows = await db
        .selectFrom('import_batch')
        .selectAll()
        .where('file_hash', 'in', [...new Set(hashes)])
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        ...batchRow(r),
        hash: r.file_hash,
        reader: r.reader,
        versionAfter: r.version_after === null ? null : BigInt(r.version_after),
      }));
    },

    /**
     * Record on one import's batches the reader that read their files and the data version the import commits: the
     * version it began on and its own change (data_change's weight 1 a transaction), or null if anything else committed
     * while it ran (that change may have come between its files, so none of them is held by this version).
     */
    async stampBatches(ids: readonly number[], reader: string, versionBefore: bigint): Promise<void> {
      if (ids.length === 0) return;
      await sql`
        update import_batch
           set reader = ${reader},
               version_after = (select case when coalesce(sum(weight), 0) = ${versionBefore.toString()}::numeric + 1 then sum(weight) end from data_change)
         where id in (${sql.join(ids)})`.execute(db);
    },

    /** The batches of the import whose commit is this data version (migration 0030), in the order it wrote them. */
    async batchesAtVersion(version: bigint): Promise<number[]> {
      const rows = await db.selectFrom('import_batch').select('id').where('version_after', '=', version.toString()).orderBy('id').execute();
      return rows.map((r) => r.id);
    },

    /** The data version as this transaction sees it (migration 0028), read without folding data_change. */
    async dataVersionNow(): Promise<bigint> {
      const { rows } = await sql<{ version: string }>`select coalesce(sum(weight), 0)::text as version from data_change`.execute(db);
      return BigInt(rows[0]!.version);
    },

    async hasFormat(format: string): Promise<boolean> {
      return (await db.selectFrom('import_batch').select('id').where('format', '=', format).limit(1).executeTakeFirst()) !== undefined;
    },

    async batches(limit = 50, format?: string): Promise<BatchRow[]> {
      let query = db.selectFrom('import_batch').selectAll();
      if (format !== undefined) query = query.where('format', '=', format);
      const rows = await query.orderBy('id', 'desc').limit(limit).execute();
      return rows.map(batchRow);
    },

    async upsertPostcodes(records: readonly PostcodeRecord[], batchId: number): Promise<{ inserted: number; updated: number; unchanged: number }> {
      const existing = new Map<string, string>();
      for (let i = 0; i < records.length; i += chunkSize) {
        const rows = await db
          .selectFrom('postcode')
          .selectAll()
          .where(
            'postcode',
            'in',
            records.slice(i, i + chunkSize).map((r) => r.postcode),
          )
          .execute();
        for (const r of rows) existing.set(r.postcode, `${r.county_code}|${r.district_code}|${r.ward_code}|${r.easting}|${r.northing}`);
      }
      let inserted = 0;
      let updated = 0;
      const changed = records.filter((r) => {
        const old = existing.get(r.postcode);
        if (old === undefined) inserted++;
        else if (old !== `${r.countyCode}|${r.districtCode}|${r.wardCode}|${r.easting}|${r.northing}`) updated++;
        else return false;
        return true;
      });
      for (let i = 0; i < changed.length; i += chunkSize) {
        await db
          .insertInto('postcode')
          .values(
            changed.slice(i, i + chunkSize).map((r) => ({
              postcode: r.postcode,
              county_code: r.countyCode,
              district_code: r.districtCode,
              ward_code: r.wardCode,
              easting: r.easting,
              northing: r.northing,
              batch_id: batchId,
            })),
          )
          .onConflict((oc) =>
            oc.column('postcode').doUpdateSet((eb) => ({
              county_code: eb.ref('excluded.county_code'),
              district_code: eb.ref('excluded.district_code'),
              ward_code: eb.ref('excluded.ward_code'),
              easting: eb.ref('excluded.easting'),
              northing: eb.ref('excluded.northing'),
              batch_id: eb.ref('excluded.batch_id'),
            })),
          )
          .execute();
      }
      return { inserted, updated, unchanged: records.length - inserted - updated };
    },

    async postcodesInCounty(countyCode: string): Promise<{ postcode: string; districtCode: string }[]> {
      return db.selectFrom('postcode').select(['postcode', 'district_code as districtCode']).where('county_code', '=', countyCode).execute();
    },

    async countiesWithPostcodes(): Promise<{ countyCode: string; districtCode: string }[]> {
      return db.selectFrom('postcode').select(['county_code as countyCode', 'district_code as districtCode']).distinct().execute();
    },

    async upsertSuccessions(records: readonly SuccessionRecord[], batchId: number): Promise<{ inserted: number; updated: number; unchanged: number }> {
      const existing = new Map(
        (await db.selectFrom('school_succession').selectAll().execute()).map((r) => [
          `${r.predecessor_urn}>${r.successor_urn}`,
          `${r.reason}|${r.link_type}|${r.linked_on}`,
        ]),
      );
      let inserted = 0;
      let updated = 0;
      const changed = records.filter((r) => {
        const old = existing.get(`${r.predecessorUrn}>${r.successorUrn}`);
        if (old === undefined) inserted++;
        else if (old !== `${r.reason}|${r.linkType}|${r.linkedOn}`) updated++;
        else return false;
        return true;
      });
      for (let i = 0; i < changed.length; i += chunkSize) {
        await db
          .insertInto('school_succession')
          .values(
            changed.slice(i, i + chunkSize).map((r) => ({
              predecessor_urn: r.predecessorUrn,
              successor_urn: r.successorUrn,
              reason: r.reason,
              link_type: r.linkType,
              linked_on: r.linkedOn,
              batch_id: batchId,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['predecessor_urn', 'successor_urn']).doUpdateSet((eb) => ({
              reason: eb.ref('excluded.reason'),
              link_type: eb.ref('excluded.link_type'),
              linked_on: eb.ref('excluded.linked_on'),
              batch_id: eb.ref('excluded.batch_id'),
            })),
          )
          .execute();
      }
      return { inserted, updated, unchanged: records.length - inserted - updated };
    },

    /** Every succession held (for reading many schools' histories at once). */
    async allSuccessions(): Promise<Succession[]> {
      const rows = await db.selectFrom('school_succession').select(['predecessor_urn', 'successor_urn', 'reason', 'linked_on']).execute();
      return rows.map((r) => ({
        predecessorUrn: r.predecessor_urn,
        successorUrn: r.successor_urn,
        reason: r.reason as Succession['reason'],
        linkedOn: r.linked_on,
      }));
    },

    /** Every succession that touches any URN in a school's chain (followed transitively in SQL). */
    async successionsAround(urn: string): Promise<Succession[]> {
      const result = await sql<{ predecessor_urn: string; successor_urn: string; reason: string; linked_on: string | null }>`
        with recursive chain(urn) as (
          select ${urn}::text
          union
          select case when s.predecessor_urn = c.urn then s.successor_urn else s.predecessor_urn end
            from school_succession s join chain c on c.urn in (s.predecessor_urn, s.successor_urn)
        )
        select distinct s.predecessor_urn, s.successor_urn, s.reason, s.linked_on
          from school_succession s where s.predecessor_urn in (select urn from chain) or s.successor_urn in (select urn from chain)`.execute(db);
      return result.rows.map((r) => ({
        predecessorUrn: r.predecessor_urn,
        successorUrn: r.successor_urn,
        reason: r.reason as Succession['reason'],
        linkedOn: r.linked_on,
      }));
    },
  };
}

export type RegisterStore = ReturnType<typeof createRegisterStore>;
