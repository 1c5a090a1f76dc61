import { NotFoundError } from '../domain/errors.ts';
import { describeGap } from '../domain/comparison/gaps.ts';
import type { DisclosurePolicy } from '../domain/indicators/disclosure.ts';
import type { SchoolAttributes } from '../domain/geography/place.ts';
import { pupilsOnRollCode, type Indicator } from '../domain/indicators/indicator.ts';
import { academicYearCode, academicYearLabel, startYearOf } from '../domain/periods/academic-year.ts';
import type { FloorResult, Phase } from '../domain/schools/floor-standards.ts';
import { judgementIndex, predecessorIndex, type CurrentJudgement } from '../domain/schools/inspection-history.ts';
import { concernOf, riskScore, type RiskComponent } from '../domain/schools/risk.ts';
import { mainstreamPhaseOf } from '../domain/schools/school-phase.ts';
import { rankAmong, scaleOf, similarSchools, type SchoolContext } from '../domain/schools/similar-schools.ts';
import { classifyTrend, type Trend, type TrendPoint } from '../domain/schools/trends.ts';
import type { ObservationRow } from '../store/observation-store.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { createFloorService } from './floor-service.ts';
import { discloseRows } from './disclose-rows.ts';
import { ownFigures } from './own-figures.ts';

/**
 * School improvement intelligence for an LA (docs/adr/0008-school-improvement.md): each state-funded mainstream
 * school's current Ofsted judgement (across predecessor URNs), its floor standard in the latest year held, the latest
 * three-year trend on each headline indicator, its 20 most similar schools in the county and its rank among them,
 * and a risk score made of named components. Everything is read from the store; nothing here is stored.
 */

/** The headline indicators of each phase, newest measure first. Trends are read on those in use in the last three years. */
export const headlineIndicators: Readonly<Record<Phase, readonly string[]>> = {
  primary: ['ks2-expected-rwm', 'ks2-level4-rwm', 'ks2-level4-english-maths', 'ks2-expected-progress-english', 'ks2-expected-progress-maths'],
  secondary: ['ks4-progress8', 'ks4-attainment8', 'ks4-grade5-english-maths', 'ks4-a-c-english-maths', 'ks4-5ac-em'],
};

/** The indicators whose pupil-group figures describe a school's context (the cohort's share of each group). */
const contextIndicator: Readonly<Record<Phase, readonly string[]>> = {
  primary: ['ks2-expected-rwm', 'ks2-level4-rwm', 'ks2-level4-english-maths'],
  secondary: ['ks4-attainment8', 'ks4-5ac-em', 'ks4-progress8'],
};
const priorAttainment: Readonly<Record<Phase, readonly string[]>> = { primary: ['ks1-expected-rwm', 'ks1-l2b-rwm'], secondary: [] };

export type SchoolTrend = Readonly<{ indicator: string; title: string; unit: Indicator['unit']; trend: Trend; series: readonly TrendPoint[] }>;

export type SchoolAssessment = Readonly<{
  urn: string;
  name: string;
  phase: Phase;
  typeName: string;
  district: Readonly<{ code: string; name: string }> | null;
  groupings: readonly Readonly<{ code: string; name: string }>[];
  ofsted: CurrentJudgement | null;
  floor: Readonly<{ period: string; label: string; result: FloorResult }> | null;
  trends: readonly SchoolTrend[];
  context: SchoolContext;
  disadvantagedBand: string | null;
  similar: readonly Readonly<{ urn: string; name: string; distance: number }>[];
  ranks: readonly Readonly<{ indicator: string; title: string; period: string; rank: number; of: number }>[];
  risk: Readonly<{ score: number; components: readonly RiskComponent[] }>;
}>;

export type LaAssessment = Readonly<{ la: Readonly<{ code: string; name: string }>; schools: readonly SchoolAssessment[]; asAt: string }>;

const twoYearsBefore = (period: string) => academicYearCode(startYearOf(period) - 2);

/** FSM-era bands of the cohort's disadvantaged share, for what rapidly improving schools have in common. */
function disadvantagedBandOf(share: number | null): string | null {
  if (share === null) return null;
  if (share < 15) return 'under 15% disadvantaged';
  if (share < 30) return '15-29% disadvantaged';
  if (share < 45) return '30-44% disadvantaged';
  return '45% or more disadvantaged';
}

export function createSchoolImprovementService(
  store: Store,
  clock: Clock,
  catalogue: () => readonly Indicator[],
  floors: ReturnType<typeof createFloorService>,
) {
  const indicatorOf = (code: string) => catalogue().find((i) => i.code === code);

  // An LA's assessment is remade only when something new is imported or computed (a new batch) or the day changes.
  const cache = new Map<string, { stamp: string; result: Promise<LaAssessment> }>();
  async function assess(laCode: string): Promise<LaAssessment> {
    const stamp = `${(await store.register.batches(1))[0]?.id ?? 0}|${clock().toISOString().slice(0, 10)}`;
    const held = cache.get(laCode);
    if (held !== undefined && held.stamp === stamp) return held.result;
    const result = assessNow(laCode);
    cache.set(laCode, { stamp, result });
    result.catch(() => cache.delete(laCode));
    return result;
  }

  async function assessNow(laCode: string): Promise<LaAssessment> {
    const la = await store.places.find('la', laCode);
    if (la === undefined) throw new NotFoundError(`no local authority with code ${laCode}`);
    const today = clock().toISOString().slice(0, 10);
    const placements = (await store.places.placementsOn(today)).schools;
    const inLa = new Set(placements.filter((p) => p.parentKind === 'la' && p.parentCode === laCode).map((p) => p.urn));
    const places = (await store.places.findMany('school', [...inLa])).filter((s) => s.closedOn === null || s.closedOn >= today);
    const schools = places.flatMap((s) => {
      const phase = mainstreamPhaseOf(s.attributes as SchoolAttributes);
      return phase === null ? [] : [{ place: s, phase, attributes: s.attributes as SchoolAttributes }];
    });
    const districtNames = new Map((await store.places.byKind('district')).map((d) => [d.code, d.name]));
    const groupingNames = new Map((await store.places.byKind('grouping')).map((d) => [d.code, d.name]));
    const districtOf = new Map(placements.filter((p) => p.parentKind === 'district').map((p) => [p.urn, p.parentCode]));
    const groupingsOf = new Map<string, string[]>();
    for (const p of placements.filter((p) => p.parentKind === 'grouping')) groupingsOf.set(p.urn, [...(groupingsOf.get(p.urn) ?? []), p.parentCode]);

    const ids = schools.map((s) => s.place.id);
    const all = ownFigures(
      await store.observations.find({
        indicatorCodes: [...new Set([...headlineIndicators.primary, ...headlineIndicators.secondary, ...priorAttainment.primary, 'ks4-cohort-disadvantaged'])],
        placeIds: ids,
        breakdown: 'all',
        basis: ['published', 'computed'],
        limit: 2_000_000,
      }),
    );
    const byPlace = new Map<number, ObservationRow[]>();
    for (const r of all) byPlace.set(r.placeId, [...(byPlace.get(r.placeId) ?? []), r]);
    const latestOf = (codes: readonly string[]) =>
      all.filter((r) => codes.includes(r.indicatorCode) && r.value !== null).reduce((a, r) => (r.period > a ? r.period : a), '');
    const latest: Record<Phase, string> = { primary: latestOf(headlineIndicators.primary), secondary: latestOf(headlineIndicators.secondary) };

    // Floor standards in the latest year held for each phase.
    const floorByUrn = new Map<string, { period: string; label: string; result: FloorResult }>();
    for (const phase of ['primary', 'secondary'] as const) {
      if (latest[phase] === '') continue;
      const listing = await floors.floorStandards(laCode, phase, latest[phase]);
      for (const s of listing.schools) floorByUrn.set(s.urn, { period: listing.period, label: listing.label, result: s.result });
    }

    // Ofsted: each school's current judgement across its predecessors.
    const successions = await store.register.allSuccessions();
    const chainOf = predecessorIndex(successions);
    const judgementOf = judgementIndex(successions, await store.inspections.forUrns([...new Set(schools.flatMap((s) => chainOf(s.place.code)))]));

    // Context for similar schools: the cohort's shares of pupil groups in the latest year of the context indicator.
    const groupShares = new Map<string, Map<number, number>>();
    for (const breakdown of ['disadvantaged', 'sen-support', 'ehc-plan']) {
      const rows = ownFigures(
        await store.observations.find({
          indicatorCodes: [...contextIndicator.primary, ...contextIndicator.secondary],
          placeIds: ids,
          breakdown,
          basis: ['published', 'computed'],
          limit: 2_000_000,
        }),
      );
      const m = new Map<number, number>();
      for (const r of rows) if (r.denominator !== null) m.set(r.placeId * 1_000_000 + Number(r.period), r.denominator);
      groupShares.set(breakdown, m);
    }

    const assessed = schools.map(({ place, phase, attributes }) => {
      const rows = byPlace.get(place.id) ?? [];
      const series = (code: string): TrendPoint[] =>
        rows
          .filter((r) => r.indicatorCode === code)
          .sort((a, b) => a.period.localeCompare(b.period))
          .map((r) => ({ period: r.period, value: r.value, numerator: r.numerator, denominator: r.denominator }));
      const inUse = (code: string) => {
        const last = series(code).at(-1)?.period;
        return last !== undefined && latest[phase] !== '' && startYearOf(last) >= startYearOf(latest[phase]) - 2;
      };
      const trends: SchoolTrend[] = headlineIndicators[phase].filter(inUse).map((code) => {
        const indicator = indicatorOf(code);
        const points = series(code);
        return {
          indicator: code,
          title: indicator?.title ?? code,
          unit: indicator?.unit ?? 'percent',
          series: points,
          trend: classifyTrend(points, {
            unit: indicator?.unit ?? 'percent',
            polarity: indicator?.polarity ?? 'higher_is_better',
            windowStart: twoYearsBefore,
          }),
        };
      });
      const contextRow = contextIndicator[phase]
        .map((code) => rows.filter((r) => r.indicatorCode === code && r.denominator !== null).at(-1))
        .find((r) => r !== undefined);
      const share = (breakdowns: string[]) => {
        if (contextRow === undefined || !contextRow.denominator) return null;
        const parts = breakdowns.map((b) => groupShares.get(b)!.get(place.id * 1_000_000 + Number(contextRow.period)));
        if (parts.every((p) => p === undefined)) return null;
        return (100 * parts.reduce((a: number, p) => a + (p ?? 0), 0)) / contextRow.denominator;
      };
      const prior =
        contextRow === undefined
          ? null
          : (priorAttainment[phase]
              .map((code) => rows.find((r) => r.indicatorCode === code && r.period === academicYearCode(startYearOf(contextRow.period) - 4))?.value)
              .find((v) => v !== undefined && v !== null) ?? null);
      const context: SchoolContext = {
        urn: place.code,
        priorAttainment: prior,
        disadvantaged: share(['disadvantaged']),
        sen: share(['sen-support', 'ehc-plan']),
        eal: null,
        size: contextRow?.denominator ?? attributes.pupilsOnRoll,
      };
      const district = districtOf.get(place.code);
      return {
        place,
        phase,
        attributes,
        rows,
        trends,
        context,
        ofsted: judgementOf(place.code),
        district: district === undefined || !inLa.has(place.code) ? null : { code: district, name: districtNames.get(district) ?? district },
        groupings: (groupingsOf.get(place.code) ?? []).map((code) => ({ code, name: groupingNames.get(code) ?? code })),
      };
    });

    const byUrn = new Map(assessed.map((o) => [o.place.code, o]));
    const result: SchoolAssessment[] = assessed.map((s) => {
      const pool = assessed.filter((o) => o.phase === s.phase).map((o) => o.context);
      const near = similarSchools(s.context, pool, 20, scaleOf(pool));

      const ranks = s.trends.flatMap((t) => {
        const indicator = indicatorOf(t.indicator);
        const last = t.series.at(-1);
        if (near.length === 0 || last === undefined || indicator === undefined || indicator.polarity === 'none') return [];
        const members = [s.place.code, ...near.map((n) => n.urn)];
        const values = new Map(
          members.map((urn) => {
            const other = byUrn.get(urn)!;
            return [urn, other.rows.find((r) => r.indicatorCode === t.indicator && r.period === last.period)?.value ?? null] as const;
          }),
        );
        const rank = rankAmong(s.place.code, values, indicator.polarity);
        return rank === null ? [] : [{ indicator: t.indicator, title: t.title, period: last.period, ...rank }];
      });
      const floor = floorByUrn.get(s.place.code) ?? null;
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
        urn: s.place.code,
        name: s.place.name,
        phase: s.phase,
        typeName: s.attributes.typeName,
        district: s.district,
        groupings: s.groupings,
        ofsted: s.ofsted,
        floor,
        trends: s.trends,
        context: s.context,
        disadvantagedBand: disadvantagedBandOf(s.context.disadvantaged),
        similar: near.map((n) => ({ urn: n.urn, name: byUrn.get(n.urn)?.place.name ?? n.urn, distance: n.distance })),
        ranks,
        risk,
      };
    });
    return { la: { code: la.code, name: la.name }, schools: result, asAt: today };
  }

  return {
    assess,

    /** Schools ranked by risk score (highest first, then name), optionally in one district or phase. */
    async watchList(laCode: string, filter: Readonly<{ district?: string; phase?: Phase }> = {}) {
      const assessment = await assess(laCode);
      const districts = [...new Map(assessment.schools.flatMap((s) => (s.district === null ? [] : [[s.district.code, s.district.name] as const]))).entries()]
        .map(([code, name]) => ({ code, name }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const schools = assessment.schools
        .filter((s) => (filter.district === undefined || s.district?.code === filter.district) && (filter.phase === undefined || s.phase === filter.phase))
        .sort((a, b) => b.risk.score - a.risk.score || a.name.localeCompare(b.name));
      return { ...assessment, schools, districts };
    },

    /**
     * Rapidly improving schools with what they have in common, and declining schools with their risk flags. A school
     * is rapidly improving (or declining) when any headline trend is; "in common" counts each phase, district,
     * collaboration and disadvantage band among them against the LA's share.
     */
    async trends(laCode: string) {
      const assessment = await assess(laCode);
      const has = (s: SchoolAssessment, classes: string[]) => s.trends.some((t) => t.trend.classified && classes.includes(t.trend.class));
      const improving = assessment.schools.filter((s) => has(s, ['rapidly-improving']));
      const declining = assessment.schools.filter((s) => has(s, ['rapidly-declining', 'declining'])).sort((a, b) => b.risk.score - a.risk.score);
      const feature = (label: string, of: (s: SchoolAssessment) => readonly string[]) => {
        const counts = new Map<string, { among: number; all: number }>();
        for (const s of assessment.schools) for (const v of of(s)) counts.set(v, { among: counts.get(v)?.among ?? 0, all: (counts.get(v)?.all ?? 0) + 1 });
        for (const s of improving) for (const v of of(s)) counts.get(v)!.among++;
        return {
          label,
          values: [...counts.entries()]
            .filter(([, c]) => c.among > 0)
            .map(([value, c]) => ({
              value,
              among: c.among,
              share: (100 * c.among) / Math.max(improving.length, 1),
              laShare: (100 * c.all) / assessment.schools.length,
            }))
            .sort((a, b) => b.among - a.among || a.value.localeCompare(b.value)),
        };
      };
      const classified = assessment.schools.flatMap((s) => s.trends).filter((t) => t.trend.classified);
      return {
        ...assessment,
        improving,
        declining,
        counts: Object.fromEntries(
          ['rapidly-improving', 'improving', 'stable', 'declining', 'rapidly-declining'].map((c) => [
            c,
            classified.filter((t) => t.trend.classified && t.trend.class === c).length,
          ]),
        ),
        unclassified: assessment.schools.flatMap((s) => s.trends).filter((t) => !t.trend.classified).length,
        inCommon: [
          feature('Phase', (s) => [s.phase]),
          feature('District', (s) => (s.district === null ? [] : [s.district.name])),
          feature('Collaboration', (s) => s.groupings.map((g) => g.name)),
          feature('Disadvantaged pupils', (s) => (s.disadvantagedBand === null ? [] : [s.disadvantagedBand])),
        ],
      };
    },

    /** One school's profile: its assessment, every indicator held for it by year, and its pupil-group gaps. */
    async profile(urn: string, policy: DisclosurePolicy) {
      const school = await store.places.find('school', urn);
      if (school === undefined) throw new NotFoundError(`no school with URN ${urn}`);
      const la = (await store.places.parents(school.id)).find((p) => p.kind === 'la');
      const assessment = la === undefined ? null : ((await assess(la.code)).schools.find((s) => s.urn === urn) ?? null);
      // Pupils on roll has its own table on the school page.
      const held = ownFigures(await store.observations.find({ placeIds: [school.id], basis: ['published', 'computed'], limit: 100_000 })).filter(
        (r) => r.indicatorCode !== pupilsOnRollCode && indicatorOf(r.indicatorCode) !== undefined,
      );
      // Every figure as the audience may see it: a hidden cell shows its symbol, and no gap is worked from it.
      const shown = discloseRows(held, (code) => indicatorOf(code)!, policy);
      const rows = held.map((r, index) => ({ ...r, shown: shown[index]! }));
      const codes = [...new Set(rows.map((r) => r.indicatorCode))];
      const indicators = codes
        .map((code) => {
          const indicator = indicatorOf(code)!;
          const all = rows.filter((r) => r.indicatorCode === code && r.breakdown === 'all').sort((a, b) => a.period.localeCompare(b.period));
          return {
            code,
            title: indicator.title,
            unit: indicator.unit,
            decimalPlaces: indicator.decimalPlaces,
            rows: all.map((r) => ({
              period: r.period,
              label: academicYearLabel(r.period),
              value: r.shown.value,
              symbol: r.shown.symbol,
              denominator: r.shown.denominator,
              basis: r.basis,
            })),
            gaps: (
              [
                ['disadvantaged', 'not-disadvantaged'],
                ['fsm', 'not-fsm'],
              ] as const
            ).flatMap(([group, other]) => {
              const latest = all.at(-1)?.period;
              const g = rows.find((r) => r.indicatorCode === code && r.breakdown === group && r.period === latest);
              const o = rows.find((r) => r.indicatorCode === code && r.breakdown === other && r.period === latest);
              // From the unrounded figures, and only where both are shown to this audience and a gap means something.
              if (g === undefined || o === undefined || g.value === null || o.value === null || g.shown.value === null || o.shown.value === null) return [];
              const words = describeGap(indicator, group, other, g.value, o.value, indicator.decimalPlaces);
              return words === null ? [] : [{ group, other, period: latest!, ...words }];
            }),
          };
        })
        .filter((i) => i.rows.length > 0)
        .sort((a, b) => a.title.localeCompare(b.title));
      return { school, assessment, indicators, summary: assessment === null ? null : summarise(assessment) };
    },
  };
}

/** The plain-words summary of a school's concerns and strengths, from its assessment. */
export function summarise(s: SchoolAssessment): { concerns: string[]; strengths: string[] } {
  const concerns = s.risk.components.map((c) => `${c.label}: ${c.reason}.`);
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
