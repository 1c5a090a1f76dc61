import type { AdmissionPhase } from '../../domain/admissions/admissions.ts';
import { allocateRound } from '../../domain/admissions/allocate.ts';
import { criteriaText } from '../../domain/admissions/arrangement-rules.ts';
import { countOffers } from '../../domain/admissions/offer-counts.ts';
import { roundDatesOf } from '../../domain/admissions/round-dates.ts';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import type { AuditWho } from '../audit/audit-service.ts';
import { remakeAdmissionFigures } from './admission-figures.ts';
import { roundSummary } from './round-summary.ts';
import { openAdmissionsBatch, roundOrNotFound, type AdmissionsContext } from './admissions-context.ts';

export type NewRound = Readonly<{ laCode: string; phase: AdmissionPhase; entryYear: number; preferencesAllowed: number }>;

/**
 * Rounds, arrangements and the allocation (issue 16). A round's dates are the Code's (round-dates.ts). Running a round
 * reads its current arrangements and every application, allocates them (applicant-proposing deferred acceptance,
 * allocate.ts), replaces its offers, explanations and profiles, stamps it, audits it and remakes the year's figures, all
 * in one transaction: running it again on the same records gives the same offers.
 */
export function createRoundService(context: AdmissionsContext) {
  const { store, trail } = context;
  return {
    async addRound(input: NewRound, who: AuditWho): Promise<number> {
      return store.transaction(async (tx) => {
        if ((await tx.places.find('la', input.laCode)) === undefined) throw new BadRequestError(`LA ${input.laCode} is not held: import the LA list first`);
        if ((await tx.admissions.findRound(input.laCode, input.phase, input.entryYear)) !== null)
          throw new BadRequestError(`LA ${input.laCode} already has a ${input.phase} round for entry in September ${input.entryYear}`);
        const id = await tx.admissions.addRound({ ...input, ...roundDatesOf(input.phase, input.entryYear) });
        await trail.record(tx, who, {
          action: 'admissions.round-add',
          subject: `admission-round:${id}`,
          detail: { la: input.laCode, phase: input.phase, entry: input.entryYear },
        });
        return id;
      });
    },

    /** Every round, newest year first, with how many applications each holds. */
    async rounds() {
      const [rounds, counts] = await Promise.all([store.admissions.rounds(), store.admissions.applicationCounts()]);
      return rounds.map((r) => ({ ...r, applications: counts.get(r.id) ?? 0 }));
    },

    round: (roundId: number) => roundSummary(store, roundId),

    /** Allocate a round and write its offers, explanations, profiles and the year's figures. */
    async runRound(roundId: number, who: AuditWho) {
      return store.transaction(async (tx) => {
        const round = await roundOrNotFound(tx, roundId);
        const arrangements = await tx.admissions.currentArrangements(roundId);
        const applications = await tx.admissions.applications(roundId);
        if (applications.length === 0) throw new BadRequestError('the round has no applications to allocate');
        // Retention cleared the homes the distances are measured from: a re-run would not give the offers made.
        if ((await tx.admissions.anonymisedIn(roundId)) > 0)
          throw new BadRequestError('the round’s applications have been anonymised (retention): it cannot be allocated again');
        const result = allocateRound({ ...round, arrangements, applications });
        const versionOf = new Map(arrangements.map((a) => [a.urn, a.version]));
        await tx.admissions.replaceResults(
          roundId,
          result.offers,
          result.explanations,
          result.profiles.map((p) => ({ ...p, arrangementVersion: versionOf.get(p.urn) ?? 0 })),
        );
        await tx.admissions.stampAllocated(roundId, context.now(), who.actor);
        const batchId = await openAdmissionsBatch(
          tx,
          `admissions round ${roundId} allocated`,
          `admission-round:${roundId}`,
          'admissions-allocation',
          applications.length,
        );
        const figures = await remakeAdmissionFigures(tx, round.entryYear, context.catalogue, batchId);
        await tx.register.closeBatch(batchId, {
          inserted: figures,
          updated: 0,
          closed: 0,
          unchanged: 0,
          skipped: 0,
          notes: [`${result.offers.length} offers made`],
        });
        const counts = countOffers(applications, result.offers, (urn) => arrangements.find((a) => a.urn === urn)?.laCode ?? null);
        await trail.record(tx, who, {
          action: 'admissions.allocate',
          subject: `admission-round:${roundId}`,
          detail: {
            applications: applications.length,
            preferred: counts.preferred,
            nonPreferred: counts.nonPreferred,
            noOffer: counts.noOffer,
            figures,
            batch: batchId,
          },
        });
        return { offers: result.offers.length, counts, figures, batchId };
      });
    },

    /** The round's current arrangements, each with its school's allocation profile once allocated. */
    async arrangements(roundId: number) {
      await roundOrNotFound(store, roundId);
      const held = await store.admissions.currentArrangements(roundId);
      return Promise.all(
        held.map(async (a) => ({ ...a, criteriaText: criteriaText(a.criteria), profile: (await store.admissions.profile(roundId, a.urn))?.profile ?? null })),
      );
    },

    /** One school's arrangements: every version (newest first) and the profile of the allocation with the version it used. */
    async arrangement(roundId: number, urn: string) {
      await roundOrNotFound(store, roundId);
      const versions = await store.admissions.arrangementVersions(roundId, urn);
      if (versions.length === 0) throw new NotFoundError('no arrangements for that school in this round');
      return {
        current: versions[0]!,
        versions: versions.map((v) => ({ ...v, criteriaText: criteriaText(v.criteria) })),
        allocation: await store.admissions.profile(roundId, urn),
      };
    },
  };
}
