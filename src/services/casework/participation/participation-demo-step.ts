import { generateParticipation } from '../../../demo/participation-casework.ts';
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
    const made = generateParticipation(
      county,
      seed,
      years.map((y) => y + 1),
    );
    // Copied field by field, not spread: V8 gives each spread copy of a record with fields added a hidden class of its
    // own (the demo's 148,500 people and 284,633 activities took 180 MB as spread copies, 42 MB as these).
    const people = made.people.map((p) => ({
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
      made.activities.map((a) => ({ ccisId: a.ccisId, code: a.code, startDate: a.startDate, confirmedOn: a.confirmedOn, source: a.source, recordedBy: null })),
      batchId,
    );
    await tx.participation.upsertOffers(made.offers, batchId);
    const figures = await remakeParticipationFigures(tx, [...new Set(years)], batchId);
    return [
      `${made.people.length} young people, ${made.activities.length} activities, ${made.offers.length} September Guarantee records`,
      `${figures} participation figures`,
    ];
  },
};
