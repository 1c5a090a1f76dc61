import type { CmeOutcomeKind } from '../domain/casework/cme-clock.ts';
import { addDays } from '../domain/periods/dates.ts';
import { upnWithCheckLetter, type CmeSourceKind } from '../domain/casework/cme-referral.ts';
import { seededRandom } from './generate-county.ts';

/**
 * The demo county's children missing education casework (issue 15.8): some thousands of episodes a year from 2011/12,
 * more in the coastal and north Kent districts (Thanet, Swale, Dover, Shepway, Gravesham), the share placed within 30
 * days rising from about 55% in 2011/12 to just over the 70% target by 2015/16, and the cases open at 31 August falling
 * but not to zero. Deterministic from the seed. Names are invented; there are no postcodes (nothing can be mistaken for
 * a real child), so each case's district is recorded as chosen.
 */

export type DemoCmeEpisode = Readonly<{
  knownOn: string;
  source: CmeSourceKind;
  deletionGround: string | null;
  reason: string;
  outcome: Readonly<{ kind: CmeOutcomeKind; on: string; schoolUrn: string | null; note: string | null }> | null;
  enquiries: readonly Readonly<{ madeOn: string; action: string; result: string }>[];
}>;

export type DemoCmeCase = Readonly<{
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: 'F' | 'M';
  upn: string | null;
  districtCode: string;
  episodes: readonly DemoCmeEpisode[];
}>;

// Referrals a year by district: Kent's CME referrals concentrate where families move most (coast and north Kent).
const districtReferrals: Readonly<Record<string, number>> = {
  E07000105: 170, // Ashford
  E07000106: 210, // Canterbury
  E07000107: 190, // Dartford
  E07000108: 290, // Dover
  E07000109: 260, // Gravesham
  E07000110: 220, // Maidstone
  E07000111: 110, // Sevenoaks
  E07000112: 270, // Shepway
  E07000113: 330, // Swale
  E07000114: 420, // Thanet
  E07000115: 140, // Tonbridge and Malling
  E07000116: 110, // Tunbridge Wells
};

/** Within 30 days, of the episodes decided, by academic year (end year): about 55% in 2011/12, just over 70% by 2015/16. */
const withinShare = (year: number) => Math.min(0.74, 0.55 + 0.043 * (year - 2012));
/** Episodes still open at 31 August, as a share of the year's referrals: about 6% in 2011/12 falling to about 3%. */
const openShare = (year: number) => Math.max(0.025, 0.062 - 0.008 * (year - 2012));

const givenNames = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Mia',
  'Ivy',
  'Lily',
  'Grace',
  'Freya',
  'Ella',
  'Noah',
  'Oliver',
  'George',
  'Leo',
  'Arthur',
  'Harry',
  'Oscar',
  'Jack',
  'Charlie',
  'Alfie',
  'Zofia',
  'Jakub',
  'Mohammed',
  'Aisha',
  'Tomasz',
  'Ruby',
  'Kai',
  'Maya',
  'Finley',
  'Evie',
];
const familyNames = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Wright',
  'Kowalski',
  'Nowak',
  'Walker',
  'Hughes',
  'Green',
  'Hall',
  'Lewis',
  'Harris',
  'Clarke',
  'Ahmed',
  'Begum',
  'Cooper',
  'King',
  'Baker',
  'Hill',
  'Moore',
  'Wood',
  'Turner',
  'Ward',
  'Mills',
];
const sources: readonly [CmeSourceKind, number][] = [
  ['deletion-notice', 0.46],
  ['ctf-unknown-destination', 0.14],
  ['agency-referral', 0.22],
  ['parent', 0.1],
  ['other', 0.08],
];
const grounds = [
  '8(1)(f)(iii) 20 school days’ continuous unauthorised absence',
  '8(1)(c) ceased to attend, not known where living',
  '8(1)(d) left for education otherwise than at school',
];
const reasons = [
  'Family moved; new address not known',
  'Deleted from roll; destination not known',
  'Arrived in the area without a school place',
  'Not attending; family not at the address',
  'Left a school place; no new school named',
];
const enquiryActions: readonly [string, readonly string[]][] = [
  ['Home visit', ['No answer; card left', 'Family seen; child not in school', 'New occupants at the address']],
  ['Checked the school admissions database and Key to Success', ['No record found', 'Application found for another school']],
  ['Asked the previous school', ['Destination not known to the school', 'Family said they were moving abroad']],
  ['Asked health (GP and school nursing)', ['Registered with a GP in the area', 'No record found']],
  ['Searched the school-to-school (s2s) lost pupil database', ['Not found', 'Found on roll at a school in another LA']],
  ['Letter to the family', ['No reply', 'Parent replied; wants a school place']],
];
const placements: readonly [CmeOutcomeKind, number][] = [
  ['school', 0.44],
  ['academy', 0.36],
  ['pru', 0.05],
  ['alternative-provision', 0.05],
  ['elective-home-education', 0.1],
];

function pick<T>(random: () => number, weighted: readonly (readonly [T, number])[]): T {
  let r = random() * weighted.reduce((n, [, w]) => n + w, 0);
  for (const [value, weight] of weighted) if ((r -= weight) < 0) return value;
  return weighted.at(-1)![0];
}

/**
 * Generate the cases whose episodes became known in the academic years ending in `years` (from 2012: the service began
 * with the framework), placing children at the demo county's schools of their district.
 */
export function generateCmeCasework(seed: number, years: readonly number[], schoolsByDistrict: ReadonlyMap<string, readonly string[]>): DemoCmeCase[] {
  const random = seededRandom(seed * 31 + 436);
  const cases: DemoCmeCase[] = [];
  const lastYear = Math.max(...years);
  let serial = 0;
  for (const year of [...years].filter((y) => y >= 2012).sort((a, b) => a - b)) {
    const start = `${year - 1}-09-01`;
    for (const [district, referrals] of Object.entries(districtReferrals)) {
      const schools = schoolsByDistrict.get(district) ?? [];
      const within = withinShare(year);
      for (let i = 0; i < referrals; i++) {
        serial++;
        const knownOn = addDays(start, Math.floor(random() * 365));
        const dateOfBirth = addDays(knownOn, -Math.floor(365.25 * (5.4 + random() * 10.2)));
        const source = pick(random, sources);
        const r = random();
        let outcome: DemoCmeEpisode['outcome'];
        const yearEnd = `${year}-08-31`;
        if (r < 0.15) {
          const kind: CmeOutcomeKind = r < 0.08 ? 'left-la' : r < 0.11 ? 'found-abroad' : 'found-on-roll';
          outcome = { kind, on: addDays(knownOn, 3 + Math.floor(random() * 45)), schoolUrn: null, note: null };
        } else {
          const decided = random();
          // Open at 31 August: the share wanted of all referrals, taken from those not placed in time.
          const open = decided > within && random() < openShare(year) / (0.85 * (1 - within));
          const days = decided <= within ? 2 + Math.floor(random() * 29) : 31 + Math.floor(random() * 120);
          let on = addDays(knownOn, days);
          if (open && on <= yearEnd) on = addDays(yearEnd, 5 + Math.floor(random() * 60));
          if (open && year === lastYear) outcome = null;
          else {
            const kind = decided > within && random() < 0.08 ? 'other' : pick(random, placements);
            const onRoll = kind === 'school' || kind === 'academy' || kind === 'pru';
            outcome = {
              kind,
              on,
              schoolUrn: onRoll && schools.length > 0 ? schools[Math.floor(random() * schools.length)]! : null,
              note: kind === 'elective-home-education' ? 'Home visit: education seen and judged suitable' : null,
            };
            if (onRoll && schools.length === 0) outcome = { ...outcome, kind: 'alternative-provision' };
          }
        }
        const enquiries = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, n) => {
          const [action, results] = enquiryActions[Math.floor(random() * enquiryActions.length)]!;
          return { madeOn: addDays(knownOn, n * 4 + Math.floor(random() * 4)), action, result: results[Math.floor(random() * results.length)]! };
        }).filter((q) => outcome === null || q.madeOn <= outcome.on);
        cases.push({
          givenName: givenNames[Math.floor(random() * givenNames.length)]!,
          familyName: familyNames[Math.floor(random() * familyNames.length)]!,
          dateOfBirth,
          sex: random() < 0.5 ? 'F' : 'M',
          upn: random() < 0.8 ? upnWithCheckLetter(`886${String(year).slice(2)}${String(serial).padStart(7, '0')}`) : null,
          districtCode: district,
          episodes: [
            {
              knownOn,
              source,
              deletionGround: source === 'deletion-notice' ? grounds[Math.floor(random() * grounds.length)]! : null,
              reason: reasons[Math.floor(random() * reasons.length)]!,
              outcome,
              enquiries,
            },
          ],
        });
      }
    }
  }
  return cases;
}
