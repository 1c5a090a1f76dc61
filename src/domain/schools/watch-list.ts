import type { Phase } from './floor-standards.ts';
import { riskBandOf, type RiskBand } from './risk.ts';
import type { SchoolAssessment } from './school-assessment.ts';
import { isDecliningTrend, type Trend } from './trends.ts';

/**
 * The watch list and the school-trends summary over an LA's assessed schools (docs/adr/0008-school-improvement.md).
 */

/**
 * What the watch list's status filter asks of a school, each read from its assessment as the page shows it:
 *
 * - `declining`: any headline trend (school-assessment.ts, the three-year change on each headline indicator in use) is
 *   classified declining or rapidly declining (`isDecliningTrend`: significant at 95%; a trend not classified, as for a
 *   cohort under 10, never is).
 * - `below-floor`: the floor standard in the latest year held applies and the school is below it; a school whose floor
 *   cannot be decided ("possibly below") is not.
 * - `ofsted-concern`: the current judgement (across predecessor URNs) is grade 3 (requires improvement; satisfactory
 *   before September 2012, as the risk score reads it) or inadequate, or the school is in a category of concern.
 * - `declining-or-at-risk`: `declining`, or a risk band of high or medium (a score of 20 or more, risk.ts
 *   `riskBandOf`). Schools in the low band are in only when declining.
 */
export const watchListStatuses = ['declining-or-at-risk', 'declining', 'below-floor', 'ofsted-concern'] as const;
export type WatchListStatus = (typeof watchListStatuses)[number];

export const watchListStatusLabels: Readonly<Record<WatchListStatus, string>> = {
  'declining-or-at-risk': 'Declining or at risk',
  declining: 'Declining',
  'below-floor': 'Below the floor standard',
  'ofsted-concern': 'Ofsted concern',
};

/** `risk`: highest score first, then name; `name`: A to Z; `district`: by district name (schools not placed last), then risk. URN breaks any tie. */
export const watchListSorts = ['risk', 'name', 'district'] as const;
export type WatchListSort = (typeof watchListSorts)[number];

export const watchListSortLabels: Readonly<Record<WatchListSort, string>> = {
  risk: 'Highest risk first',
  name: 'Name, A to Z',
  district: 'District, then risk',
};

/** Schools a page of the watch list shows (or all of them: `page=all`). */
export const watchListPageSize = 50;

/** Every filter is met together (district and phase and any of the bands and the status); an empty band list is no filter. */
export type WatchListFilter = Readonly<{
  district?: string;
  phase?: Phase;
  bands?: readonly RiskBand[];
  status?: WatchListStatus;
  sort?: WatchListSort;
}>;

type Listed = Pick<SchoolAssessment, 'urn' | 'name' | 'phase' | 'district' | 'risk' | 'ofsted' | 'floor'> &
  Readonly<{ trends: readonly Readonly<{ trend: Trend }>[] }>;

/** Any headline trend significantly declining (the status "declining"; the school-trends page's declining schools). */
export function isDeclining(school: Pick<Listed, 'trends'>): boolean {
  return school.trends.some((t) => isDecliningTrend(t.trend));
}

/** Below the floor standard in the latest year held (decided: a school that cannot be decided is not below). */
export function isBelowFloor(school: Pick<Listed, 'floor'>): boolean {
  return school.floor !== null && school.floor.result.applies && school.floor.result.below === true;
}

/** Requires improvement (or satisfactory), inadequate, or in a category of concern, by the current judgement. */
export function hasOfstedConcern(school: Pick<Listed, 'ofsted'>): boolean {
  return school.ofsted !== null && (school.ofsted.category !== null || school.ofsted.grade >= 3);
}

/** A school as the watch list lists it: its assessment with its band and what the status filter reads. */
export type WatchListed<S> = S & Readonly<{ band: RiskBand; declining: boolean; belowFloor: boolean; ofstedConcern: boolean }>;

function meets(status: WatchListStatus, s: WatchListed<Listed>): boolean {
  switch (status) {
    case 'declining':
      return s.declining;
    case 'below-floor':
      return s.belowFloor;
    case 'ofsted-concern':
      return s.ofstedConcern;
    case 'declining-or-at-risk':
      return s.declining || s.band === 'high' || s.band === 'medium';
  }
}

const byName = (a: Listed, b: Listed) => a.name.localeCompare(b.name) || a.urn.localeCompare(b.urn);
const byRisk = (a: Listed, b: Listed) => b.risk.score - a.risk.score || byName(a, b);
/** By district name, schools not placed in a district after every district. */
const byDistrict = (a: Listed, b: Listed) =>
  a.district === null || b.district === null ? Number(a.district === null) - Number(b.district === null) : a.district.name.localeCompare(b.district.name);
const orders: Readonly<Record<WatchListSort, (a: Listed, b: Listed) => number>> = {
  risk: byRisk,
  name: byName,
  district: (a, b) => byDistrict(a, b) || byRisk(a, b),
};

/**
 * The watch list: the LA's schools that meet every filter, each with its risk band and status, in the order asked
 * (risk score, highest first, by default); and the districts to filter by, from every school, whatever the filter.
 */
export function watchListOf<S extends Listed>(schools: readonly S[], filter: WatchListFilter = {}) {
  const districts = [...new Map(schools.flatMap((s) => (s.district === null ? [] : [[s.district.code, s.district.name] as const]))).entries()]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const bands = filter.bands ?? [];
  const listed: WatchListed<S>[] = schools
    .map((s) => ({ ...s, band: riskBandOf(s.risk.score), declining: isDeclining(s), belowFloor: isBelowFloor(s), ofstedConcern: hasOfstedConcern(s) }))
    .filter(
      (s) =>
        (filter.district === undefined || s.district?.code === filter.district) &&
        (filter.phase === undefined || s.phase === filter.phase) &&
        (bands.length === 0 || bands.includes(s.band)) &&
        (filter.status === undefined || meets(filter.status, s)),
    )
    .sort(orders[filter.sort ?? 'risk']);
  return { schools: listed, districts };
}

type Trended = Pick<SchoolAssessment, 'phase' | 'district' | 'groupings' | 'disadvantagedBand' | 'risk'> &
  Readonly<{ trends: readonly Readonly<{ trend: Trend }>[] }>;

/**
 * Rapidly improving schools with what they have in common, and declining schools with their risk flags. A school
 * is rapidly improving (or declining) when any headline trend is; "in common" counts each phase, district,
 * collaboration and disadvantage band among them against the LA's share.
 */
export function trendSummaryOf<S extends Trended>(schools: readonly S[]) {
  const improving = schools.filter((s) => s.trends.some((t) => t.trend.classified && t.trend.class === 'rapidly-improving'));
  const declining = schools.filter(isDeclining).sort((a, b) => b.risk.score - a.risk.score);
  const feature = (label: string, of: (s: S) => readonly string[]) => {
    const counts = new Map<string, { among: number; all: number }>();
    for (const s of schools) for (const v of of(s)) counts.set(v, { among: counts.get(v)?.among ?? 0, all: (counts.get(v)?.all ?? 0) + 1 });
    for (const s of improving) for (const v of of(s)) counts.get(v)!.among++;
    return {
      label,
      values: [...counts.entries()]
        .filter(([, c]) => c.among > 0)
        .map(([value, c]) => ({ value, among: c.among, share: (100 * c.among) / Math.max(improving.length, 1), laShare: (100 * c.all) / schools.length }))
        .sort((a, b) => b.among - a.among || a.value.localeCompare(b.value)),
    };
  };
  const trends = schools.flatMap((s) => s.trends);
  const classified = trends.filter((t) => t.trend.classified);
  return {
    improving,
    declining,
    counts: Object.fromEntries(
      ['rapidly-improving', 'improving', 'stable', 'declining', 'rapidly-declining'].map((c) => [
        c,
        classified.filter((t) => t.trend.classified && t.trend.class === c).length,
      ]),
    ),
    unclassified: trends.filter((t) => !t.trend.classified).length,
    inCommon: [
      feature('Phase', (s) => [s.phase]),
      feature('District', (s) => (s.district === null ? [] : [s.district.name])),
      feature('Collaboration', (s) => s.groupings.map((g) => g.name)),
      feature('Disadvantaged pupils', (s) => (s.disadvantagedBand === null ? [] : [s.disadvantagedBand])),
    ],
  };
}
