import { NotFoundError } from '../domain/errors.ts';
import { neighbourAverage, rankPlaces } from '../domain/comparison/ranking.ts';
import { endGoal, evaluateTarget, trajectoryAt, type Status, type TargetEvaluation, type YearFigure } from '../domain/framework/evaluate.ts';
import { frameworkYear, measureFor, missingInput, noComparableMeasure, periodOfYear, type Framework, type Target } from '../domain/framework/framework.ts';
import { laitIndicatorCode, measuresOf } from '../domain/indicators/lait.ts';
import { measures as computedMeasures } from '../compute/measures.ts';
import type { SchoolAttributes } from '../domain/geography/place.ts';
import { isStateFundedMainstream } from '../domain/schools/school-phase.ts';
import { describeRate, type CountOf } from '../domain/comparison/count-rates.ts';
import { newMeasuresByYear, targetFigure } from '../domain/framework/year-figures.ts';
import type { DisclosurePolicy } from '../domain/indicators/disclosure.ts';
import type { Indicator, Polarity } from '../domain/indicators/indicator.ts';
import { roundHalfUp } from '../domain/indicators/rounding.ts';
import { figureBases, type ObservationRow } from '../store/observation-store.ts';
import type { Store } from '../store/store.ts';
import { discloseRows, groupFigureOf } from './disclose-rows.ts';
import { ownFigures } from './own-figures.ts';
import { pupilFormat } from './pupil-service.ts';

/**
 * A framework evaluated for a year and a place (the LA, or one of its districts): every target's status and reason from
 * the figures held, as shown to the audience (disclosed and rounded as published), with England, the region and the
 * statistical-neighbour group as comparators. Targets whose figures are not held show no data, never a made-up value.
 */

/** What the pages show beside a status: the place's figures and the line to the target by year, England, neighbours. */
export type TargetContext = Readonly<{
  /** `newMeasure`: the figure starts a new measure, not joined to the years before (issue 11 point 11). */
  series: readonly Readonly<{ year: number; value: number | null; newMeasure: boolean }>[];
  trajectory: readonly Readonly<{ year: number; value: number }>[];
  england: number | null;
  /** For a count: England's rate of its whole and this place's, in words (never England's count). */
  englandRate: string | null;
  neighbourAverage: number | null;
  rank: Readonly<{ rank: number; of: number }> | null;
}>;

export type EvaluatedTarget = Readonly<{ target: Target; indicator: Indicator | null; evaluation: TargetEvaluation; context: TargetContext }>;

export type TargetDetail = Readonly<{
  framework: Framework;
  la: EvaluatedTarget;
  districts: readonly Readonly<{ code: string; name: string; value: number | null; status: Status; reason: string }>[];
  groups: readonly Readonly<{ breakdown: string; value: number | null; status: Status }>[];
  schools: readonly Readonly<{ urn: string; name: string; value: number; pupils: number | null; short: number }>[];
}>;

const detailGroups = ['fsm', 'not-fsm', 'disadvantaged', 'not-disadvantaged', 'sen-support', 'ehc-plan', 'no-sen', 'in-care', 'gender:female', 'gender:male'];

const noContext: TargetContext = { series: [], trajectory: [], england: null, englandRate: null, neighbourAverage: null, rank: null };

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
        for (const breakdown of detailGroups) {
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

  type Context = Awaited<ReturnType<typeof contextOf>>;

  /** The LA's schools furthest short of the end target that year, by the target's measure (figures as disclosed). */
  async function furthestSchools(framework: Framework, target: Target, year: number, context: Context, policy: DisclosurePolicy) {
    const code = measureFor(target, year);
    const indicator = code === null ? undefined : context.indicators.get(code);
    const goal = endGoal(target, indicator?.polarity ?? 'none');
    if (indicator === undefined || goal === null || target.gap !== null || indicator.polarity === 'none') return [];
    // A mainstream target against mainstream schools only: special schools and PRUs are not what the figure measures.
    const schools = (await store.places.members(context.la.id, 'school')).filter((s) => isStateFundedMainstream(s.attributes as SchoolAttributes));
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
    const sign = indicator.polarity === 'higher_is_better' ? 1 : -1;
    return rows
      .map((r, i) => ({ urn: r.place.code, name: r.place.name, value: shown[i]!.value, pupils: shown[i]!.denominator }))
      .filter((s): s is { urn: string; name: string; value: number; pupils: number | null } => s.value !== null && sign * (goal.value - s.value) > 0)
      .map((s) => ({ ...s, short: roundHalfUp(sign * (goal.value - s.value), indicator.decimalPlaces) }))
      .sort((a, b) => b.short - a.short || a.name.localeCompare(b.name))
      .slice(0, 10);
  }

  async function contextOf(framework: Framework, placeCode?: string) {
    const la = await store.places.find('la', framework.la);
    if (la === undefined) throw new NotFoundError(`The framework's LA ${framework.la} is not held`);
    // A district of the LA, or a collaboration (grouping), read as a district is.
    const place =
      placeCode === undefined || placeCode === framework.la
        ? la
        : ((await store.places.find('district', placeCode)) ?? (await store.places.find('grouping', placeCode)));
    if (place === undefined) throw new NotFoundError(`No district or collaboration ${placeCode} in ${la.name}`);
    const england = (await store.places.byKind('country'))[0];
    const region = (await store.places.parents(la.id)).find((p) => p.kind === 'region');
    const group = framework.neighbourGroup === null ? undefined : await store.places.find('neighbour_group', framework.neighbourGroup);
    const members = group === undefined ? [] : await store.places.members(group.id, 'la');
    // Every figure the framework can need for these places, read once: evaluating 50 targets over 5 years is then
    // done in memory rather than in hundreds of queries.
    const ids = [...new Set([place.id, la.id, ...(england ? [england.id] : []), ...(region ? [region.id] : []), ...members.map((m) => m.id)])];
    const indicators = new Map(catalogue().map((i) => [i.code, i]));
    // Every indicator that measures a target: its own code and the LAIT measures publishing its breakdowns.
    const codes = [
      ...new Set(
        framework.targets.flatMap((t) =>
          t.measures.flatMap((m) => [m.indicator, ...Object.values(indicators.get(m.indicator)?.laitBreakdowns ?? {}).map(laitIndicatorCode)]),
        ),
      ),
    ];
    const held = await store.observations.find({ indicatorCodes: codes, placeIds: ids, basis: figureBases, limit: 500_000 });
    const byKey = new Map<string, ObservationRow[]>();
    for (const r of held) {
      const key = `${r.indicatorCode}|${r.period}|${r.breakdown}`;
      const list = byKey.get(key);
      if (list === undefined) byKey.set(key, [r]);
      else list.push(r);
    }
    const stored = (code: string, period: string, breakdown: string) => byKey.get(`${code}|${period}|${breakdown}`) ?? [];
    // A place's figure from the first indicator measuring it that holds one (the catalogue's own code first).
    const rowsFor = (indicator: Indicator, period: string, breakdown: string): ObservationRow[] => {
      const rows: ObservationRow[] = [];
      for (const source of measuresOf(indicator, breakdown)) {
        const covered = new Set(rows.map((r) => r.placeId));
        for (const r of stored(source.code, period, source.breakdown))
          if (!covered.has(r.placeId)) rows.push(source.code === indicator.code ? r : { ...r, indicatorCode: indicator.code, breakdown });
      }
      return rows;
    };
    const pupilCollections = new Map<string, string[]>();
    for (const b of await store.register.batches(100_000, pupilFormat)) {
      const match = /^(\w+)\/\w+-(\d{6})-/.exec(b.fileName);
      if (match === null) continue;
      const list = pupilCollections.get(match[2]!) ?? [];
      if (!list.includes(match[1]!)) pupilCollections.set(match[2]!, [...list, match[1]!].sort());
    }
    return { la, place, england, region, members, rowsFor, indicators, pupilCollections };
  }

  function evaluateOne(framework: Framework, target: Target, year: number, context: Context, policy: DisclosurePolicy): EvaluatedTarget {
    const { la, place, england, region, members, indicators, rowsFor, pupilCollections } = context;
    const years = yearsOf(framework);
    const applies = place.kind === 'la' ? target.levels.includes('county') : target.levels.includes('district') || target.levels.includes('county');
    const indicator = target.indicator === null ? null : (indicators.get(target.indicator) ?? null);
    const noMeasure = noComparableMeasure(target, year);
    if (!applies || noMeasure !== null) {
      const reason = !applies ? `Set for ${target.levels.join(' and ')} level, not for ${place.name}` : noMeasure!;
      return { target, indicator, evaluation: noData(year, `${reason}.`), context: noContext };
    }
    // The figures of every year, measured by the indicator in force that year, for the place and its comparators.
    const byPlace = new Map<number, Map<number, YearFigure>>();
    // For a count, what it counts from (the schools judged, or the published denominator): counts across places are
    // compared only as rates of these (issue 11 point 14).
    const wholes = new Map<number, Map<number, CountOf>>();
    let wholeLabel = 'the whole';
    for (const y of years) {
      const code = target.indicator === null ? null : measureFor(target, y);
      const measure = code === null ? undefined : indicators.get(code);
      if (measure === undefined) continue;
      const period = periodOfYear(y, measure.periodType);
      const breakdowns = target.gap === null ? [target.breakdown] : [target.gap.group, target.gap.other];
      const rows = ownFigures(breakdowns.flatMap((breakdown) => rowsFor(measure, period, breakdown)));
      const shown = discloseRows(rows, () => measure, policy);
      for (const placeId of new Set(rows.map((r) => r.placeId))) {
        const figure = targetFigure(target, measure.decimalPlaces, groupFigureOf(rows, shown, placeId));
        const series = byPlace.get(placeId) ?? new Map<number, YearFigure>();
        series.set(y, figure);
        const row = rows.find((r) => r.placeId === placeId && r.breakdown === target.breakdown);
        const judged = row?.detail !== null && row?.detail !== undefined && 'judged' in row.detail ? (row.detail.judged ?? null) : null;
        const whole = row?.denominator ?? judged;
        if (measure.unit === 'count' && target.gap === null && figure.value !== null && whole !== null && whole !== undefined && whole > 0) {
          wholes.set(placeId, (wholes.get(placeId) ?? new Map<number, CountOf>()).set(y, { count: figure.value, of: whole }));
          wholeLabel = judged !== null ? 'schools judged' : (measure.denominator?.toLowerCase() ?? 'the whole');
        }
        byPlace.set(placeId, series);
      }
    }
    const valuesOf = (placeId: number | undefined) =>
      placeId === undefined ? new Map<number, YearFigure>() : (byPlace.get(placeId) ?? new Map<number, YearFigure>());
    const plain = (series: Map<number, YearFigure>) => new Map([...series].map(([y, f]) => [y, f.value]));
    const polarity: Polarity = target.gap !== null ? 'lower_is_better' : (indicator?.polarity ?? 'none');
    const neighbourValues = (y: number) => members.map((m) => ({ code: m.code, value: valuesOf(m.id).get(y)?.value ?? null }));
    const neighbourRank = new Map<number, { rank: number; of: number }>();
    const neighbours = new Map<number, number | null>();
    if (place.kind === 'la' && members.length > 0)
      for (const y of years) {
        const values = neighbourValues(y);
        const rank = rankPlaces(values, polarity).get(la.code) ?? null;
        const of = values.filter((v) => v.value !== null).length;
        // A rank needs neighbours: with only the LA's own figure there is nothing to rank against.
        if (rank !== null && of > 1) neighbourRank.set(y, { rank, of });
        neighbours.set(y, neighbourAverage(la.code, values));
      }
    const values = valuesOf(place.id);
    // A target whose figures Waymark does not hold at all says where they will come from, not just "no figure".
    if (indicator !== null && ![...values.values()].some((f) => f.value !== null) && !target.rules.some((r) => r.kind === 'milestone_done')) {
      const noneHeld = ![...byPlace.values()].some((series) => [...series.values()].some((f) => f.value !== null));
      const code = measureFor(target, year) ?? indicator.code;
      const measure = indicators.get(code) ?? indicator;
      const period = periodOfYear(year, measure.periodType);
      const held = { computable: computedMeasures.some((m) => m.indicator === code), pupilCollections: pupilCollections.get(period) ?? [] };
      if (noneHeld) return { target, indicator, evaluation: noData(year, `No data yet: ${missingInput(measure, period, held)}.`), context: noContext };
    }
    // Years whose measure cannot be compared with the year before's: another indicator, or a break in the catalogue.
    const newMeasureFrom = newMeasuresByYear(target, years, (code) => indicators.get(code));
    const baseline =
      target.baseline === null || target.baseline.value !== null
        ? target.baseline
        : { ...target.baseline, value: values.get(target.baseline.year)?.value ?? null };
    const evaluation = evaluateTarget(
      { ...target, baseline },
      {
        polarity,
        unit: target.gap !== null ? 'points' : (indicator?.unit ?? 'count'),
        decimalPlaces: target.gap !== null ? Math.max(1, indicator?.decimalPlaces ?? 1) : (indicator?.decimalPlaces ?? 0),
        values,
        comparators: { england: plain(valuesOf(england?.id)), region: plain(valuesOf(region?.id)), neighbours },
        neighbourRank,
        newMeasureFrom,
        wholes: {
          label: wholeLabel,
          own: wholes.get(place.id) ?? new Map(),
          comparators: {
            ...(england === undefined || !wholes.has(england.id) ? {} : { england: wholes.get(england.id)! }),
            ...(region === undefined || !wholes.has(region.id) ? {} : { region: wholes.get(region.id)! }),
          },
        },
        done: target.done,
      },
      year,
    );
    const goal = endGoal({ ...target, baseline }, polarity);
    const frameworkYears = years.filter((y) => y >= (baseline?.year ?? framework.years.from));
    const shownWith: TargetContext = {
      series: frameworkYears.map((y) => ({ year: y, value: values.get(y)?.value ?? null, newMeasure: newMeasureFrom.has(y) })),
      trajectory:
        goal === null
          ? []
          : frameworkYears.flatMap((y) => {
              const v = trajectoryAt({ ...target, baseline }, goal, y);
              return v === null ? [] : [{ year: y, value: v }];
            }),
      // A count's England figure is not shown beside the place's: only England's rate, in words.
      england: indicator?.unit === 'count' && target.gap === null ? null : (valuesOf(england?.id).get(year)?.value ?? null),
      englandRate: (() => {
        const [own, theirs] = [wholes.get(place.id)?.get(year), england === undefined ? undefined : wholes.get(england.id)?.get(year)];
        return own === undefined || theirs === undefined ? null : `${describeRate(theirs, wholeLabel)}; here ${describeRate(own, wholeLabel)}`;
      })(),
      neighbourAverage: neighbours.get(year) ?? null,
      rank: neighbourRank.get(year) ?? null,
    };
    return { target, indicator, evaluation, context: shownWith };
  }
}

/** A framework year, or not found: a framework sets no target outside its years. */
function yearWithin(framework: Framework, requested: number | undefined, yearsWithFigures: readonly number[]): number {
  const chosen = frameworkYear(framework, requested, yearsWithFigures);
  if (!chosen.ok) throw new NotFoundError(chosen.reason);
  return chosen.year;
}

/** An all-pupils target read for one pupil group: the same rules, the group's own figures and baseline. */
export function forGroup(target: Target, group: string | undefined): Target {
  if (group === undefined || group === 'all' || target.gap !== null || target.breakdown !== 'all' || target.indicator === null) return target;
  return { ...target, breakdown: group, baseline: target.baseline === null ? null : { year: target.baseline.year, value: null } };
}

function yearsOf(framework: Framework): number[] {
  const from = Math.min(framework.years.from - 1, ...framework.targets.flatMap((t) => (t.baseline === null ? [] : [t.baseline.year])));
  return Array.from({ length: framework.years.to - from + 1 }, (_, i) => from + i);
}

function noData(year: number, reason: string): TargetEvaluation {
  return { year, status: 'no_data', reason, value: null, rules: [], trajectory: null, trend: null };
}
