import type { Indicator } from '../indicators/indicator.ts';
import { academicYearLabel, previousPeriod, startYearOf } from '../periods/period.ts';
import type { CoastingResult } from './coasting.ts';
import type { FloorResult, Phase } from './floor-standards.ts';
import type { CurrentJudgement } from './inspection-history.ts';
import { concernOf, riskScore, type RiskComponent } from './risk.ts';
import { rankAmong, scaleOf, similarSchools, type SchoolContext } from './similar-schools.ts';
import { classifyTrend, type Trend, type TrendPoint } from './trends.ts';

/**
 * A state-funded mainstream school's assessment (docs/adr/0008-school-improvement.md) from the figures already read:
 * the three-year trend on each headline indicator in use, its context (the cohort's shares of disadvantaged pupils and
 * of pupils with SEN, prior attainment four years before, size), its 20 most similar schools of its phase in the
 * county and its rank among them, and a risk score made of named components.
 */

/** The headline indicators of each phase, newest measure first. Trends are read on those in use in the last three years. */
export const headlineIndicators: Readonly<Record<Phase, readonly string[]>> = {
  primary: ['ks2-expected-rwm', 'ks2-level4-rwm', 'ks2-level4-english-maths', 'ks2-expected-progress-english', 'ks2-expected-progress-maths'],
  secondary: ['ks4-progress8', 'ks4-attainment8', 'ks4-grade5-english-maths', 'ks4-a-c-english-maths', 'ks4-5ac-em'],
};

/** The indicators whose pupil-group figures describe a school's context (the cohort's share of each group). */
export const contextIndicators: Readonly<Record<Phase, readonly string[]>> = {
  primary: ['ks2-expected-rwm', 'ks2-level4-rwm', 'ks2-level4-english-maths'],
  secondary: ['ks4-attainment8', 'ks4-5ac-em', 'ks4-progress8'],
};

/** The cohort's attainment at the end of KS1, four years before its KS2 year (none is read for secondaries). */
export const priorAttainmentIndicators: Readonly<Record<Phase, readonly string[]>> = { primary: ['ks1-expected-rwm', 'ks1-l2b-rwm'], secondary: [] };

/** The pupil groups whose shares of the cohort describe a school's context. */
export const contextGroups = ['disadvantaged', 'sen-support', 'ehc-plan'] as const;

export type SchoolTrend = Readonly<{ indicator: string; title: string; unit: Indicator['unit']; trend: Trend; series: readonly TrendPoint[] }>;

export type SchoolFloor = Readonly<{ period: string; label: string; result: FloorResult }>;

/** A school judged against the coasting definition (coasting.ts) in the latest year held, where that is 2016-2018. */
export type SchoolCoasting = Readonly<{ period: string; label: string; result: Extract<CoastingResult, { applies: true }> }>;

export type SchoolAssessment = Readonly<{
  urn: string;
  name: string;
  phase: Phase;
  typeName: string;
  district: Readonly<{ code: string; name: string }> | null;
  groupings: readonly Readonly<{ code: string; name: string }>[];
  ofsted: CurrentJudgement | null;
  floor: SchoolFloor | null;
  coasting?: SchoolCoasting | null;
  trends: readonly SchoolTrend[];
  context: SchoolContext;
  disadvantagedBand: string | null;
  similar: readonly Readonly<{ urn: string; name: string; distance: number }>[];
  ranks: readonly Readonly<{ indicator: string; title: string; period: string; rank: number; of: number }>[];
  risk: Readonly<{ score: number; components: readonly RiskComponent[] }>;
}>;

/** A school-level figure for all pupils, as held (rows in the order read: by period). */
export type SchoolFigure = Readonly<{ indicatorCode: string; period: string; value: number | null; numerator: number | null; denominator: number | null }>;

/** What is held for one school before it is assessed. */
export type SchoolHeld = Readonly<{
  urn: string;
  name: string;
  phase: Phase;
  typeName: string;
  pupilsOnRoll: number | null;
  rows: readonly SchoolFigure[];
  /** Pupils in each context group (`contextGroups`) by period, from the context indicators' group figures. */
  groupPupils: ReadonlyMap<string, ReadonlyMap<string, number>>;
  district: SchoolAssessment['district'];
  groupings: SchoolAssessment['groupings'];
  ofsted: CurrentJudgement | null;
  floor: SchoolFloor | null;
  coasting?: SchoolCoasting | null;
}>;

/** The latest period with a figure on any of a phase's headline indicators, over every school's rows ('' if none). */
export function latestHeadlinePeriod(rows: readonly SchoolFigure[], phase: Phase): string {
  const codes = headlineIndicators[phase];
  return rows.filter((r) => codes.includes(r.indicatorCode) && r.value !== null).reduce((a, r) => (r.period > a ? r.period : a), '');
}

const twoYearsBefore = (period: string) => previousPeriod(period, 2);

/** The headline indicators a school has a figure on within the three years to `latest`, each with its classified trend. */
export function schoolTrends(school: Pick<SchoolHeld, 'phase' | 'rows'>, latest: string, indicatorOf: (code: string) => Indicator | undefined): SchoolTrend[] {
  const series = (code: string): TrendPoint[] =>
    school.rows
      .filter((r) => r.indicatorCode === code)
      .sort((a, b) => a.period.localeCompare(b.period))
      .map((r) => ({ period: r.period, value: r.value, numerator: r.numerator, denominator: r.denominator }));
  const inUse = (code: string) => {
    const last = series(code).at(-1)?.period;
    return last !== undefined && latest !== '' && startYearOf(last) >= startYearOf(latest) - 2;
  };
  return headlineIndicators[school.phase].filter(inUse).map((code) => {
    const indicator = indicatorOf(code);
    const points = series(code);
    const unit = indicator?.unit ?? 'percent';
    return {
      indicator: code,
      title: indicator?.title ?? code,
      unit,
      series: points,
      trend: classifyTrend(points, { unit, polarity: indicator?.polarity ?? 'higher_is_better', windowStart: twoYearsBefore }),
    };
  });
}

/**
 * A school's context for finding similar schools, from the latest cohort of its first context indicator held: the
 * shares (%) of its pupils disadvantaged and with SEN (support or an EHC plan) that year, its cohort's KS1 attainment
 * four years before, and its size (the cohort, else the pupils on roll). English as an additional language is not held.
 */
export function schoolContext(school: Pick<SchoolHeld, 'urn' | 'phase' | 'rows' | 'groupPupils' | 'pupilsOnRoll'>): SchoolContext {
  const { rows } = school;
  const contextRow = contextIndicators[school.phase]
    .map((code) => rows.filter((r) => r.indicatorCode === code && r.denominator !== null).at(-1))
    .find((r) => r !== undefined);
  const share = (groups: readonly string[]) => {
    if (contextRow === undefined || !contextRow.denominator) return null;
    const parts = groups.map((g) => school.groupPupils.get(g)?.get(contextRow.period));
    if (parts.every((p) => p === undefined)) return null;
    return (100 * parts.reduce((a: number, p) => a + (p ?? 0), 0)) / contextRow.denominator;
  };
  const prior =
    contextRow === undefined
      ? null
      : (priorAttainmentIndicators[school.phase]
          .map((code) => rows.find((r) => r.indicatorCode === code && r.period === previousPeriod(contextRow.period, 4))?.value)
          .find((v) => v !== undefined && v !== null) ?? null);
  return {
    urn: school.urn,
    priorAttainment: prior,
    disadvantaged: share(['disadvantaged']),
    sen: share(['sen-support', 'ehc-plan']),
    eal: null,
    size: contextRow?.denominator ?? school.pupilsOnRoll,
  };
}

/** FSM-era bands of the cohort's disadvantaged share, for what rapidly improving schools have in common. */
export function disadvantagedBandOf(share: number | null): string | null {
  if (share === null) return null;
  if (share < 15) return 'under 15% disadvantaged';
  if (share < 30) return '15-29% disadvantaged';
  if (share < 45) return '30-44% disadvantaged';
  return '45% or more disadvantaged';
}

/**
 * Every school assessed among the others: its trends (headline indicators in use to its phase's latest period), its
 * context, its 20 most similar schools of its phase, its rank among them on each trend's latest figure, and its risk.
 */
export function assessSchools(schools: readonly SchoolHeld[], indicatorOf: (code: string) => Indicator | undefined): SchoolAssessment[] {
  const allRows = schools.flatMap((s) => s.rows);
  const latest: Record<Phase, string> = { primary: latestHeadlinePeriod(allRows, 'primary'), secondary: latestHeadlinePeriod(allRows, 'secondary') };
  const assessed = schools.map((s) => ({ ...s, trends: schoolTrends(s, latest[s.phase], indicatorOf), context: schoolContext(s) }));
  const byUrn = new Map(assessed.map((o) => [o.urn, o]));
  return assessed.map((s) => {
    const pool = assessed.filter((o) => o.phase === s.phase).map((o) => o.context);
    const near = similarSchools(s.context, pool, 20, scaleOf(pool));
    const ranks = s.trends.flatMap((t) => {
      const indicator = indicatorOf(t.indicator);
      const last = t.series.at(-1);
      if (near.length === 0 || last === undefined || indicator === undefined || indicator.polarity === 'none') return [];
      const members = [s.urn, ...near.map((n) => n.urn)];
      const values = new Map(
        members.map((urn) => [urn, byUrn.get(urn)!.rows.find((r) => r.indicatorCode === t.indicator && r.period === last.period)?.value ?? null] as const),
      );
      const rank = rankAmong(s.urn, values, indicator.polarity);
      return rank === null ? [] : [{ indicator: t.indicator, title: t.title, period: last.period, ...rank }];
    });
    const floor = s.floor;
    const risk = riskScore({
      ofsted: s.ofsted,
      floor:
        floor === null || !floor.result.applies
          ? null
          : { below: floor.result.below, period: floor.label, failed: 'failed' in floor.result ? (floor.result.failed ?? []) : [] },
      trends: s.trends.map((t) => ({ indicator: t.title, concern: concernOf(t.indicator), class: t.trend.classified ? t.trend.class : null })),
      similarRanks: ranks.map((r) => ({ indicator: r.title, concern: concernOf(r.indicator), rank: r.rank, of: r.of })),
    });
    return {
      urn: s.urn,
      name: s.name,
      phase: s.phase,
      typeName: s.typeName,
      district: s.district,
      groupings: s.groupings,
      ofsted: s.ofsted,
      floor,
      coasting: s.coasting ?? null,
      trends: s.trends,
      context: s.context,
      disadvantagedBand: disadvantagedBandOf(s.context.disadvantaged),
      similar: near.map((n) => ({ urn: n.urn, name: byUrn.get(n.urn)?.name ?? n.urn, distance: n.distance })),
      ranks,
      risk,
    };
  });
}

/** The plain-words summary of a school's concerns and strengths, from its assessment. */
export function summarise(s: SchoolAssessment): { concerns: string[]; strengths: string[] } {
  const concerns = s.risk.components.map((c) => `${c.label}: ${c.reason}.`);
  if (s.coasting?.result.coasting === true) concerns.push(`Coasting in ${s.coasting.label}: ${s.coasting.result.reason}.`);
  const strengths: string[] = [];
  if (s.ofsted !== null && s.ofsted.grade <= 2)
    strengths.push(
      `Judged ${s.ofsted.label.toLowerCase()} by Ofsted (inspection of ${s.ofsted.inspectedOn}${s.ofsted.carried ? ', the predecessor school' : ''}).`,
    );
  if (s.floor !== null && s.floor.result.applies && s.floor.result.below === false) strengths.push(`Above the floor standard in ${s.floor.label}.`);
  for (const t of s.trends)
    if (t.trend.classified && (t.trend.class === 'rapidly-improving' || t.trend.class === 'improving'))
      strengths.push(
        `${t.title}: ${t.trend.class === 'rapidly-improving' ? 'rapidly improving' : 'improving'} (${academicYearLabel(t.trend.from)} to ${academicYearLabel(t.trend.to)}).`,
      );
  for (const r of s.ranks) if (r.of >= 4 && r.rank <= r.of / 4) strengths.push(`${r.title}: top quarter of its similar schools (${r.rank} of ${r.of}).`);
  return { concerns, strengths };
}
