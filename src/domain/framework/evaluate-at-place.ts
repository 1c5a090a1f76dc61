import { describeRate, type CountOf } from '../comparison/count-rates.ts';
import { neighbourAverage, rankPlaces } from '../comparison/ranking.ts';
import type { Indicator, Polarity, Unit } from '../indicators/indicator.ts';
import { endGoal, evaluateTarget, trajectoryAt, type RelativeOnlyYear, type TargetEvaluation, type YearFigure } from './evaluate.ts';
import { periodOfYear } from '../periods/period.ts';
import { measureFor, missingInput, noComparableMeasure, relativeOnlyMeasure, type Framework, type InputsHeld, type Target } from './framework.ts';
import { newMeasuresByYear } from './year-figures.ts';
import { recordFromFramework, type DeliveryRecord } from './delivery.ts';
import { evaluateAcrossPlaces, listed } from './named-places.ts';

/**
 * A target evaluated for one place (the LA, a district or a collaboration) and year over the figures already read and
 * disclosed: the place's series by the measure in force each year, the baseline read from it where the framework
 * leaves it open, the comparators (England, the region, the statistical-neighbour average and the LA's rank among its
 * neighbours), a count compared only as a rate of its whole, and what the pages show beside the status.
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
  /** The unit and decimals the year's figure is written in (its measure's; a gap's in points). */
  unit: Unit;
  decimalPlaces: number;
}>;

/**
 * `indicator` is the target's own; `measure` the indicator measuring the year evaluated (a successor, where the DfE
 * replaced the target's), null where none does.
 */
export type EvaluatedTarget = Readonly<{
  target: Target;
  indicator: Indicator | null;
  measure: Indicator | null;
  evaluation: TargetEvaluation;
  context: TargetContext;
}>;

/** A place's figure for the target in a year, as shown, with what a count counts from (its denominator, or the schools judged). */
export type PlaceFigure = Readonly<{ placeId: number; figure: YearFigure; denominator: number | null; judged: number | null }>;

type PlaceRef = Readonly<{ id: number; code: string }>;

export type PlaceEvaluationInput = Readonly<{
  framework: Pick<Framework, 'years' | 'targets'>;
  target: Target;
  year: number;
  place: Readonly<{ id: number; kind: string; name: string; code?: string }>;
  la: PlaceRef;
  england: PlaceRef | undefined;
  region: PlaceRef | undefined;
  /** The statistical-neighbour group's LAs (the LA among them). */
  members: readonly PlaceRef[];
  indicators: ReadonlyMap<string, Indicator>;
  /** Each year's figures (`yearsOf`) by the target's measure that year (`measureIn`), for the place and its comparators. */
  figures: ReadonlyMap<number, readonly PlaceFigure[]>;
  /** The indicators Waymark computes from pupil records, and the pupil collections imported by period. */
  computable: ReadonlySet<string>;
  pupilCollections: ReadonlyMap<string, readonly string[]>;
  /** The place's figure for the year held with a symbol in place of a value, with the rule that withheld it. */
  withheld?: InputsHeld['withheld'];
  /** Feeds some of whose files are imported (e.g. 'ofsted' once inspections are held). */
  feedsImported?: ReadonlySet<string>;
  /** The target's delivery records made by officers (delivery.ts); the framework file's `done:` entry is added to them. */
  delivery?: readonly DeliveryRecord[];
  /** The periods each indicator has figures for in the store by group (`code|breakdown`, any place), to say a figure is held for other years only. */
  periodsHeld?: ReadonlyMap<string, readonly string[]>;
  /** The districts a target names (`places`) as held, their figures among `figures`: the LA's line is read from theirs. */
  namedPlaces?: readonly Readonly<{ id: number; code: string; name: string }>[];
}>;

const noContext: TargetContext = {
  series: [],
  trajectory: [],
  england: null,
  englandRate: null,
  neighbourAverage: null,
  rank: null,
  unit: 'count',
  decimalPlaces: 0,
};

/** The years a framework's figures are read for: from its earliest baseline (or the year before its first) to its last. */
export function yearsOf(framework: Pick<Framework, 'years' | 'targets'>): number[] {
  const from = Math.min(framework.years.from - 1, ...framework.targets.flatMap((t) => (t.baseline === null ? [] : [t.baseline.year])));
  return Array.from({ length: framework.years.to - from + 1 }, (_, i) => from + i);
}

/** The indicator measuring a target in a year (its successor where the DfE replaced it), if the catalogue holds it. */
export function measureIn(target: Target, year: number, indicators: ReadonlyMap<string, Indicator>): Indicator | undefined {
  const code = target.indicator === null ? null : measureFor(target, year);
  return code === null ? undefined : indicators.get(code);
}

/** An all-pupils target read for one pupil group: the same rules, the group's own figures and baseline. */
export function forGroup(target: Target, group: string | undefined): Target {
  if (group === undefined || group === 'all' || target.gap !== null || target.breakdown !== 'all' || target.indicator === null) return target;
  return { ...target, breakdown: group, baseline: target.baseline === null ? null : { year: target.baseline.year, value: null } };
}

export function evaluateAtPlace(input: PlaceEvaluationInput): EvaluatedTarget {
  const { framework, target, year, place, la, england, region, members, indicators } = input;
  const years = yearsOf(framework);
  // A target set for named districts is read for the LA from theirs (named-places.ts).
  const applies =
    place.kind === 'la'
      ? target.levels.includes('county') || target.places !== undefined
      : target.levels.includes('district') || target.levels.includes('county');
  const indicator = target.indicator === null ? null : (indicators.get(target.indicator) ?? null);
  const titleOf = (code: string) => indicators.get(code)?.title ?? code;
  const noMeasure = noComparableMeasure(target, year, titleOf);
  // The year's own measure (a successor's unit and decimals may differ from the target's indicator: Attainment 8).
  const measure = measureIn(target, year, indicators) ?? null;
  const shownBy = measure ?? indicator;
  if (!applies)
    return {
      target,
      indicator,
      measure,
      evaluation: noData(year, `Set for ${target.levels.join(' and ')} level, not for ${place.name}.`),
      context: noContext,
    };
  if (noMeasure !== null) return { target, indicator, measure: null, evaluation: noData(year, `${noMeasure}.`), context: noContext };
  if (target.places !== undefined) {
    const named = target.places.map((code) => input.namedPlaces?.find((p) => p.code === code) ?? { id: null, code, name: code });
    if (place.kind === 'la') {
      const each = named.map((p) => ({
        name: p.name,
        evaluation:
          p.id === null
            ? noData(year, `${p.code} is not among the LA’s districts held.`)
            : evaluateAtPlace({ ...input, place: { id: p.id, kind: 'district', name: p.name, code: p.code } }).evaluation,
      }));
      return { target, indicator, measure, evaluation: evaluateAcrossPlaces(year, each), context: noContext };
    }
    if (!target.places.includes(place.code ?? ''))
      return {
        target,
        indicator,
        measure,
        evaluation: noData(year, `Set for ${listed(named.map((p) => p.name))}, not for ${place.name}.`),
        context: noContext,
      };
  }

  const { byPlace, wholes, wholeLabel } = seriesByPlace(input, years);
  const fileRecord = recordFromFramework(target);
  const valuesOf = (placeId: number | undefined) =>
    placeId === undefined ? new Map<number, YearFigure>() : (byPlace.get(placeId) ?? new Map<number, YearFigure>());
  const plain = (series: Map<number, YearFigure>) => new Map([...series].map(([y, f]) => [y, f.value]));
  const polarity: Polarity = target.gap !== null ? 'lower_is_better' : (shownBy?.polarity ?? 'none');
  const { neighbours, neighbourRank } = neighbourComparison(
    place.kind === 'la' ? la.code : null,
    members,
    years,
    polarity,
    (id, y) => valuesOf(id).get(y)?.value ?? null,
  );
  const values = valuesOf(place.id);
  // A target whose figures Waymark does not hold at all says where they will come from, not just "no figure".
  if (indicator !== null && ![...values.values()].some((f) => f.value !== null) && !target.rules.some((r) => r.kind === 'milestone_done')) {
    const noneHeld = ![...byPlace.values()].some((series) => [...series.values()].some((f) => f.value !== null));
    const code = measureFor(target, year) ?? indicator.code;
    const feeding = indicators.get(code) ?? indicator;
    const period = periodOfYear(year, feeding.periodType);
    const group = target.gap?.group ?? target.breakdown;
    const held: InputsHeld = {
      computable: input.computable.has(code),
      pupilCollections: input.pupilCollections.get(period) ?? [],
      withheld: input.withheld ?? null,
      feedImported: input.feedsImported?.has(feeding.feed) ?? false,
      otherPeriods: input.periodsHeld?.get(`${code}|${group}`) ?? [],
      otherGroups: [...(input.periodsHeld?.keys() ?? [])].some((key) => key.startsWith(`${code}|`) && key !== `${code}|${group}`),
    };
    if (noneHeld) return { target, indicator, measure, evaluation: noData(year, `No data yet: ${missingInput(feeding, period, held)}.`), context: noContext };
  }
  // Years whose measure cannot be compared with the year before's: another indicator, or a break in the catalogue.
  const newMeasureFrom = newMeasuresByYear(target, years, (code) => indicators.get(code));
  const relativeOnly = relativeOnlyYears(target, years, indicators);
  const baseline =
    target.baseline === null || target.baseline.value !== null
      ? target.baseline
      : { ...target.baseline, value: values.get(target.baseline.year)?.value ?? null };
  const withBaseline = { ...target, baseline };
  const unit: Unit = target.gap !== null ? 'points' : (shownBy?.unit ?? 'count');
  const decimalPlaces = target.gap !== null ? Math.max(1, shownBy?.decimalPlaces ?? 1) : (shownBy?.decimalPlaces ?? 0);
  const evaluation = evaluateTarget(
    withBaseline,
    {
      polarity,
      unit,
      decimalPlaces,
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
      delivery: [...(fileRecord === null ? [] : [fileRecord]), ...(input.delivery ?? [])],
      relativeOnly,
    },
    year,
  );
  const goal = endGoal(withBaseline, polarity);
  const frameworkYears = years.filter((y) => y >= (baseline?.year ?? framework.years.from));
  const [ownWhole, englandWhole] = [wholes.get(place.id)?.get(year), england === undefined ? undefined : wholes.get(england.id)?.get(year)];
  const context: TargetContext = {
    series: frameworkYears.map((y) => ({ year: y, value: values.get(y)?.value ?? null, newMeasure: newMeasureFrom.has(y) })),
    // No point of the line to the target's level in a year whose measure is on another scale (relative-only).
    trajectory:
      goal === null
        ? []
        : frameworkYears.flatMap((y) => {
            const v = relativeOnly.has(y) ? null : trajectoryAt(withBaseline, goal, y);
            return v === null ? [] : [{ year: y, value: v }];
          }),
    // A count's England figure is not shown beside the place's: only England's rate, in words.
    england: shownBy?.unit === 'count' && target.gap === null ? null : (valuesOf(england?.id).get(year)?.value ?? null),
    englandRate:
      ownWhole === undefined || englandWhole === undefined ? null : `${describeRate(englandWhole, wholeLabel)}; here ${describeRate(ownWhole, wholeLabel)}`,
    neighbourAverage: neighbours.get(year) ?? null,
    rank: neighbourRank.get(year) ?? null,
    unit,
    decimalPlaces,
  };
  return { target, indicator, measure, evaluation, context };
}

/**
 * The years a relative-only successor measures, in words: its title, and the measure the target's level was set on
 * with the unit its levels are written in (a gap's in points, at one decimal or more).
 */
export function relativeOnlyYears(target: Target, years: readonly number[], indicators: ReadonlyMap<string, Indicator>): Map<number, RelativeOnlyYear> {
  const result = new Map<number, RelativeOnlyYear>();
  for (const y of years) {
    const basis = relativeOnlyMeasure(target, y);
    if (basis === null) continue;
    const replaced = basis.replaces === null ? undefined : indicators.get(basis.replaces);
    result.set(y, {
      measure: indicators.get(basis.indicator)?.title ?? basis.indicator,
      replaces:
        replaced === undefined
          ? null
          : {
              title: replaced.title,
              unit: target.gap !== null ? 'points' : replaced.unit,
              decimalPlaces: target.gap !== null ? Math.max(1, replaced.decimalPlaces) : replaced.decimalPlaces,
            },
    });
  }
  return result;
}

/**
 * Every place's series by year and, for a count, each year's count with its whole: counts across places are compared
 * only as rates of these (issue 11 point 14), named by the last whole read (the schools judged, or the denominator).
 */
function seriesByPlace(input: PlaceEvaluationInput, years: readonly number[]) {
  const { target, indicators } = input;
  const byPlace = new Map<number, Map<number, YearFigure>>();
  const wholes = new Map<number, Map<number, CountOf>>();
  let wholeLabel = 'the whole';
  for (const y of years) {
    const measure = measureIn(target, y, indicators);
    if (measure === undefined) continue;
    for (const { placeId, figure, denominator, judged } of input.figures.get(y) ?? []) {
      const series = byPlace.get(placeId) ?? new Map<number, YearFigure>();
      series.set(y, figure);
      const whole = denominator ?? judged;
      if (measure.unit === 'count' && target.gap === null && figure.value !== null && whole !== null && whole > 0) {
        wholes.set(placeId, (wholes.get(placeId) ?? new Map<number, CountOf>()).set(y, { count: figure.value, of: whole }));
        wholeLabel = judged !== null ? 'schools judged' : (measure.denominator?.toLowerCase() ?? 'the whole');
      }
      byPlace.set(placeId, series);
    }
  }
  return { byPlace, wholes, wholeLabel };
}

/**
 * For an LA with a neighbour group: each year's neighbour average (LAIT's: the neighbours' mean, the LA left out) and
 * the LA's rank among the group, given only where at least one other neighbour has a figure to rank against.
 */
function neighbourComparison(
  laCode: string | null,
  members: readonly PlaceRef[],
  years: readonly number[],
  polarity: Polarity,
  valueOf: (placeId: number, year: number) => number | null,
) {
  const neighbourRank = new Map<number, { rank: number; of: number }>();
  const neighbours = new Map<number, number | null>();
  if (laCode !== null && members.length > 0)
    for (const y of years) {
      const values = members.map((m) => ({ code: m.code, value: valueOf(m.id, y) }));
      const rank = rankPlaces(values, polarity).get(laCode) ?? null;
      const of = values.filter((v) => v.value !== null).length;
      if (rank !== null && of > 1) neighbourRank.set(y, { rank, of });
      neighbours.set(y, neighbourAverage(laCode, values));
    }
  return { neighbours, neighbourRank };
}

/** A status of no data, with its reason. */
function noData(year: number, reason: string): TargetEvaluation {
  return { year, status: 'no_data', reason, value: null, shown: null, rules: [], trajectory: null, trend: null, relativeOnly: null };
}
