import { academicYearCode } from '../periods/period.ts';
import type { CurrencyMonths } from './nccis-codes.ts';
import type { ActivityGroup } from './nccis-codes.ts';
import {
  countsOf,
  decemberToFebruary,
  groupsOn,
  headlineOf,
  headlineRuleOf,
  type HeadlineRule,
  type MonthCounts,
  type TrackedPerson,
} from './participation-headline.ts';

/**
 * The participation team's indicator figures for one academic year (Kent targets 25, 30, 46), at the LA and each
 * district, for all young people and by free school meals: each keeps its unrounded value, its averaged counts and
 * its rule, including which months were averaged.
 */

export type ParticipationPerson = TrackedPerson & Readonly<{ district: string; fsm: boolean; pru: boolean }>;

export type ParticipationFigure = Readonly<{
  indicatorCode: string;
  period: string;
  /** 'la' or a district code. */
  place: string;
  breakdown: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  rule: string;
  detail: Readonly<Record<string, unknown>>;
}>;

export const participationIndicators = ['neet-16-17', 'activity-not-known-16-17', 'neet-or-not-known-16-17', 'pru-leavers-positive-destination'] as const;

/** Sum month counts over the keys a place covers. */
function sumOf(counts: readonly Map<string, MonthCounts>[], keys: (key: string) => boolean): MonthCounts[] {
  return counts.map((month) => {
    const total = { cohort: 0, eet: 0, neet: 0, notKnown: 0 };
    for (const [key, c] of month)
      if (keys(key)) {
        total.cohort += c.cohort;
        total.eet += c.eet;
        total.neet += c.neet;
        total.notKnown += c.notKnown;
      }
    return total;
  });
}

/** Every figure of one academic year (by its starting year) from the young people's records. */
export function participationFiguresOf(
  people: readonly ParticipationPerson[],
  academicStartYear: number,
  districts: readonly string[],
  currency?: CurrencyMonths,
): ParticipationFigure[] {
  const period = academicYearCode(academicStartYear);
  const keyed = people.map((p) => ({ ...p, key: `${p.district}|${p.fsm ? 'fsm' : 'not-fsm'}` }));
  // Each person's group is found once a day and read by every count of that day (the 16-18 and 16-17 bands, PRU leavers).
  const groupsByDay = new Map<string, (ActivityGroup | null)[]>();
  const groupsOf = (day: string) => groupsByDay.get(day) ?? groupsByDay.set(day, groupsOn(keyed, day, currency)).get(day)!;
  const monthly = (rule: HeadlineRule, keyOf?: (p: ParticipationPerson) => string | null) =>
    rule.months.map((day) => countsOf(keyed, groupsOf(day), day, rule.band, keyOf));
  const year = headlineRuleOf(academicStartYear);
  const decFeb = decemberToFebruary(academicStartYear);
  const yearCounts = monthly(year);
  const decFebCounts = year.method === 'dec-feb-16-17' ? yearCounts : monthly(decFeb);
  const pruCounts = monthly(decFeb, (p) => (p.pru ? `${p.district}|all` : null));
  const places = [{ place: 'la', has: () => true }, ...districts.map((d) => ({ place: d, has: (key: string) => key.startsWith(`${d}|`) }))];
  const groups = [
    { breakdown: 'all', has: () => true },
    { breakdown: 'fsm', has: (key: string) => key.endsWith('|fsm') },
    { breakdown: 'not-fsm', has: (key: string) => key.endsWith('|not-fsm') },
  ];
  const figures: ParticipationFigure[] = [];
  for (const { place, has } of places)
    for (const group of groups) {
      const within = (key: string) => has(key) && group.has(key);
      const h = headlineOf(year.method, year.months, sumOf(yearCounts, within));
      const counts = { months: year.months, avgCohort: h.avgCohort, avgNeet: h.avgNeet, avgNotKnown: h.avgNotKnown, avgEet: h.avgEet, method: year.method };
      const neetBase = year.method === 'nov-jan-16-18' ? h.avgCohort - h.avgNotKnown : h.avgCohort;
      const base = { period, place, breakdown: group.breakdown };
      figures.push({
        ...base,
        indicatorCode: 'neet-16-17',
        value: h.neetPercent,
        numerator: h.avgNeet,
        denominator: neetBase,
        rule: `NEET of the cohort ${year.method === 'nov-jan-16-18' ? 'whose activity is known' : 'the LA tracks'}: ${year.words}`,
        detail: counts,
      });
      figures.push({
        ...base,
        indicatorCode: 'activity-not-known-16-17',
        value: h.notKnownPercent,
        numerator: h.avgNotKnown,
        denominator: h.avgCohort,
        rule: `activity not known (none recorded, recorded as not known, or currency lapsed) of the cohort: ${year.words}`,
        detail: counts,
      });
      const d = headlineOf('dec-feb-16-17', decFeb.months, sumOf(decFebCounts, within));
      figures.push({
        ...base,
        indicatorCode: 'neet-or-not-known-16-17',
        value: d.neetOrNotKnownPercent,
        numerator: d.avgNeet + d.avgNotKnown,
        denominator: d.avgCohort,
        rule: `NEET or activity not known, of the cohort: ${decFeb.words}`,
        detail: { months: decFeb.months, avgCohort: d.avgCohort, avgNeet: d.avgNeet, avgNotKnown: d.avgNotKnown },
      });
      if (group.breakdown !== 'all') continue;
      const p = headlineOf('dec-feb-16-17', decFeb.months, sumOf(pruCounts, has));
      figures.push({
        ...base,
        indicatorCode: 'pru-leavers-positive-destination',
        value: p.eetPercent,
        numerator: p.avgEet,
        denominator: p.avgCohort,
        rule: `young people whose last school was a pupil referral unit, in education, employment or training, of those of academic age 16-17: December-February average`,
        detail: { months: decFeb.months, avgCohort: p.avgCohort, avgEet: p.avgEet, avgNeet: p.avgNeet, avgNotKnown: p.avgNotKnown },
      });
    }
  return figures;
}
