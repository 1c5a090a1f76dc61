import { sql, type Kysely } from 'kysely';
import type {
  AreaMembership,
  ByYearGroup,
  CapacityRecord,
  ForecastMethod,
  ForecastRatios,
  ForecastRun,
  HousingSite,
  PlannedChange,
  PlannedChangeKind,
  PlanningArea,
  PlanningPhase,
  YearGroup,
} from '../domain/place-planning/place-planning.ts';
import { insertDerived, type DerivedFigure } from './observation-store.ts';
import type { Database, PlanningAreaTable } from './schema.ts';

/** A planning area as held: the record and the `grouping` place that carries its figures. */
export type HeldPlanningArea = PlanningArea & Readonly<{ placeId: number }>;

/** One forecast figure as kept: an area total (`urn` null) or a school's. */
export type HeldForecastCell = Readonly<{ areaCode: string; urn: string | null; period: string; yearGroup: YearGroup; pupils: number; fromHousing: number }>;

/** A run as kept, with each area's ratios (by area code). */
export type HeldForecastRun = ForecastRun & Readonly<{ ratios: Readonly<Record<string, ForecastRatios>> }>;

/** A school's roll in one year group at one January census. */
export type SchoolRoll = Readonly<{ urn: string; period: string; yearGroup: YearGroup; pupils: number }>;

const chunk = 20_000;

const areaOf = (r: PlanningAreaTable): HeldPlanningArea => ({
  code: r.code,
  name: r.name,
  laCode: r.la_code,
  phase: r.phase as PlanningPhase,
  districtCode: r.district_code,
  feedsArea: r.feeds_area,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  placeId: Number(r.place_id),
});

const runOf = (r: {
  id: number;
  la_code: string;
  made_on: string;
  made_by: string;
  base_period: string;
  kind: string;
  method: unknown;
  ratios: unknown;
}): HeldForecastRun => ({
  id: Number(r.id),
  laCode: r.la_code,
  madeOn: r.made_on,
  madeBy: r.made_by,
  basePeriod: r.base_period,
  kind: r.kind as ForecastRun['kind'],
  method: r.method as ForecastMethod,
  ratios: r.ratios as Record<string, ForecastRatios>,
});

/**
 * The place-planning tables (migration 0024). Writes replace what a file covers; forecast cells go in as column
 * arrays unnested in one statement per chunk (a run at national scale has ~100k cells a LA), never a row at a time.
 */
export function createPlanningStore(db: Kysely<Database>) {
  return {
    /** Replace an LA's planning areas and their members with these (areas no longer given go, with their members). */
    async replaceAreas(laCode: string, areas: readonly HeldPlanningArea[], memberships: readonly AreaMembership[], batchId: number | null): Promise<void> {
      await db.deleteFrom('planning_area').where('la_code', '=', laCode).execute();
      if (areas.length > 0)
        await db
          .insertInto('planning_area')
          .values(
            areas.map((a) => ({
              code: a.code,
              name: a.name,
              la_code: laCode,
              phase: a.phase,
              district_code: a.districtCode,
              feeds_area: a.feedsArea,
              valid_from: a.validFrom,
              valid_to: a.validTo,
              place_id: a.placeId,
            })),
          )
          .execute();
      for (let i = 0; i < memberships.length; i += 5000)
        await db
          .insertInto('planning_area_member')
          .values(
            memberships.slice(i, i + 5000).map((m) => ({
              area_code: m.areaCode,
              urn: m.urn,
              share: m.share,
              valid_from: m.validFrom,
              valid_to: m.validTo,
              batch_id: batchId,
            })),
          )
          .execute();
    },

    async areas(laCode?: string): Promise<HeldPlanningArea[]> {
      let query = db.selectFrom('planning_area').selectAll().orderBy('code');
      if (laCode !== undefined) query = query.where('la_code', '=', laCode);
      return (await query.execute()).map(areaOf);
    },

    async area(code: string): Promise<HeldPlanningArea | null> {
      const row = await db.selectFrom('planning_area').selectAll().where('code', '=', code).executeTakeFirst();
      return row === undefined ? null : areaOf(row);
    },

    /** The members of an LA's areas (every date). */
    async memberships(laCode: string): Promise<AreaMembership[]> {
      const rows = await db
        .selectFrom('planning_area_member as m')
        .innerJoin('planning_area as a', 'a.code', 'm.area_code')
        .select(['m.area_code', 'm.urn', 'm.share', 'm.valid_from', 'm.valid_to'])
        .where('a.la_code', '=', laCode)
        .orderBy('m.area_code')
        .orderBy('m.urn')
        .execute();
      return rows.map((r) => ({ areaCode: r.area_code, urn: r.urn, share: Number(r.share), validFrom: r.valid_from, validTo: r.valid_to }));
    },

    /** Replace the capacity and admission numbers of these schools in these periods with the records given. */
    async replaceCapacity(urns: readonly string[], periods: readonly string[], records: readonly CapacityRecord[]): Promise<number> {
      if (urns.length > 0 && periods.length > 0) {
        await db
          .deleteFrom('school_capacity')
          .where('urn', 'in', [...urns])
          .where('period', 'in', [...periods])
          .execute();
        await db
          .deleteFrom('school_admission_number')
          .where('urn', 'in', [...urns])
          .where('period', 'in', [...periods])
          .execute();
      }
      const places = records.flatMap((r) =>
        Object.entries(r.places).map(([yearGroup, n]) => ({ urn: r.urn, period: r.period, phase: r.phase, year_group: yearGroup, places: n ?? 0 })),
      );
      for (let i = 0; i < places.length; i += 5000)
        await db
          .insertInto('school_capacity')
          .values(places.slice(i, i + 5000))
          .execute();
      const numbers = records.flatMap((r) =>
        r.admissionNumber === null ? [] : [{ urn: r.urn, period: r.period, phase: r.phase, admission_number: r.admissionNumber }],
      );
      for (let i = 0; i < numbers.length; i += 5000)
        await db
          .insertInto('school_admission_number')
          .values(numbers.slice(i, i + 5000))
          .execute();
      return places.length;
    },

    /**
     * Capacity records of these schools (every period held), one per school, period and phase (an all-through school has
     * a primary and a secondary record), places by year group with the phase's admission number.
     */
    async capacity(urns: readonly string[]): Promise<CapacityRecord[]> {
      if (urns.length === 0) return [];
      const rows = await sql<{ urn: string; period: string; phase: string; places: ByYearGroup; admission_number: number | null }>`
        select c.urn, c.period, c.phase, jsonb_object_agg(c.year_group, c.places) as places, n.admission_number
        from school_capacity c
        left join school_admission_number n on n.urn = c.urn and n.period = c.period and n.phase = c.phase
        where c.urn = any(${[...urns]}::text[])
        group by c.urn, c.period, c.phase, n.admission_number
        order by c.urn, c.period, c.phase`.execute(db);
      return rows.rows.map((r) => ({
        urn: r.urn,
        period: r.period,
        phase: r.phase as PlanningPhase,
        places: r.places,
        admissionNumber: r.admission_number,
      }));
    },

    /** Record changes by code: a change already held under a code is replaced. */
    async upsertChanges(changes: readonly PlannedChange[], at: Date, by: string): Promise<void> {
      if (changes.length === 0) return;
      const row = (c: PlannedChange) => ({
        code: c.code,
        la_code: c.laCode,
        area_code: c.areaCode,
        urn: c.urn,
        school_name: c.schoolName,
        phase: c.phase,
        kind: c.kind,
        entry_places: c.entryPlaces,
        phasing: c.phasing,
        from_period: c.fromPeriod,
        status: c.status,
        description: c.description,
        recorded_at: at,
        recorded_by: by,
      });
      await db
        .insertInto('planned_place_change')
        .values(changes.map(row))
        .onConflict((oc) =>
          oc.columns(['la_code', 'code']).doUpdateSet((eb) => ({
            area_code: eb.ref('excluded.area_code'),
            urn: eb.ref('excluded.urn'),
            school_name: eb.ref('excluded.school_name'),
            phase: eb.ref('excluded.phase'),
            kind: eb.ref('excluded.kind'),
            entry_places: eb.ref('excluded.entry_places'),
            phasing: eb.ref('excluded.phasing'),
            from_period: eb.ref('excluded.from_period'),
            status: eb.ref('excluded.status'),
            description: eb.ref('excluded.description'),
            recorded_at: eb.ref('excluded.recorded_at'),
            recorded_by: eb.ref('excluded.recorded_by'),
          })),
        )
        .execute();
    },

    async changes(laCode: string): Promise<PlannedChange[]> {
      const rows = await db.selectFrom('planned_place_change').selectAll().where('la_code', '=', laCode).orderBy('from_period').orderBy('code').execute();
      return rows.map((r) => ({
        code: r.code,
        laCode: r.la_code,
        areaCode: r.area_code,
        urn: r.urn,
        schoolName: r.school_name,
        phase: r.phase as PlanningPhase,
        kind: r.kind as PlannedChangeKind,
        entryPlaces: r.entry_places,
        phasing: r.phasing as PlannedChange['phasing'],
        fromPeriod: r.from_period,
        status: r.status as PlannedChange['status'],
        description: r.description,
      }));
    },

    /** Record housing sites by code: a site already held is replaced with its completions. */
    async replaceHousing(laCode: string, sites: readonly HousingSite[]): Promise<void> {
      if (sites.length === 0) return;
      await db
        .deleteFrom('housing_site')
        .where('la_code', '=', laCode)
        .where(
          'code',
          'in',
          sites.map((s) => s.code),
        )
        .execute();
      await db
        .insertInto('housing_site')
        .values(sites.map((s) => ({ code: s.code, la_code: laCode, name: s.name, primary_area: s.primaryArea, secondary_area: s.secondaryArea })))
        .execute();
      const completions = sites.flatMap((s) =>
        s.completions.map((c) => ({ la_code: laCode, site_code: s.code, period: c.period, market: c.market, affordable: c.affordable })),
      );
      for (let i = 0; i < completions.length; i += 5000)
        await db
          .insertInto('housing_completion')
          .values(completions.slice(i, i + 5000))
          .execute();
    },

    async housing(laCode: string): Promise<HousingSite[]> {
      const rows = await sql<{
        code: string;
        name: string;
        primary_area: string | null;
        secondary_area: string | null;
        completions: HousingSite['completions'];
      }>`
        select s.code, s.name, s.primary_area, s.secondary_area,
          coalesce((select json_agg(json_build_object('period', c.period, 'market', c.market, 'affordable', c.affordable) order by c.period)
            from housing_completion c where c.la_code = s.la_code and c.site_code = s.code), '[]'::json) as completions
        from housing_site s where s.la_code = ${laCode} order by s.code`.execute(db);
      return rows.rows.map((r) => ({
        code: r.code,
        name: r.name,
        laCode,
        primaryArea: r.primary_area,
        secondaryArea: r.secondary_area,
        completions: r.completions,
      }));
    },

    /**
     * The January census rolls by year group of these schools (pupils-on-roll, breakdowns `year-group:R` …
     * `year-group:13`), one figure a cell by the figure precedence (domain/indicators/figure-precedence.ts): published
     * (the demo, a census file) before computed (from pupil records), then final before revised before provisional,
     * then the later import, so that when several data versions are held the same one is always read.
     */
    async schoolRolls(urns: readonly string[]): Promise<SchoolRoll[]> {
      if (urns.length === 0) return [];
      const rows = await sql<{ urn: string; period: string; year_group: string; pupils: number }>`
        select distinct on (p.code, o.period, o.breakdown) p.code as urn, o.period, substr(o.breakdown, 12) as year_group, o.value as pupils
        from observation o join place p on p.id = o.place_id
        where o.indicator_code = 'pupils-on-roll' and p.kind = 'school' and p.code = any(${[...urns]}::text[])
          and o.breakdown like 'year-group:%' and o.basis in ('published', 'computed') and o.value is not null
        order by p.code, o.period, o.breakdown, o.basis = 'published' desc,
          case o.data_version when 'final' then 0 when 'revised' then 1 else 2 end, o.batch_id desc nulls last, o.id desc`.execute(db);
      return rows.rows.map((r) => ({ urn: r.urn, period: r.period, yearGroup: r.year_group as YearGroup, pupils: Number(r.pupils) }));
    },

    /** ONS births of these districts by mid-year, summed over sexes. */
    async births(districtCodes: readonly string[]): Promise<Map<string, Record<number, number>>> {
      const out = new Map<string, Record<number, number>>();
      if (districtCodes.length === 0) return out;
      const rows = await sql<{ area_code: string; year: string; births: number }>`
        select area_code, year, sum(births)::int as births from births_record
        where area_code = any(${[...districtCodes]}::text[]) group by area_code, year order by area_code, year`.execute(db);
      for (const r of rows.rows) out.set(r.area_code, { ...(out.get(r.area_code) ?? {}), [Number(r.year)]: r.births });
      return out;
    },

    /**
     * Counts (never names) from the LA's latest admission round of a phase with applications, allocated or not (so
     * pressure shows before offer day), for some schools and a home district: the schools' admission numbers (their
     * current arrangements), children naming one of them first and at any preference (from the applications), offers
     * and places left (their profiles), offers the LA allocated into them and children of the district allocated a
     * school they did not name (or none) — these four only once the round is allocated (`allocated` false: 0) —,
     * preferences for them from other LAs' rounds, and children of the district naming a school another LA maintains.
     */
    async admissionsCounts(laCode: string, phase: PlanningPhase, urns: readonly string[], districtCode: string | null) {
      const round = await db
        .selectFrom('admission_round as r')
        .select(['r.id', 'r.entry_year', 'r.allocated_at'])
        .where('r.la_code', '=', laCode)
        .where('r.phase', '=', phase)
        .where((eb) => eb.exists(eb.selectFrom('admission_application as a').select('a.id').whereRef('a.round_id', '=', 'r.id')))
        .orderBy('r.entry_year', 'desc')
        .orderBy('r.id', 'desc')
        .executeTakeFirst();
      if (round === undefined) return null;
      const allocated = round.allocated_at !== null;
      const list = [...urns];
      const { rows } = await sql<{
        admission_number: number;
        first_preferences: number;
        applicants: number;
        offered: number;
        vacancies: number;
        allocated_into: number;
        allocated_from_district: number | null;
        cross_border_in: number;
        cross_border_out: number | null;
      }>`
        with d as (select id from place where kind = 'district' and code = ${districtCode}),
        named as (select p.application_id, p.rank from admission_preference p join admission_application a on a.id = p.application_id
          where a.round_id = ${round.id} and p.urn = any(${list}::text[]))
        select
          coalesce((select sum(x.admission_number) from (select distinct on (urn) admission_number from admission_arrangement
            where round_id = ${round.id} and urn = any(${list}::text[]) order by urn, version desc) x), 0)::int as admission_number,
          (select count(distinct application_id) from named where rank = 1)::int as first_preferences,
          (select count(distinct application_id) from named)::int as applicants,
          coalesce((select sum((profile->>'offered')::int) from admission_profile where ${allocated} and round_id = ${round.id} and urn = any(${list}::text[])), 0)::int as offered,
          coalesce((select sum((profile->>'vacancies')::int) from admission_profile where ${allocated} and round_id = ${round.id} and urn = any(${list}::text[])), 0)::int as vacancies,
          (select count(*) from admission_offer o join admission_application a on a.id = o.application_id
            where ${allocated} and a.round_id = ${round.id} and o.kind = 'allocated' and o.urn = any(${list}::text[]))::int as allocated_into,
          case when ${districtCode}::text is null then null else (select count(*) from admission_offer o join admission_application a on a.id = o.application_id
            where ${allocated} and a.round_id = ${round.id} and o.kind in ('allocated', 'none') and a.home_place_id in (select id from d))::int end as allocated_from_district,
          (select count(*) from admission_preference p join admission_application a on a.id = p.application_id join admission_round r on r.id = a.round_id
            where r.la_code <> ${laCode} and r.phase = ${phase} and r.entry_year = ${round.entry_year} and p.urn = any(${list}::text[]))::int as cross_border_in,
          case when ${districtCode}::text is null then null else (select count(distinct a.id) from admission_application a
            join admission_preference p on p.application_id = a.id
            join lateral (select x.la_code from admission_arrangement x where x.round_id = a.round_id and x.urn = p.urn order by x.version desc limit 1) x on true
            where a.round_id = ${round.id} and a.home_place_id in (select id from d) and x.la_code <> ${laCode})::int end as cross_border_out`.execute(db);
      const r = rows[0]!;
      return {
        roundId: Number(round.id),
        entryYear: round.entry_year,
        phase,
        allocated,
        admissionNumber: r.admission_number,
        firstPreferences: r.first_preferences,
        applicants: r.applicants,
        offered: r.offered,
        vacancies: r.vacancies,
        allocatedInto: r.allocated_into,
        allocatedFromDistrict: r.allocated_from_district,
        crossBorderIn: r.cross_border_in,
        crossBorderOut: r.cross_border_out,
      };
    },

    /** The district each school is linked to (its latest link), by URN. */
    async schoolDistricts(urns: readonly string[]): Promise<Map<string, string>> {
      if (urns.length === 0) return new Map();
      const rows = await sql<{ urn: string; district: string }>`
        select distinct on (s.code) s.code as urn, d.code as district
        from place s join place_link l on l.place_id = s.id join place d on d.id = l.parent_id and d.kind = 'district'
        where s.kind = 'school' and s.code = any(${[...urns]}::text[])
        order by s.code, l.valid_from desc nulls last`.execute(db);
      return new Map(rows.rows.map((r) => [r.urn, r.district]));
    },

    /**
     * Replace the figures place planning computed for one indicator at these places (every period) with these: other
     * places' figures, and published figures anywhere (the DfE's scorecards), are left alone.
     */
    async replaceFigures(indicatorCode: string, placeIds: readonly number[], figures: readonly DerivedFigure[], batchId: number): Promise<number> {
      if (placeIds.length > 0)
        await db
          .deleteFrom('observation')
          .where('basis', '=', 'computed')
          .where('indicator_code', '=', indicatorCode)
          .where('place_id', 'in', [...placeIds])
          .execute();
      return insertDerived(db, figures, batchId);
    },

    async addRun(run: Omit<HeldForecastRun, 'id'>, madeAt: Date): Promise<number> {
      const row = await db
        .insertInto('forecast_run')
        .values({
          la_code: run.laCode,
          made_on: run.madeOn,
          made_at: madeAt,
          made_by: run.madeBy,
          base_period: run.basePeriod,
          kind: run.kind,
          method: JSON.stringify(run.method),
          ratios: JSON.stringify(run.ratios),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    /** A run's cells, as column arrays unnested: one statement per chunk of 20,000 cells. */
    async addCells(runId: number, cells: readonly HeldForecastCell[]): Promise<void> {
      for (let i = 0; i < cells.length; i += chunk) {
        const part = cells.slice(i, i + chunk);
        await sql`
          insert into forecast_cell (run_id, area_code, urn, period, year_group, pupils, from_housing)
          select ${runId}, * from unnest(${part.map((c) => c.areaCode)}::text[], ${part.map((c) => c.urn)}::text[], ${part.map((c) => c.period)}::text[],
            ${part.map((c) => c.yearGroup)}::text[], ${part.map((c) => c.pupils)}::float8[], ${part.map((c) => c.fromHousing)}::float8[])`.execute(db);
      }
    },

    /** Remove an LA's runs of one kind (a backtest replaces the earlier backtests), with their cells. */
    async removeRuns(laCode: string, kind: ForecastRun['kind']): Promise<number> {
      const result = await db.deleteFrom('forecast_run').where('la_code', '=', laCode).where('kind', '=', kind).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** An LA's runs of one kind, newest first. */
    async runs(laCode: string, kind: ForecastRun['kind']): Promise<HeldForecastRun[]> {
      const rows = await db
        .selectFrom('forecast_run')
        .select(['id', 'la_code', 'made_on', 'made_by', 'base_period', 'kind', 'method', 'ratios'])
        .where('la_code', '=', laCode)
        .where('kind', '=', kind)
        .orderBy('made_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(runOf);
    },

    /** A run's cells: area totals (`urn` null) and schools, optionally of one area only. */
    async cells(runId: number, only: Readonly<{ areaCode?: string; totals?: boolean }> = {}): Promise<HeldForecastCell[]> {
      let query = db
        .selectFrom('forecast_cell')
        .select(['area_code', 'urn', 'period', 'year_group', 'pupils', 'from_housing'])
        .where('run_id', '=', runId)
        .orderBy('area_code')
        .orderBy('period');
      if (only.areaCode !== undefined) query = query.where('area_code', '=', only.areaCode);
      if (only.totals === true) query = query.where('urn', 'is', null);
      return (await query.execute()).map((r) => ({
        areaCode: r.area_code,
        urn: r.urn,
        period: r.period,
        yearGroup: r.year_group as YearGroup,
        pupils: r.pupils,
        fromHousing: r.from_housing,
      }));
    },
  };
}
