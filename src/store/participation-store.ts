import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { NccisPerson } from '../domain/casework/nccis-codes.ts';
import type { Database } from './schema.ts';

/** A young person as the participation team holds them (migration 0019). Dates as 'YYYY-MM-DD'. */
export type YoungPersonRow = Omit<NccisPerson, 'districtCode' | 'line'> & Readonly<{ id: number; districtPlaceId: number; anonymisedOn: string | null }>;

export type YoungPersonInput = Omit<YoungPersonRow, 'id' | 'anonymisedOn'>;

export type ActivityRow = Readonly<{
  id: number;
  personId: number;
  code: string;
  startDate: string;
  confirmedOn: string;
  source: string;
  recordedBy: string | null;
}>;

export type ActivityInput = Readonly<{ ccisId: string; code: string; startDate: string; confirmedOn: string; source: string; recordedBy: string | null }>;

export type OfferRow = Readonly<{ personId: number; leavingYear: number; yearGroup: 11 | 12; offeredOn: string | null; offerCode: string | null }>;

export type OfferInput = Readonly<{ ccisId: string; leavingYear: number; yearGroup: 11 | 12; offeredOn: string | null; offerCode: string | null }>;

/** The compact form the monthly snapshot reads at Kent scale: each person once, their activities as parallel arrays. */
export type TrackedRow = Readonly<{
  id: number;
  dateOfBirth: string;
  districtPlaceId: number;
  lastSchoolUrn: string | null;
  ehcPlan: boolean;
  fsm: boolean;
  leftOn: string | null;
  codes: string[];
  starts: string[];
  confirmed: string[];
}>;

const personColumns = sql`id, ccis_id as "ccisId", given_name as "givenName", family_name as "familyName", date_of_birth::text as "dateOfBirth", upn, uln,
  district_place_id as "districtPlaceId", last_school_urn as "lastSchoolUrn", ehc_plan as "ehcPlan", fsm, in_care as "inCare", left_on::text as "leftOn", anonymised_on::text as "anonymisedOn"`;

const chunked = <T>(rows: readonly T[], size = 20_000): T[][] => {
  const parts: T[][] = [];
  for (let i = 0; i < rows.length; i += size) parts.push(rows.slice(i, i + size));
  return parts;
};

/** Young people, their dated activities and September Guarantee offers: all SQL of the participation team. */
export function createParticipationStore(db: Kysely<Database>) {
  /** The ids of the people held under some CCIS ids, in one read. */
  const idsOf = async (ccisIds: readonly string[]): Promise<Map<string, number>> => {
    const { rows } = await sql<{ id: string; ccisId: string }>`
      select id, ccis_id as "ccisId" from participation_person where ccis_id = any(${[...new Set(ccisIds)]}::text[])`.execute(db);
    return new Map(rows.map((r) => [r.ccisId, Number(r.id)]));
  };
  /** Records with their person's id, in id order (the indexes and key checks then walk forwards); those of nobody held are left out, as the join left them. */
  const byPerson = <T extends Readonly<{ ccisId: string }>>(records: readonly T[], ids: ReadonlyMap<string, number>): (T & { personId: number })[] =>
    records
      .flatMap((r) => {
        const personId = ids.get(r.ccisId);
        return personId === undefined ? [] : [{ ...r, personId }];
      })
      .sort((a, b) => a.personId - b.personId);
  /** An upsert's rows inserted and updated, counted in the database rather than sent back row by row. */
  const countedUpsert = async (upsert: RawBuilder<unknown>): Promise<{ inserted: number; updated: number }> => {
    const { rows } = await sql<{ inserted: number; updated: number }>`
      with written as (${upsert})
      select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from written`.execute(db);
    return rows[0]!;
  };

  return {
    /**
     * Add or update young people by their CCIS id in bulk (column arrays through unnest). A row whose fields are all
     * as held is left alone: the counts say how many were new and how many changed.
     */
    async upsertPeople(people: readonly YoungPersonInput[], batchId: number | null): Promise<{ inserted: number; updated: number }> {
      let inserted = 0;
      let updated = 0;
      for (const part of chunked(people)) {
        const counts = await countedUpsert(sql`
          insert into participation_person (ccis_id, given_name, family_name, date_of_birth, upn, uln, district_place_id, last_school_urn, ehc_plan, fsm, in_care, left_on, batch_id)
          select t.*, ${batchId}::int from unnest(${part.map((p) => p.ccisId)}::text[], ${part.map((p) => p.givenName)}::text[], ${part.map((p) => p.familyName)}::text[],
              ${part.map((p) => p.dateOfBirth)}::date[], ${part.map((p) => p.upn)}::text[], ${part.map((p) => p.uln)}::text[], ${part.map((p) => p.districtPlaceId)}::bigint[],
              ${part.map((p) => p.lastSchoolUrn)}::text[], ${part.map((p) => p.ehcPlan)}::bool[], ${part.map((p) => p.fsm)}::bool[], ${part.map((p) => p.inCare)}::bool[],
              ${part.map((p) => p.leftOn)}::date[])
            as t(ccis_id, given_name, family_name, date_of_birth, upn, uln, district_place_id, last_school_urn, ehc_plan, fsm, in_care, left_on)
          on conflict (ccis_id) do update set given_name = excluded.given_name, family_name = excluded.family_name, date_of_birth = excluded.date_of_birth,
              upn = excluded.upn, uln = excluded.uln, district_place_id = excluded.district_place_id, last_school_urn = excluded.last_school_urn,
              ehc_plan = excluded.ehc_plan, fsm = excluded.fsm, in_care = excluded.in_care, left_on = excluded.left_on, batch_id = excluded.batch_id
            where (participation_person.given_name, participation_person.family_name, participation_person.date_of_birth, participation_person.upn, participation_person.uln,
                   participation_person.district_place_id, participation_person.last_school_urn, participation_person.ehc_plan, participation_person.fsm, participation_person.in_care, participation_person.left_on)
              is distinct from (excluded.given_name, excluded.family_name, excluded.date_of_birth, excluded.upn, excluded.uln, excluded.district_place_id,
                   excluded.last_school_urn, excluded.ehc_plan, excluded.fsm, excluded.in_care, excluded.left_on)
          returning (xmax = 0) as inserted`);
        inserted += counts.inserted;
        updated += counts.updated;
      }
      return { inserted, updated };
    },

    /**
     * Add activities (matched by person, start date and code); a held one with a later confirmation is updated. The
     * people's ids are read once for the whole list and each part written by id, the counts made in the statement.
     */
    async upsertActivities(activities: readonly ActivityInput[], batchId: number | null): Promise<{ inserted: number; updated: number }> {
      const ids = await idsOf(activities.map((a) => a.ccisId));
      const rows = byPerson(activities, ids);
      let inserted = 0;
      let updated = 0;
      for (const part of chunked(rows)) {
        const counts = await countedUpsert(sql`
          insert into participation_activity (person_id, code, start_date, confirmed_on, source, recorded_by, batch_id)
          select t.*, ${batchId}::int
            from unnest(${part.map((a) => a.personId)}::bigint[], ${part.map((a) => a.code)}::text[], ${part.map((a) => a.startDate)}::date[],
                        ${part.map((a) => a.confirmedOn)}::date[], ${part.map((a) => a.source)}::text[], ${part.map((a) => a.recordedBy)}::text[])
                 as t(person_id, code, start_date, confirmed_on, source, recorded_by)
          on conflict (person_id, start_date, code) do update set confirmed_on = excluded.confirmed_on, source = excluded.source, batch_id = excluded.batch_id
            where (participation_activity.confirmed_on, participation_activity.source) is distinct from (excluded.confirmed_on, excluded.source)
          returning (xmax = 0) as inserted`);
        inserted += counts.inserted;
        updated += counts.updated;
      }
      return { inserted, updated };
    },

    /** Add or update September Guarantee offers, by person, leaving year and year group (the people's ids read once). */
    async upsertOffers(offers: readonly OfferInput[], batchId: number | null): Promise<{ inserted: number; updated: number }> {
      const ids = await idsOf(offers.map((o) => o.ccisId));
      const rows = byPerson(offers, ids);
      let inserted = 0;
      let updated = 0;
      for (const part of chunked(rows)) {
        const counts = await countedUpsert(sql`
          insert into participation_offer (person_id, leaving_year, year_group, offered_on, offer_code, batch_id)
          select t.*, ${batchId}::int
            from unnest(${part.map((o) => o.personId)}::bigint[], ${part.map((o) => o.leavingYear)}::int[], ${part.map((o) => o.yearGroup)}::int2[],
                        ${part.map((o) => o.offeredOn)}::date[], ${part.map((o) => o.offerCode)}::text[]) as t(person_id, leaving_year, year_group, offered_on, offer_code)
          on conflict (person_id, leaving_year, year_group) do update set offered_on = excluded.offered_on, offer_code = excluded.offer_code, batch_id = excluded.batch_id
            where (participation_offer.offered_on, participation_offer.offer_code) is distinct from (excluded.offered_on, excluded.offer_code)
          returning (xmax = 0) as inserted`);
        inserted += counts.inserted;
        updated += counts.updated;
      }
      return { inserted, updated };
    },

    /** Everyone born in a range (the ages a snapshot reads), in the given districts (null: everywhere), with their activities. */
    async tracked(bornFrom: string, bornTo: string, districtIds: readonly number[] | null): Promise<TrackedRow[]> {
      const { rows } = await sql<TrackedRow>`
        select p.id, p.date_of_birth::text as "dateOfBirth", p.district_place_id as "districtPlaceId", p.last_school_urn as "lastSchoolUrn",
               p.ehc_plan as "ehcPlan", p.fsm, p.left_on::text as "leftOn",
               coalesce(array_agg(a.code order by a.start_date, a.code) filter (where a.id is not null), '{}') as codes,
               coalesce(array_agg(a.start_date::text order by a.start_date, a.code) filter (where a.id is not null), '{}') as starts,
               coalesce(array_agg(a.confirmed_on::text order by a.start_date, a.code) filter (where a.id is not null), '{}') as confirmed
          from participation_person p left join participation_activity a on a.person_id = p.id
         where p.date_of_birth between ${bornFrom}::date and ${bornTo}::date
           and (${districtIds === null}::bool or p.district_place_id = any(${districtIds ?? []}::bigint[]))
         group by p.id order by p.id`.execute(db);
      return rows;
    },

    async person(id: number): Promise<YoungPersonRow | undefined> {
      const { rows } = await sql<YoungPersonRow>`select ${personColumns} from participation_person where id = ${id}`.execute(db);
      return rows[0];
    },

    async peopleByIds(ids: readonly number[]): Promise<YoungPersonRow[]> {
      const { rows } = await sql<YoungPersonRow>`select ${personColumns} from participation_person where id = any(${ids}::bigint[]) order by id`.execute(db);
      return rows;
    },

    async activities(personId: number): Promise<ActivityRow[]> {
      const { rows } = await sql<ActivityRow>`
        select id, person_id as "personId", code, start_date::text as "startDate", confirmed_on::text as "confirmedOn", source, recorded_by as "recordedBy"
          from participation_activity where person_id = ${personId} order by start_date, id`.execute(db);
      return rows;
    },

    async offers(personIds: readonly number[] | null, leavingYear: number | null): Promise<OfferRow[]> {
      const { rows } = await sql<OfferRow>`
        select person_id as "personId", leaving_year as "leavingYear", year_group as "yearGroup", offered_on::text as "offeredOn", offer_code as "offerCode"
          from participation_offer
         where (${personIds === null}::bool or person_id = any(${personIds ?? []}::bigint[])) and (${leavingYear}::int is null or leaving_year = ${leavingYear}::int)
         order by person_id, leaving_year, year_group`.execute(db);
      return rows;
    },

    /** Every person with their activities and offers, as an NCCIS extract writes them (one row per activity). */
    async extract(): Promise<{ people: YoungPersonRow[]; activities: (ActivityRow & { ccisId: string })[]; offers: (OfferRow & { ccisId: string })[] }> {
      const people = (await sql<YoungPersonRow>`select ${personColumns} from participation_person where anonymised_on is null order by ccis_id`.execute(db))
        .rows;
      const activities = (
        await sql<ActivityRow & { ccisId: string }>`
          select a.id, a.person_id as "personId", p.ccis_id as "ccisId", a.code, a.start_date::text as "startDate", a.confirmed_on::text as "confirmedOn", a.source, a.recorded_by as "recordedBy"
            from participation_activity a join participation_person p on p.id = a.person_id where p.anonymised_on is null order by p.ccis_id, a.start_date, a.code`.execute(
          db,
        )
      ).rows;
      const offers = (
        await sql<OfferRow & { ccisId: string }>`
          select o.person_id as "personId", p.ccis_id as "ccisId", o.leaving_year as "leavingYear", o.year_group as "yearGroup", o.offered_on::text as "offeredOn", o.offer_code as "offerCode"
            from participation_offer o join participation_person p on p.id = o.person_id where p.anonymised_on is null order by p.ccis_id, o.leaving_year, o.year_group`.execute(
          db,
        )
      ).rows;
      return { people, activities, offers };
    },

    /** The people a subject access request names: by UPN, or by name and date of birth. */
    async find(query: Readonly<{ upn: string | null; givenName: string; familyName: string; dateOfBirth: string }>): Promise<YoungPersonRow[]> {
      const { rows } = await sql<YoungPersonRow>`
        select ${personColumns} from participation_person
         where (${query.upn}::text is not null and upn = ${query.upn}::text)
            or (lower(given_name) = lower(${query.givenName}) and lower(family_name) = lower(${query.familyName}) and date_of_birth = nullif(${query.dateOfBirth}, '')::date)
         order by id`.execute(db);
      return rows;
    },

    /**
     * Anonymise everyone born on or before `bornOnOrBefore` not yet anonymised: names, UPN and ULN removed, the CCIS id
     * replaced, the date of birth kept to its academic year (1 September) so past figures stay the same.
     */
    async anonymiseBornBy(bornOnOrBefore: string, today: string): Promise<number> {
      const result = await sql`
        update participation_person
           set given_name = 'anonymised', family_name = 'anonymised', upn = null, uln = null, ccis_id = 'anonymised-' || id,
               date_of_birth = make_date(extract(year from date_of_birth)::int - (case when extract(month from date_of_birth) < 9 then 1 else 0 end), 9, 1),
               anonymised_on = ${today}::date
         where anonymised_on is null and date_of_birth <= ${bornOnOrBefore}::date`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    /** The URNs of pupil referral units (and other alternative provision) the register holds. */
    async pruUrns(): Promise<Set<string>> {
      const { rows } = await sql<{ code: string }>`select code from place where kind = 'school' and attributes->>'sector' = 'alternative-provision'`.execute(
        db,
      );
      return new Set(rows.map((r) => r.code));
    },

    /** Remove every record a demo step wrote (the demo writes its people afresh). */
    async clearBatch(batchId: number): Promise<void> {
      await sql`delete from participation_person where batch_id = ${batchId}`.execute(db);
    },
  };
}
