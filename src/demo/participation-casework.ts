import type { NccisActivity, NccisPerson } from '../domain/casework/nccis-codes.ts';
import { seededRandom, type DemoCounty } from './generate-county.ts';

/**
 * The demo county's 16-18 tracking (issue 15.3 and 15.8): each birth cohort of about 16,500 young people, tracked from
 * academic age 16 to 18 with dated activity changes (a September activity, some NEET spells ending in the spring, some
 * records left unconfirmed until they lapse) and Year 11 and Year 12 September Guarantee offers. About half of each
 * cohort leaves the LA's cohort at 18 (higher education or work elsewhere), so the older 16-18 basis is about 41,000
 * and the 16-17 cohort about 33,000. Calibrated so the 2011/12 16-18 NEET (NI 117, November-January, of those known) is
 * the seed's 6.3% and later years fall towards 4-5%; not known falls too; pupil referral unit leavers mostly but not
 * all in education, employment or training. Compact: every value is drawn from one seeded stream.
 */

/** A young person as the demo's CCIS holds them: an extract's person with no UPN or ULN (the demo has none). */
export type DemoYoungPerson = Omit<NccisPerson, 'upn' | 'uln' | 'line'>;

export type DemoActivity = Omit<NccisActivity, 'line'>;

export type DemoOffer = Readonly<{ ccisId: string; leavingYear: number; yearGroup: 11 | 12; offeredOn: string | null; offerCode: string | null }>;

/** A birth cohort's young people, their activities and their September Guarantee offers. */
export type DemoParticipation = Readonly<{ people: DemoYoungPerson[]; activities: DemoActivity[]; offers: DemoOffer[] }>;

// NEET of those known and not known of the cohort, by academic year's starting year: the seed's 6.3% in 2011/12.
const neetRate: Readonly<Record<number, number>> = {
  2008: 0.069,
  2009: 0.067,
  2010: 0.065,
  2011: 0.063,
  2012: 0.058,
  2013: 0.053,
  2014: 0.049,
  2015: 0.045,
  2016: 0.042,
};
const notKnownRate: Readonly<Record<number, number>> = {
  2008: 0.1,
  2009: 0.1,
  2010: 0.095,
  2011: 0.09,
  2012: 0.078,
  2013: 0.064,
  2014: 0.052,
  2015: 0.043,
  2016: 0.037,
};
const cohortSize = 16_500;

const givenNames = ['Amelia', 'Oliver', 'Isla', 'Harry', 'Ava', 'Jack', 'Mia', 'George', 'Emily', 'Noah', 'Grace', 'Leo', 'Lily', 'Charlie', 'Freya', 'Jacob'];
const familyNames = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
];
const eetCodes: readonly (readonly [string, number])[] = [
  ['210', 0.36],
  ['220', 0.12],
  ['230', 0.3],
  ['310', 0.07],
  ['340', 0.03],
  ['330', 0.03],
  ['410', 0.04],
  ['450', 0.02],
  ['530', 0.01],
  ['280', 0.02],
];
const neetCodes: readonly (readonly [string, number])[] = [
  ['619', 0.62],
  ['610', 0.1],
  ['630', 0.08],
  ['640', 0.08],
  ['620', 0.04],
  ['615', 0.04],
  ['680', 0.04],
];

const pick = (r: number, table: readonly (readonly [string, number])[]): string => {
  let sum = 0;
  for (const [code, weight] of table) if (r < (sum += weight)) return code;
  return table[table.length - 1]![0];
};
const pad = (n: number) => String(n).padStart(2, '0');
const day = (year: number, month: number, d: number) => `${year}-${pad(month)}-${pad(Math.min(d, 28))}`;

/**
 * The young people of the cohorts aged 16-18 in the academic years ending in `years`, and their records in those years,
 * a birth cohort at a time (oldest first), so that a cohort can be written before the next is made: the whole county's
 * 148,500 people and their records were held at once until issue 20. The draws are those of one stream in one order
 * however the cohorts are taken.
 */
export function* participationCohorts(county: DemoCounty, seed: number, years: readonly number[]): Generator<DemoParticipation> {
  const random = seededRandom(seed * 31 + 1618);
  const starts = [...new Set(years.map((y) => y - 1))].sort((a, b) => a - b);
  const secondaries = new Map<string, string[]>();
  const prus: { urn: string; district: string }[] = [];
  for (const s of county.schools) {
    if (s.attributes.sector === 'alternative-provision') prus.push({ urn: s.urn, district: s.districtCode });
    else if (s.attributes.sector === 'secondary') secondaries.set(s.districtCode, [...(secondaries.get(s.districtCode) ?? []), s.urn]);
  }
  const districts = [...secondaries.keys()].sort();
  const weights = districts.map((d) => secondaries.get(d)!.length);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const districtOf = (r: number) => {
    let sum = 0;
    for (let i = 0; i < districts.length; i++) if (r * totalWeight < (sum += weights[i]!)) return districts[i]!;
    return districts[districts.length - 1]!;
  };
  // Birth cohort B (born 1 September B to 31 August B+1) is academic age 16 in the year starting B+17.
  const cohorts = [...new Set(starts.flatMap((s) => [s - 17, s - 18, s - 19]))].sort((a, b) => a - b);
  for (const born of cohorts) {
    const people: DemoYoungPerson[] = [];
    const activities: DemoActivity[] = [];
    const offers: DemoOffer[] = [];
    for (let i = 0; i < cohortSize; i++) {
      const ccisId = `YP${born}${String(i).padStart(5, '0')}`;
      const district = districtOf(random());
      const fsm = random() < 0.12;
      const ehcPlan = random() < 0.025;
      const inCare = random() < 0.006;
      const pruHere = prus.filter((p) => p.district === district);
      const pru = pruHere.length > 0 && random() < 0.012 * (fsm ? 2 : 1);
      const schools = secondaries.get(district)!;
      const lastSchoolUrn = pru ? pruHere[Math.floor(random() * pruHere.length)]!.urn : (schools[Math.floor(random() * schools.length)] ?? null);
      const offset = Math.floor(random() * 365);
      const birth = day(offset < 122 ? born : born + 1, ((8 + Math.floor(offset / 30.5)) % 12) + 1, 1 + (offset % 28));
      const leftOn = random() < 0.5 ? `${born + 19}-09-01` : null;
      people.push({
        ccisId,
        givenName: givenNames[Math.floor(random() * givenNames.length)]!,
        familyName: familyNames[Math.floor(random() * familyNames.length)]!,
        dateOfBirth: birth,
        districtCode: district,
        lastSchoolUrn,
        ehcPlan,
        fsm,
        inCare,
        leftOn,
      });
      let previousEet: string | null = null;
      for (let age = 16; age <= 18; age++) {
        const s = born + age + 1;
        if (!starts.includes(s) || (age === 18 && leftOn !== null)) {
          previousEet = null;
          continue;
        }
        const risk = (fsm ? 1.75 : 0.81) * (pru ? 3.2 : 1) * (age === 18 ? 1.2 : 1);
        const neet = Math.min(0.6, neetRate[s]! * risk);
        const notKnown = Math.min(0.4, notKnownRate[s]! * (pru ? 1.5 : 1) * (age === 18 ? 1.3 : 0.95));
        const r = random();
        const startDay = 1 + Math.floor(random() * 20);
        if (age === 16 || age === 17) {
          const yearGroup = age === 16 ? 11 : 12;
          const offered = random() < (yearGroup === 11 ? 0.9 : 0.84) + (s - 2011) * 0.012;
          offers.push({
            ccisId,
            leavingYear: s,
            yearGroup,
            offeredOn: offered ? day(s, 3 + Math.floor(random() * 7), 1 + Math.floor(random() * 28)) : random() < 0.5 ? day(s, 10, 15) : null,
            offerCode: offered || random() < 0.5 ? pick(random(), eetCodes.slice(0, 5)) : null,
          });
        }
        if (r < notKnown) {
          // Not known: recorded so, or an old activity left unconfirmed until it lapsed, or nothing heard since school.
          if (r < notKnown * 0.45)
            activities.push({ ccisId, code: random() < 0.7 ? '810' : '820', startDate: day(s, 9, startDay), confirmedOn: day(s, 9, startDay), source: 'CCIS' });
          else if (previousEet === null && age > 16)
            activities.push({ ccisId, code: '230', startDate: day(s - 1, 9, startDay), confirmedOn: day(s - 1, 9, startDay + 5), source: 'College' });
          previousEet = null;
          continue;
        }
        if (r < notKnown + neet * (1 - notKnown)) {
          const code = pick(random(), neetCodes);
          const start = day(s, 9 + Math.floor(random() * 2), startDay);
          activities.push({ ccisId, code, startDate: start, confirmedOn: day(s + 1, 3, startDay), source: 'Personal adviser' });
          // A third of the NEET spells end in the spring, after the headline months.
          if (random() < 0.33) {
            const next = pick(random(), eetCodes);
            activities.push({ ccisId, code: next, startDate: day(s + 1, 4, startDay), confirmedOn: day(s + 1, 4, startDay + 7), source: 'Provider' });
          }
          previousEet = null;
          continue;
        }
        if (random() < 0.0025) {
          activities.push({ ccisId, code: '710', startDate: day(s, 10, startDay), confirmedOn: day(s, 10, startDay), source: 'Youth offending service' });
          continue;
        }
        const code: string = previousEet !== null && random() < 0.8 ? previousEet : pick(random(), eetCodes);
        activities.push({ ccisId, code, startDate: day(s, 9, startDay), confirmedOn: day(s, 9 + Math.floor(random() * 2), startDay + 3), source: 'Provider' });
        previousEet = code;
      }
    }
    yield { people, activities, offers };
  }
}
