import { addDays, daysBetween } from '../domain/periods/dates.ts';
import { clockWeeks, ehcStartDate, exceptionReasons, regimeOf, type ExceptionReason } from '../domain/casework/ehc-clock.ts';
import type { EstablishmentType } from '../domain/casework/ehc-figures.ts';
import { seededRandom, type DemoCounty } from './generate-county.ts';

/**
 * The demo county's SEN casework (issue 15.8), at Kent's scale: a stock of about 7,000 statements maintained in January
 * of the first year, then each calendar year about 2,000 requests for assessment of which about 1,300 end in a new plan,
 * plans ceasing at about 20% a year (so plans maintained fall slowly: target 17), and fewer new placements in
 * independent or non-maintained special schools each year (target 19). The share of new plans issued within the time
 * limit (excluding exceptions) is set exactly per calendar year: 85% in 2012 (the seed's figure), rising towards 95%.
 */

/** Share of new plans issued in time (excluding exceptions) by calendar year of issue. */
export const inTimeShare: Readonly<Record<number, number>> = { 2012: 0.85, 2013: 0.875, 2014: 0.9, 2015: 0.915, 2016: 0.93 };
const stockPlans = 7000;
const ceaseRatePerYear = 0.2;

export type DemoSenCase = {
  districtCode: string;
  schoolUrn: string | null;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  receivedOn: string;
  requestedBy: 'parent' | 'young-person' | 'school' | 'other';
  withdrawnOn: string | null;
  decision: 'assess' | 'not-assess' | null;
  decisionOn: string | null;
  draftOn: string | null;
  outcome: 'plan' | 'no-plan' | null;
  outcomeOn: string | null;
  ceasedOn: string | null;
  ceaseReason: 'moved-la' | 'needs-met' | 'left-education' | 'age-25' | 'other' | null;
  exception: Readonly<{ reason: ExceptionReason; on: string }> | null;
  reviews: string[];
  placements: { startsOn: string; type: EstablishmentType; schoolUrn: string | null }[];
};

const givenNames = [
  'Amelia',
  'Oliver',
  'Isla',
  'Harry',
  'Ava',
  'Jack',
  'Mia',
  'George',
  'Lily',
  'Noah',
  'Grace',
  'Leo',
  'Freya',
  'Alfie',
  'Ella',
  'Oscar',
  'Ruby',
  'Charlie',
  'Evie',
  'Jacob',
  'Sophie',
  'Thomas',
  'Poppy',
  'Joshua',
];
const familyNames = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Wilson',
  'Evans',
  'Johnson',
  'Walker',
  'Wright',
  'Robinson',
  'Thompson',
  'White',
  'Hughes',
  'Edwards',
  'Green',
  'Hall',
  'Wood',
  'Harris',
  'Clarke',
  'Martin',
  'Cooper',
  'King',
  'Baker',
  'Turner',
];

/** Placement types and their weights for a plan issued in a year (independent/non-maintained shares falling). */
function placementWeights(year: number): [EstablishmentType, number][] {
  const independent = Math.max(0.03, 0.08 - 0.01 * (year - 2012));
  return [
    ['mainstream-school', 0.42],
    ['resourced-provision', 0.06],
    ['maintained-special', 0.3 - independent / 2],
    ['academy-special', 0.06],
    ['independent-special', independent * 0.75],
    ['non-maintained-special', independent * 0.25],
    ['further-education', 0.06],
    ['other', 0.02],
  ];
}

const isoDay = (year: number, dayOfYear: number) => addDays(`${year}-01-01`, dayOfYear);

export function generateSenCasework(county: DemoCounty, seed: number, years: readonly number[]): DemoSenCase[] {
  const wanted = years.filter((y) => y >= 2012).sort((a, b) => a - b);
  if (wanted.length === 0) return [];
  const first = wanted[0]!;
  const last = wanted[wanted.length - 1]!;
  const random = seededRandom(seed * 7919 + 18);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const weighted = <T>(items: readonly [T, number][]) => {
    let r = random() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) if ((r -= w) <= 0) return item;
    return items[items.length - 1]![0];
  };
  const schoolsBy = new Map<string, string[]>();
  for (const s of county.schools) schoolsBy.set(s.districtCode, [...(schoolsBy.get(s.districtCode) ?? []), s.urn]);
  const districts = [...schoolsBy.keys()].sort();
  const end = `${last}-12-31`;
  const ceaseAfter = (from: string) => {
    const on = addDays(from, Math.ceil((-Math.log(1 - random()) / ceaseRatePerYear) * 365));
    return on <= end ? on : null;
  };

  const child = (ageAt: string, lo: number, hi: number) => {
    const districtCode = pick(districts);
    return {
      districtCode,
      schoolUrn: random() < 0.8 ? pick(schoolsBy.get(districtCode)!) : null,
      givenName: pick(givenNames),
      familyName: pick(familyNames),
      dateOfBirth: addDays(ageAt, -int(lo * 365, hi * 365)),
    };
  };
  const planned = (c: ReturnType<typeof child>, receivedOn: string, issuedOn: string, from: string, exception: DemoSenCase['exception']): DemoSenCase => {
    const type = weighted(placementWeights(Number(issuedOn.slice(0, 4))));
    const decisionOn = addDays(receivedOn, int(20, Math.min(42, Math.max(20, (Date.parse(issuedOn) - Date.parse(receivedOn)) / 86_400_000 - 30))));
    const ceasedOn = ceaseAfter(from);
    const reviews: string[] = [];
    for (let y = 1; y < 12; y++) {
      const on = addDays(issuedOn, 365 * y - int(0, 20));
      if (on > end || (ceasedOn !== null && on >= ceasedOn)) break;
      if (on >= `${first - 1}-01-01`) reviews.push(on);
    }
    return {
      ...c,
      schoolUrn: type === 'mainstream-school' || type === 'resourced-provision' ? c.schoolUrn : null,
      receivedOn,
      requestedBy: weighted([
        ['parent', 0.55],
        ['school', 0.38],
        ['young-person', 0.02],
        ['other', 0.05],
      ]),
      withdrawnOn: null,
      decision: 'assess',
      decisionOn,
      draftOn: addDays(issuedOn, -int(15, 28)) < decisionOn ? decisionOn : addDays(issuedOn, -int(15, 28)),
      outcome: 'plan',
      outcomeOn: issuedOn,
      ceasedOn,
      ceaseReason:
        ceasedOn === null
          ? null
          : weighted([
              ['needs-met', 0.3],
              ['left-education', 0.4],
              ['moved-la', 0.2],
              ['other', 0.1],
            ]),
      exception,
      reviews,
      placements: [{ startsOn: issuedOn, type, schoolUrn: type === 'mainstream-school' || type === 'resourced-provision' ? c.schoolUrn : null }],
    };
  };

  const cases: DemoSenCase[] = [];
  // The stock: statements issued over the eight years before the first year, all maintained in its January.
  const census = `${first}-01-15`;
  for (let i = 0; i < stockPlans; i++) {
    const issuedOn = isoDay(first - int(1, 8), int(0, 364));
    const receivedOn = addDays(issuedOn, -int(120, 200));
    // Aged 2 or more when the statement was asked for, and still of school age (under 19) at the census.
    const c = child(receivedOn, 2, Math.min(16, 18 - daysBetween(receivedOn, census) / 365));
    const stock = planned(c, receivedOn, issuedOn, census, null);
    stock.placements = [{ ...stock.placements[0]!, type: weighted(placementWeights(2008)) }];
    cases.push(stock);
  }
  for (let year = first; year <= last; year++) {
    // New plans issued in the year: exactly the year's share in time among those with no exception.
    const plans = 1300 - 25 * (year - 2012);
    const exceptions = Math.round(plans * 0.04);
    const plain = plans - exceptions;
    const inTime = Math.round(plain * (inTimeShare[year] ?? 0.93));
    for (let i = 0; i < plans; i++) {
      const c = child(`${year}-06-30`, 2, 16);
      let issuedOn = isoDay(year, int(0, 364));
      const late = i >= inTime;
      // Days from request to plan: within the limit (up to 18 days inside it) or after it (up to 10 weeks late).
      const spare = int(0, 18);
      const over = 1 + int(0, 70) + (i >= plain ? 70 : 0);
      const daysFor = (weeks: number) => (late ? weeks * 7 + over : weeks * 7 - spare);
      let receivedOn = addDays(issuedOn, -daysFor(clockWeeks.statement.finalPlan));
      if (regimeOf(receivedOn) === 'ehc') receivedOn = addDays(issuedOn, -daysFor(clockWeeks.ehc.finalPlan));
      if (regimeOf(receivedOn) === 'statement' && addDays(issuedOn, -daysFor(clockWeeks.statement.finalPlan)) >= ehcStartDate) {
        // Between the regimes: an EHC request of 1 September 2014, its plan dated to fall in or out of 20 weeks.
        receivedOn = ehcStartDate;
        issuedOn = addDays(ehcStartDate, daysFor(clockWeeks.ehc.finalPlan));
      }
      const exception = i >= plain ? { reason: pick(Object.keys(exceptionReasons) as ExceptionReason[]), on: addDays(receivedOn, int(30, 90)) } : null;
      cases.push(planned(c, receivedOn, issuedOn, issuedOn, exception));
    }
    // Requests that end without a plan, and (in the last year) requests still open at its end.
    const others = 2000 - plans - 25 * (year - 2012);
    for (let i = 0; i < others; i++) {
      const receivedOn = isoDay(year, int(0, 364));
      const c = child(receivedOn, 2, 16);
      const ending = weighted<'not-assess' | 'no-plan' | 'withdrawn'>([
        ['not-assess', 0.6],
        ['no-plan', 0.25],
        ['withdrawn', 0.15],
      ]);
      const decisionOn = addDays(receivedOn, int(25, 42));
      const open = year === last && receivedOn > addDays(end, -150);
      const base = {
        ...c,
        receivedOn,
        requestedBy: weighted<DemoSenCase['requestedBy']>([
          ['parent', 0.6],
          ['school', 0.35],
          ['other', 0.05],
        ]),
        draftOn: null,
        ceasedOn: null,
        ceaseReason: null,
        exception: null,
        reviews: [],
        placements: [],
      };
      if (open)
        cases.push({
          ...base,
          withdrawnOn: null,
          decision: decisionOn <= end ? 'assess' : null,
          decisionOn: decisionOn <= end ? decisionOn : null,
          outcome: null,
          outcomeOn: null,
        });
      else if (ending === 'withdrawn')
        cases.push({ ...base, withdrawnOn: addDays(receivedOn, int(5, 30)), decision: null, decisionOn: null, outcome: null, outcomeOn: null });
      else if (ending === 'not-assess') cases.push({ ...base, withdrawnOn: null, decision: 'not-assess', decisionOn, outcome: null, outcomeOn: null });
      else cases.push({ ...base, withdrawnOn: null, decision: 'assess', decisionOn, outcome: 'no-plan', outcomeOn: addDays(receivedOn, int(90, 112)) });
    }
  }
  return cases;
}
