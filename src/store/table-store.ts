import { sql, type Kysely } from 'kysely';
import type { BuiltTable, DataVersionMark, TablePermalink, TableQuery } from '../domain/tables/built-table.ts';
import type { Database } from './schema.ts';
import { figureBases } from './observation-store.ts';

/** What the table builder reads beyond observations, and its permalinks (migration 0026): kept whole, never changed. */
export function createTableStore(db: Kysely<Database>) {
  return {
    /** The latest import: every figure held now was written by it or before it. Null in an empty store. */
    async dataVersion(): Promise<DataVersionMark | null> {
      const row = await db.selectFrom('import_batch').select(['id', 'imported_at']).orderBy('id', 'desc').limit(1).executeTakeFirst();
      return row === undefined ? null : { batchId: Number(row.id), importedAt: new Date(row.imported_at).toISOString() };
    },

    /** The years and pupil groups held for some indicators at some places: the builder offers these and no others. */
    async heldCells(indicatorCodes: readonly string[], placeIds: readonly number[]): Promise<{ periods: string[]; groups: string[] }> {
      if (indicatorCodes.length === 0 || placeIds.length === 0) return { periods: [], groups: [] };
      const where = sql`indicator_code = any(${sql.val([...indicatorCodes])}::text[]) and place_id = any(${sql.val([...placeIds])}::bigint[])
        and basis = any(${sql.val([...figureBases])}::text[])`;
      const periods = await sql<{ period: string }>`select distinct period from observation where ${where} order by period`.execute(db);
      const groups = await sql<{ breakdown: string }>`select distinct breakdown from observation where ${where} order by breakdown`.execute(db);
      return { periods: periods.rows.map((r) => r.period), groups: groups.rows.map((r) => r.breakdown) };
    },

    async savePermalink(p: TablePermalink): Promise<void> {
      await db
        .insertInto('table_permalink')
        .values({
          id: p.id,
          created_at: new Date(p.createdAt),
          query: JSON.stringify(p.query),
          data_version: p.dataVersion?.batchId ?? null,
          data_version_at: p.dataVersion === null ? null : new Date(p.dataVersion.importedAt),
          tables: JSON.stringify(p.tables),
        })
        .execute();
    },

    async permalink(id: string): Promise<TablePermalink | null> {
      const row = await db.selectFrom('table_permalink').selectAll().where('id', '=', id).executeTakeFirst();
      if (row === undefined) return null;
      return {
        id: row.id,
        createdAt: new Date(row.created_at).toISOString(),
        query: row.query as TableQuery,
        dataVersion: row.data_version === null ? null : { batchId: Number(row.data_version), importedAt: new Date(row.data_version_at!).toISOString() },
        tables: row.tables as BuiltTable[],
      };
    },
  };
}
