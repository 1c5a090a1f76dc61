import type { Store } from '../../../store/store.ts';
import type { TeamExtract } from '../casework-module.ts';

/** EHC needs assessment requests for a pseudonymised extract: one row a request, its dates and coded outcomes. */
export async function senExtract(tx: Store): Promise<TeamExtract> {
  const rows = await tx.sen.casesForExport(null);
  return {
    columns: [
      'district',
      'school_urn',
      'received_on',
      'requested_by',
      'decision',
      'decision_on',
      'draft_on',
      'outcome',
      'outcome_on',
      'withdrawn_on',
      'ceased_on',
      'cease_reason',
    ],
    cases: rows.map((r) => ({
      child: { upn: r.upn, givenName: r.given_name, familyName: r.family_name, dateOfBirth: r.date_of_birth },
      cells: {
        district: r.district_code,
        school_urn: r.school_urn,
        received_on: r.received_on,
        requested_by: r.requested_by,
        decision: r.decision,
        decision_on: r.decision_on,
        draft_on: r.draft_on,
        outcome: r.outcome,
        outcome_on: r.outcome_on,
        withdrawn_on: r.withdrawn_on,
        ceased_on: r.ceased_on,
        cease_reason: r.cease_reason,
      },
    })),
  };
}
