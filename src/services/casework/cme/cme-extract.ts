import type { Store } from '../../../store/store.ts';
import type { TeamExtract } from '../casework-module.ts';

/** CME cases for a pseudonymised extract: one row a case, its latest episode's outcome; no free text (reason, notes, enquiries). */
export async function cmeExtract(tx: Store): Promise<TeamExtract> {
  const cases = await tx.cme.extractCases();
  return {
    columns: ['district', 'sex', 'episodes', 'first_known_on', 'last_known_on', 'last_source', 'outcome', 'outcome_on', 'outcome_school_urn'],
    cases: cases.map((c) => ({
      child: { upn: c.upn, givenName: c.givenName, familyName: c.familyName, dateOfBirth: c.dateOfBirth, postcode: c.postcode },
      cells: {
        district: c.districtCode,
        sex: c.sex,
        episodes: c.episodes,
        first_known_on: c.firstKnownOn,
        last_known_on: c.lastKnownOn,
        last_source: c.lastSource,
        outcome: c.outcome,
        outcome_on: c.outcomeOn,
        outcome_school_urn: c.outcomeSchoolUrn,
      },
    })),
  };
}
