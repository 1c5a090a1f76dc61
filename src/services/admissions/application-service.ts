import type { LookedAfter, Preference, PreferenceOutcome } from '../../domain/admissions/admissions.ts';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import { normalisePostcode } from '../../domain/geography/postcode.ts';
import type { ApplicationFilter, HeldApplication } from '../../store/admissions-store.ts';
import type { Store } from '../../store/store.ts';
import type { AuditWho } from '../audit/audit-service.ts';
import { requireInScope } from '../casework/case-scope.ts';
import { roundOrNotFound, type AdmissionsContext, type AdmissionsReader } from './admissions-context.ts';

/** What a change to an application before the closing date may set (names and date of birth are corrected by re-import, not here). */
export type ApplicationChange = Partial<
  Readonly<{
    homePostcode: string | null;
    online: boolean;
    lookedAfter: LookedAfter | null;
    ehcPlanSchool: string | null;
    assessedSuitable: boolean | null;
    currentSchool: string | null;
    preferences: readonly Preference[];
  }>
>;

/** A child's outcome at one school as that school may see it: never the preference number, never another school. */
export type SchoolOutcome = Readonly<{
  outcome: 'offered' | 'not-offered' | 'not-eligible' | 'not-allocated';
  criterion: PreferenceOutcome['criterion'];
  position: number | null;
  distanceMetres: number | null;
  lastOffered: PreferenceOutcome['lastOffered'];
}>;

/**
 * Applications (issue 16): an admissions officer's list and one application with its explanation, in the officer's
 * reach over the child's home district (outside it: not found, and the refusal audited, as casework does); a school's
 * own applicants with only their outcome there; the family's response; and a change before the closing date. Every
 * read of an applicant is audited in the transaction that reads it.
 */
export function createApplicationService(context: AdmissionsContext) {
  const { store, trail } = context;

  const loadInScope = async (tx: Store, reader: AdmissionsReader, id: number): Promise<HeldApplication> => {
    const held = await tx.admissions.application(id);
    if (held === null) throw new NotFoundError('no such application');
    const scope = await context.scopeFor(reader.principal, 'work-admissions');
    try {
      requireInScope(scope, held.homePlaceId, 'application');
    } catch (error) {
      // Recorded outside the caller's transaction: the refusal stands though the request fails.
      await store.transaction((own) => trail.record(own, reader.who, { action: 'admissions.read-refused', subject: `admission-application:${id}` }));
      throw error;
    }
    return held;
  };

  return {
    /** A page of a round's applications in the officer's reach, with each offer; audited with how many were shown. */
    async applications(roundId: number, reader: AdmissionsReader, filter: ApplicationFilter = {}) {
      return store.transaction(async (tx) => {
        await roundOrNotFound(tx, roundId);
        const scope = await context.scopeFor(reader.principal, 'work-admissions');
        const list = await tx.admissions.listApplications(roundId, scope.kind === 'everywhere' ? null : [...scope.placeIds], filter);
        await trail.record(tx, reader.who, {
          action: 'admissions.list',
          subject: `admission-round:${roundId}`,
          detail: { shown: list.rows.length, total: list.total },
        });
        return list;
      });
    },

    /** One application with its round, its offer and the explanation of every preference. */
    async application(id: number, reader: AdmissionsReader) {
      return store.transaction(async (tx) => {
        const application = await loadInScope(tx, reader, id);
        const round = await roundOrNotFound(tx, application.roundId);
        const offer = await tx.admissions.offer(id);
        const schools = new Map((await tx.admissions.currentArrangements(round.id)).map((a) => [a.urn, a.schoolName]));
        await trail.record(tx, reader.who, { action: 'admissions.read', subject: `admission-application:${id}`, placeId: application.homePlaceId });
        return {
          application,
          round,
          schoolNames: Object.fromEntries(schools),
          offer:
            offer === undefined
              ? null
              : {
                  kind: offer.kind,
                  urn: offer.urn,
                  preferenceRank: offer.preference_rank,
                  distanceMetres: offer.distance_metres,
                  response: offer.response,
                  respondedOn: offer.responded_on,
                },
          explanation: (offer?.explanation ?? []) as PreferenceOutcome[],
        };
      });
    },

    /**
     * The children who named a school, for a user holding `read-school-applicants` on it: each child's outcome at that
     * school only. A school outside the reader's reach reads as not found (and the refusal is audited).
     */
    async schoolApplicants(roundId: number, urn: string, reader: AdmissionsReader) {
      return store.transaction(async (tx) => {
        await roundOrNotFound(tx, roundId);
        const school = await tx.places.find('school', urn);
        const scope = await context.scopeFor(reader.principal, 'read-school-applicants');
        if (school === undefined || (scope.kind === 'places' && !scope.placeIds.has(school.id))) {
          await store.transaction((own) => trail.record(own, reader.who, { action: 'admissions.read-refused', subject: `admission-school:${roundId}:${urn}` }));
          throw new NotFoundError('no such school');
        }
        const rows = await tx.admissions.schoolApplicants(roundId, urn);
        await trail.record(tx, reader.who, {
          action: 'admissions.school-list',
          subject: `admission-school:${roundId}:${urn}`,
          placeId: school.id,
          detail: { shown: rows.length },
        });
        return rows.map((r) => ({
          applicationId: r.id,
          reference: r.reference,
          givenName: r.given_name,
          familyName: r.family_name,
          dateOfBirth: r.date_of_birth,
          upn: r.upn,
          atThisSchool: schoolOutcomeOf(r.offered_here, r.outcome),
        }));
      });
    },

    /** Record the family's acceptance or refusal of the offer made. */
    async recordResponse(applicationId: number, response: 'accepted' | 'declined', on: string, who: AuditWho): Promise<void> {
      await store.transaction(async (tx) => {
        const offer = await tx.admissions.offer(applicationId);
        if (offer === undefined || offer.kind === 'none') throw new BadRequestError('no place has been offered on this application');
        const round = await roundOrNotFound(tx, (await tx.admissions.application(applicationId))!.roundId);
        if (on < round.offerDay) throw new BadRequestError(`a response cannot come before offer day (${round.offerDay})`);
        if (on > context.today()) throw new BadRequestError('a response cannot be dated in the future');
        await tx.admissions.setResponse(applicationId, response, on);
        await trail.record(tx, who, { action: 'admissions.response', subject: `admission-application:${applicationId}`, detail: { response } });
      });
    },

    /** Change an application on or before the round's closing date; after it, refused. Audited with the fields changed. */
    async changeApplication(applicationId: number, change: ApplicationChange, who: AuditWho): Promise<void> {
      await store.transaction(async (tx) => {
        const held = await tx.admissions.application(applicationId);
        if (held === null) throw new NotFoundError('no such application');
        const round = await roundOrNotFound(tx, held.roundId);
        if (context.today() > round.closingDate)
          throw new BadRequestError(
            `the closing date (${round.closingDate}) has passed: an application can no longer be changed; a new preference after it is a late application`,
          );
        const patch: Parameters<Store['admissions']['updateApplication']>[1] & Record<string, unknown> = {};
        if (change.homePostcode !== undefined) {
          const at =
            change.homePostcode === null
              ? undefined
              : (await tx.admissions.postcodes([normalisePostcode(change.homePostcode)])).get(normalisePostcode(change.homePostcode));
          const district = at === undefined ? undefined : await tx.places.find('district', at.districtCode);
          Object.assign(patch, {
            home_postcode: change.homePostcode,
            home_easting: at?.easting ?? null,
            home_northing: at?.northing ?? null,
            home_place_id: district?.id ?? null,
          });
        }
        if (change.online !== undefined) patch.online = change.online;
        if (change.lookedAfter !== undefined) patch.looked_after = change.lookedAfter;
        if (change.ehcPlanSchool !== undefined) patch.ehc_plan_urn = change.ehcPlanSchool;
        if (change.assessedSuitable !== undefined) patch.assessed_suitable = change.assessedSuitable;
        if (change.currentSchool !== undefined) patch.current_school_urn = change.currentSchool;
        if (change.preferences !== undefined) {
          if (change.preferences.length > round.preferencesAllowed) throw new BadRequestError(`this round allows ${round.preferencesAllowed} preferences`);
          if (change.preferences.some((p, i) => p.rank !== i + 1) || new Set(change.preferences.map((p) => p.urn)).size !== change.preferences.length)
            throw new BadRequestError('preferences are numbered from 1 in order, each school named once');
          await tx.admissions.replacePreferences(round.id, held.id, change.preferences);
        }
        await tx.admissions.updateApplication(applicationId, patch);
        const fields = Object.keys(change).filter((k) => change[k as keyof ApplicationChange] !== undefined);
        await trail.record(tx, who, {
          action: 'admissions.change',
          subject: `admission-application:${applicationId}`,
          placeId: held.homePlaceId,
          detail: { fields },
        });
      });
    },
  };
}

/** The explanation at one school reduced to what the school may know: offered or not, and where the child ranked there. */
function schoolOutcomeOf(offeredHere: boolean | null, outcome: PreferenceOutcome | null): SchoolOutcome {
  if (outcome === null) return { outcome: 'not-allocated', criterion: null, position: null, distanceMetres: null, lastOffered: null };
  const kind = offeredHere === true ? 'offered' : outcome.outcome === 'not-eligible' ? 'not-eligible' : 'not-offered';
  return { outcome: kind, criterion: outcome.criterion, position: outcome.position, distanceMetres: outcome.distanceMetres, lastOffered: outcome.lastOffered };
}
