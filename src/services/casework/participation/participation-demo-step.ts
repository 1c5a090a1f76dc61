import { participationCohorts, type DemoParticipation } from '../../../demo/participation-casework.ts';
import type { Store } from '../../../store/store.ts';
import type { DemoCaseworkStep } from '../../demo/demo-service.ts';
import { countyPlaces, remakeParticipationFigures } from './participation-figures.ts';

/**
 * The demo county's 16-18 tracking records for the build's years (academic start years: 2011 is 2011/12), and the
 * figures they feed (targets 25, 30, 46).
 */
export const participationDemoStep: DemoCaseworkStep = {
  name: 'participation',
  label: 'generating 16-18 participation and NEET tracking',
  write: async (tx: Store, county, seed, years, batchId) => {
    const { districts } = await countyPlaces(tx);
    const made = await writeCohorts(
      tx,
      participationCohorts(
        county,
        seed,
        years.map((y) => y + 1),
      ),
      districts,
      batchId,
    );
    const figures = await remakeParticipationFigures(tx, [...new Set(years)], batchId);
    return [`${made.people} young people, ${made.activities} activities, ${made.offers} September Guarantee records`, `${figures} participation figures`];
  },
};

/**
 * Write the cohorts as they are made, each before the next is drawn (issue 20: the county's were held at once, about
 * 350 MB live with their copies). People, activities and offers take their ids in the order they took when the whole
 * county was written table by table: a cohort's people follow the last cohort's, and so do their records. A function of
 * its own so that the last cohort goes when it returns (a suspended async function keeps its loop's last value alive).
 */
async function writeCohorts(
  tx: Store,
  cohorts: Iterable<DemoParticipation>,
  districts: ReadonlyMap<string, number>,
  batchId: number,
): Promise<{ people: number; activities: number; offers: number }> {
  const made = { people: 0, activities: 0, offers: 0 };
  for (const cohort of cohorts) {
    // Copied field by field, not spread: V8 gives each spread copy of a record with fields added a hidden class of its
    // own (the demo's 148,500 people and 284,633 activities took 180 MB as spread copies, 42 MB as these).
    const people = cohort.people.map((p) => ({
      ccisId: p.ccisId,
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      upn: null,
      uln: null,
      districtPlaceId: districts.get(p.districtCode)!,
      lastSchoolUrn: p.lastSchoolUrn,
      ehcPlan: p.ehcPlan,
      fsm: p.fsm,
      inCare: p.inCare,
      leftOn: p.leftOn,
    }));
    await tx.participation.upsertPeople(people, batchId);
    await tx.participation.upsertActivities(
      cohort.activities.map((a) => ({
        ccisId: a.ccisId,
        code: a.code,
        startDate: a.startDate,
        confirmedOn: a.confirmedOn,
        source: a.source,
        recordedBy: null,
      })),
      batchId,
    );
    await tx.participation.upsertOffers(cohort.offers, batchId);
    made.people += cohort.people.length;
    made.activities += cohort.activities.length;
    made.offers += cohort.offers.length;
  }
  return made;
}
