import { tallyJudgements, type JudgementTally } from './inspection-history.ts';
import type { SchoolAssessment } from './school-assessment.ts';
import { isDecliningTrend } from './trends.ts';

/**
 * The schools of a place at a glance (issue 19.1), from their school-improvement assessments (ADR 0008): their current
 * Ofsted judgements tallied, those below the floor standard in the latest year held (of those the floor was decided
 * for: it applied and every figure it needs was held), the five highest risk scores, and every significantly
 * declining trend.
 */
export type SchoolsSummary = Readonly<{
  count: number;
  ofsted: JudgementTally;
  belowFloor: readonly Readonly<{ urn: string; name: string; label: string }>[];
  floorJudged: number;
  highestRisk: readonly Readonly<{ urn: string; name: string; score: number }>[];
  declining: readonly Readonly<{ urn: string; name: string; title: string }>[];
}>;

const highestRiskShown = 5;

export function schoolsSummary(schools: readonly SchoolAssessment[]): SchoolsSummary {
  const decided = schools.flatMap((s) =>
    s.floor !== null && s.floor.result.applies && s.floor.result.below !== null ? [{ s, below: s.floor.result.below, label: s.floor.label }] : [],
  );
  return {
    count: schools.length,
    ofsted: tallyJudgements(schools.flatMap((s) => (s.ofsted === null ? [] : [{ grade: s.ofsted.grade, category: s.ofsted.category }]))),
    belowFloor: decided.filter((d) => d.below).map(({ s, label }) => ({ urn: s.urn, name: s.name, label })),
    floorJudged: decided.length,
    highestRisk: schools
      .filter((s) => s.risk.score > 0)
      .sort((a, b) => b.risk.score - a.risk.score || a.name.localeCompare(b.name))
      .slice(0, highestRiskShown)
      .map((s) => ({ urn: s.urn, name: s.name, score: s.risk.score })),
    declining: schools.flatMap((s) => s.trends.filter((t) => isDecliningTrend(t.trend)).map((t) => ({ urn: s.urn, name: s.name, title: t.title }))),
  };
}
