/**
 * NCCIS current-activity codes and the groups they count in, as versioned configuration (domain.md §6.2). Sources: DfE,
 * NCCIS management information requirement (2011-12 CCIS data catalogue; 2015-16, 2017-18, 2018-19 requirements);
 * Youth-Transitions/resources wiki "NCCIS" (code list, coverage by period).
 *
 * Two codes changed their group over time, so a code's group is read for a date:
 * - 550 was "working not for reward combined with part-time study" inside NEET; the later DfE code lists call it "work
 *   not for reward with study (regulated qualification)" and group it with employment. ASSUMPTION: the move is taken
 *   as from the 2017/18 requirement (1 September 2017), the first Waymark read that lists 550 under employment.
 * - 720 refugee/asylum seeker was left out of the cohort until April 2018; from 1 April 2018 refugees are recorded
 *   with their actual activity, so a 720 record after that date says nothing of the activity and counts as not known.
 */

export type ActivityGroup = 'below-leaving-age' | 'education' | 'employment' | 'training' | 're-engagement' | 'neet' | 'excluded' | 'not-known';

export const activityCodes: Readonly<Record<string, Readonly<{ label: string; group: ActivityGroup }>>> = {
  '110': { label: 'Registered at a school (below leaving age)', group: 'below-leaving-age' },
  '120': { label: 'Educated at home (below leaving age)', group: 'below-leaving-age' },
  '130': { label: 'Custodial sentence (below leaving age)', group: 'below-leaving-age' },
  '140': { label: 'Not registered at a school (below leaving age)', group: 'below-leaving-age' },
  '150': { label: 'Not known (below leaving age)', group: 'below-leaving-age' },
  '210': { label: 'School sixth form', group: 'education' },
  '220': { label: 'Sixth form college', group: 'education' },
  '230': { label: 'Further education', group: 'education' },
  '240': { label: 'Higher education', group: 'education' },
  '250': { label: 'Part-time education', group: 'education' },
  '260': { label: 'Gap year', group: 'education' },
  '270': { label: 'Other full-time education', group: 'education' },
  '280': { label: 'Special post-16 institution', group: 'education' },
  '290': { label: 'Custodial institution (juvenile)', group: 'education' },
  '310': { label: 'Apprenticeship', group: 'employment' },
  '320': { label: 'Full-time employment with study (regulated qualification)', group: 'employment' },
  '330': { label: 'Employment without training', group: 'employment' },
  '340': { label: 'Employment with training (other)', group: 'employment' },
  '350': { label: 'Temporary employment', group: 'employment' },
  '360': { label: 'Part-time employment', group: 'employment' },
  '380': { label: 'Self-employment', group: 'employment' },
  '381': { label: 'Self-employment with study', group: 'employment' },
  '410': { label: 'Funded work-based learning', group: 'training' },
  '430': { label: 'Other training', group: 'training' },
  '440': { label: 'DWP training or support programme', group: 'training' },
  '450': { label: 'Traineeship', group: 'training' },
  '460': { label: 'Supported internship', group: 'training' },
  '530': { label: 'Re-engagement provision', group: 're-engagement' },
  '540': { label: 'Working not for reward', group: 'neet' },
  '550': { label: 'Working not for reward with study', group: 'neet' },
  '610': { label: 'Not yet ready for work or learning', group: 'neet' },
  '615': { label: 'Start date agreed (other)', group: 'neet' },
  '616': { label: 'Start date agreed (RPA compliant)', group: 'neet' },
  '619': { label: 'Seeking employment, education or training', group: 'neet' },
  '620': { label: 'Carer', group: 'neet' },
  '630': { label: 'Teenage parent', group: 'neet' },
  '640': { label: 'Illness', group: 'neet' },
  '650': { label: 'Pregnancy', group: 'neet' },
  '660': { label: 'Religious grounds', group: 'neet' },
  '670': { label: 'Unlikely ever to be economically active', group: 'neet' },
  '680': { label: 'Other reason', group: 'neet' },
  '710': { label: 'Custody (young adult offender)', group: 'excluded' },
  '720': { label: 'Refugee or asylum seeker', group: 'excluded' },
  '810': { label: 'Current situation not known', group: 'not-known' },
  '820': { label: 'Cannot be contacted (no current address)', group: 'not-known' },
  '830': { label: 'Refused to disclose activity', group: 'not-known' },
};

export const activityCodeList = Object.keys(activityCodes) as readonly string[];

/** The date 550 moved from NEET to employment (ASSUMPTION, see above) and the date 720 stopped leaving the cohort. */
export const codeChanges = { code550ToEmploymentFrom: '2017-09-01', refugeesInCohortFrom: '2018-04-01' } as const;

/** Whether a code is one the NCCIS requirement lists. */
export function isActivityCode(code: string): boolean {
  return Object.hasOwn(activityCodes, code);
}

/** The group a code counts in on a date ('YYYY-MM-DD'): the code list of the requirement in force that day. */
export function activityGroupOn(code: string, on: string): ActivityGroup {
  const known = activityCodes[code];
  if (known === undefined) throw new Error(`not an NCCIS activity code: ${code}`);
  if (code === '550' && on >= codeChanges.code550ToEmploymentFrom) return 'employment';
  if (code === '720' && on >= codeChanges.refugeesInCohortFrom) return 'not-known';
  return known.group;
}

/** Education, employment, training and re-engagement provision: the young person is not NEET. */
export function isEet(group: ActivityGroup): boolean {
  return group === 'education' || group === 'employment' || group === 'training' || group === 're-engagement';
}

/**
 * How long a confirmed activity stays current before it lapses to "not known", in months from the date it was last
 * confirmed (domain.md §6.2: the exact periods are the year's MI requirement's, marked uncertain there).
 * ASSUMPTION (the requirement's currency table could not be read here): NEET and re-engagement activities are
 * reconfirmed at least every 3 months, employment and training every 6, education once in each 12 months (a sixth
 * form or college place confirmed at enrolment). Configuration: an LA may pass its own.
 */
export type CurrencyMonths = Readonly<Record<'education' | 'employment' | 'training' | 're-engagement' | 'neet', number>>;

export const defaultCurrencyMonths: CurrencyMonths = { education: 12, employment: 6, training: 6, 're-engagement': 3, neet: 3 };

/** A young person as an NCCIS extract line gives them (the line it came from kept for errors). */
export type NccisPerson = Readonly<{
  ccisId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  upn: string | null;
  uln: string | null;
  districtCode: string;
  lastSchoolUrn: string | null;
  ehcPlan: boolean;
  fsm: boolean;
  inCare: boolean;
  leftOn: string | null;
  line: number;
}>;

/** One dated activity of a young person, as an extract line gives it. */
export type NccisActivity = Readonly<{ ccisId: string; code: string; startDate: string; confirmedOn: string; source: string; line: number }>;
