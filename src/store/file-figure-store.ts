import { sql, type Kysely } from 'kysely';
import type { DfeSymbol } from '../domain/indicators/indicator.ts';
import type { Fact } from '../domain/indicators/same-fact.ts';
import type { Database } from './schema.ts';

/** A figure a published file gives: its cell (indicator, place, period, breakdown, data version), line and fact. */
export type FileFigure = Fact & Readonly<{ indicatorCode: string; placeId: number; period: string; breakdown: string; dataVersion: string; line: number }>;

/** The figure an earlier chunk of the same file gave for the same cell: its line and fact. */
export type FirstFigure = Fact & Readonly<{ line: number }>;

/**
 * The figures one published file has given so far, in a temporary table of the import's transaction (issue 20.5): a
 * file read a chunk at a time is held to "one figure a cell" across its chunks without keeping its figures in memory.
 * The table goes when the transaction ends; `begin` empties it for the next file of the same import.
 */
export function createFileFigureStore(db: Kysely<Database>) {
  return {
    async begin(): Promise<void> {
      if (!db.isTransaction) throw new Error("a file's figures are followed within its import's transaction");
      await sql`create temporary table if not exists file_figure (
                  indicator_code text not null, place_id bigint not null, period text not null, breakdown text not null,
                  data_version text not null, line int not null, value double precision, numerator double precision,
                  denominator double precision, symbol text, decimal_places int,
                  primary key (indicator_code, place_id, period, breakdown, data_version)) on commit drop`.execute(db);
      await sql`truncate pg_temp.file_figure`.execute(db);
      // A double comes back as the same double only with its shortest exact digits (the default since PostgreSQL 12;
      // a server set otherwise would round 58.099999999999994 to 58.1, and a repeat would read as a different value).
      await sql`set local extra_float_digits = 1`.execute(db);
    },

    /**
     * Keep a chunk's figures (one a cell: the caller keeps the first of a chunk's own repeats) and give, for each, the
     * figure an earlier chunk gave for its cell, or null. The earlier figure is kept, not overwritten by the chunk's.
     */
    async firstOf(figures: readonly FileFigure[]): Promise<(FirstFigure | null)[]> {
      const firsts: (FirstFigure | null)[] = figures.map(() => null);
      if (figures.length === 0) return firsts;
      // The join reads the table as it was before this statement, so it finds only earlier chunks' figures.
      const { rows } = await sql<{
        n: string;
        line: number;
        value: number | null;
        numerator: number | null;
        denominator: number | null;
        symbol: string | null;
        decimal_places: number | null;
      }>`
        with incoming as (
          select * from unnest(${figures.map((f) => f.indicatorCode)}::text[], ${figures.map((f) => f.placeId)}::bigint[],
                               ${figures.map((f) => f.period)}::text[], ${figures.map((f) => f.breakdown)}::text[],
                               ${figures.map((f) => f.dataVersion)}::text[], ${figures.map((f) => f.line)}::int[],
                               ${figures.map((f) => f.value)}::double precision[], ${figures.map((f) => f.numerator)}::double precision[],
                               ${figures.map((f) => f.denominator)}::double precision[], ${figures.map((f) => f.symbol)}::text[],
                               ${figures.map((f) => f.publishedDecimals)}::int[])
                   with ordinality as t(indicator_code, place_id, period, breakdown, data_version, line, value, numerator, denominator, symbol, decimal_places, n)),
        kept as (
          insert into pg_temp.file_figure
          select indicator_code, place_id, period, breakdown, data_version, line, value, numerator, denominator, symbol, decimal_places from incoming
          on conflict do nothing)
        select i.n::text as n, f.line, f.value, f.numerator, f.denominator, f.symbol, f.decimal_places
          from incoming i join pg_temp.file_figure f using (indicator_code, place_id, period, breakdown, data_version)`.execute(db);
      for (const r of rows)
        firsts[Number(r.n) - 1] = {
          line: r.line,
          value: r.value,
          numerator: r.numerator,
          denominator: r.denominator,
          symbol: r.symbol as DfeSymbol | null,
          publishedDecimals: r.decimal_places,
        };
      return firsts;
    },
  };
}
