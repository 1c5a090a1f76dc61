import { cmeOutcomeLabels } from '../../../domain/casework/cme-clock.ts';
import { cmeSources } from '../../../domain/casework/cme-referral.ts';
import { cmeDueForAnonymising } from '../../../domain/casework/cme-retention.ts';
import type { Store } from '../../../store/store.ts';
import type { CaseworkModule, HeldRecord } from '../casework-module.ts';
import { cmeExtract } from './cme-extract.ts';

/**
 * Children missing education in the whole's retention run and subject access export (issue 15.7). Retention: a case
 * whose every episode is closed is kept for `years` after its last closure (default 6: the IRMS Retention Guidelines for
 * Local Authorities), then anonymised: names, date of birth (the year stays), postcode, UPN and free text cleared; the
 * dates known, outcomes and district kept so the figures stand.
 */
export function cmeModule(years: number): CaseworkModule {
  return {
    team: 'Children missing education',
    key: 'cme',
    action: 'work-cme-cases',
    extract: cmeExtract,
    async retain(tx: Store, today: string) {
      const due = (await tx.cme.closedCases()).filter((c) => cmeDueForAnonymising(c.closedOn, today, years)).map((c) => c.caseId);
      const anonymised = await tx.cme.anonymise(due, today);
      return {
        team: 'Children missing education',
        rule: `a case closed ${years} years ago or more is anonymised (IRMS Retention Guidelines for Local Authorities: closure + 6 years, or the period the LA sets): names, date of birth (year kept), postcode, UPN and notes cleared; dates and outcomes kept for the figures`,
        anonymised,
        deleted: 0,
      };
    },
    async subjectAccess(tx: Store, child) {
      const records: HeldRecord[] = [];
      for (const id of await tx.cme.matching(child)) {
        const held = (await tx.cme.caseById(id))!;
        records.push({
          kind: 'Children missing education case',
          id: `cme-case:${id}`,
          fields: {
            'Given name': held.givenName,
            'Family name': held.familyName,
            'Date of birth': held.dateOfBirth,
            Sex: held.sex,
            UPN: held.upn,
            'Home postcode': held.postcode,
            District: `${held.districtName} (${held.districtCode})`,
          },
          history: held.episodes.flatMap((e) => [
            {
              on: e.knownOn,
              what: `Became known (episode ${e.seq}): ${cmeSources[e.source]}${e.deletionGround === null ? '' : `, ground ${e.deletionGround}`}. ${e.reason}`,
              by: e.recordedBy,
            },
            ...e.enquiries.map((q) => ({ on: q.madeOn, what: `Enquiry: ${q.action}. Result: ${q.result}`, by: q.recordedBy })),
            ...(e.outcome === null
              ? []
              : [
                  {
                    on: e.outcomeOn!,
                    what: `Closed: ${cmeOutcomeLabels[e.outcome]}${e.schoolUrn === null ? '' : ` (school URN ${e.schoolUrn})`}${e.outcomeNote === null ? '' : `. ${e.outcomeNote}`}`,
                    by: null,
                  },
                ]),
          ]),
        });
      }
      return { team: 'Children missing education', records };
    },
  };
}
