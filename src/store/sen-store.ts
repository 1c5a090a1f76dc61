import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The SEN casework tables (migration 0018), typed here so the shared schema stays the other modules'. */
export type SenTables = {
  sen_child: {
    id: number;
    given_name: string;
    family_name: string;
    date_of_birth: string;
    upn: string | null;
    place_id: number;
    school_urn: string | null;
    anonymised_on: string | null;
    batch_id: number | null;
  };
  sen_request: {
    id: number;
    child_id: number;
    received_on: string;
    requested_by: string;
    withdrawn_on: string | null;
    decision: string | null;
    decision_on: string | null;
    draft_on: string | null;
    outcome: string | null;
    outcome_on: string | null;
    ceased_on: string | null;
    cease_reason: string | null;
    batch_id: number | null;
  };
  sen_exception: { id: number; request_id: number; reason: string; recorded_on: string };
  sen_review: { id: number; request_id: number; reviewed_on: string };
  sen_placement: { id: number; request_id: number; starts_on: string; establishment_type: string; school_urn: string | null };
};

export type SenChildRow = SenTables['sen_child'];
export type SenRequestRow = SenTables['sen_request'];
export type SenExceptionRow = SenTables['sen_exception'];
export type SenReviewRow = SenTables['sen_review'];
export type SenPlacementRow = SenTables['sen_placement'];

/** A request with its child, exceptions, reviews and placements: one case. */
export type SenCaseRows = Readonly<{
  child: SenChildRow;
  request: SenRequestRow;
  exceptions: SenExceptionRow[];
  reviews: SenReviewRow[];
  placements: SenPlacementRow[];
}>;

/** What the figures read of every request: its dates, its child's place, and its exceptions and placements. */
export type SenFigureRow = Readonly<{
  placeId: number;
  receivedOn: string;
  withdrawnOn: string | null;
  decision: string | null;
  decisionOn: string | null;
  outcome: string | null;
  outcomeOn: string | null;
  ceasedOn: string | null;
  ceaseReason: string | null;
  dateOfBirth: string;
  exceptions: number;
  placements: readonly Readonly<{ startsOn: string; type: string }>[];
}>;

const chunk = 4000;

export function createSenStore(database: Kysely<Database>) {
  const db = database.withTables<SenTables>();

  /** Reserve `n` ids of a table's identity, so that bulk rows can refer to each other before they are written. */
  const nextIds = async (table: keyof SenTables, n: number): Promise<number[]> => {
    if (n === 0) return [];
    const { rows } = await sql<{ id: number }>`
      select nextval(pg_get_serial_sequence(${table}, 'id'))::bigint as id from generate_series(1, ${n})`.execute(db);
    return rows.map((r) => Number(r.id));
  };

  const insertMany = async <T extends keyof SenTables>(table: T, rows: readonly SenTables[T][]): Promise<void> => {
    for (let i = 0; i < rows.length; i += chunk)
      await db
        .insertInto(table)
        .values(rows.slice(i, i + chunk) as never)
        .execute();
  };

  const caseOf = async (request: SenRequestRow): Promise<SenCaseRows> => {
    const [child, exceptions, reviews, placements] = await Promise.all([
      db.selectFrom('sen_child').selectAll().where('id', '=', request.child_id).executeTakeFirstOrThrow(),
      db.selectFrom('sen_exception').selectAll().where('request_id', '=', request.id).orderBy('recorded_on').orderBy('id').execute(),
      db.selectFrom('sen_review').selectAll().where('request_id', '=', request.id).orderBy('reviewed_on').orderBy('id').execute(),
      db.selectFrom('sen_placement').selectAll().where('request_id', '=', request.id).orderBy('starts_on').orderBy('id').execute(),
    ]);
    return { child, request, exceptions, reviews, placements };
  };

  return {
    nextIds,
    insertChildren: (rows: readonly SenChildRow[]) => insertMany('sen_child', rows),
    insertRequests: (rows: readonly SenRequestRow[]) => insertMany('sen_request', rows),
    insertExceptions: (rows: readonly SenExceptionRow[]) => insertMany('sen_exception', rows),
    insertReviews: (rows: readonly SenReviewRow[]) => insertMany('sen_review', rows),
    insertPlacements: (rows: readonly SenPlacementRow[]) => insertMany('sen_placement', rows),

    /** One case by its request's id, or null. */
    async caseById(id: number): Promise<SenCaseRows | null> {
      const request = await db.selectFrom('sen_request').selectAll().where('id', '=', id).executeTakeFirst();
      return request === undefined ? null : caseOf(request);
    },

    /** The other requests held for the same child (a case reopened is a new request), newest first. */
    async requestsOfChild(childId: number): Promise<SenRequestRow[]> {
      return db.selectFrom('sen_request').selectAll().where('child_id', '=', childId).orderBy('received_on', 'desc').orderBy('id', 'desc').execute();
    },

    async updateRequest(id: number, patch: Partial<Omit<SenRequestRow, 'id' | 'child_id'>>): Promise<void> {
      await db.updateTable('sen_request').set(patch).where('id', '=', id).execute();
    },

    /** Requests whose clock runs (not withdrawn, not refused assessment, no outcome), oldest first; null places = all. */
    async openRequests(placeIds: readonly number[] | null) {
      let query = db
        .selectFrom('sen_request as r')
        .innerJoin('sen_child as c', 'c.id', 'r.child_id')
        .innerJoin('place as p', 'p.id', 'c.place_id')
        .select(['r.id', 'r.received_on', 'r.decision', 'r.decision_on', 'r.draft_on', 'c.given_name', 'c.family_name', 'c.place_id', 'p.name as place_name'])
        .select((eb) => eb.exists(eb.selectFrom('sen_exception as e').whereRef('e.request_id', '=', 'r.id').select('e.id')).as('has_exception'))
        .where('r.outcome', 'is', null)
        .where('r.withdrawn_on', 'is', null)
        .where((eb) => eb.or([eb('r.decision', 'is', null), eb('r.decision', '=', 'assess')]))
        .orderBy('r.received_on')
        .orderBy('r.id');
      if (placeIds !== null) query = query.where('c.place_id', 'in', placeIds.length === 0 ? [-1] : placeIds);
      return query.execute();
    },

    /** Every request and its place for the figures, with the count of exceptions and the placements in date order. */
    async figureRows(placeIds: readonly number[] | null = null): Promise<SenFigureRow[]> {
      const { rows } = await sql<{
        place_id: number;
        received_on: string;
        withdrawn_on: string | null;
        decision: string | null;
        decision_on: string | null;
        outcome: string | null;
        outcome_on: string | null;
        ceased_on: string | null;
        cease_reason: string | null;
        date_of_birth: string;
        exceptions: number;
        placements: { startsOn: string; type: string }[] | null;
      }>`
        select c.place_id, r.received_on, r.withdrawn_on, r.decision, r.decision_on, r.outcome, r.outcome_on, r.ceased_on, r.cease_reason, c.date_of_birth,
          (select count(*) from sen_exception e where e.request_id = r.id)::integer as exceptions,
          (select json_agg(json_build_object('startsOn', to_char(p.starts_on, 'YYYY-MM-DD'), 'type', p.establishment_type) order by p.starts_on, p.id)
             from sen_placement p where p.request_id = r.id) as placements
        from sen_request r join sen_child c on c.id = r.child_id
        where ${placeIds === null} or c.place_id = any(${sql.val(placeIds ?? [])}::bigint[])`.execute(db);
      return rows.map((r) => ({
        placeId: Number(r.place_id),
        receivedOn: r.received_on,
        withdrawnOn: r.withdrawn_on,
        decision: r.decision,
        decisionOn: r.decision_on,
        outcome: r.outcome,
        outcomeOn: r.outcome_on,
        ceasedOn: r.ceased_on,
        ceaseReason: r.cease_reason,
        dateOfBirth: r.date_of_birth,
        exceptions: r.exceptions,
        placements: r.placements ?? [],
      }));
    },

    /**
     * The in-time counts by district and calendar year of issue in one hand-written statement: the benchmark's
     * reference for the figures the service makes through the clock rules (bench/sen.ts), and a check of them.
     */
    async inTimeReference(fromYear: number, toYear: number) {
      const { rows } = await sql<{ place_id: number; year: number; in_time: number; issued: number }>`
        select c.place_id, extract(year from r.outcome_on)::integer as year,
          count(*) filter (where r.outcome_on <= r.received_on + case when r.received_on < date '2014-09-01' then 182 else 140 end)::integer as in_time,
          count(*)::integer as issued
        from sen_request r join sen_child c on c.id = r.child_id
        where r.outcome = 'plan' and r.withdrawn_on is null
          and not exists (select 1 from sen_exception e where e.request_id = r.id)
          and r.outcome_on >= make_date(${fromYear}, 1, 1) and r.outcome_on < make_date(${toYear + 1}, 1, 1)
        group by 1, 2 order by 1, 2`.execute(db);
      return rows.map((r) => ({ placeId: Number(r.place_id), year: r.year, inTime: r.in_time, issued: r.issued }));
    },

    /**
     * Every case in scope (null = all) for the CSV export and for telling whether an imported case is held, ordered by
     * request: the request, its child (and the child's place), and its exceptions, reviews and placements in date order.
     */
    async casesForExport(placeIds: readonly number[] | null) {
      let query = db
        .selectFrom('sen_request as r')
        .innerJoin('sen_child as c', 'c.id', 'r.child_id')
        .innerJoin('place as p', 'p.id', 'c.place_id')
        .selectAll('r')
        .select(['c.given_name', 'c.family_name', 'c.date_of_birth', 'c.upn', 'c.school_urn', 'c.place_id', 'c.anonymised_on', 'p.code as district_code'])
        .select([
          sql<{ on: string; reason: string }[]>`coalesce((select json_agg(json_build_object('on', to_char(e.recorded_on, 'YYYY-MM-DD'), 'reason', e.reason)
            order by e.recorded_on, e.id) from sen_exception e where e.request_id = r.id), '[]'::json)`.as('exceptions'),
          sql<string[]>`coalesce((select json_agg(to_char(v.reviewed_on, 'YYYY-MM-DD') order by v.reviewed_on, v.id)
            from sen_review v where v.request_id = r.id), '[]'::json)`.as('reviews'),
          sql<{ on: string; type: string; schoolUrn: string | null }[]>`coalesce((select json_agg(json_build_object('on', to_char(pl.starts_on, 'YYYY-MM-DD'),
            'type', pl.establishment_type, 'schoolUrn', pl.school_urn) order by pl.starts_on, pl.id) from sen_placement pl where pl.request_id = r.id), '[]'::json)`.as(
            'placements',
          ),
        ])
        .orderBy('r.id');
      if (placeIds !== null) query = query.where('c.place_id', 'in', placeIds.length === 0 ? [-1] : placeIds);
      return query.execute();
    },

    async addChild(row: Omit<SenChildRow, 'id' | 'anonymised_on' | 'batch_id'>): Promise<number> {
      const { id } = await db
        .insertInto('sen_child')
        .values(row as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(id);
    },
    async addRequest(row: Pick<SenRequestRow, 'child_id' | 'received_on' | 'requested_by'>): Promise<number> {
      const { id } = await db
        .insertInto('sen_request')
        .values(row as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(id);
    },
    async addException(row: Omit<SenExceptionRow, 'id'>): Promise<void> {
      await db
        .insertInto('sen_exception')
        .values(row as never)
        .execute();
    },
    async addReview(row: Omit<SenReviewRow, 'id'>): Promise<void> {
      await db
        .insertInto('sen_review')
        .values(row as never)
        .execute();
    },
    async addPlacement(row: Omit<SenPlacementRow, 'id'>): Promise<void> {
      await db
        .insertInto('sen_placement')
        .values(row as never)
        .execute();
    },

    /** A child already held: by UPN when given, else by names and date of birth (case-insensitive names). */
    async findChildren(query: Readonly<{ upn: string | null; givenName: string; familyName: string; dateOfBirth: string }>): Promise<SenChildRow[]> {
      return db
        .selectFrom('sen_child')
        .selectAll()
        .where((eb) =>
          eb.or([
            ...(query.upn === null ? [] : [eb('upn', '=', query.upn)]),
            // A request by UPN alone gives no name or date of birth: only the UPN is matched then.
            ...(query.dateOfBirth === ''
              ? []
              : [
                  eb.and([
                    eb(sql`lower(given_name)`, '=', query.givenName.trim().toLowerCase()),
                    eb(sql`lower(family_name)`, '=', query.familyName.trim().toLowerCase()),
                    eb('date_of_birth', '=', query.dateOfBirth),
                  ]),
                ]),
          ]),
        )
        .orderBy('id')
        .execute();
    },

    /** Every request of some children with its exceptions, reviews and placements (for a subject access export). */
    async casesOfChildren(childIds: readonly number[]): Promise<SenCaseRows[]> {
      if (childIds.length === 0) return [];
      const requests = await db.selectFrom('sen_request').selectAll().where('child_id', 'in', childIds).orderBy('received_on').orderBy('id').execute();
      const cases: SenCaseRows[] = [];
      for (const r of requests) cases.push(await caseOf(r));
      return cases;
    },

    /**
     * Anonymise every child not yet anonymised whose record may go on `today` (its retention day at or before it):
     * names emptied, UPN and school removed, date of birth cut to 1 January of its year (the figures need only the year).
     */
    async anonymiseChildrenBornOnOrBefore(bornOnOrBefore: string, today: string): Promise<number> {
      const result = await db
        .updateTable('sen_child')
        .set({
          given_name: '',
          family_name: '',
          upn: null,
          school_urn: null,
          anonymised_on: today,
          date_of_birth: sql`date_trunc('year', date_of_birth)::date` as never,
        })
        .where('anonymised_on', 'is', null)
        .where('date_of_birth', '<=', bornOnOrBefore)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
