import { sql, type Kysely } from 'kysely';
import type { DataVersion, DfeSymbol, Observation } from '../domain/indicators/indicator.ts';
import type { PlaceKind } from '../domain/geography/place.ts';
import { defaultPopulation, type SchoolPopulation } from '../domain/geography/school-populations.ts';
import { numberArrayLiteral } from './number-arrays.ts';
import type { Database } from './schema.ts';

/** Observations: one value of one indicator for one place, period, breakdown and data version, with its provenance. */

const chunkSize = 2000;
/** Rows a bulk statement writes as column arrays (unnest). */
const bulkSize = 20_000;

/** An observation as an import writes it: the decimals it was published with and the file line it came from. */
export type ObservationInput = Observation & Readonly<{ decimalPlaces?: number | null; sourceLine?: number | null }>;

/** How a figure came about: as a DfE (or LA) file published it, computed here from pupil records, or rolled up from school figures. */
export type Basis = 'published' | 'computed' | 'roll-up';

/** A place's own figure for a year, from a file or computed here (as against a roll-up of its schools). */
export const figureBases: readonly Basis[] = ['published', 'computed'];

/** What a figure computed from pupil records rests on: the rule of its year and the pupil file's batch. */
export type ComputedDetail =
  | Readonly<{ rule: string; pupilBatch: number; pupils: number }>
  /** A figure computed from school facts (Ofsted outcomes, floor counts): its rule and the schools behind it. */
  | Readonly<{ rule: string; schools: number; judged?: number; asAt?: string; below?: number; undecided?: number; pupils?: number }>
  /** A sum of areas' figures a file gives (a county's births from its districts): its rule and the areas summed (no pupils). */
  | Readonly<{ rule: string; areas: number; pupils?: undefined }>;

/** A figure computed from pupil records, as `waymark compute` writes it. */
export type ComputedInput = Readonly<{
  indicatorCode: string;
  placeId: number;
  breakdown: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  pupils: number;
  rule: string;
  /** Hidden from the public by primary or secondary suppression over the figure's table family (null: shown). */
  publicSuppression: PublicSuppression;
}>;

/** A figure's public suppression where Waymark decided it (figures computed from pupil records): 'pending' is hidden. */
export type PublicSuppression = 'primary' | 'secondary' | 'pending' | null;

/**
 * A figure derived from school-level facts (Ofsted outcomes, floor counts) or from case records (casework), with its
 * rule and the counts behind it; casework figures carry the public suppression decided over their table family.
 */
export type DerivedFigure = Omit<Observation, 'dataVersion' | 'symbol'> &
  Readonly<{ symbol: 'x' | null; rule: string; detail: Readonly<Record<string, unknown>>; publicSuppression?: PublicSuppression }>;

export type RollUpDetail = Readonly<{ schools: number; pupils: number; schoolsWithoutFigure: number; population?: SchoolPopulation; method: string }>;

export type ObservationRow = Observation &
  Readonly<{
    basis: Basis;
    /** The publication a published figure came from (its import format, e.g. 'lait-data', 'mapped-csv:dfe-exclusions-by-la'). */
    source: string;
    detail: RollUpDetail | ComputedDetail | null;
    publicSuppression: PublicSuppression;
    decimalPlaces: number | null;
    place: Readonly<{ kind: PlaceKind; code: string; name: string }>;
    provenance: Readonly<{ batchId: number; file: string; format: string; line: number | null; importedAt: Date }>;
  }>;

export type ObservationQuery = Readonly<{
  indicatorCode?: string;
  /** Several indicators at once (e.g. every measure of a framework), as well as or instead of one. */
  indicatorCodes?: readonly string[];
  placeIds?: readonly number[];
  period?: string;
  breakdown?: string;
  /** Several pupil groups at once (a table's chosen groups), as well as or instead of one. */
  breakdowns?: readonly string[];
  dataVersion?: DataVersion;
  basis?: Basis | readonly Basis[];
  /** Roll-ups over this school population; unless given, roll-ups over the default population (state-funded schools). */
  population?: SchoolPopulation;
  /** Published figures of one publication only (others are unaffected). */
  source?: string;
  limit: number;
}>;

/** Computed figures written as final, 5,000 rows a statement, each with its rule and detail; the number written. */
export async function insertDerived(db: Kysely<Database>, figures: readonly DerivedFigure[], batchId: number): Promise<number> {
  for (let i = 0; i < figures.length; i += 5000)
    await db
      .insertInto('observation')
      .values(
        figures.slice(i, i + 5000).map((f) => ({
          indicator_code: f.indicatorCode,
          place_id: f.placeId,
          period: f.period,
          breakdown: f.breakdown,
          value: f.value,
          numerator: f.numerator,
          denominator: f.denominator,
          symbol: f.symbol,
          data_version: 'final' as const,
          batch_id: batchId,
          basis: 'computed' as const,
          detail: JSON.stringify({ rule: f.rule, ...f.detail }),
          public_suppression: f.publicSuppression ?? null,
        })),
      )
      .execute();
  return figures.length;
}

export function createObservationStore(db: Kysely<Database>) {
  const toRow = (o: ObservationInput, batchId: number, source: string) => ({
    source,
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
    /** Insert figures from one source (the publication they came from: its import format). */
    async insert(observations: readonly ObservationInput[], batchId: number, source: string): Promise<void> {
      for (let i = 0; i < observations.length; i += chunkSize) {
        await db
          .insertInto('observation')
          .values(observations.slice(i, i + chunkSize).map((o) => toRow(o, batchId, source)))
          .execute();
      }
    },

    /**
     * Insert new observations and update those whose figures changed; identical ones are left (and keep their batch).
     * A different data version is a different observation: a revised figure never overwrites the provisional one; nor
     * does another publication's figure for the same cell (each source keeps its own, side by side).
     */
    async upsert(
      observations: readonly ObservationInput[],
      batchId: number,
      source: string,
    ): Promise<{ inserted: number; updated: number; unchanged: number }> {
      let inserted = 0;
      let updated = 0;
      // Column arrays through unnest, 20,000 rows a statement (issue 20.3): a statement a row's worth of parameters
      // for 2,000 rows was parsed and planned 300 times for LAIT's long file. xmax is 0 for a row this statement
      // inserted; rows left unchanged are not returned at all.
      for (let i = 0; i < observations.length; i += bulkSize) {
        const part = observations.slice(i, i + bulkSize);
        const { rows } = await sql<{ inserted: string; updated: string }>`
          with written as (
            insert into observation (indicator_code, place_id, period, breakdown, value, numerator, denominator, symbol, data_version, batch_id, source, decimal_places, source_line)
            select t.indicator_code, t.place_id, t.period, t.breakdown, t.value, t.numerator, t.denominator, t.symbol, t.data_version, ${batchId}, ${source}, t.decimal_places, t.source_line
              from unnest(${part.map((o) => o.indicatorCode)}::text[], ${part.map((o) => o.placeId)}::bigint[], ${part.map((o) => o.period)}::text[],
                          ${part.map((o) => o.breakdown)}::text[], ${part.map((o) => o.value)}::numeric[], ${part.map((o) => o.numerator)}::numeric[],
                          ${part.map((o) => o.denominator)}::numeric[], ${part.map((o) => o.symbol)}::text[], ${part.map((o) => o.dataVersion)}::text[],
                          ${part.map((o) => o.decimalPlaces ?? null)}::int[], ${part.map((o) => o.sourceLine ?? null)}::int[])
                as t(indicator_code, place_id, period, breakdown, value, numerator, denominator, symbol, data_version, decimal_places, source_line)
            on conflict (indicator_code, place_id, period, breakdown, data_version, basis, population, source) do update
               set value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator, symbol = excluded.symbol,
                   decimal_places = excluded.decimal_places, source_line = excluded.source_line, batch_id = excluded.batch_id
             where (observation.value, observation.numerator, observation.denominator, observation.symbol, observation.decimal_places)
                   is distinct from (excluded.value, excluded.numerator, excluded.denominator, excluded.symbol, excluded.decimal_places)
            returning xmax = 0 as inserted)
          select count(*) filter (where inserted)::text as inserted, count(*) filter (where not inserted)::text as updated from written`.execute(db);
        inserted += Number(rows[0]!.inserted);
        updated += Number(rows[0]!.updated);
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
          'o.basis',
          'o.detail',
          'o.public_suppression',
          'o.source',
          'p.kind',
          'p.code',
          'p.name',
          'b.id as batch_id',
          'b.file_name',
          'b.format',
          'b.imported_at',
        ]);
      if (query.indicatorCode !== undefined) q = q.where('o.indicator_code', '=', query.indicatorCode);
      if (query.indicatorCodes !== undefined) q = q.where('o.indicator_code', 'in', query.indicatorCodes.length > 0 ? [...query.indicatorCodes] : ['-']);
      if (query.placeIds !== undefined) q = q.where('o.place_id', 'in', query.placeIds.length > 0 ? [...query.placeIds] : [-1]);
      if (query.period !== undefined) q = q.where('o.period', '=', query.period);
      if (query.breakdown !== undefined) q = q.where('o.breakdown', '=', query.breakdown);
      if (query.breakdowns !== undefined) q = q.where('o.breakdown', 'in', query.breakdowns.length > 0 ? [...query.breakdowns] : ['-']);
      if (query.dataVersion !== undefined) q = q.where('o.data_version', '=', query.dataVersion);
      if (typeof query.basis === 'string') q = q.where('o.basis', '=', query.basis);
      else if (query.basis !== undefined) q = q.where('o.basis', 'in', [...query.basis]);
      if (query.source !== undefined) q = q.where((eb) => eb.or([eb('o.basis', '<>', 'published'), eb('o.source', '=', query.source!)]));
      const population = query.population ?? defaultPopulation;
      q = q.where((eb) => eb.or([eb('o.basis', '<>', 'roll-up'), eb('o.population', '=', population)]));
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
        basis: r.basis as Basis,
        detail: (r.detail ?? null) as RollUpDetail | ComputedDetail | null,
        publicSuppression: r.public_suppression as PublicSuppression,
        source: r.source,
        place: { kind: r.kind as PlaceKind, code: r.code, name: r.name },
        provenance: { batchId: r.batch_id, file: r.file_name, format: r.format, line: r.source_line, importedAt: r.imported_at },
      }));
    },

    /**
     * Replace the computed figures of some indicators for one period and data version with `figures`, in bulk
     * (column arrays through unnest: one statement per 20,000 rows). Run inside the compute's transaction.
     */
    async replaceComputed(
      scope: Readonly<{ indicatorCodes: readonly string[]; period: string; dataVersion: DataVersion }>,
      figures: readonly ComputedInput[],
      batchId: number,
      pupilBatch: number,
    ): Promise<{ removed: number; written: number }> {
      const removed = await db
        .deleteFrom('observation')
        .where('basis', '=', 'computed')
        .where('period', '=', scope.period)
        .where('data_version', '=', scope.dataVersion)
        .where('indicator_code', 'in', scope.indicatorCodes.length > 0 ? [...scope.indicatorCodes] : ['-'])
        .executeTakeFirst();
      // Each indicator with its rule, each pupil group and each suppression sent once and named by number in the rows: a
      // pupil file's figures repeat a dozen rules and a few dozen groups, and the rule's words were most of what was sent.
      const measures = new Map<string, number>();
      const codes: string[] = [];
      const rules: string[] = [];
      const groups = new Map<string, number>();
      const measureOf = (f: ComputedInput) => {
        const key = `${f.indicatorCode}\u0000${f.rule}`;
        let index = measures.get(key);
        if (index === undefined) {
          index = measures.size + 1;
          measures.set(key, index);
          codes.push(f.indicatorCode);
          rules.push(f.rule);
        }
        return index;
      };
      const groupOf = (breakdown: string) => {
        let index = groups.get(breakdown);
        if (index === undefined) groups.set(breakdown, (index = groups.size + 1));
        return index;
      };
      const suppressions = ['primary', 'secondary', 'pending'] as const;
      const suppressionOf = (why: PublicSuppression) => {
        if (why === null) return null;
        const index = suppressions.indexOf(why);
        // A value not listed would be sent as 0, read back as NULL: a hidden figure shown. Never written so.
        if (index < 0) throw new Error(`a computed figure's public suppression is ${String(why)}, not one of ${suppressions.join(', ')}`);
        return index + 1;
      };
      for (let i = 0; i < figures.length; i += bulkSize) {
        const part = figures.slice(i, i + bulkSize);
        const numbers = (of: (f: ComputedInput) => number | null) => numberArrayLiteral(part.map(of));
        // Numbered before the statement names the lists they number into.
        const [measure, group] = [numbers(measureOf), numbers((f) => groupOf(f.breakdown))];
        await sql`
          insert into observation (indicator_code, place_id, period, breakdown, value, numerator, denominator, data_version, batch_id, basis, detail, public_suppression)
          select (${codes}::text[])[t.measure], t.place_id, ${scope.period}, (${[...groups.keys()]}::text[])[t.grp], t.value, t.numerator, t.denominator,
                 ${scope.dataVersion}, ${batchId}, 'computed',
                 jsonb_build_object('rule', (${rules}::text[])[t.measure], 'pupilBatch', ${pupilBatch}::bigint, 'pupils', t.pupils),
                 (${suppressions}::text[])[t.suppression]
            from unnest(${measure}::int[], ${numbers((f) => f.placeId)}::bigint[], ${group}::int[],
                        ${numbers((f) => f.value)}::numeric[], ${numbers((f) => f.numerator)}::numeric[], ${numbers((f) => f.denominator)}::numeric[],
                        ${numbers((f) => f.pupils)}::int[], ${numbers((f) => suppressionOf(f.publicSuppression))}::int[])
              as t(measure, place_id, grp, value, numerator, denominator, pupils, suppression)`.execute(db);
      }
      return { removed: Number(removed.numDeletedRows), written: figures.length };
    },

    /**
     * Roll one indicator's published school figures for a period up to the places given: each (school, place,
     * population) membership counts the school's figure in that place's roll-up for that population. The value is the
     * pupil-weighted mean of the school values (weights: each school's denominator), with the schools and pupils covered.
     */
    async rollUpSchools(
      figure: Readonly<{ indicatorCode: string; period: string }>,
      members: readonly Readonly<{ schoolId: number; parentId: number; population: string }>[],
      batchId: number,
      method: string,
    ): Promise<number> {
      if (members.length === 0) return 0;
      const result = await sql`
        insert into observation (indicator_code, place_id, period, breakdown, value, numerator, denominator, symbol, data_version, batch_id, basis, population, detail)
        select o.indicator_code, m.parent_id, o.period, o.breakdown,
               sum(o.value * o.denominator) filter (where o.value is not null and o.denominator > 0)
                 / nullif(sum(o.denominator) filter (where o.value is not null and o.denominator > 0), 0),
               null,
               sum(o.denominator) filter (where o.value is not null and o.denominator > 0),
               case when count(*) filter (where o.value is not null and o.denominator > 0) = 0 then 'x' end,
               o.data_version, ${batchId}, 'roll-up', m.population,
               jsonb_build_object(
                 'schools', count(*) filter (where o.value is not null and o.denominator > 0),
                 'pupils', coalesce(sum(o.denominator) filter (where o.value is not null and o.denominator > 0), 0),
                 'schoolsWithoutFigure', count(*) filter (where o.value is null or o.denominator is null or o.denominator = 0),
                 'population', m.population,
                 'method', ${method}::text)
          from observation o
          join unnest(${members.map((m) => m.schoolId)}::bigint[], ${members.map((m) => m.parentId)}::bigint[], ${members.map((m) => m.population)}::text[])
               as m(school_id, parent_id, population) on m.school_id = o.place_id
         where o.indicator_code = ${figure.indicatorCode} and o.period = ${figure.period} and o.basis = 'published'
         group by o.indicator_code, m.parent_id, m.population, o.period, o.breakdown, o.data_version
        having count(*) filter (where o.value is not null and o.denominator > 0) > 0
        on conflict (indicator_code, place_id, period, breakdown, data_version, basis, population, source) do update
           set value = excluded.value, denominator = excluded.denominator, symbol = excluded.symbol, batch_id = excluded.batch_id, detail = excluded.detail`.execute(
        db,
      );
      return Number(result.numAffectedRows ?? 0);
    },

    /** Every published school figure with a pupil count, by indicator and academic year: what roll-ups are made from. */
    async schoolFigures(): Promise<{ indicatorCode: string; period: string }[]> {
      const rows = await db
        .selectFrom('observation as o')
        .innerJoin('place as s', 's.id', 'o.place_id')
        .select(['o.indicator_code', 'o.period'])
        .distinct()
        .where('s.kind', '=', 'school')
        .where('o.basis', '=', 'published')
        .where('o.denominator', 'is not', null)
        .where('o.period', '~', '^[0-9]{6}$')
        .orderBy('o.indicator_code')
        .orderBy('o.period')
        .execute();
      return rows.map((r) => ({ indicatorCode: r.indicator_code, period: r.period }));
    },

    /**
     * Replace every computed figure of some indicators with `figures` (figures derived from school-level facts, such as
     * the share of schools judged good): each keeps its rule and the counts behind it in `detail`. With `periods`, only
     * those periods' figures are replaced (a file of some years leaves the others' figures as they were).
     */
    async replaceDerived(indicatorCodes: readonly string[], figures: readonly DerivedFigure[], batchId: number, periods?: readonly string[]): Promise<number> {
      let remove = db
        .deleteFrom('observation')
        .where('basis', '=', 'computed')
        .where('indicator_code', 'in', indicatorCodes.length > 0 ? [...indicatorCodes] : ['-']);
      if (periods !== undefined) remove = remove.where('period', 'in', periods.length > 0 ? [...periods] : ['-']);
      await remove.execute();
      return insertDerived(db, figures, batchId);
    },

    /** The periods some indicators have school-level figures for (published or computed), oldest first. */
    async periodsOf(indicatorCodes: readonly string[]): Promise<string[]> {
      if (indicatorCodes.length === 0) return [];
      const rows = await db
        .selectFrom('observation as o')
        .innerJoin('place as p', 'p.id', 'o.place_id')
        .select('o.period')
        .distinct()
        .where('p.kind', '=', 'school')
        .where('o.indicator_code', 'in', [...indicatorCodes])
        .where('o.basis', 'in', ['published', 'computed'])
        .orderBy('o.period')
        .execute();
      return rows.map((r) => r.period);
    },

    /** Remove every roll-up (derived figures, remade from the school figures). */
    async clearRollUps(): Promise<number> {
      const result = await db.deleteFrom('observation').where('basis', '=', 'roll-up').executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** The periods and breakdowns an indicator has published figures for, newest period first. */
    async coverage(indicatorCode: string): Promise<{ periods: string[]; breakdowns: string[] }> {
      const periods = await db
        .selectFrom('observation')
        .select('period')
        .distinct()
        .where('indicator_code', '=', indicatorCode)
        .orderBy('period', 'desc')
        .execute();
      const breakdowns = await db
        .selectFrom('observation')
        .select('breakdown')
        .distinct()
        .where('indicator_code', '=', indicatorCode)
        .orderBy('breakdown')
        .execute();
      return { periods: periods.map((p) => p.period), breakdowns: breakdowns.map((b) => b.breakdown) };
    },

    /** How many figures each indicator has, for the catalogue page. */
    async countsByIndicator(): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('observation')
        .select(['indicator_code', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('indicator_code')
        .execute();
      return new Map(rows.map((r) => [r.indicator_code, Number(r.n)]));
    },

    async forPlace(placeId: number, indicatorCode: string): Promise<ObservationRow[]> {
      return this.find({ indicatorCode, placeIds: [placeId], limit: 10_000 });
    },
  };
}
