import { isEet, type ActivityGroup, type CurrencyMonths } from './nccis-codes.ts';
import { cohortGroupOn, monthEnd, type ActivitySpell } from './participation-status.ts';
import { academicAge, academicStartYearOf } from '../periods/period.ts';

/**
 * The monthly snapshot and the year's headline (domain.md §6.3). Sources: DfE EES methodology "Participation in
 * education, training and NEET age 16 to 17 by local authority" (from 2015/16: December-February average of the
 * numerators and of the cohorts separately, then divided; avgcohort, avgNEET, avgNEETNK); DCSF NI 117 (to 2014/15:
 * 16-18 year olds NEET averaged November-January).
 */

/** A young person as the snapshot needs them: where they count, born when, and their dated activities. */
export type TrackedPerson = Readonly<{ key: string; dateOfBirth: string; leftOn?: string | null; spells: readonly ActivitySpell[] }>;

export type MonthCounts = { cohort: number; eet: number; neet: number; notKnown: number };

export type AgeBand = Readonly<{ from: number; to: number }>;

/**
 * Each young person's group on a day whatever the age band counted (their academic age that day decides a "below leaving
 * age" code): null when they have left the LA's area by then. The counts of every band that day read the same groups.
 */
export function groupsOn(people: readonly TrackedPerson[], day: string, currency?: CurrencyMonths): (ActivityGroup | null)[] {
  const start = academicStartYearOf(day);
  return people.map((p) => (p.leftOn != null && p.leftOn <= day ? null : cohortGroupOn(p.spells, day, academicAge(p.dateOfBirth, start), currency)));
}

/**
 * The counts of one day from `groupsOn` of the same people: the cohort is every young person of the academic ages in
 * `band` that day who has not left the LA's area, less those the code list leaves out (custody 710, refugees 720 before
 * April 2018); each of the cohort is EET, NEET or not known. Counted by `keyOf` (by default the person's key; null leaves
 * a person out).
 */
export function countsOf<P extends TrackedPerson>(
  people: readonly P[],
  groups: readonly (ActivityGroup | null)[],
  day: string,
  band: AgeBand,
  keyOf: (p: P) => string | null = (p) => p.key,
): Map<string, MonthCounts> {
  const start = academicStartYearOf(day);
  const counts = new Map<string, MonthCounts>();
  people.forEach((p, i) => {
    const group = groups[i];
    if (group == null || group === 'excluded') return;
    const age = academicAge(p.dateOfBirth, start);
    if (age < band.from || age > band.to) return;
    const key = keyOf(p);
    if (key === null) return;
    let c = counts.get(key);
    if (c === undefined) counts.set(key, (c = { cohort: 0, eet: 0, neet: 0, notKnown: 0 }));
    c.cohort += 1;
    if (group === 'neet') c.neet += 1;
    else if (group === 'not-known') c.notKnown += 1;
    else if (isEet(group)) c.eet += 1;
  });
  return counts;
}

/**
 * Each young person's activity as at a month's last day, counted by their key (a district, say): the cohort is every
 * young person of the academic ages in `band` that day who has not left the LA's area, less those the code list leaves
 * out (custody 710, refugees 720 before April 2018); each of the cohort is EET, NEET or not known.
 */
export function snapshotCounts(people: readonly TrackedPerson[], day: string, band: AgeBand, currency?: CurrencyMonths): Map<string, MonthCounts> {
  return countsOf(people, groupsOn(people, day, currency), day, band);
}

/** The headline methods: the DfE's 16-17 December-February average (from 2015/16), NI 117's 16-18 November-January. */
export type HeadlineMethod = 'dec-feb-16-17' | 'nov-jan-16-18';

export type HeadlineRule = Readonly<{ method: HeadlineMethod; band: AgeBand; months: readonly string[]; words: string }>;

/**
 * The headline rule of an academic year (by its starting year): from 2015/16 the DfE's 16-17 NEET, not known and
 * NEET+NK, December-February average, of the cohort; to 2014/15 the older 16-18 NEET averaged November-January, of
 * those whose activity is known, as NI 117 read it. No "NEET adjustment" is made (its formula, which moved part of the
 * not-knowns into NEET, is uncertain in domain.md §6.3): the not-knowns are reported beside the NEET figure instead.
 */
export function headlineRuleOf(academicStartYear: number): HeadlineRule {
  return academicStartYear >= 2015 ? decemberToFebruary(academicStartYear) : novemberToJanuary(academicStartYear);
}

/** The DfE's 16-17 December-February average of an academic year (by its starting year). */
export function decemberToFebruary(y: number): HeadlineRule {
  return {
    method: 'dec-feb-16-17',
    band: { from: 16, to: 17 },
    months: [monthEnd(y, 12), monthEnd(y + 1, 1), monthEnd(y + 1, 2)],
    words: 'academic ages 16-17, December-February average of the monthly counts and cohorts, then divided (DfE from 2015/16)',
  };
}

function novemberToJanuary(y: number): HeadlineRule {
  return {
    method: 'nov-jan-16-18',
    band: { from: 16, to: 18 },
    months: [monthEnd(y, 11), monthEnd(y, 12), monthEnd(y + 1, 1)],
    words: 'academic ages 16-18, November-January average; NEET of those whose activity is known, no NEET adjustment (NI 117, to 2014/15)',
  };
}

export type Headline = Readonly<{
  method: HeadlineMethod;
  months: readonly string[];
  avgCohort: number;
  avgNeet: number;
  avgNotKnown: number;
  avgEet: number;
  /** NEET of the cohort (from 2015/16) or of those known (to 2014/15), unrounded. */
  neetPercent: number | null;
  notKnownPercent: number | null;
  neetOrNotKnownPercent: number | null;
  /** EET of the cohort: used for PRU leavers' positive destinations. */
  eetPercent: number | null;
}>;

/** Average the three monthly numerators and the three cohorts separately, then divide (never average the rates). */
export function headlineOf(method: HeadlineMethod, months: readonly string[], monthly: readonly MonthCounts[]): Headline {
  const mean = (pick: (m: MonthCounts) => number) => (monthly.length === 0 ? 0 : monthly.reduce((s, m) => s + pick(m), 0) / monthly.length);
  const avgCohort = mean((m) => m.cohort);
  const avgNeet = mean((m) => m.neet);
  const avgNotKnown = mean((m) => m.notKnown);
  const avgEet = mean((m) => m.eet);
  const of = (n: number, d: number) => (d > 0 ? (100 * n) / d : null);
  const neetBase = method === 'nov-jan-16-18' ? avgCohort - avgNotKnown : avgCohort;
  return {
    method,
    months,
    avgCohort,
    avgNeet,
    avgNotKnown,
    avgEet,
    neetPercent: of(avgNeet, neetBase),
    notKnownPercent: of(avgNotKnown, avgCohort),
    neetOrNotKnownPercent: of(avgNeet + avgNotKnown, avgCohort),
    eetPercent: of(avgEet, avgCohort),
  };
}

/** A September Guarantee record: a Year 11 or Year 12 leaver and the day an offer was recorded, if one was. */
export type GuaranteeRecord = Readonly<{ yearGroup: 11 | 12; offeredOn: string | null }>;

/**
 * The September Guarantee (domain.md §6.3): of the Year 11 and Year 12 leavers of a summer, the percentage with an offer
 * of a suitable place in education or training recorded by the end of September of that year.
 */
export function septemberGuarantee(records: readonly GuaranteeRecord[], year: number) {
  const by = `${year}-09-30`;
  const of = (group: readonly GuaranteeRecord[]) => {
    const offered = group.filter((r) => r.offeredOn !== null && r.offeredOn <= by).length;
    return { leavers: group.length, offered, percent: group.length === 0 ? null : (100 * offered) / group.length };
  };
  return { by, year11: of(records.filter((r) => r.yearGroup === 11)), year12: of(records.filter((r) => r.yearGroup === 12)), all: of(records) };
}
