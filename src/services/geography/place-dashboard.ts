import type { QuartileBand } from '../../domain/comparison/ranking.ts';
import type { Change, Gap } from '../../domain/comparison/gaps.ts';
import type { PlaceYear } from '../../domain/comparison/place-over-time.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { measureFor, type Framework } from '../../domain/framework/framework.ts';
import type { Status } from '../../domain/framework/evaluate.ts';
import type { PlaceKind } from '../../domain/geography/place.ts';
import { disclosureNameOver, type DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import type { DfeSymbol, Indicator } from '../../domain/indicators/indicator.ts';
import type { SchoolAssessment } from '../../domain/schools/school-assessment.ts';
import { schoolsSummary, type SchoolsSummary } from '../../domain/schools/schools-summary.ts';
import type { Store } from '../../store/store.ts';
import { figuresFor } from './place-dashboard-figures.ts';
import type { createFrameworkService, FrameworkEvaluation } from '../framework/framework-service.ts';
import type { createSchoolImprovementService } from '../schools/school-improvement-service.ts';

/**
 * A place's dashboard (issue 19.1): how the LA, a district or a grouping is doing on its framework's targets, each
 * key indicator's latest figure with its change, England, the region and (for the LA) its neighbours, rank and
 * quartile band, the disadvantaged gap on each, and the schools in the place by Ofsted judgement, floor standard and
 * risk. Every figure is read from the store and disclosed for the reader, as on the pages it links to.
 */

export type DashboardKind = Extract<PlaceKind, 'la' | 'district' | 'grouping'>;
export const dashboardKinds: readonly DashboardKind[] = ['la', 'district', 'grouping'];

export type Shown = Readonly<{ value: number | null; symbol: DfeSymbol | null; decimalPlaces: number }>;

export type DashboardIndicator = Readonly<{
  indicator: Indicator;
  /** The latest period (an academic or a calendar year) the place has a figure for (shown, or hidden by a symbol). */
  period: string;
  place: Shown;
  previous: Readonly<{ period: string; shown: Shown }> | null;
  change: Change | null;
  /** The figure starts a new measure, not comparable with the year before (no change is given across it). */
  newMeasure: string | null;
  /** The place's shown values year by year, oldest first, for the trend. */
  series: readonly Readonly<{ period: string; value: number }>[];
  /** Every year the place has a figure, oldest first, with its LA's (for a district or grouping) and England's, and any break since the year before. */
  overTime: readonly PlaceYear<Shown>[];
  england: Shown | null;
  region: Shown | null;
  /** For a district or grouping: its LA's figure that year. */
  la: Shown | null;
  /** For the LA: the average of its statistical neighbours, its rank among every LA and its quartile band. */
  neighbours: number | null;
  rank: Readonly<{ rank: number; of: number }> | null;
  band: QuartileBand | null;
}>;

export type DashboardGap = Readonly<{ indicator: Indicator; period: string; group: Shown; within: Gap; national: Gap }>;

export type DashboardTarget = Readonly<{ id: string; number: number | null; title: string; status: Status; reason: string }>;

export type PlaceDashboard = Readonly<{
  /** How the figures were disclosed: 'in-scope' only where the reader's roles reach a place whose figures were read. */
  disclosure: 'public' | 'la-officer' | 'in-scope';
  place: Readonly<{ kind: DashboardKind; code: string; name: string }>;
  la: Readonly<{ code: string; name: string }>;
  framework: Readonly<{
    id: string;
    name: string;
    year: number;
    counts: Readonly<Record<Status, number>>;
    offTrack: readonly DashboardTarget[];
  }> | null;
  indicators: readonly DashboardIndicator[];
  gaps: readonly DashboardGap[];
  schools: SchoolsSummary & Readonly<{ asAt: string }>;
}>;

export function createPlaceDashboard(
  store: Store,
  frameworks: ReturnType<typeof createFrameworkService>,
  schoolImprovement: ReturnType<typeof createSchoolImprovementService>,
  catalogue: () => readonly Indicator[],
) {
  const indicatorOf = (code: string): Indicator | undefined => catalogue().find((i) => i.code === code);

  /** The LA a place belongs to: itself, a district's LA, or (for a grouping, which has no LA of its own) the LA Waymark serves. */
  async function laOf(kind: DashboardKind, placeId: number, code: string): Promise<{ id: number; code: string; name: string }> {
    if (kind === 'la') {
      const la = await store.places.find('la', code);
      return { id: la!.id, code: la!.code, name: la!.name };
    }
    const parent = (await store.places.parents(placeId)).find((p) => p.kind === 'la' && p.validTo === null);
    if (parent !== undefined) return { id: parent.id, code: parent.code, name: parent.name };
    const served = (await store.places.lasWithDistricts())[0];
    const la = served === undefined ? undefined : await store.places.find('la', served);
    if (la === undefined) throw new NotFoundError(`No local authority holds ${code}`);
    return { id: la.id, code: la.code, name: la.name };
  }

  /**
   * The framework for the LA whose latest year with figures is latest, with its evaluation for the LA that year; null
   * where the LA has none.
   */
  async function frameworkFor(la: string, policy: DisclosurePolicy): Promise<{ framework: Framework; year: number; atLa: FrameworkEvaluation } | null> {
    const own = frameworks
      .list()
      .filter((f) => f.la === la)
      .sort((a, b) => b.years.to - a.years.to);
    for (const framework of own) {
      const year = await frameworks.yearOf(framework.id, undefined, policy).catch(() => null);
      if (year === null) continue;
      const atLa = await frameworks.evaluate(framework.id, year, policy);
      if (atLa.targets.some((t) => t.evaluation.value !== null)) return { framework, year, atLa };
    }
    return null;
  }

  return {
    async dashboard(kind: DashboardKind, code: string, policy: DisclosurePolicy): Promise<PlaceDashboard> {
      const place = await store.places.find(kind, code);
      if (place === undefined) throw new NotFoundError(`No ${kind} with code ${code}`);
      const la = await laOf(kind, place.id, code);
      const chosen = await frameworkFor(la.code, policy);
      let framework: PlaceDashboard['framework'] = null;
      let codes: string[] = [];
      if (chosen !== null) {
        // The LA's own evaluation is the one already made; a district or grouping is evaluated for itself.
        const evaluation = kind === 'la' ? chosen.atLa : await frameworks.evaluate(chosen.framework.id, chosen.year, policy, code);
        framework = {
          id: chosen.framework.id,
          name: chosen.framework.name,
          year: chosen.year,
          counts: evaluation.counts,
          offTrack: evaluation.targets
            .filter((t) => t.evaluation.status === 'off_track')
            .map((t) => ({ id: t.target.id, number: t.target.number, title: t.target.title, status: t.evaluation.status, reason: t.evaluation.reason })),
        };
        // The key indicators: every all-pupils measure the framework's targets are read on in any of its years (a
        // measure the DfE replaced, and its successor, each in its own latest year).
        const { from, to } = chosen.framework.years;
        const years = Array.from({ length: to - from + 2 }, (_, i) => from - 1 + i);
        codes = [
          ...new Set(
            chosen.framework.targets.flatMap((t) =>
              t.gap !== null || t.breakdown !== 'all'
                ? []
                : years.flatMap((y) => {
                    const measure = measureFor(t, y);
                    return measure !== null && indicatorOf(measure) !== undefined ? [measure] : [];
                  }),
            ),
          ),
        ];
      }
      const [indicators, gaps, read] =
        codes.length === 0 ? [[], [], []] : await figuresFor(store, indicatorOf, { id: place.id, kind, code }, la, codes, policy);
      return {
        place: { kind, code: place.code, name: place.name },
        la: { code: la.code, name: la.name },
        disclosure: disclosureNameOver(policy, read),
        framework,
        indicators,
        gaps,
        schools: await schoolsIn(kind, code, la.code),
      };
    },
  };

  /** The schools of the place in the LA's school-improvement assessment: Ofsted, floors, risk and declining trends. */
  async function schoolsIn(kind: DashboardKind, code: string, laCode: string): Promise<PlaceDashboard['schools']> {
    const assessment = await schoolImprovement.assess(laCode);
    const inPlace = (s: SchoolAssessment) =>
      kind === 'la' ? true : kind === 'district' ? s.district?.code === code : s.groupings.some((g) => g.code === code);
    return { ...schoolsSummary(assessment.schools.filter(inPlace)), asAt: assessment.asAt };
  }
}
