import { NotFoundError } from '../../domain/errors.ts';
import { endGoalIn, type Status } from '../../domain/framework/evaluate.ts';
import { forGroup, type EvaluatedTarget } from '../../domain/framework/evaluate-at-place.ts';
import { frameworkYear, measureFor, type Framework, type Target } from '../../domain/framework/framework.ts';
import { periodOfYear } from '../../domain/periods/period.ts';
import { isStateFundedMainstream } from '../../domain/schools/school-phase.ts';
import { frameworkGroups } from '../../domain/pupils/breakdowns.ts';
import { furthestShort } from '../../domain/framework/furthest-schools.ts';
import type { DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { figureBases } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import { discloseRows } from '../indicators/disclose-rows.ts';
import { ownFigures } from '../indicators/own-figures.ts';
import { createFrameworkFigures, type Context } from './framework-figures.ts';

/**
 * A framework evaluated for a year and a place (the LA, or one of its districts): every target's status and reason from
 * the figures held, as shown to the audience (disclosed and rounded as published), with England, the region and the
 * statistical-neighbour group as comparators. Targets whose figures are not held show no data, never a made-up value.
 */

export type TargetDetail = Readonly<{
  framework: Framework;
  la: EvaluatedTarget;
  districts: readonly Readonly<{ code: string; name: string; value: number | null; status: Status; reason: string }>[];
  groups: readonly Readonly<{ breakdown: string; value: number | null; status: Status }>[];
  schools: readonly Readonly<{ urn: string; name: string; value: number; pupils: number | null; short: number }>[];
}>;

/** A target in each framework version that holds it, with its evaluation for every year of that version. */
export type TargetHistory = readonly Readonly<{ framework: Framework; target: Target; years: readonly EvaluatedTarget[] }>[];

export type FrameworkEvaluation = Readonly<{
  framework: Framework;
  year: number;
  place: Readonly<{ kind: string; code: string; name: string }>;
  targets: readonly EvaluatedTarget[];
  counts: Readonly<Record<Status, number>>;
}>;

export function createFrameworkService(store: Store, frameworks: readonly Framework[], catalogue: () => readonly Indicator[]) {
  const find = (id: string): Framework => {
    const framework = frameworks.find((f) => f.id === id);
    if (framework === undefined) throw new NotFoundError(`No framework ${id}`);
    return framework;
  };
  const { contextOf, evaluateOne } = createFrameworkFigures(store, catalogue);

  return {
    list: (): readonly Framework[] => frameworks,
    find,

    /** The places a framework can be evaluated for: its LA, the LA's districts, then the collaborations and other groupings. */
    async placesOf(id: string): Promise<{ kind: string; code: string; name: string }[]> {
      const la = await store.places.find('la', find(id).la);
      if (la === undefined) return [];
      const districts = await store.places.members(la.id, 'district');
      const groupings = (await store.places.byKind('grouping')).sort((a, b) => a.name.localeCompare(b.name));
      return [
        { kind: 'la', code: la.code, name: la.name },
        ...districts.map((d) => ({ kind: 'district', code: d.code, name: d.name })),
        ...groupings.map((g) => ({ kind: 'grouping', code: g.code, name: g.name })),
      ];
    },

    /**
     * The year to show a framework for: the year asked for, refused (not found) outside the framework's years, or the
     * latest of its years with any figure held for the LA (issue 11 point 15).
     */
    async yearOf(id: string, requested: number | undefined, policy: DisclosurePolicy): Promise<number> {
      const framework = find(id);
      const years: number[] = [];
      if (requested === undefined) {
        const context = await contextOf(framework);
        for (let y = framework.years.from; y <= framework.years.to; y++)
          if (framework.targets.some((t) => evaluateOne(framework, t, y, context, policy).evaluation.value !== null)) years.push(y);
      }
      return yearWithin(framework, requested, years);
    },

    /** `group` applies every all-pupils target to one pupil group (its own baseline read from the figures held). */
    async evaluate(id: string, year: number, policy: DisclosurePolicy, placeCode?: string, group?: string): Promise<FrameworkEvaluation> {
      const framework = find(id);
      yearWithin(framework, year, []);
      const context = await contextOf(framework, placeCode);
      const evaluated: EvaluatedTarget[] = [];
      for (const target of framework.targets) evaluated.push(evaluateOne(framework, forGroup(target, group), year, context, policy));
      const counts = { met: 0, on_track: 0, off_track: 0, not_yet_due: 0, no_data: 0 } as Record<Status, number>;
      for (const e of evaluated) counts[e.evaluation.status]++;
      return { framework, year, place: { kind: context.place.kind, code: context.place.code, name: context.place.name }, targets: evaluated, counts };
    },

    /**
     * One target in depth for a year: the LA's evaluation with its figures and trajectory, each district, each pupil
     * group (for an all-pupils target) and the LA's schools furthest from the end target.
     */
    async targetDetail(id: string, targetId: string, year: number, policy: DisclosurePolicy): Promise<TargetDetail> {
      const framework = find(id);
      const target = framework.targets.find((t) => t.id === targetId);
      if (target === undefined) throw new NotFoundError(`No target ${targetId} in ${framework.name}`);
      yearWithin(framework, year, []);
      const county = await contextOf(framework);
      const la = evaluateOne(framework, target, year, county, policy);
      const districts = [];
      for (const d of await store.places.members(county.la.id, 'district')) {
        const e = evaluateOne(framework, target, year, await contextOf(framework, d.code), policy);
        districts.push({ code: d.code, name: d.name, value: e.evaluation.value, status: e.evaluation.status, reason: e.evaluation.reason });
      }
      const groups = [];
      if (target.gap === null && target.breakdown === 'all' && target.indicator !== null)
        for (const breakdown of frameworkGroups) {
          const e = evaluateOne(framework, forGroup(target, breakdown), year, county, policy);
          groups.push({ breakdown, value: e.evaluation.value, status: e.evaluation.status });
        }
      return { framework, la, districts, groups, schools: await furthestSchools(framework, target, year, county, policy) };
    },

    /** A target across every framework version that holds it (same id), each year of each version, for the LA. */
    async history(targetId: string, policy: DisclosurePolicy): Promise<TargetHistory> {
      const versions = frameworks.filter((f) => f.targets.some((t) => t.id === targetId));
      if (versions.length === 0) throw new NotFoundError(`No target ${targetId} in any framework`);
      const result: TargetHistory[number][] = [];
      for (const framework of versions) {
        const target = framework.targets.find((t) => t.id === targetId)!;
        const context = await contextOf(framework);
        const years: EvaluatedTarget[] = [];
        for (let year = framework.years.from; year <= framework.years.to; year++) years.push(evaluateOne(framework, target, year, context, policy));
        result.push({ framework, target, years });
      }
      return result;
    },
  };

  /**
   * The LA's schools furthest short of the end target that year, by the target's measure (figures as disclosed); none
   * in a year whose measure is a relative-only successor, on another scale than the target's.
   */
  async function furthestSchools(framework: Framework, target: Target, year: number, context: Context, policy: DisclosurePolicy) {
    const code = measureFor(target, year);
    const indicator = code === null ? undefined : context.indicators.get(code);
    const goal = endGoalIn(target, indicator?.polarity ?? 'none', year);
    if (indicator === undefined || goal === null || target.gap !== null || indicator.polarity === 'none') return [];
    // A mainstream target against mainstream schools only: special schools and PRUs are not what the figure measures.
    const schools = (await store.places.members(context.la.id, 'school')).filter((s) => isStateFundedMainstream(s.attributes));
    if (schools.length === 0) return [];
    const rows = ownFigures(
      await store.observations.find({
        indicatorCode: indicator.code,
        period: periodOfYear(year, indicator.periodType),
        breakdown: target.breakdown,
        basis: figureBases,
        placeIds: schools.map((s) => s.id),
        limit: 20_000,
      }),
    );
    const shown = discloseRows(rows, () => indicator, policy);
    const figures = rows.map((r, i) => ({ urn: r.place.code, name: r.place.name, value: shown[i]!.value, pupils: shown[i]!.denominator }));
    return furthestShort(figures, goal.value, indicator.polarity, indicator.decimalPlaces);
  }
}

/** A framework year, or not found: a framework sets no target outside its years. */
function yearWithin(framework: Framework, requested: number | undefined, yearsWithFigures: readonly number[]): number {
  const chosen = frameworkYear(framework, requested, yearsWithFigures);
  if (!chosen.ok) throw new NotFoundError(chosen.reason);
  return chosen.year;
}
