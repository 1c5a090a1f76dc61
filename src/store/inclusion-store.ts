import type { Ssda903Child, Ssda903Episode } from '../domain/casework/children-in-care-rules.ts';
import { sql, type Kysely } from 'kysely';
import type { ApOutcome } from '../domain/casework/alternative-provision-rules.ts';
import type { ExclusionKind, ExclusionRecord, GovernorsOutcome, PanelOutcome } from '../domain/casework/exclusion-rules.ts';
import type { Database } from './schema.ts';

/** A pupil as a casework record names them: UPN, names and date of birth (all cleared when the record is anonymised). */
export type PupilIdentity = Readonly<{ upn: string | null; givenName: string | null; familyName: string | null; dateOfBirth: string | null }>;

export type ExclusionInput = PupilIdentity & ExclusionRecord & Readonly<{ schoolPlaceId: number | null; period: string; recordedBy: string }>;

export type ExclusionRow = ExclusionInput &
  Readonly<{
    id: number;
    schoolName: string | null;
    districtPlaceId: number | null;
    districtName: string | null;
    recordedAt: string;
    anonymisedOn: string | null;
    batchId: number | null;
  }>;

/** A review's outcomes and dates as recorded. */
export type ReviewInput = Pick<
  ExclusionRecord,
  'governorsOutcome' | 'governorsDate' | 'panelOutcome' | 'panelDate' | 'reconsideredOutcome' | 'reconsideredDate'
>;

export type CareChildInput = Ssda903Child & Readonly<{ placeId: number }>;
export type CareEpisodeInput = Ssda903Episode;
export type CareChildRow = CareChildInput & Readonly<{ anonymisedOn: string | null; episodes: CareEpisodeInput[] }>;

export type ApPlacementInput = PupilIdentity &
  Readonly<{
    homeSchoolUrn: string | null;
    providerName: string;
    providerUrn: string | null;
    kind: 'pru' | 'commissioned';
    placeId: number;
    yearGroup: 10 | 11;
    start: string;
    end: string | null;
    period: string;
    outcome: ApOutcome | null;
    recordedBy: string;
  }>;
export type ApPlacementRow = ApPlacementInput & Readonly<{ id: number; placeName: string; anonymisedOn: string | null }>;

/** Place ids a reader may see, or null for everywhere. */
type Within = readonly number[] | null;

const exclusionSelect = sql`
  select e.id, e.upn, e.given_name, e.family_name, e.date_of_birth, e.school_urn, e.school_place_id, e.kind, e.reason_code,
         e.decision_date, e.start_date, e.sessions, e.period, e.fsm, e.sen, e.in_care, e.governors_outcome, e.governors_date,
         e.panel_outcome, e.panel_date, e.reconsidered_outcome, e.reconsidered_date, e.recorded_by,
         to_char(e.recorded_at at time zone 'Europe/London', 'YYYY-MM-DD HH24:MI') as recorded_at, e.anonymised_on, e.batch_id,
         s.name as school_name, d.id as district_place_id, d.name as district_name
    from inclusion_exclusion e
    left join place s on s.id = e.school_place_id
    left join lateral (
      select p.id, p.name from place_link l join place p on p.id = l.parent_id
       where l.place_id = e.school_place_id and p.kind = 'district' and (l.valid_to is null or l.valid_to >= e.decision_date)
       order by l.valid_from desc nulls last limit 1) d on true`;

type Raw = Record<string, unknown>;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string | number).toString());

function exclusionOf(r: Raw): ExclusionRow {
  return {
    id: Number(r.id),
    upn: str(r.upn),
    givenName: str(r.given_name),
    familyName: str(r.family_name),
    dateOfBirth: str(r.date_of_birth),
    schoolUrn: String(r.school_urn),
    schoolPlaceId: r.school_place_id === null ? null : Number(r.school_place_id),
    kind: r.kind as ExclusionKind,
    reasonCode: String(r.reason_code),
    decisionDate: String(r.decision_date),
    startDate: String(r.start_date),
    sessions: r.sessions === null ? null : Number(r.sessions),
    period: String(r.period),
    fsm: Boolean(r.fsm),
    sen: r.sen as 'N' | 'K' | 'E',
    inCare: Boolean(r.in_care),
    governorsOutcome: str(r.governors_outcome) as GovernorsOutcome | null,
    governorsDate: str(r.governors_date),
    panelOutcome: str(r.panel_outcome) as PanelOutcome | null,
    panelDate: str(r.panel_date),
    reconsideredOutcome: str(r.reconsidered_outcome) as GovernorsOutcome | null,
    reconsideredDate: str(r.reconsidered_date),
    recordedBy: String(r.recorded_by),
    recordedAt: String(r.recorded_at),
    anonymisedOn: str(r.anonymised_on),
    batchId: r.batch_id === null ? null : Number(r.batch_id),
    schoolName: str(r.school_name),
    districtPlaceId: r.district_place_id === null ? null : Number(r.district_place_id),
    districtName: str(r.district_name),
  };
}

const within = (column: string, places: Within) => (places === null ? sql`true` : sql`${sql.ref(column)} = any(${[...places]}::int[])`);

/** A pupil asked for by name and date of birth (a subject access request without a UPN): names match whatever their case. */
type Named = Readonly<{ givenName: string; familyName: string; dateOfBirth: string }>;
const namedAs = (alias: string, named: Named | undefined) =>
  named === undefined
    ? sql`true`
    : sql`(lower(${sql.ref(`${alias}.given_name`)}) = lower(${named.givenName}) and lower(${sql.ref(`${alias}.family_name`)}) = lower(${named.familyName})
           and ${sql.ref(`${alias}.date_of_birth`)} = ${named.dateOfBirth}::date)`;

/** Exclusions, alternative provision placements and children in care (migration 0020). */
export function createInclusionStore(db: Kysely<Database>) {
  return {
    /** Write exclusions in bulk; one already held (same UPN, school, kind and start date) is left as it is. Returns those written. */
    async addExclusions(rows: readonly ExclusionInput[], batchId: number | null): Promise<number> {
      let written = 0;
      for (let i = 0; i < rows.length; i += 10_000) {
        const p = rows.slice(i, i + 10_000);
        const col = <T>(f: (r: ExclusionInput) => T) => p.map(f);
        const result = await sql`
          insert into inclusion_exclusion (upn, given_name, family_name, date_of_birth, school_urn, school_place_id, kind, reason_code, decision_date,
                 start_date, sessions, period, fsm, sen, in_care, governors_outcome, governors_date, panel_outcome, panel_date, reconsidered_outcome,
                 reconsidered_date, recorded_by, batch_id)
          select t.*, ${batchId}::int
            from unnest(${col((r) => r.upn)}::text[], ${col((r) => r.givenName)}::text[], ${col((r) => r.familyName)}::text[], ${col((r) => r.dateOfBirth)}::date[],
                        ${col((r) => r.schoolUrn)}::text[], ${col((r) => r.schoolPlaceId)}::int[], ${col((r) => r.kind)}::text[], ${col((r) => r.reasonCode)}::text[],
                        ${col((r) => r.decisionDate)}::date[], ${col((r) => r.startDate)}::date[], ${col((r) => r.sessions)}::int[], ${col((r) => r.period)}::text[],
                        ${col((r) => r.fsm)}::bool[], ${col((r) => r.sen)}::text[], ${col((r) => r.inCare)}::bool[], ${col((r) => r.governorsOutcome)}::text[],
                        ${col((r) => r.governorsDate)}::date[], ${col((r) => r.panelOutcome)}::text[], ${col((r) => r.panelDate)}::date[],
                        ${col((r) => r.reconsideredOutcome)}::text[], ${col((r) => r.reconsideredDate)}::date[], ${col((r) => r.recordedBy)}::text[])
              as t(upn, given_name, family_name, date_of_birth, school_urn, school_place_id, kind, reason_code, decision_date, start_date, sessions, period,
                   fsm, sen, in_care, governors_outcome, governors_date, panel_outcome, panel_date, reconsidered_outcome, reconsidered_date, recorded_by)
          on conflict (upn, school_urn, kind, start_date) where upn is not null do nothing`.execute(db);
        written += Number(result.numAffectedRows ?? 0);
      }
      return written;
    },

    async exclusions(
      filter: Readonly<{ places: Within; period?: string; kind?: ExclusionKind; upn?: string; named?: Named; limit?: number }>,
    ): Promise<ExclusionRow[]> {
      const { rows } = await sql<Raw>`${exclusionSelect}
        where ${within('e.school_place_id', filter.places)}
          and ${filter.period === undefined ? sql`true` : sql`e.period = ${filter.period}`}
          and ${filter.kind === undefined ? sql`true` : sql`e.kind = ${filter.kind}`}
          and ${filter.upn === undefined ? sql`true` : sql`e.upn = ${filter.upn}`}
          and ${namedAs('e', filter.named)}
        order by e.decision_date desc, e.id desc
        limit ${filter.limit ?? 100_000}`.execute(db);
      return rows.map(exclusionOf);
    },

    /** The academic years the exclusions held were decided in. */
    async exclusionPeriods(): Promise<string[]> {
      const { rows } = await sql<{ period: string }>`select distinct period from inclusion_exclusion order by period`.execute(db);
      return rows.map((r) => r.period);
    },

    async exclusion(id: number): Promise<ExclusionRow | undefined> {
      const { rows } = await sql<Raw>`${exclusionSelect} where e.id = ${id}`.execute(db);
      return rows[0] === undefined ? undefined : exclusionOf(rows[0]);
    },

    /** Sessions of the pupil's other suspensions in the academic year (the 45-school-day limit). */
    async suspensionSessions(upn: string, period: string, exceptId: number | null): Promise<number> {
      const { rows } = await sql<{ sessions: number | null }>`
        select sum(sessions)::int as sessions from inclusion_exclusion
         where upn = ${upn} and period = ${period} and kind = 'suspension' and id <> ${exceptId ?? -1}`.execute(db);
      return rows[0]?.sessions ?? 0;
    },

    async setReview(id: number, review: ReviewInput): Promise<void> {
      await sql`
        update inclusion_exclusion
           set governors_outcome = ${review.governorsOutcome}, governors_date = ${review.governorsDate}::date,
               panel_outcome = ${review.panelOutcome}, panel_date = ${review.panelDate}::date,
               reconsidered_outcome = ${review.reconsideredOutcome}, reconsidered_date = ${review.reconsideredDate}::date
         where id = ${id}`.execute(db);
    },

    /** Clear the pupil's identity from exclusions whose pupil was born on or before `bornBy`; returns how many. */
    async anonymiseExclusions(bornBy: string, today: string): Promise<number> {
      const result = await sql`
        update inclusion_exclusion set upn = null, given_name = null, family_name = null, date_of_birth = null, anonymised_on = ${today}::date
         where anonymised_on is null and date_of_birth <= ${bornBy}::date`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    /** Replace the children's headers and episodes (a 903 file is the whole history of each child in it); returns children written. */
    async putCareChildren(children: readonly CareChildInput[], episodes: readonly CareEpisodeInput[], batchId: number | null): Promise<number> {
      if (children.length === 0) return 0;
      const ids = children.map((c) => c.child);
      await sql`delete from inclusion_care_episode where child = any(${ids}::text[])`.execute(db);
      await sql`
        insert into inclusion_care_child (child, upn, sex, date_of_birth, ethnic, place_id, batch_id)
        select t.*, ${batchId}::int
          from unnest(${ids}::text[], ${children.map((c) => c.upn)}::text[], ${children.map((c) => c.sex)}::text[], ${children.map((c) => c.dateOfBirth)}::date[],
                      ${children.map((c) => c.ethnic)}::text[], ${children.map((c) => c.placeId)}::int[]) as t(child, upn, sex, date_of_birth, ethnic, place_id)
        on conflict (child) do update set upn = excluded.upn, sex = excluded.sex, date_of_birth = excluded.date_of_birth, ethnic = excluded.ethnic,
               place_id = excluded.place_id, batch_id = excluded.batch_id, anonymised_on = null`.execute(db);
      const e = episodes;
      await sql`
        insert into inclusion_care_episode (child, start_date, end_date, reason_new_episode, legal_status, category_of_need, placement, placement_provider,
               reason_episode_ceased, reason_place_change, placement_urn)
        select * from unnest(${e.map((x) => x.child)}::text[], ${e.map((x) => x.start)}::date[], ${e.map((x) => x.end)}::date[], ${e.map((x) => x.reasonNewEpisode)}::text[],
                             ${e.map((x) => x.legalStatus)}::text[], ${e.map((x) => x.categoryOfNeed)}::text[], ${e.map((x) => x.placement)}::text[],
                             ${e.map((x) => x.placementProvider)}::text[], ${e.map((x) => x.reasonEpisodeCeased)}::text[], ${e.map((x) => x.reasonPlaceChange)}::text[],
                             ${e.map((x) => x.placementUrn)}::text[])`.execute(db);
      return children.length;
    },

    async careChildren(filter: Readonly<{ places: Within; child?: string; upn?: string }>): Promise<CareChildRow[]> {
      const { rows } = await sql<Raw>`
        select c.child, c.upn, c.sex, c.date_of_birth, c.ethnic, c.place_id, c.anonymised_on,
               coalesce(jsonb_agg(jsonb_build_object('start', e.start_date, 'end', e.end_date, 'reasonNewEpisode', e.reason_new_episode,
                 'legalStatus', e.legal_status, 'categoryOfNeed', e.category_of_need, 'placement', e.placement, 'placementProvider', e.placement_provider,
                 'reasonEpisodeCeased', e.reason_episode_ceased, 'reasonPlaceChange', e.reason_place_change, 'placementUrn', e.placement_urn)
                 order by e.start_date) filter (where e.child is not null), '[]') as episodes
          from inclusion_care_child c left join inclusion_care_episode e on e.child = c.child
         where ${within('c.place_id', filter.places)}
           and ${filter.child === undefined ? sql`true` : sql`c.child = ${filter.child}`}
           and ${filter.upn === undefined ? sql`true` : sql`c.upn = ${filter.upn}`}
         group by c.child order by c.child`.execute(db);
      return rows.map((r) => ({
        child: String(r.child),
        upn: str(r.upn),
        sex: str(r.sex),
        dateOfBirth: str(r.date_of_birth),
        ethnic: str(r.ethnic),
        placeId: Number(r.place_id),
        anonymisedOn: str(r.anonymised_on),
        episodes: (r.episodes as Omit<CareEpisodeInput, 'child'>[]).map((x) => ({ ...x, child: String(r.child) })),
      }));
    },

    async anonymiseCareChildren(bornBy: string, today: string): Promise<number> {
      const result = await sql`
        update inclusion_care_child set upn = null, date_of_birth = null, ethnic = null, anonymised_on = ${today}::date
         where anonymised_on is null and date_of_birth <= ${bornBy}::date`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    async addApPlacements(rows: readonly ApPlacementInput[], batchId: number | null): Promise<number> {
      if (rows.length === 0) return 0;
      const col = <T>(f: (r: ApPlacementInput) => T) => rows.map(f);
      const result = await sql`
        insert into inclusion_ap_placement (upn, given_name, family_name, date_of_birth, home_school_urn, provider_name, provider_urn, kind, place_id,
               year_group, start_date, end_date, period, outcome, recorded_by, batch_id)
        select t.*, ${batchId}::int
          from unnest(${col((r) => r.upn)}::text[], ${col((r) => r.givenName)}::text[], ${col((r) => r.familyName)}::text[], ${col((r) => r.dateOfBirth)}::date[],
                      ${col((r) => r.homeSchoolUrn)}::text[], ${col((r) => r.providerName)}::text[], ${col((r) => r.providerUrn)}::text[], ${col((r) => r.kind)}::text[],
                      ${col((r) => r.placeId)}::int[], ${col((r) => r.yearGroup)}::int[], ${col((r) => r.start)}::date[], ${col((r) => r.end)}::date[],
                      ${col((r) => r.period)}::text[], ${col((r) => r.outcome)}::text[], ${col((r) => r.recordedBy)}::text[])
            as t(upn, given_name, family_name, date_of_birth, home_school_urn, provider_name, provider_urn, kind, place_id, year_group, start_date, end_date,
                 period, outcome, recorded_by)`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    async apPlacements(filter: Readonly<{ places: Within; period?: string; upn?: string; named?: Named; id?: number }>): Promise<ApPlacementRow[]> {
      const { rows } = await sql<Raw>`
        select a.*, p.name as place_name from inclusion_ap_placement a join place p on p.id = a.place_id
         where ${within('a.place_id', filter.places)}
           and ${filter.period === undefined ? sql`true` : sql`a.period = ${filter.period}`}
           and ${filter.upn === undefined ? sql`true` : sql`a.upn = ${filter.upn}`}
           and ${filter.id === undefined ? sql`true` : sql`a.id = ${filter.id}`}
           and ${namedAs('a', filter.named)}
         order by a.start_date desc, a.id desc`.execute(db);
      return rows.map((r) => ({
        id: Number(r.id),
        upn: str(r.upn),
        givenName: str(r.given_name),
        familyName: str(r.family_name),
        dateOfBirth: str(r.date_of_birth),
        homeSchoolUrn: str(r.home_school_urn),
        providerName: String(r.provider_name),
        providerUrn: str(r.provider_urn),
        kind: r.kind as 'pru' | 'commissioned',
        placeId: Number(r.place_id),
        placeName: String(r.place_name),
        yearGroup: Number(r.year_group) as 10 | 11,
        start: String(r.start_date),
        end: str(r.end_date),
        period: String(r.period),
        outcome: str(r.outcome) as ApOutcome | null,
        recordedBy: String(r.recorded_by),
        anonymisedOn: str(r.anonymised_on),
      }));
    },

    async setApOutcome(id: number, outcome: ApOutcome | null): Promise<void> {
      await sql`update inclusion_ap_placement set outcome = ${outcome} where id = ${id}`.execute(db);
    },

    async anonymiseApPlacements(bornBy: string, today: string): Promise<number> {
      const result = await sql`
        update inclusion_ap_placement set upn = null, given_name = null, family_name = null, date_of_birth = null, anonymised_on = ${today}::date
         where anonymised_on is null and date_of_birth <= ${bornBy}::date`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },
  };
}
