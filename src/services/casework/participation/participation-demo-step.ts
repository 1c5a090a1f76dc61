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
    const people = made.people.map(({ districtCode, ...p }) => ({ ...p, upn: null, uln: null, districtPlaceId: districts.get(districtCode)! }));
    await tx.participation.upsertPeople(people, batchId);
    await tx.participation.upsertActivities(
      made.activities.map((a) => ({ ...a, recordedBy: null })),
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
