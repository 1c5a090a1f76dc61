import { bornOnOrBeforeToRetire } from '../../../domain/casework/ehc-figures.ts';
import type { SenCaseRows } from '../../../store/sen-store.ts';
import type { CaseworkModule, HeldRecord } from '../casework-module.ts';
import { senExtract } from './sen-extract.ts';

const retentionRule =
  'EHC needs assessment and plan records are kept until the young person’s 31st birthday (a plan can run to 25, then 6 years: IRMS Information Management Toolkit for Local Authorities, SEN records), then anonymised: names, UPN and school removed, date of birth cut to its year';

/** One case as a subject access export shows it: every field held, and its steps in date order. */
function heldRecordOf(c: SenCaseRows): HeldRecord {
  const r = c.request;
  const history = [
    { on: r.received_on, what: `Request for an assessment received (from: ${r.requested_by})`, by: null },
    ...(r.decision_on === null ? [] : [{ on: r.decision_on, what: r.decision === 'assess' ? 'Decided to assess' : 'Decided not to assess', by: null }]),
    ...(r.draft_on === null ? [] : [{ on: r.draft_on, what: 'Draft plan issued', by: null }]),
    ...(r.outcome_on === null ? [] : [{ on: r.outcome_on, what: r.outcome === 'plan' ? 'Final plan issued' : 'Decided not to issue a plan', by: null }]),
    ...(r.withdrawn_on === null ? [] : [{ on: r.withdrawn_on, what: 'Request withdrawn', by: null }]),
    ...c.exceptions.map((e) => ({ on: e.recorded_on, what: `Exception to the time limit recorded: ${e.reason}`, by: null })),
    ...c.reviews.map((v) => ({ on: v.reviewed_on, what: 'Annual review', by: null })),
    ...c.placements.map((p) => ({
      on: p.starts_on,
      what: `Placement: ${p.establishment_type}${p.school_urn === null ? '' : ` (URN ${p.school_urn})`}`,
      by: null,
    })),
    ...(r.ceased_on === null ? [] : [{ on: r.ceased_on, what: `Plan ceased: ${r.cease_reason}`, by: null }]),
  ].sort((a, b) => a.on.localeCompare(b.on));
  return {
    kind: 'sen-request',
    id: `sen-case:${r.id}`,
    fields: {
      givenName: c.child.given_name,
      familyName: c.child.family_name,
      dateOfBirth: c.child.date_of_birth,
      upn: c.child.upn,
      schoolUrn: c.child.school_urn,
      receivedOn: r.received_on,
      requestedBy: r.requested_by,
      decision: r.decision,
      decisionOn: r.decision_on,
      draftOn: r.draft_on,
      outcome: r.outcome,
      outcomeOn: r.outcome_on,
      withdrawnOn: r.withdrawn_on,
      ceasedOn: r.ceased_on,
      ceaseReason: r.cease_reason,
    },
    history,
  };
}

/** SEN casework's part of retention runs and subject access exports (casework-module.ts). */
export const senCaseworkModule: CaseworkModule = {
  team: 'SEN: EHC needs assessments and plans',
  key: 'sen',
  action: 'work-sen-cases',
  extract: senExtract,
  async retain(tx, today) {
    const anonymised = await tx.sen.anonymiseChildrenBornOnOrBefore(bornOnOrBeforeToRetire(today), today);
    return { team: 'sen', rule: retentionRule, anonymised, deleted: 0 };
  },
  async subjectAccess(tx, child) {
    const children = await tx.sen.findChildren(child);
    const cases = await tx.sen.casesOfChildren(children.map((c) => Number(c.id)));
    return { team: 'SEN: EHC needs assessments and plans', records: cases.map(heldRecordOf) };
  },
};

export { retentionRule as senRetentionRule };
