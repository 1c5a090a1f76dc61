import { sql, type Kysely } from 'kysely';
import type {
  AdmissionPhase,
  AllocationProfile,
  ApplicationRecord,
  Arrangement,
  Criterion,
  GridPoint,
  LookedAfter,
  Offer,
  OfferKind,
  PreferenceOutcome,
  TieBreak,
} from '../domain/admissions/admissions.ts';
import type { Database } from './schema.ts';

/** A round as held, with how many arrangements (current) and applications it has. */
export type RoundRow = Readonly<{
  id: number;
  laCode: string;
  phase: AdmissionPhase;
  entryYear: number;
  preferencesAllowed: number;
  closingDate: string;
  offerDay: string;
  allocatedAt: Date | null;
  allocatedBy: string | null;
}>;

/** One version of a school's arrangements, as the allocation reads it, with who recorded it and when. */
export type HeldArrangement = Arrangement &
  Readonly<{ id: number; roundId: number; schoolPlaceId: number | null; version: number; recordedAt: Date; recordedBy: string }>;

/** An application as held: the LA's record (its `id` is the reference) with the row's id, round and home district. */
export type HeldApplication = ApplicationRecord & Readonly<{ rowId: number; roundId: number; homePlaceId: number | null }>;

/** The offer held for an application, with its explanation and the family's response. */
export type HeldOffer = Offer & Readonly<{ explanation: readonly PreferenceOutcome[]; response: 'accepted' | 'declined' | null; respondedOn: string | null }>;

export type NewArrangement = Omit<HeldArrangement, 'id' | 'phase' | 'entryYear'>;
export type NewApplication = Omit<HeldApplication, 'rowId' | 'roundId' | 'late' | 'homeLaCode'>;

const chunk = 4000;

const roundOf = (r: {
  id: number;
  la_code: string;
  phase: string;
  entry_year: number;
  preferences_allowed: number;
  closing_date: string;
  offer_day: string;
  allocated_at: Date | null;
  allocated_by: string | null;
}): RoundRow => ({
  id: Number(r.id),
  laCode: r.la_code,
  phase: r.phase as AdmissionPhase,
  entryYear: r.entry_year,
  preferencesAllowed: r.preferences_allowed,
  closingDate: r.closing_date,
  offerDay: r.offer_day,
  allocatedAt: r.allocated_at,
  allocatedBy: r.allocated_by,
});

/** The application columns and its preferences as one JSON array, ranked. */
const applicationSelect = sql`
  a.id, a.round_id, a.reference, a.given_name, a.family_name, coalesce(a.date_of_birth::text, a.birth_year::text) as date_of_birth, a.upn, a.home_postcode, a.home_easting, a.home_northing,
  a.home_place_id, a.online, a.received_on, a.looked_after, a.ehc_plan_urn, a.assessed_suitable, a.current_school_urn,
  r.la_code, r.closing_date, d.code as district_code,
  coalesce((select json_agg(json_build_object('rank', p.rank, 'urn', p.urn, 'sibling', p.sibling, 'medicalSocial', p.medical_social,
    'faith', p.faith, 'staff', p.staff) order by p.rank) from admission_preference p where p.application_id = a.id), '[]'::json) as preferences`;

type ApplicationDb = {
  id: number;
  round_id: number;
  reference: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  upn: string | null;
  home_postcode: string | null;
  home_easting: number | null;
  home_northing: number | null;
  home_place_id: number | null;
  online: boolean;
  received_on: string;
  looked_after: string | null;
  ehc_plan_urn: string | null;
  assessed_suitable: boolean | null;
  current_school_urn: string | null;
  la_code: string;
  closing_date: string;
  district_code: string | null;
  preferences: HeldApplication['preferences'];
};

const applicationOf = (r: ApplicationDb): HeldApplication => ({
  rowId: Number(r.id),
  roundId: Number(r.round_id),
  id: r.reference,
  homeLaCode: r.la_code,
  homeDistrictCode: r.district_code,
  homePlaceId: r.home_place_id === null ? null : Number(r.home_place_id),
  homePostcode: r.home_postcode,
  home: r.home_easting === null || r.home_northing === null ? null : { easting: r.home_easting, northing: r.home_northing },
  online: r.online,
  // The scheme's rule: an application received after the closing date is late (ranked after every on-time one).
  late: r.received_on > r.closing_date,
  lookedAfter: r.looked_after as LookedAfter | null,
  ehcPlanSchool: r.ehc_plan_urn,
  assessedSuitable: r.assessed_suitable,
  currentSchool: r.current_school_urn,
  preferences: r.preferences,
  child: { givenName: r.given_name, familyName: r.family_name, dateOfBirth: r.date_of_birth, upn: r.upn },
  receivedOn: r.received_on,
});

const arrangementOf = (r: {
  id: number;
  round_id: number;
  school_place_id: number | null;
  urn: string;
  version: number;
  school_name: string;
  la_code: string;
  admission_number: number;
  admission_authority: string;
  selective: boolean;
  criteria: unknown;
  tie_break: unknown;
  easting: number | null;
  northing: number | null;
  recorded_at: Date;
  recorded_by: string;
  phase: string;
  entry_year: number;
}): HeldArrangement => ({
  id: Number(r.id),
  roundId: Number(r.round_id),
  schoolPlaceId: r.school_place_id === null ? null : Number(r.school_place_id),
  urn: r.urn,
  version: r.version,
  schoolName: r.school_name,
  laCode: r.la_code,
  phase: r.phase as AdmissionPhase,
  entryYear: r.entry_year,
  admissionNumber: r.admission_number,
  admissionAuthority: r.admission_authority as Arrangement['admissionAuthority'],
  selective: r.selective,
  criteria: r.criteria as Criterion[],
  tieBreak: r.tie_break as TieBreak,
  distanceMethod: 'straight-line',
  location: r.easting === null || r.northing === null ? null : { easting: r.easting, northing: r.northing },
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
});

/** Filters of an admissions officer's list of applications. */
export type ApplicationFilter = Readonly<{ reference?: string; urn?: string; offer?: OfferKind | 'not-allocated'; limit?: number; offset?: number }>;

/**
 * The coordinated admissions tables (migration 0022). Bulk writes go as JSON record sets in chunks (one statement per
 * 4,000 applications: a Kent round of 18,000 applications and 72,000 preferences is a few statements, not 90,000).
 */
export function createAdmissionsStore(db: Kysely<Database>) {
  const arrangementsWhere = (roundId: number, current: boolean, urn: string | null) => sql<Parameters<typeof arrangementOf>[0]>`
    select ${current ? sql`distinct on (x.urn)` : sql``} x.*, r.phase, r.entry_year
    from admission_arrangement x join admission_round r on r.id = x.round_id
    where x.round_id = ${roundId} and (${urn}::text is null or x.urn = ${urn})
    order by x.urn, x.version desc`;

  return {
    async addRound(r: Omit<RoundRow, 'id' | 'allocatedAt' | 'allocatedBy'>): Promise<number> {
      const { id } = await db
        .insertInto('admission_round')
        .values({
          la_code: r.laCode,
          phase: r.phase,
          entry_year: r.entryYear,
          preferences_allowed: r.preferencesAllowed,
          closing_date: r.closingDate,
          offer_day: r.offerDay,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(id);
    },

    async rounds(): Promise<RoundRow[]> {
      const rows = await db.selectFrom('admission_round').selectAll().orderBy('entry_year', 'desc').orderBy('la_code').orderBy('phase').execute();
      return rows.map(roundOf);
    },

    /** How many applications each round holds, by round id. */
    async applicationCounts(): Promise<Map<number, number>> {
      const rows = await db
        .selectFrom('admission_application')
        .select(['round_id', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('round_id')
        .execute();
      return new Map(rows.map((r) => [Number(r.round_id), Number(r.n)]));
    },

    async round(id: number): Promise<RoundRow | null> {
      const row = await db.selectFrom('admission_round').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : roundOf(row);
    },

    async findRound(laCode: string, phase: AdmissionPhase, entryYear: number): Promise<RoundRow | null> {
      const row = await db
        .selectFrom('admission_round')
        .selectAll()
        .where('la_code', '=', laCode)
        .where('phase', '=', phase)
        .where('entry_year', '=', entryYear)
        .executeTakeFirst();
      return row === undefined ? null : roundOf(row);
    },

    async stampAllocated(id: number, at: Date, by: string): Promise<void> {
      await db.updateTable('admission_round').set({ allocated_at: at, allocated_by: by }).where('id', '=', id).execute();
    },

    /** Each school's current arrangements for a round (its highest version), by URN. */
    async currentArrangements(roundId: number): Promise<HeldArrangement[]> {
      return (await arrangementsWhere(roundId, true, null).execute(db)).rows.map(arrangementOf);
    },

    /** Every version of one school's arrangements for a round, newest first. */
    async arrangementVersions(roundId: number, urn: string): Promise<HeldArrangement[]> {
      return (await arrangementsWhere(roundId, false, urn).execute(db)).rows.map(arrangementOf);
    },

    async addArrangements(rows: readonly NewArrangement[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('admission_arrangement')
        .values(
          rows.map((a) => ({
            round_id: a.roundId,
            school_place_id: a.schoolPlaceId,
            urn: a.urn,
            version: a.version,
            school_name: a.schoolName,
            la_code: a.laCode,
            admission_number: a.admissionNumber,
            admission_authority: a.admissionAuthority,
            selective: a.selective,
            criteria: JSON.stringify(a.criteria),
            tie_break: JSON.stringify(a.tieBreak),
            easting: a.location?.easting ?? null,
            northing: a.location?.northing ?? null,
            recorded_at: a.recordedAt,
            recorded_by: a.recordedBy,
          })),
        )
        .execute();
    },

    /** Every application of a round with its preferences, in reference order (what the allocation reads). */
    async applications(roundId: number): Promise<HeldApplication[]> {
      const { rows } = await sql<ApplicationDb>`
        select ${applicationSelect} from admission_application a join admission_round r on r.id = a.round_id left join place d on d.id = a.home_place_id
        where a.round_id = ${roundId} order by a.reference`.execute(db);
      return rows.map(applicationOf);
    },

    async application(id: number): Promise<HeldApplication | null> {
      const { rows } = await sql<ApplicationDb>`
        select ${applicationSelect} from admission_application a join admission_round r on r.id = a.round_id left join place d on d.id = a.home_place_id
        where a.id = ${id}`.execute(db);
      return rows[0] === undefined ? null : applicationOf(rows[0]);
    },

    /**
     * A page of a round's applications for an officer whose scope holds `placeIds` (null = everywhere; an application
     * with no home district is LA-wide), with the offer of each, and how many match in all.
     */
    async listApplications(roundId: number, placeIds: readonly number[] | null, filter: ApplicationFilter) {
      const places = placeIds === null ? null : [...placeIds];
      const where = sql`a.round_id = ${roundId}
        and (${places === null} or a.home_place_id = any(${places ?? []}::bigint[]))
        and (${filter.reference ?? null}::text is null or a.reference = ${filter.reference ?? null})
        and (${filter.urn ?? null}::text is null or exists (select 1 from admission_preference p where p.application_id = a.id and p.urn = ${filter.urn ?? null}))
        and (${filter.offer ?? null}::text is null or coalesce(o.kind, 'not-allocated') = ${filter.offer ?? null})`;
      const { rows } = await sql<{
        id: number;
        reference: string;
        given_name: string;
        family_name: string;
        home_place_id: number | null;
        received_on: string;
        kind: string | null;
        urn: string | null;
        preference_rank: number | null;
        response: string | null;
        total: number;
      }>`
        select a.id, a.reference, a.given_name, a.family_name, a.home_place_id, a.received_on, o.kind, o.urn, o.preference_rank, o.response,
          count(*) over ()::integer as total
        from admission_application a left join admission_offer o on o.application_id = a.id
        where ${where} order by a.reference limit ${filter.limit ?? 100} offset ${filter.offset ?? 0}`.execute(db);
      return {
        total: rows[0]?.total ?? 0,
        rows: rows.map((r) => ({
          id: Number(r.id),
          reference: r.reference,
          name: `${r.given_name} ${r.family_name}`,
          homePlaceId: r.home_place_id === null ? null : Number(r.home_place_id),
          receivedOn: r.received_on,
          offer: r.kind === null ? null : { kind: r.kind as OfferKind, urn: r.urn, preferenceRank: r.preference_rank, response: r.response },
        })),
      };
    },

    /** The children who named a school in a round, with their outcome at that school only (never their other preferences). */
    async schoolApplicants(roundId: number, urn: string) {
      const { rows } = await sql<{
        id: number;
        reference: string;
        given_name: string;
        family_name: string;
        date_of_birth: string;
        upn: string | null;
        offered_here: boolean | null;
        outcome: PreferenceOutcome | null;
      }>`
        select a.id, a.reference, a.given_name, a.family_name, coalesce(a.date_of_birth::text, a.birth_year::text) as date_of_birth, a.upn, o.urn = ${urn} as offered_here,
          (select e from jsonb_array_elements(o.explanation) e where e->>'urn' = ${urn} limit 1) as outcome
        from admission_application a join admission_preference p on p.application_id = a.id and p.urn = ${urn}
        left join admission_offer o on o.application_id = a.id
        where a.round_id = ${roundId} order by a.family_name, a.given_name, a.reference`.execute(db);
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },

    /** Add applications and their preferences (`batchId` the file they came from). */
    async insertApplications(roundId: number, rows: readonly NewApplication[], batchId: number | null): Promise<void> {
      for (let i = 0; i < rows.length; i += chunk) {
        const part = rows.slice(i, i + chunk);
        const applications = part.map((a) => ({
          reference: a.id,
          given_name: a.child.givenName,
          family_name: a.child.familyName,
          date_of_birth: a.child.dateOfBirth,
          upn: a.child.upn,
          home_postcode: a.homePostcode,
          home_easting: a.home?.easting ?? null,
          home_northing: a.home?.northing ?? null,
          home_place_id: a.homePlaceId,
          online: a.online,
          received_on: a.receivedOn,
          looked_after: a.lookedAfter,
          ehc_plan_urn: a.ehcPlanSchool,
          assessed_suitable: a.assessedSuitable,
          current_school_urn: a.currentSchool,
        }));
        await sql`
          insert into admission_application (round_id, batch_id, reference, given_name, family_name, date_of_birth, upn, home_postcode, home_easting,
            home_northing, home_place_id, online, received_on, looked_after, ehc_plan_urn, assessed_suitable, current_school_urn)
          select ${roundId}::bigint, ${batchId}::bigint, x.* from jsonb_to_recordset(${JSON.stringify(applications)}::jsonb) as x(reference text, given_name text,
            family_name text, date_of_birth date, upn text, home_postcode text, home_easting integer, home_northing integer, home_place_id bigint,
            online boolean, received_on date, looked_after text, ehc_plan_urn text, assessed_suitable boolean, current_school_urn text)`.execute(db);
        const preferences = part.flatMap((a) => a.preferences.map((p) => ({ reference: a.id, ...p })));
        await insertPreferences(roundId, preferences);
      }
    },

    /** Replace an application's preferences (a change before the closing date). */
    async replacePreferences(roundId: number, reference: string, preferences: HeldApplication['preferences']): Promise<void> {
      await sql`delete from admission_preference where application_id = (select id from admission_application where round_id = ${roundId} and reference = ${reference})`.execute(
        db,
      );
      await insertPreferences(
        roundId,
        preferences.map((p) => ({ reference, ...p })),
      );
    },

    async updateApplication(
      id: number,
      patch: Partial<
        Pick<
          Database['admission_application'],
          | 'home_postcode'
          | 'home_easting'
          | 'home_northing'
          | 'home_place_id'
          | 'online'
          | 'looked_after'
          | 'ehc_plan_urn'
          | 'assessed_suitable'
          | 'current_school_urn'
        >
      >,
    ): Promise<void> {
      if (Object.keys(patch).length === 0) return;
      await db
        .updateTable('admission_application')
        .set(patch as never)
        .where('id', '=', id)
        .execute();
    },

    /** Replace a round's offers (with their explanations) and profiles; responses are carried over to an unchanged offer. */
    async replaceResults(
      roundId: number,
      offers: readonly Offer[],
      explanations: ReadonlyMap<string, readonly PreferenceOutcome[]>,
      profiles: readonly (AllocationProfile & { arrangementVersion: number })[],
    ): Promise<void> {
      const { rows: kept } = await sql<{ reference: string; kind: string; urn: string | null; response: string; responded_on: string }>`
        select a.reference, o.kind, o.urn, o.response, o.responded_on from admission_offer o join admission_application a on a.id = o.application_id
        where a.round_id = ${roundId} and o.response is not null`.execute(db);
      const responses = new Map(kept.map((k) => [k.reference, k]));
      await sql`delete from admission_offer o using admission_application a where a.id = o.application_id and a.round_id = ${roundId}`.execute(db);
      for (let i = 0; i < offers.length; i += chunk) {
        const part = offers.slice(i, i + chunk).map((o) => {
          const held = responses.get(o.applicationId);
          const same = held !== undefined && held.kind === o.kind && held.urn === o.urn;
          return {
            reference: o.applicationId,
            kind: o.kind,
            urn: o.urn,
            preference_rank: o.preferenceRank,
            distance_metres: o.distanceMetres,
            explanation: explanations.get(o.applicationId) ?? [],
            response: same ? held.response : null,
            responded_on: same ? held.responded_on : null,
          };
        });
        await sql`
          insert into admission_offer (application_id, kind, urn, preference_rank, distance_metres, explanation, response, responded_on)
          select a.id, x.kind, x.urn, x.preference_rank, x.distance_metres, x.explanation, x.response, x.responded_on
          from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as x(reference text, kind text, urn text, preference_rank integer,
            distance_metres double precision, explanation jsonb, response text, responded_on date)
          join admission_application a on a.round_id = ${roundId} and a.reference = x.reference`.execute(db);
      }
      await db.deleteFrom('admission_profile').where('round_id', '=', roundId).execute();
      if (profiles.length > 0)
        await db
          .insertInto('admission_profile')
          .values(
            profiles.map(({ arrangementVersion, ...profile }) => ({
              round_id: roundId,
              urn: profile.urn,
              arrangement_version: arrangementVersion,
              profile: JSON.stringify(profile),
            })),
          )
          .execute();
    },

    /** A round's offers, by application reference. */
    async offers(roundId: number): Promise<(HeldOffer & { rowId: number })[]> {
      const { rows } = await sql<{
        application_id: number;
        reference: string;
        kind: string;
        urn: string | null;
        preference_rank: number | null;
        distance_metres: number | null;
        explanation: PreferenceOutcome[];
        response: string | null;
        responded_on: string | null;
      }>`
        select o.*, a.reference from admission_offer o join admission_application a on a.id = o.application_id
        where a.round_id = ${roundId} order by a.reference`.execute(db);
      return rows.map((r) => ({
        rowId: Number(r.application_id),
        applicationId: r.reference,
        kind: r.kind as OfferKind,
        urn: r.urn,
        preferenceRank: r.preference_rank,
        distanceMetres: r.distance_metres,
        explanation: r.explanation,
        response: r.response as HeldOffer['response'],
        respondedOn: r.responded_on,
      }));
    },

    async offer(applicationId: number) {
      return db.selectFrom('admission_offer').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
    },

    async setResponse(applicationId: number, response: 'accepted' | 'declined', on: string): Promise<void> {
      await db.updateTable('admission_offer').set({ response, responded_on: on }).where('application_id', '=', applicationId).execute();
    },

    async profile(roundId: number, urn: string) {
      const row = await db.selectFrom('admission_profile').selectAll().where('round_id', '=', roundId).where('urn', '=', urn).executeTakeFirst();
      return row === undefined ? null : { arrangementVersion: row.arrangement_version, profile: row.profile as AllocationProfile };
    },

    /** Each school's grid reference as its latest admission arrangement recorded it, where one does. */
    async arrangementLocations(urns: readonly string[]): Promise<Map<string, GridPoint>> {
      if (urns.length === 0) return new Map();
      const rows = await db
        .selectFrom('admission_arrangement')
        .select(['urn', 'easting', 'northing'])
        .distinctOn('urn')
        .where('urn', 'in', [...new Set(urns)])
        .where('easting', 'is not', null)
        .where('northing', 'is not', null)
        .orderBy('urn')
        .orderBy('id', 'desc')
        .execute();
      return new Map(rows.map((r) => [r.urn, { easting: r.easting!, northing: r.northing! }]));
    },

    /** Code-Point Open's grid reference and district of some postcodes (normalised, no space), where held. */
    async postcodes(postcodes: readonly string[]) {
      if (postcodes.length === 0) return new Map<string, { easting: number | null; northing: number | null; districtCode: string }>();
      const rows = await db
        .selectFrom('postcode')
        .select(['postcode', 'easting', 'northing', 'district_code'])
        .where('postcode', 'in', [...new Set(postcodes)])
        .execute();
      return new Map(rows.map((r) => [r.postcode, { easting: r.easting, northing: r.northing, districtCode: r.district_code }]));
    },

    /**
     * The applications held on a child for a subject access request (not anonymised ones): by UPN where the requester
     * gives one, else by given name, family name (trimmed, any case) and date of birth, as the other teams match.
     */
    async matching(query: Readonly<{ upn: string | null; givenName: string; familyName: string; dateOfBirth: string }>): Promise<number[]> {
      let q = db.selectFrom('admission_application').select('id').where('anonymised_on', 'is', null);
      if (query.upn !== null) q = q.where('upn', '=', query.upn);
      else
        q = q
          .where(sql`lower(family_name)`, '=', query.familyName.trim().toLowerCase())
          .where(sql`lower(given_name)`, '=', query.givenName.trim().toLowerCase())
          .where('date_of_birth', '=', query.dateOfBirth);
      return (await q.orderBy('id').execute()).map((r) => Number(r.id));
    },

    /**
     * Anonymise every application, not yet anonymised, of the rounds whose year of entry is `entryYear` or earlier:
     * names replaced by 'anonymised', the date of birth cut to its year, UPN, home postcode and grid point and current
     * school cleared; the home district, preferences, offers and explanations kept. Returns how many.
     */
    async anonymiseRoundsUpTo(entryYear: number, today: string): Promise<number> {
      const result = await sql`
        update admission_application a
           set given_name = 'anonymised', family_name = 'anonymised', birth_year = extract(year from a.date_of_birth)::int, date_of_birth = null,
               upn = null, home_postcode = null, home_easting = null, home_northing = null, current_school_urn = null, anonymised_on = ${today}::date
          from admission_round r
         where r.id = a.round_id and r.entry_year <= ${entryYear} and a.anonymised_on is null`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    /** How many of a round's applications retention has anonymised. */
    async anonymisedIn(roundId: number): Promise<number> {
      const row = await db
        .selectFrom('admission_application')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('round_id', '=', roundId)
        .where('anonymised_on', 'is not', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Every application LA-wide with its round, home district and offer (the pseudonymised extract and subject access read this). */
    async applicationsWithOffers(ids: readonly number[] | null) {
      const { rows } = await sql<
        ApplicationDb & {
          phase: string;
          entry_year: number;
          offer_day: string;
          anonymised_on: string | null;
          kind: string | null;
          offer_urn: string | null;
          preference_rank: number | null;
          distance_metres: number | null;
          explanation: PreferenceOutcome[] | null;
          response: string | null;
          responded_on: string | null;
        }
      >`
        select ${applicationSelect}, r.phase, r.entry_year, r.offer_day, a.anonymised_on, o.kind, o.urn as offer_urn, o.preference_rank, o.distance_metres,
          o.explanation, o.response, o.responded_on
        from admission_application a join admission_round r on r.id = a.round_id left join place d on d.id = a.home_place_id
        left join admission_offer o on o.application_id = a.id
        where ${ids === null} or a.id = any(${[...(ids ?? [])]}::bigint[])
        order by r.entry_year, r.phase, a.reference`.execute(db);
      return rows.map((r) => ({
        ...applicationOf(r),
        phase: r.phase as AdmissionPhase,
        entryYear: r.entry_year,
        offerDay: r.offer_day,
        anonymisedOn: r.anonymised_on,
        offer:
          r.kind === null
            ? null
            : {
                kind: r.kind as OfferKind,
                urn: r.offer_urn,
                preferenceRank: r.preference_rank,
                distanceMetres: r.distance_metres,
                explanation: r.explanation ?? [],
                response: r.response as HeldOffer['response'],
                respondedOn: r.responded_on,
              },
      }));
    },
  };

  async function insertPreferences(roundId: number, preferences: readonly (HeldApplication['preferences'][number] & { reference: string })[]) {
    for (let i = 0; i < preferences.length; i += chunk * 4)
      await sql`
        insert into admission_preference (application_id, rank, urn, sibling, medical_social, faith, staff)
        select a.id, x.rank, x.urn, x.sibling, x."medicalSocial", x.faith, x.staff
        from jsonb_to_recordset(${JSON.stringify(preferences.slice(i, i + chunk * 4))}::jsonb) as x(reference text, rank integer, urn text,
          sibling boolean, "medicalSocial" boolean, faith boolean, staff boolean)
        join admission_application a on a.round_id = ${roundId} and a.reference = x.reference`.execute(db);
  }
}
