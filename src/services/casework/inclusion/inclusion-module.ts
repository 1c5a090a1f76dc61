import type { Store } from '../../../store/store.ts';
import type { CaseworkModule, ChildQuery, HeldRecord } from '../casework-module.ts';
import { inclusionExtract } from './inclusion-extract.ts';

/** Records on a pupil are kept until the pupil is 25 (date of birth + 25 years), then anonymised. */
export const retentionYears = 25;

const retentionRule =
  'Exclusion and alternative provision records, and the Virtual School’s copy of SSDA903 children in care records, are kept until the pupil’s 25th birthday (date of birth + 25 years, the IRMS Information Management Toolkit for Schools retention for a pupil’s educational record), then anonymised: the UPN, names, date of birth and ethnicity are cleared and the dates, codes and schools kept for the figures. Children’s social care keeps the full care record to the 75th birthday (Care Planning, Placement and Case Review (England) Regulations 2010, reg 50); the Virtual School holds an education record only.';

function minusYears(today: string, years: number): string {
  const year = Number(today.slice(0, 4)) - years;
  // 29 February less 25 years is 28 February in a common year: a pupil born on 29 February turns 25 on 28 February.
  const monthDay = today.slice(5) === '02-29' ? '02-28' : today.slice(5);
  return `${year}-${monthDay}`;
}

/** The inclusion team's part of retention runs and subject access requests (casework-module.ts). */
export const inclusionModule: CaseworkModule = {
  team: 'Exclusions, alternative provision and children in care',
  key: 'inclusion',
  action: 'work-inclusion-cases',
  extract: inclusionExtract,
  async retain(tx: Store, today: string) {
    const bornBy = minusYears(today, retentionYears);
    const anonymised =
      (await tx.inclusion.anonymiseExclusions(bornBy, today)) +
      (await tx.inclusion.anonymiseApPlacements(bornBy, today)) +
      (await tx.inclusion.anonymiseCareChildren(bornBy, today));
    return { team: inclusionModule.team, rule: retentionRule, anonymised, deleted: 0 };
  },
  async subjectAccess(tx: Store, child: ChildQuery) {
    const by =
      child.upn !== null ? { upn: child.upn } : { named: { givenName: child.givenName, familyName: child.familyName, dateOfBirth: child.dateOfBirth } };
    const records: HeldRecord[] = [];
    for (const e of await tx.inclusion.exclusions({ places: null, ...by })) {
      const { id, ...fields } = e;
      const history = [
        { on: e.decisionDate, what: `${e.kind === 'permanent' ? 'Permanent exclusion' : 'Suspension'} decided (${e.reasonCode})`, by: null },
        ...(e.governorsDate === null ? [] : [{ on: e.governorsDate, what: `Governors: ${e.governorsOutcome}`, by: null }]),
        ...(e.panelDate === null ? [] : [{ on: e.panelDate, what: `Independent review panel: ${e.panelOutcome}`, by: null }]),
        ...(e.reconsideredDate === null ? [] : [{ on: e.reconsideredDate, what: `Governors reconsidered: ${e.reconsideredOutcome}`, by: null }]),
      ];
      records.push({ kind: 'exclusion', id: String(id), fields, history });
    }
    for (const p of await tx.inclusion.apPlacements({ places: null, ...by })) {
      const { id, ...fields } = p;
      records.push({
        kind: 'alternative-provision-placement',
        id: String(id),
        fields,
        history: [{ on: p.start, what: `Placed with ${p.providerName}`, by: null }],
      });
    }
    if (child.upn !== null)
      for (const c of await tx.inclusion.careChildren({ places: null, upn: child.upn })) {
        const { episodes, ...fields } = c;
        records.push({
          kind: 'care-episodes',
          id: c.child,
          fields: { ...fields, episodes: episodes.length },
          history: episodes.map((e) => ({
            on: e.start,
            what: `Episode: legal status ${e.legalStatus}, placement ${e.placement}${e.end === null ? '' : `, ended ${e.end}`}`,
            by: null,
          })),
        });
      }
    return { team: inclusionModule.team, records };
  },
};
