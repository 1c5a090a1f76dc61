import { sql, type Generated, type Kysely } from 'kysely';
import type { CmeOutcomeKind } from '../domain/casework/cme-clock.ts';
import type { CheckedReferral } from '../domain/casework/cme-referral.ts';
import type { Database } from './schema.ts';

/** The CME tables (migration 0017), seen only through this store. */
type CmeTables = {
  cme_case: {
    id: Generated<number>;
    given_name: string | null;
    family_name: string | null;
    date_of_birth: string | null;
    birth_year: number;
    sex: string;
    upn: string | null;
    postcode: string | null;
    district_id: number;
    district_basis: string;
    anonymised_on: string | null;
    batch_id: number | null;
    created_at: Generated<Date>;
  };
  cme_episode: {
    id: Generated<number>;
    case_id: number;
    seq: number;
    known_on: string;
    source: string;
    deletion_ground: string | null;
    reason: string;
    outcome: string | null;
    outcome_on: string | null;
    school_urn: string | null;
    outcome_note: string | null;
    recorded_by: string | null;
  };
  cme_enquiry: {
    id: Generated<number>;
    episode_id: number;
    made_on: string;
    action: string;
    result: string;
    recorded_by: string | null;
  };
};

export type CmeSource = 'deletion-notice' | 'ctf-unknown-destination' | 'agency-referral' | 'parent' | 'other';

/** The child as the referral form checked them, placed in a district (by their postcode, or as the caseworker chose). */
export type CmeChild = Readonly<
  Pick<CheckedReferral, 'givenName' | 'familyName' | 'dateOfBirth' | 'sex' | 'upn' | 'postcode'> & { districtId: number; districtBasis: 'postcode' | 'chosen' }
>;

export type CmeReferral = Readonly<{ knownOn: string; source: CmeSource; deletionGround: string | null; reason: string }>;

export type CmeOutcome = Readonly<{ kind: CmeOutcomeKind; on: string; schoolUrn: string | null; note: string | null }>;

export type HeldEnquiry = Readonly<{ id: number; madeOn: string; action: string; result: string; recordedBy: string | null }>;

export type HeldEpisode = CmeReferral &
  Readonly<{
    id: number;
    seq: number;
    outcome: CmeOutcomeKind | null;
    outcomeOn: string | null;
    schoolUrn: string | null;
    outcomeNote: string | null;
    recordedBy: string | null;
    enquiries: readonly HeldEnquiry[];
  }>;

export type HeldCase = Readonly<{
  id: number;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  birthYear: number;
  sex: 'F' | 'M';
  upn: string | null;
  postcode: string | null;
  districtId: number;
  districtCode: string;
  districtName: string;
  districtBasis: string;
  anonymisedOn: string | null;
  episodes: readonly HeldEpisode[];
}>;

/** One episode as the figures and the task list read it, with its case's district and child's age facts. */
export type EpisodeFact = Readonly<{
  caseId: number;
  episodeId: number;
  seq: number;
  districtId: number;
  knownOn: string;
  outcome: CmeOutcomeKind | null;
  outcomeOn: string | null;
  /** The date of birth, or for an anonymised case 1 July of the year of birth kept. */
  dateOfBirth: string;
  sex: 'F' | 'M';
  givenName: string | null;
  familyName: string | null;
  lastEnquiryOn: string | null;
}>;

/** A demo or imported case, written in bulk: the child and its episodes (each with any enquiries). */
export type BulkCase = Readonly<{
  child: CmeChild;
  episodes: readonly (CmeReferral &
    Readonly<{ outcome: CmeOutcome | null; enquiries: readonly Readonly<{ madeOn: string; action: string; result: string }>[] }>)[];
}>;

/** Children missing education cases, their episodes and enquiries (migration 0017). */
export function createCmeStore(base: Kysely<Database>) {
  const db = base.withTables<CmeTables>();

  const episodeFacts = (placeIds: readonly number[] | null, openOnly: boolean) => {
    let query = db
      .selectFrom('cme_episode as e')
      .innerJoin('cme_case as c', 'c.id', 'e.case_id')
      .select([
        'c.id as caseId',
        'e.id as episodeId',
        'e.seq',
        'c.district_id as districtId',
        'e.known_on as knownOn',
        'e.outcome',
        'e.outcome_on as outcomeOn',
        sql<string>`coalesce(c.date_of_birth, make_date(c.birth_year, 7, 1))::text`.as('dateOfBirth'),
        'c.sex',
        'c.given_name as givenName',
        'c.family_name as familyName',
        sql<string | null>`(select max(q.made_on)::text from cme_enquiry q where q.episode_id = e.id)`.as('lastEnquiryOn'),
      ]);
    if (placeIds !== null) query = query.where('c.district_id', 'in', placeIds.length === 0 ? [-1] : [...placeIds]);
    if (openOnly) query = query.where('e.outcome', 'is', null);
    return query.orderBy('e.known_on').orderBy('e.id');
  };

  const insertEpisode = async (caseId: number, seq: number, referral: CmeReferral, by: string | null) =>
    (
      await db
        .insertInto('cme_episode')
        .values({
          case_id: caseId,
          seq,
          known_on: referral.knownOn,
          source: referral.source,
          deletion_ground: referral.deletionGround,
          reason: referral.reason,
          recorded_by: by,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  return {
    async createCase(child: CmeChild, referral: CmeReferral, by: string | null): Promise<{ caseId: number; episodeId: number }> {
      const { id } = await db
        .insertInto('cme_case')
        .values({
          given_name: child.givenName,
          family_name: child.familyName,
          date_of_birth: child.dateOfBirth,
          birth_year: Number(child.dateOfBirth.slice(0, 4)),
          sex: child.sex,
          upn: child.upn,
          postcode: child.postcode,
          district_id: child.districtId,
          district_basis: child.districtBasis,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { caseId: id, episodeId: await insertEpisode(id, 1, referral, by) };
    },

    /** A new episode of a closed case (it is reopened): numbered after the last. */
    async reopen(caseId: number, referral: CmeReferral, by: string | null): Promise<number> {
      const last = await db
        .selectFrom('cme_episode')
        .select(sql<number>`max(seq)`.as('seq'))
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      return insertEpisode(caseId, Number(last.seq) + 1, referral, by);
    },

    async addEnquiry(episodeId: number, enquiry: Readonly<{ madeOn: string; action: string; result: string }>, by: string | null): Promise<number> {
      const row = await db
        .insertInto('cme_enquiry')
        .values({ episode_id: episodeId, made_on: enquiry.madeOn, action: enquiry.action, result: enquiry.result, recorded_by: by })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async close(episodeId: number, outcome: CmeOutcome): Promise<void> {
      await db
        .updateTable('cme_episode')
        .set({ outcome: outcome.kind, outcome_on: outcome.on, school_urn: outcome.schoolUrn, outcome_note: outcome.note })
        .where('id', '=', episodeId)
        .where('outcome', 'is', null)
        .execute();
    },

    async caseById(id: number): Promise<HeldCase | null> {
      const c = await db
        .selectFrom('cme_case as c')
        .innerJoin('place as p', 'p.id', 'c.district_id')
        .selectAll('c')
        .select(['p.code as district_code', 'p.name as district_name'])
        .where('c.id', '=', id)
        .executeTakeFirst();
      if (c === undefined) return null;
      const episodes = await db.selectFrom('cme_episode').selectAll().where('case_id', '=', id).orderBy('seq').execute();
      const enquiries =
        episodes.length === 0
          ? []
          : await db
              .selectFrom('cme_enquiry')
              .selectAll()
              .where(
                'episode_id',
                'in',
                episodes.map((e) => e.id),
              )
              .orderBy('made_on')
              .orderBy('id')
              .execute();
      return {
        id: c.id,
        givenName: c.given_name,
        familyName: c.family_name,
        dateOfBirth: c.date_of_birth,
        birthYear: c.birth_year,
        sex: c.sex as 'F' | 'M',
        upn: c.upn,
        postcode: c.postcode,
        districtId: c.district_id,
        districtCode: c.district_code,
        districtName: c.district_name,
        districtBasis: c.district_basis,
        anonymisedOn: c.anonymised_on,
        episodes: episodes.map((e) => ({
          id: e.id,
          seq: e.seq,
          knownOn: e.known_on,
          source: e.source as CmeSource,
          deletionGround: e.deletion_ground,
          reason: e.reason,
          outcome: e.outcome as CmeOutcomeKind | null,
          outcomeOn: e.outcome_on,
          schoolUrn: e.school_urn,
          outcomeNote: e.outcome_note,
          recordedBy: e.recorded_by,
          enquiries: enquiries
            .filter((q) => q.episode_id === e.id)
            .map((q) => ({ id: q.id, madeOn: q.made_on, action: q.action, result: q.result, recordedBy: q.recorded_by })),
        })),
      };
    },

    /** Every episode in the districts given (null: everywhere), oldest first; only open ones when asked. */
    async episodes(placeIds: readonly number[] | null, openOnly = false): Promise<EpisodeFact[]> {
      return (await episodeFacts(placeIds, openOnly).execute()) as EpisodeFact[];
    },

    /**
     * Every case, one row each, for a pseudonymised extract: the child's identity (which the extract hashes and drops),
     * the district's code, and the episodes' dates, sources and outcomes (never the free-text reason, notes or enquiries).
     */
    async extractCases() {
      const { rows } = await sql<{
        upn: string | null;
        givenName: string | null;
        familyName: string | null;
        dateOfBirth: string | null;
        postcode: string | null;
        birthYear: number;
        sex: string;
        districtCode: string;
        anonymisedOn: string | null;
        episodes: number;
        firstKnownOn: string;
        lastKnownOn: string;
        lastSource: string;
        outcome: string | null;
        outcomeOn: string | null;
        outcomeSchoolUrn: string | null;
      }>`
        select c.upn, c.given_name as "givenName", c.family_name as "familyName", c.date_of_birth::text as "dateOfBirth", c.postcode,
               c.birth_year as "birthYear", c.sex, d.code as "districtCode", c.anonymised_on::text as "anonymisedOn",
               e.episodes, e.first_known_on as "firstKnownOn", l.known_on::text as "lastKnownOn", l.source as "lastSource",
               l.outcome, l.outcome_on::text as "outcomeOn", l.school_urn as "outcomeSchoolUrn"
          from cme_case c
          join place d on d.id = c.district_id
          join lateral (select count(*)::int as episodes, min(known_on)::text as first_known_on from cme_episode where case_id = c.id) e on true
          join lateral (select known_on, source, outcome, outcome_on, school_urn from cme_episode where case_id = c.id order by seq desc limit 1) l on true
         order by c.id`.execute(base);
      return rows;
    },

    /** Cases whose child matches a subject access request: by UPN, or by name and date of birth (not anonymised ones). */
    async matching(query: Readonly<{ upn: string | null; givenName: string; familyName: string; dateOfBirth: string }>): Promise<number[]> {
      let q = db.selectFrom('cme_case').select('id').where('anonymised_on', 'is', null);
      if (query.upn !== null) q = q.where('upn', '=', query.upn);
      else
        q = q
          .where(sql`lower(family_name)`, '=', query.familyName.trim().toLowerCase())
          .where(sql`lower(given_name)`, '=', query.givenName.trim().toLowerCase())
          .where('date_of_birth', '=', query.dateOfBirth);
      return (await q.orderBy('id').execute()).map((r) => r.id);
    },

    /** Cases not yet anonymised whose every episode is closed, with the date the last one closed. */
    async closedCases(): Promise<{ caseId: number; closedOn: string }[]> {
      const rows = await db
        .selectFrom('cme_case as c')
        .innerJoin('cme_episode as e', 'e.case_id', 'c.id')
        .select(['c.id as caseId', sql<string>`max(e.outcome_on)::text`.as('closedOn')])
        .where('c.anonymised_on', 'is', null)
        .groupBy('c.id')
        .having(sql<boolean>`bool_and(e.outcome is not null)`)
        .execute();
      return rows;
    },

    /** Clear what identifies the child; keep the year of birth, sex, district and every date and outcome. */
    async anonymise(caseIds: readonly number[], on: string): Promise<number> {
      if (caseIds.length === 0) return 0;
      const result = await db
        .updateTable('cme_case')
        .set({ given_name: null, family_name: null, date_of_birth: null, upn: null, postcode: null, anonymised_on: on })
        .where('id', 'in', [...caseIds])
        .where('anonymised_on', 'is', null)
        .executeTakeFirst();
      await db
        .updateTable('cme_episode')
        .set({ reason: 'anonymised', deletion_ground: null, outcome_note: null })
        .where('case_id', 'in', [...caseIds])
        .execute();
      await db
        .updateTable('cme_enquiry')
        .set({ action: 'anonymised', result: 'anonymised' })
        .where(
          'episode_id',
          'in',
          db
            .selectFrom('cme_episode')
            .select('id')
            .where('case_id', 'in', [...caseIds]),
        )
        .execute();
      return Number(result.numUpdatedRows);
    },

    /** Write many cases at once (the demo, an import): one statement per table, episodes and enquiries by unnest. */
    async bulkInsert(cases: readonly BulkCase[], batchId: number | null): Promise<number> {
      if (cases.length === 0) return 0;
      const ids: number[] = [];
      for (let i = 0; i < cases.length; i += 5000) {
        const part = cases.slice(i, i + 5000).map((c) => c.child);
        const { rows } = await sql<{ id: number }>`
          insert into cme_case (given_name, family_name, date_of_birth, birth_year, sex, upn, postcode, district_id, district_basis, batch_id)
          select g, f, d::date, extract(year from d::date)::int, s, u, p, di, db, ${batchId}::int
          from unnest(${part.map((c) => c.givenName)}::text[], ${part.map((c) => c.familyName)}::text[], ${part.map((c) => c.dateOfBirth)}::text[],
                      ${part.map((c) => c.sex)}::text[], ${part.map((c) => c.upn)}::text[], ${part.map((c) => c.postcode)}::text[],
                      ${part.map((c) => c.districtId)}::int[], ${part.map((c) => c.districtBasis)}::text[]) with ordinality as t(g, f, d, s, u, p, di, db, n)
          order by n
          returning id`.execute(db);
        ids.push(...rows.map((r) => Number(r.id)).sort((a, b) => a - b));
      }
      const episodes = cases.flatMap((c, index) => c.episodes.map((e, seq) => ({ caseId: ids[index]!, seq: seq + 1, e })));
      for (let i = 0; i < episodes.length; i += 5000) {
        const part = episodes.slice(i, i + 5000);
        const { rows } = await sql<{ id: number; case_id: number; seq: number }>`
          insert into cme_episode (case_id, seq, known_on, source, deletion_ground, reason, outcome, outcome_on, school_urn, outcome_note)
          select c, q, k::date, s, g, r, o, od::date, u, n
          from unnest(${part.map((p) => p.caseId)}::bigint[], ${part.map((p) => p.seq)}::int[], ${part.map((p) => p.e.knownOn)}::text[],
                      ${part.map((p) => p.e.source)}::text[], ${part.map((p) => p.e.deletionGround)}::text[], ${part.map((p) => p.e.reason)}::text[],
                      ${part.map((p) => p.e.outcome?.kind ?? null)}::text[], ${part.map((p) => p.e.outcome?.on ?? null)}::text[],
                      ${part.map((p) => p.e.outcome?.schoolUrn ?? null)}::text[], ${part.map((p) => p.e.outcome?.note ?? null)}::text[]) as t(c, q, k, s, g, r, o, od, u, n)
          returning id, case_id, seq`.execute(db);
        const idOf = new Map(rows.map((r) => [`${r.case_id}|${r.seq}`, Number(r.id)]));
        const enquiries = part.flatMap((p) => p.e.enquiries.map((q) => ({ episodeId: idOf.get(`${p.caseId}|${p.seq}`)!, q })));
        if (enquiries.length > 0)
          await sql`
            insert into cme_enquiry (episode_id, made_on, action, result)
            select e, m::date, a, r
            from unnest(${enquiries.map((x) => x.episodeId)}::bigint[], ${enquiries.map((x) => x.q.madeOn)}::text[],
                        ${enquiries.map((x) => x.q.action)}::text[], ${enquiries.map((x) => x.q.result)}::text[]) as t(e, m, a, r)`.execute(db);
      }
      return ids.length;
    },

    /** Districts with the LA each belongs to today (the places CME figures are made at). */
    async districtsWithLa(): Promise<{ id: number; code: string; name: string; laId: number; laCode: string }[]> {
      const { rows } = await sql<{ id: number; code: string; name: string; laId: number; laCode: string }>`
        select d.id, d.code, d.name, la.id as "laId", la.code as "laCode"
        from place d
        join place_link l on l.place_id = d.id and l.valid_to is null
        join place la on la.id = l.parent_id and la.kind = 'la'
        where d.kind = 'district'
        order by d.name`.execute(db);
      return rows;
    },

    /** The district code the Code-Point file gives a postcode (normalised, no space), if it is held. */
    async districtOfPostcode(postcode: string): Promise<string | null> {
      const row = await db.selectFrom('postcode').select('district_code').where('postcode', '=', postcode).executeTakeFirst();
      return row?.district_code ?? null;
    },

    /**
     * Targets 28's and 20's counts by one hand-written statement, independent of the domain's rules (the bench's reference
     * and a cross-check): within / decided by district and LA for episodes known in each academic year, and children of
     * compulsory school age with an episode open at the year's end (31 August, or `today`).
     */
    async referenceCounts(
      today: string,
      years: readonly number[],
    ): Promise<{ indicator_code: string; place_id: number; period: string; numerator: number; denominator: number | null }[]> {
      const { rows } = await sql<{ indicator_code: string; place_id: number; period: string; numerator: number; denominator: number | null }>`
        with y as (
          select yr, (yr - 1)::text || lpad((yr % 100)::text, 2, '0') as period, make_date(yr - 1, 9, 1) as y_from, least(make_date(yr, 8, 31), ${today}::date) as y_end
          from unnest(${[...years]}::int[]) as yr
          where make_date(yr - 1, 9, 1) <= ${today}::date
        ),
        e as (
          select c.district_id, l.parent_id as la_id, e.known_on, e.outcome, e.outcome_on,
            coalesce(c.date_of_birth, make_date(c.birth_year, 7, 1)) as dob
          from cme_episode e
          join cme_case c on c.id = e.case_id
          join place_link l on l.place_id = c.district_id and l.valid_to is null
          join place la on la.id = l.parent_id and la.kind = 'la'
        ),
        a as (
          select e.*,
            (select min(d) from unnest(array[make_date(extract(year from dob)::int + 5, 3, 31), make_date(extract(year from dob)::int + 5, 8, 31),
              make_date(extract(year from dob)::int + 5, 12, 31)]) as d
             where d >= case when to_char(dob, 'MM-DD') = '02-29' then make_date(extract(year from dob)::int + 5, 3, 1) else (dob + interval '5 years')::date end) as csa_from,
            make_date(ly, 6, 30) - ((extract(dow from make_date(ly, 6, 30))::int - 5 + 7) % 7) as csa_to
          from e, lateral (select extract(year from dob)::int + 16 + case when to_char(dob, 'MM-DD') >= '09-01' then 1 else 0 end as ly) as leaving
        ),
        p as (
          select district_id as place_id, a.* from a
          union all
          select la_id as place_id, a.* from a
        )
        select 'cme-placed-within-30-days' as indicator_code, p.place_id, y.period,
          count(*) filter (where outcome in ('school', 'academy', 'pru', 'alternative-provision', 'elective-home-education') and outcome_on - known_on <= 30)::int as numerator,
          count(*) filter (where (outcome in ('school', 'academy', 'pru', 'alternative-provision', 'elective-home-education')) or outcome = 'other'
            or (outcome is null and ${today}::date - known_on > 30))::int as denominator
        from p join y on p.known_on between y.y_from and make_date(y.yr, 8, 31)
        group by p.place_id, y.period
        having count(*) filter (where (outcome in ('school', 'academy', 'pru', 'alternative-provision', 'elective-home-education')) or outcome = 'other'
            or (outcome is null and ${today}::date - known_on > 30)) > 0
        union all
        select 'children-not-on-roll', p.place_id, y.period,
          count(*) filter (where known_on <= y.y_end and (outcome_on is null or outcome_on > y.y_end) and y.y_end between csa_from and csa_to)::int, null
        from p cross join y
        group by p.place_id, y.period`.execute(db);
      return rows;
    },

    /** The computed CME figures held, with their counts (to compare with `referenceCounts`). */
    async heldCounts(): Promise<{ indicator_code: string; place_id: number; period: string; numerator: number; denominator: number | null }[]> {
      const { rows } = await sql<{ indicator_code: string; place_id: number; period: string; numerator: number; denominator: number | null }>`
        select indicator_code, place_id, period, numerator, denominator from observation
        where basis = 'computed' and breakdown = 'all' and indicator_code in ('cme-placed-within-30-days', 'children-not-on-roll')`.execute(db);
      return rows;
    },

    /** Whether a school with this URN is held (an outcome's school). */
    async schoolExists(urn: string): Promise<boolean> {
      return (await db.selectFrom('place').select('id').where('kind', '=', 'school').where('code', '=', urn).executeTakeFirst()) !== undefined;
    },
  };
}
