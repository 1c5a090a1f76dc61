import type { Store } from '../../../store/store.ts';
import type { CaseworkModule } from '../casework-module.ts';
import { participationExtractRows } from './participation-extract-rows.ts';
import { addMonths } from '../../../domain/casework/participation-status.ts';

/**
 * Retention of tracking records. The LA tracks a young person to academic age 18 (to 25 with an EHC plan: Children and
 * Families Act 2014 s.83 and the SEND Code of Practice's 0-25 age range), so every record is kept until the young
 * person's 25th birthday, the end of the longest tracking, and then for `yearsAfter` more years: 6 by default, the
 * Limitation Act 1980 s.2 period that LA retention schedules (e.g. the IRMS toolkit for local authorities) use for case
 * records once the service ends. ASSUMPTION: a single period for everyone (an LA may keep records of young people who
 * were never on an EHC plan for less); configuration. After it, names, UPN, ULN and the CCIS id are removed and the
 * date of birth kept only to its academic year, so the figures made from the records stay the same.
 */
export const participationRetention = { trackedToAge: 25, yearsAfter: 6 } as const;

export const participationModule: CaseworkModule = {
  team: '16-18 participation and NEET tracking',
  key: 'participation',
  action: 'work-participation-cases',
  extract: participationExtractRows,

  async retain(tx: Store, today: string) {
    const { trackedToAge, yearsAfter } = participationRetention;
    // Born on or before this day: the 25th birthday plus the years after has passed.
    const bornBy = addMonths(today, -12 * (trackedToAge + yearsAfter));
    const anonymised = await tx.participation.anonymiseBornBy(bornBy, today);
    return {
      team: '16-18 participation and NEET tracking',
      rule: `tracking records kept until the young person's ${trackedToAge}th birthday and ${yearsAfter} years more, then anonymised (names, UPN, ULN and CCIS id removed; date of birth kept to its academic year)`,
      anonymised,
      deleted: 0,
    };
  },

  async subjectAccess(tx: Store, child) {
    const people = await tx.participation.find(child);
    const records = [];
    for (const p of people) {
      const activities = await tx.participation.activities(p.id);
      const offers = await tx.participation.offers([p.id], null);
      records.push({
        kind: 'participation-person',
        id: `participation-person:${p.id}`,
        fields: {
          ccisId: p.ccisId,
          givenName: p.givenName,
          familyName: p.familyName,
          dateOfBirth: p.dateOfBirth,
          upn: p.upn,
          uln: p.uln,
          districtPlaceId: p.districtPlaceId,
          lastSchoolUrn: p.lastSchoolUrn,
          ehcPlan: p.ehcPlan,
          fsm: p.fsm,
          inCare: p.inCare,
          leftOn: p.leftOn,
        },
        history: [
          ...activities.map((a) => ({
            on: a.startDate,
            what: `activity ${a.code} started (confirmed ${a.confirmedOn}, source ${a.source})`,
            by: a.recordedBy,
          })),
          ...offers.map((o) => ({
            on: o.offeredOn ?? `${o.leavingYear}-09-30`,
            what:
              o.offeredOn === null
                ? `Year ${o.yearGroup} September Guarantee: no offer recorded`
                : `Year ${o.yearGroup} September Guarantee offer (${o.offerCode ?? 'code not given'})`,
            by: null,
          })),
        ].sort((a, b) => a.on.localeCompare(b.on)),
      });
    }
    return { team: '16-18 participation and NEET tracking', records };
  },
};
