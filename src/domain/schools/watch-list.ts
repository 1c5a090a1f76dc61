import type { Phase } from './floor-standards.ts';
import type { SchoolAssessment } from './school-assessment.ts';
import type { Trend } from './trends.ts';

/**
 * The watch list and the school-trends summary over an LA's assessed schools (docs/adr/0008-school-improvement.md).
 */

type Listed = Pick<SchoolAssessment, 'name' | 'phase' | 'district' | 'risk'>;

/** Schools ranked by risk score (highest first, then name), optionally in one district or phase, with the districts to filter by. */
export function watchListOf<S extends Listed>(schools: readonly S[], filter: Readonly<{ district?: string; phase?: Phase }> = {}) {
  const districts = [...new Map(schools.flatMap((s) => (s.district === null ? [] : [[s.district.code, s.district.name] as const]))).entries()]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const listed = schools
    .filter((s) => (filter.district === undefined || s.district?.code === filter.district) && (filter.phase === undefined || s.phase === filter.phase))
    .sort((a, b) => b.risk.score - a.risk.score || a.name.localeCompare(b.name));
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
  const has = (s: S, classes: string[]) => s.trends.some((t) => t.trend.classified && classes.includes(t.trend.class));
  const improving = schools.filter((s) => has(s, ['rapidly-improving']));
  const declining = schools.filter((s) => has(s, ['rapidly-declining', 'declining'])).sort((a, b) => b.risk.score - a.risk.score);
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
