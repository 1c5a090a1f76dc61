import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocateRound } from '../domain/admissions/allocate.ts';
import { countOffers } from '../domain/admissions/offer-counts.ts';
import { generateAdmissionRounds } from './admission-rounds.ts';
import { generateCounty } from './generate-county.ts';

/**
 * Kent's share of applicants offered their first preference, from the DfE's *Secondary and primary school applications
 * and offers* (underlying data `appsandoffers_2014-15_to_2021-22_by_la.csv` in ../shared/data/public/admissions-offers/,
 * Kent rows, column `first_preference_offers_percent`; time_period 201415 = September 2014 entry). The demo's rounds,
 * allocated by deferred acceptance and counted by the DfE's definitions, must come within 3 points of them.
 */
const kentFirstPreferencePercent: Readonly<Record<string, number>> = {
  'primary 2014': 84.92,
  'secondary 2014': 83.57,
  'primary 2015': 85.8,
  'secondary 2015': 80.51,
  'primary 2016': 87.23,
  'secondary 2016': 81.37,
};

describe('the demo county’s admission rounds, allocated', () => {
  const county = generateCounty(2013);
  const rounds = generateAdmissionRounds(county, 2013, [2014, 2015, 2016]);

  for (const round of rounds) {
    const key = `${round.phase} ${round.entryYear}`;
    it(`offers about as many children their first preference as Kent did (${key}: ${kentFirstPreferencePercent[key]}%)`, () => {
      const laOf = new Map(round.arrangements.map((a) => [a.urn, a.laCode]));
      const result = allocateRound(round);
      const counts = countOffers(round.applications, result.offers, (urn: string) => laOf.get(urn) ?? null);
      assert.equal(counts.applications, round.applications.length);
      const percent = (100 * counts.firstPreference) / counts.applications;
      const published = kentFirstPreferencePercent[key]!;
      assert.ok(Math.abs(percent - published) <= 3, `${key}: ${percent.toFixed(1)}% offered their first preference, Kent ${published}%`);
    });
  }
});
