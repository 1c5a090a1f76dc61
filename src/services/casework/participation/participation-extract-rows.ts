import type { Store } from '../../../store/store.ts';
import type { TeamExtract } from '../casework-module.ts';

/**
 * Young people tracked, for a pseudonymised extract: one row a young person (the CCIS id, ULN and names left out),
 * with their characteristics and their latest NCCIS activity. Anonymised records are not read (the store's extract).
 */
export async function participationExtractRows(tx: Store): Promise<TeamExtract> {
  const held = await tx.participation.extract();
  const districtOf = new Map([...(await tx.places.idsByCode('district'))].map(([code, id]) => [id, code]));
  const latest = new Map<number, { code: string; startDate: string; count: number }>();
  for (const a of held.activities) {
    const seen = latest.get(a.personId);
    latest.set(a.personId, { code: a.code, startDate: a.startDate, count: (seen?.count ?? 0) + 1 });
  }
  return {
    columns: ['district', 'last_school_urn', 'ehc_plan', 'fsm', 'in_care', 'left_on', 'activities', 'current_activity', 'current_since'],
    cases: held.people.map((p) => ({
      child: { upn: p.upn, givenName: p.givenName, familyName: p.familyName, dateOfBirth: p.dateOfBirth },
      cells: {
        district: districtOf.get(p.districtPlaceId) ?? null,
        last_school_urn: p.lastSchoolUrn,
        ehc_plan: p.ehcPlan,
        fsm: p.fsm,
        in_care: p.inCare,
        left_on: p.leftOn,
        activities: latest.get(p.id)?.count ?? 0,
        current_activity: latest.get(p.id)?.code ?? null,
        current_since: latest.get(p.id)?.startDate ?? null,
      },
    })),
  };
}
