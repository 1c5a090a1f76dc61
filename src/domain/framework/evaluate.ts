import type { DfeSymbol, Polarity, Unit } from '../indicators/indicator.ts';
import { numberText } from '../indicators/number-text.ts';
import { roundHalfUp } from '../indicators/rounding.ts';
import { describeRate, rateOf, type CountOf } from '../comparison/count-rates.ts';
import { isRelativeRule, relativeOnlyMeasure, type Comparator, type NeighbourReading, type Target, type TargetRule } from './framework.ts';
import { deliveryStatus, type DeliveryRecord } from './delivery.ts';

/**
 * Evaluating a target for one year and place, from plain data: the place's figures as shown (rounded as published,
 * with DfE symbols), its comparators and its rank among neighbours. Every status comes with its reason in plain words.
 *
 *   met          every rule holds (a target met before its deadline is met early)
 *   on track     not met yet, but at or better than the trajectory: a straight line from the baseline through any
 *                milestones to the end target
 *   off track    a rule fails: behind the trajectory, past the deadline short of the target, or worse than a comparator
 *   not yet due  nothing to judge yet (a delivery milestone before its date, improving year on year in its first year)
 *   no data      no figure for the year, or one that is suppressed
 *
 * In a year measured by a relative-only successor (framework.ts `relativeRuleKinds`), only the rules that compare the
 * place with others that year are judged, on the successor's figures; every other rule is "not comparable" (a rule's
 * status, never a target's), named with the measure the target's level was set on, and left out like a rule without
 * its figure. No trajectory, trend or earlier year is read across to the successor.
 */

/** A target's status in a year, in the order pages list them. */
export const statuses = ['met', 'on_track', 'off_track', 'not_yet_due', 'no_data'] as const;
export type Status = (typeof statuses)[number];

/** A rule's status: a target's, or `not_comparable` for a rule the year's measure cannot answer (a relative-only year). */
export type RuleStatus = Status | 'not_comparable';

/**
 * A year measured by a relative-only successor, in words: the successor's title, and the measure the target's level
 * was set on (its title, and the unit and decimals its levels are written in), if any.
 */
export type RelativeOnlyYear = Readonly<{
  measure: string;
  replaces: Readonly<{ title: string; unit: Unit; decimalPlaces: number }> | null;
}>;

export type YearFigure = Readonly<{
  value: number | null;
  symbol: DfeSymbol | null;
  /**
   * The value before rounding, where the audience sees the figure at all: a target of "all" is judged on it, so 199 of
   * 200 (99.5%, shown as 100%) does not meet it.
   */
  unrounded?: number | null;
}>;

export type TargetData = Readonly<{
  polarity: Polarity;
  unit: Unit;
  decimalPlaces: number;
  /** The place's figures by year. */
  values: ReadonlyMap<number, YearFigure>;
  comparators?: Partial<Readonly<Record<Comparator, ReadonlyMap<number, number | null>>>>;
  /** The place's rank within its statistical-neighbour group (1 is best) and the group's size. */
  neighbourRank?: ReadonlyMap<number, Readonly<{ rank: number; of: number }>>;
  /**
   * Years that start a new measure (the catalogue's breaks, or a different indicator from the year before), with the
   * words to say: no rule, trend or line compares a figure with one before such a year (issue 11 point 11).
   */
  newMeasureFrom?: ReadonlyMap<number, string>;
  /**
   * For a count: each year's count with its whole (e.g. schools judged), here and for each comparator. A count is
   * compared with a comparator only as a rate of its whole, never count against count (issue 11 point 14).
   */
  wholes?: Readonly<{ label: string; own: ReadonlyMap<number, CountOf>; comparators: Partial<Readonly<Record<Comparator, ReadonlyMap<number, CountOf>>>> }>;
  /** A delivery milestone's records (delivery.ts): the framework file's `done:` entry and what officers recorded. */
  delivery?: readonly DeliveryRecord[];
  /**
   * Years measured by a relative-only successor: `values` and the comparators hold the successor's figures for them
   * (and `unit` and `decimalPlaces` are the successor's), read by the relative rules only.
   */
  relativeOnly?: ReadonlyMap<number, RelativeOnlyYear>;
}>;

export type RuleResult = Readonly<{ kind: TargetRule['kind']; status: RuleStatus; reason: string }>;

export type TargetEvaluation = Readonly<{
  year: number;
  status: Status;
  reason: string;
  value: number | null;
  /** The figure as the reasons write it: rounded once to its decimals, with its unit ("75.0%", "19.2 points"). */
  shown: string | null;
  rules: readonly RuleResult[];
  /** Where the straight line from the baseline to the end target says the figure should be this year. */
  trajectory: number | null;
  /** Where the last three years' trend would take the figure by the deadline. */
  trend: Readonly<{ year: number; value: number }> | null;
  /** In a year measured by a relative-only successor: the measure judged on and the one the target was set on. */
  relativeOnly: RelativeOnlyYear | null;
}>;

export function evaluateTarget(target: Target, data: TargetData, year: number): TargetEvaluation {
  const fmt = formatter(data.unit, data.decimalPlaces);
  const figure = data.values.get(year);
  const value = figure?.value ?? null;
  const basis = data.relativeOnly?.get(year) ?? null;
  const goal = endGoal(target, data.polarity);
  // On a relative-only successor there is no line to the target's level, and no trend across the break to it.
  const trajectory = goal === null || basis !== null ? null : trajectoryAt(target, goal, year);
  const trend = goal === null || basis !== null ? null : trendTo(comparableWith(data, year), year, goal.year, data.decimalPlaces);
  const results = ruleResults(target, data, year, fmt, trajectory);
  const status = combine(results.map((r) => r.status));
  const context = contextOf(data, year, fmt);
  // Earlier years were judged on another measure, with every rule: "not held" would compare across the break.
  const history = status === 'met' || value === null || basis !== null ? '' : metEarlierNote(target, data, year);
  const trendNote = trend !== null && status !== 'met' && status !== 'no_data' ? `on the recent trend ${fmt.value(trend.value)} by ${trend.year}` : '';
  // A target with several rules is judged on the rules that can be judged; the ones that cannot are named, not hidden.
  const comparable = results.filter((r) => r.status !== 'not_comparable');
  const judged = status === 'no_data' ? comparable : comparable.filter((r) => r.status !== 'no_data');
  const unjudged = status === 'no_data' ? [] : comparable.filter((r) => r.status === 'no_data');
  const notJudged = unjudged.length === 0 ? '' : `not judged: ${[...new Set(unjudged.map((r) => r.reason))].join('; ')}`;
  const judgedReasons = [...new Set(judged.map((r) => r.reason))].join('; ');
  const otherScale = results.filter((r) => r.status === 'not_comparable');
  // In a relative-only year the reason says which measure the rules were judged on, or could not be.
  const judgedOn =
    basis === null || judgedReasons === ''
      ? judgedReasons
      : status === 'no_data'
        ? `not judged on ${basis.measure}: ${judgedReasons}`
        : `judged on ${basis.measure}, against others the same year only: ${judgedReasons}`;
  const notComparableNote =
    basis === null || otherScale.length === 0
      ? ''
      : `not comparable, being set on ${setOn(basis)}: ${target.rules
          .filter((r) => !isRelativeRule(r))
          .map((r) => askedBy(r, target, year, basis))
          .join('; ')}`;
  const reason = [judgedOn, notComparableNote, notJudged, history, context, trendNote]
    .filter((s) => s !== '')
    .map((s) => s[0]!.toUpperCase() + s.slice(1))
    .join('. ');
  return { year, status, reason: `${reason}.`, value, shown: value === null ? null : fmt.value(value), rules: results, trajectory, trend, relativeOnly: basis };
}

/** Each rule's result for the year: on a relative-only successor, only the relative rules are judged. */
function ruleResults(target: Target, data: TargetData, year: number, fmt: Formatter, trajectory: number | null): RuleResult[] {
  const basis = data.relativeOnly?.get(year);
  return target.rules.map((rule) =>
    basis !== undefined && !isRelativeRule(rule) ? notComparable(rule, target, year, basis) : evaluateRule(rule, target, data, year, fmt, trajectory),
  );
}

/**
 * A rule that reads the target's own scale or the years before (not `relativeRuleKinds`), in a year measured by a
 * relative-only successor: not comparable, saying what it asks and on which measure it was set.
 */
function notComparable(rule: TargetRule, target: Target, year: number, basis: RelativeOnlyYear): RuleResult {
  const asked = askedBy(rule, target, year, basis);
  const verb = rule.kind === 'milestones' ? 'are' : 'is';
  return { kind: rule.kind, status: 'not_comparable', reason: `${asked} ${verb} set on ${setOn(basis)}, not comparable with the ${year} measure` };
}

const setOn = (basis: RelativeOnlyYear) => (basis.replaces === null ? 'another measure' : basis.replaces.title);

/** What a rule asks, in words, with its levels written in the unit of the measure the target was set on. */
function askedBy(rule: TargetRule, target: Target, year: number, basis: RelativeOnlyYear): string {
  const fmt = formatter(basis.replaces?.unit ?? 'count', basis.replaces?.decimalPlaces ?? 0);
  switch (rule.kind) {
    case 'at_least':
    case 'at_most':
      return `the ${rule.by} target of ${rule.kind === 'at_least' ? 'at least' : 'at most'} ${fmt.value(rule.value)}`;
    case 'zero':
      return `the ${rule.by} target of none`;
    case 'every':
      return `the ${rule.by} target of all`;
    case 'milestones':
      return `the milestones of ${[...rule.points]
        .sort((a, b) => a.year - b.year)
        .map((p) => `${fmt.value(p.value)} by ${p.year}`)
        .join(' and ')}`;
    case 'change_from_baseline':
      return `the ${rule.by} target of ${rule.unit === 'points' ? `${rule.change} points` : `${rule.change}%`} on ${target.baseline === null ? 'the baseline' : `the ${target.baseline.year} baseline`}`;
    case 'year_on_year':
      return `improvement on ${year - 1}`;
    case 'band':
      return `the band ${fmt.value(rule.min)} to ${fmt.value(rule.max)}`;
    default:
      return `the ${rule.kind.replaceAll('_', ' ')} rule`;
  }
}

function evaluateRule(rule: TargetRule, target: Target, data: TargetData, year: number, fmt: Formatter, trajectory: number | null): RuleResult {
  const kind = rule.kind;
  if (kind === 'milestone_done') {
    return { kind, ...deliveryStatus(data.delivery ?? [], rule.due, year) };
  }
  if (kind === 'year_on_year' && year <= rule.from) return { kind, status: 'not_yet_due', reason: `improvement is counted year on year from ${rule.from}` };
  const figure = data.values.get(year);
  if (figure === undefined || figure.value === null) {
    const why = figure?.symbol === 'c' ? 'suppressed (c)' : figure?.symbol === 'z' ? 'not applicable (z)' : 'no figure';
    return { kind, status: 'no_data', reason: `${why} for ${year}` };
  }
  const value = figure.value;
  switch (kind) {
    case 'at_least':
    case 'at_most':
      return threshold(
        kind,
        value,
        rule.value,
        rule.by,
        year,
        trajectory,
        fmt,
        `the ${rule.by} target of ${kind === 'at_least' ? 'at least' : 'at most'} ${fmt.value(rule.value)}`,
      );
    case 'zero':
      return threshold('at_most', value, 0, rule.by, year, trajectory, fmt, `the ${rule.by} target of none`, kind);
    case 'every': {
      const exact = figure.unrounded ?? value;
      // Shown as all but short of it before rounding: not met, whatever the figure rounds to.
      if (exact < 100 && value >= 100) {
        const short = `${fmt.value(value)} is rounded up from ${underAll(exact)}, short of the ${rule.by} target of all`;
        if (year >= rule.by || trajectory === null) return { kind, status: 'off_track', reason: short };
        const onLine = exact >= trajectory;
        return {
          kind,
          status: onLine ? 'on_track' : 'off_track',
          reason: `${short}; ${onLine ? 'at or better than' : 'behind'} the trajectory (${fmt.value(trajectory)} by ${year})`,
        };
      }
      return threshold('at_least', value, 100, rule.by, year, trajectory, fmt, `the ${rule.by} target of all`, kind);
    }
    case 'change_from_baseline': {
      if (target.baseline === null || target.baseline.value === null)
        return { kind, status: 'no_data', reason: `no ${target.baseline?.year ?? ''} baseline figure to measure the change from`.replace('  ', ' ') };
      const goal = changedValue(target.baseline.value, rule.change, rule.unit, data.polarity, data.decimalPlaces);
      const direction = data.polarity === 'lower_is_better' ? 'at_most' : 'at_least';
      const change = `${rule.unit === 'points' ? `${numberText(rule.change)} points` : `${numberText(rule.change)}%`} on the ${target.baseline.year} baseline of ${fmt.value(target.baseline.value)}`;
      return threshold(direction, value, goal, rule.by, year, trajectory, fmt, `the ${rule.by} target of ${fmt.value(goal)} (${change})`, kind);
    }
    case 'milestones': {
      const points = [...rule.points].sort((a, b) => a.year - b.year);
      const last = points[points.length - 1]!;
      const direction = data.polarity === 'lower_is_better' ? 'at_most' : 'at_least';
      const due = points.find((p) => p.year === year);
      if (due !== undefined && due !== last) {
        const holds = meets(direction, value, due.value);
        return {
          kind,
          status: holds ? 'on_track' : 'off_track',
          reason: `${fmt.value(value)} against a ${year} milestone of ${fmt.value(due.value)}: ${holds ? 'milestone reached' : `${fmt.gap(value, due.value)} short`}`,
        };
      }
      return threshold(direction, value, last.value, last.year, year, trajectory, fmt, `the ${last.year} milestone of ${fmt.value(last.value)}`, kind);
    }
    case 'vs_comparator': {
      if (rule.from !== undefined && year < rule.from)
        return { kind, status: 'not_yet_due', reason: `compared with ${comparatorName[rule.comparator]} from ${rule.from}` };
      if (data.unit === 'count') {
        // Count against count says nothing across places of different sizes: compare the rates of their wholes.
        const own = data.wholes?.own.get(year);
        const theirs = data.wholes?.comparators[rule.comparator]?.get(year);
        if (own === undefined || theirs === undefined)
          return {
            kind,
            status: 'no_data',
            reason: `no rate to compare with ${comparatorName[rule.comparator]} for ${year} (a count is compared only as a rate)`,
          };
        const [mine, their] = [rateOf(own)!, rateOf(theirs)!];
        const better = isBetter(data.polarity, mine, their);
        const relation = mine === their ? 'level with' : better ? 'better than' : 'worse than';
        const label = data.wholes!.label;
        return {
          kind,
          status: better ? 'met' : 'off_track',
          reason: `${describeRate(own, label)}, ${relation} ${comparatorName[rule.comparator]} (${describeRate(theirs, label)})`,
        };
      }
      const other = data.comparators?.[rule.comparator]?.get(year) ?? null;
      if (other === null) return { kind, status: 'no_data', reason: `no ${comparatorName[rule.comparator]} figure for ${year}` };
      const better = isBetter(data.polarity, value, other);
      const relation = value === other ? 'level with' : better ? 'better than' : 'worse than';
      return {
        kind,
        status: better ? 'met' : 'off_track',
        reason: `${fmt.value(value)}, ${relation} ${comparatorName[rule.comparator]} (${fmt.value(other)})`,
      };
    }
    case 'rank_among_neighbours': {
      const rank = data.neighbourRank?.get(year);
      if (rank === undefined) return { kind, status: 'no_data', reason: `no neighbour ranking for ${year}` };
      const holds = rank.rank <= bestRanks(rule.reading, rank.of);
      const reading = `${readingText[rule.reading]} (rank ${bestRanks(rule.reading, rank.of)} or better of ${rank.of})`;
      if (holds) return { kind, status: 'met', reason: `${ordinal(rank.rank)} of ${rank.of} neighbours: ${reading}` };
      const before = data.newMeasureFrom?.has(year) ? undefined : data.neighbourRank?.get(year - 1);
      const improving = before !== undefined && rank.rank < before.rank;
      return {
        kind,
        status: year < rule.by && improving ? 'on_track' : 'off_track',
        reason: `${ordinal(rank.rank)} of ${rank.of} neighbours, not yet ${reading}${before !== undefined ? ` (${ordinal(before.rank)} in ${year - 1})` : ''}`,
      };
    }
    case 'year_on_year': {
      const fresh = data.newMeasureFrom?.get(year);
      if (fresh !== undefined) return { kind, status: 'no_data', reason: `${fresh}: not compared with ${year - 1}` };
      const previous = data.values.get(year - 1)?.value ?? null;
      if (previous === null) return { kind, status: 'no_data', reason: `no ${year - 1} figure to compare with` };
      const better = isBetter(data.polarity, value, previous);
      return {
        kind,
        status: better ? 'met' : 'off_track',
        reason: `${fmt.value(value)} against ${fmt.value(previous)} in ${year - 1}: ${better ? 'improved' : 'not improved'}`,
      };
    }
    case 'band': {
      const inside = value >= rule.min && value <= rule.max;
      const range = `the band ${fmt.value(rule.min)} to ${fmt.value(rule.max)}`;
      if (inside) return { kind, status: 'met', reason: `${fmt.value(value)}, within ${range}` };
      const previous = data.newMeasureFrom?.has(year) ? null : (data.values.get(year - 1)?.value ?? null);
      const distance = (v: number) => (v < rule.min ? rule.min - v : v - rule.max);
      const closing = previous !== null && distance(value) < distance(previous);
      return {
        kind,
        status: rule.by !== undefined && year < rule.by && closing ? 'on_track' : 'off_track',
        reason: `${fmt.value(value)}, ${value < rule.min ? 'below' : 'above'} ${range}${closing ? ', moving towards it' : ''}`,
      };
    }
  }
}

/** The figures that may be compared with the year's: none before the latest new measure up to that year. */
export function comparableWith(data: Pick<TargetData, 'values' | 'newMeasureFrom'>, year: number): ReadonlyMap<number, YearFigure> {
  const from = Math.max(-Infinity, ...[...(data.newMeasureFrom?.keys() ?? [])].filter((y) => y <= year));
  return new Map([...data.values].filter(([y]) => y >= from));
}

/** A "reach this by then" rule: met when reached (early or on time); before the deadline, on track when at or better than the trajectory. */
function threshold(
  direction: 'at_least' | 'at_most',
  value: number,
  goal: number,
  by: number,
  year: number,
  trajectory: number | null,
  fmt: Formatter,
  described: string,
  kind: TargetRule['kind'] = direction,
): RuleResult {
  if (meets(direction, value, goal)) return { kind, status: 'met', reason: `${fmt.value(value)} meets ${described}${year < by ? ' (met early)' : ''}` };
  const short = `${fmt.value(value)} against ${described}: ${fmt.gap(value, goal)} short`;
  if (year >= by) return { kind, status: 'off_track', reason: short };
  if (trajectory === null) return { kind, status: 'off_track', reason: short };
  const onLine = meets(direction, value, trajectory);
  return {
    kind,
    status: onLine ? 'on_track' : 'off_track',
    reason: `${short}; ${onLine ? 'at or better than' : 'behind'} the trajectory (${fmt.value(trajectory)} by ${year})`,
  };
}

/** A share short of 100% written with the fewest decimals that keep it short (99.5%, 99.97%), never as 100. */
function underAll(exact: number): string {
  for (let d = 1; d < 6; d++) if (roundHalfUp(exact, d) < 100) return `${numberText(exact, d)}%`;
  return `${numberText(exact)}%`;
}

const meets = (direction: 'at_least' | 'at_most', value: number, goal: number) => (direction === 'at_least' ? value >= goal : value <= goal);

function isBetter(polarity: Polarity, value: number, other: number): boolean {
  return polarity === 'lower_is_better' ? value < other : value > other;
}

/** The baseline moved by the change in the direction of improvement (down for lower-is-better), at the indicator's decimals. */
export function changedValue(baseline: number, change: number, unit: 'points' | 'percent', polarity: Polarity, decimalPlaces: number): number {
  const sign = polarity === 'lower_is_better' ? -1 : 1;
  const moved = unit === 'points' ? baseline + sign * change : baseline * (1 + (sign * change) / 100);
  return roundHalfUp(moved, Math.max(decimalPlaces, 1));
}

/** The end target as one value and year (exported for the target page's chart and the schools furthest from it), from the rule that sets it (threshold, last milestone, change, none, all). */
export function endGoal(target: Target, polarity: Polarity): { year: number; value: number } | null {
  for (const rule of target.rules) {
    if (rule.kind === 'at_least' || rule.kind === 'at_most') return { year: rule.by, value: rule.value };
    if (rule.kind === 'zero') return { year: rule.by, value: 0 };
    if (rule.kind === 'every') return { year: rule.by, value: 100 };
    if (rule.kind === 'milestones' && rule.points.length > 0) {
      const last = [...rule.points].sort((a, b) => a.year - b.year).at(-1)!;
      return { year: last.year, value: last.value };
    }
    if (rule.kind === 'change_from_baseline' && target.baseline !== null && target.baseline.value !== null)
      return { year: rule.by, value: changedValue(target.baseline.value, rule.change, rule.unit, polarity, 1) };
  }
  return null;
}

/**
 * The end target that a year's figures can be set against (e.g. the schools furthest from it): none in a year measured
 * by a relative-only successor, whose scale is not the one the target's level is written on (87% at level 4 says
 * nothing of a school's share at the expected standard).
 */
export function endGoalIn(target: Target, polarity: Polarity, year: number): { year: number; value: number } | null {
  return relativeOnlyMeasure(target, year) === null ? endGoal(target, polarity) : null;
}

/** The straight line from the baseline through the milestones to the end target, read at `year` (null without a baseline). */
export function trajectoryAt(target: Target, goal: { year: number; value: number }, year: number): number | null {
  if (target.baseline === null || target.baseline.value === null) return null;
  const milestones = target.rules.flatMap((r) => (r.kind === 'milestones' ? r.points : []));
  const points = [{ year: target.baseline.year, value: target.baseline.value }, ...milestones, goal]
    .filter((p, i, all) => all.findIndex((q) => q.year === p.year) === i)
    .sort((a, b) => a.year - b.year);
  if (year <= points[0]!.year) return points[0]!.value;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (year <= b.year) return a.value + ((b.value - a.value) * (year - a.year)) / (b.year - a.year);
  }
  return points[points.length - 1]!.value;
}

/** A least-squares line through up to three years ending at `year`, read at the deadline (null with fewer than two figures). */
export function trendTo(
  values: ReadonlyMap<number, YearFigure>,
  year: number,
  deadline: number,
  decimalPlaces: number,
): { year: number; value: number } | null {
  if (deadline <= year) return null;
  const points = [year - 2, year - 1, year].flatMap((y) => {
    const v = values.get(y)?.value;
    return v === null || v === undefined ? [] : [{ x: y, y: v }];
  });
  if (points.length < 2) return null;
  const mx = points.reduce((a, p) => a + p.x, 0) / points.length;
  const my = points.reduce((a, p) => a + p.y, 0) / points.length;
  const slope = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return { year: deadline, value: roundHalfUp(my + slope * (deadline - mx), decimalPlaces) };
}

/**
 * All rules must hold: a failing rule decides; otherwise the status comes from the rules that can be judged (a rule
 * without its figure, such as a neighbour rank not held, is left out and named in the reason, not allowed to hide a
 * judgement the figures do support: issue 11 point 10), and so is a rule not comparable with a relative-only year's
 * measure. Nothing judged, or only "not yet due" beside a rule that cannot be judged, is no data.
 */
export function combine(statuses: readonly RuleStatus[]): Status {
  if (statuses.includes('off_track')) return 'off_track';
  // A rule the year's measure cannot answer (not comparable) is left out like one without its figure.
  const judged = statuses.filter((s): s is Exclude<Status, 'no_data'> => s !== 'no_data' && s !== 'not_comparable');
  if (judged.length === 0) return 'no_data';
  if (judged.every((s) => s === 'not_yet_due')) return judged.length < statuses.length ? 'no_data' : 'not_yet_due';
  if (judged.every((s) => s === 'met')) return 'met';
  return 'on_track';
}

function metEarlierNote(target: Target, data: TargetData, year: number): string {
  const earlier = [...data.values.keys()]
    .filter((y) => y < year && (target.baseline === null || y > target.baseline.year))
    .sort((a, b) => a - b)
    .filter((y) => combine(ruleResults(target, data, y, formatter(data.unit, data.decimalPlaces), null).map((r) => r.status)) === 'met');
  return earlier.length === 0 ? '' : `Met in ${earlier.join(' and ')}, not held in ${year}`;
}

function contextOf(data: TargetData, year: number, fmt: Formatter): string {
  const parts: string[] = [];
  const england = data.comparators?.england?.get(year);
  if (data.unit === 'count') {
    // A count beside England's count would mislead: England's rate beside this place's, where both wholes are held.
    const own = data.wholes?.own.get(year);
    const theirs = data.wholes?.comparators.england?.get(year);
    if (own !== undefined && theirs !== undefined) parts.push(`${describeRate(own, data.wholes!.label)}; England ${describeRate(theirs, data.wholes!.label)}`);
  } else if (england !== undefined && england !== null) parts.push(`England ${fmt.value(england)}`);
  const rank = data.neighbourRank?.get(year);
  if (rank !== undefined) parts.push(`${ordinal(rank.rank)} of ${rank.of} neighbours, ${ordinal(quartileOfRank(rank.rank, rank.of))} quartile`);
  return parts.join('; ');
}

/** The quarter of the group a rank falls in (1st to 4th): rank 1-3 of 11 is the 1st quartile, rank 11 the 4th. */
export function quartileOfRank(rank: number, of: number): number {
  return Math.min(4, Math.floor(((rank - 1) / of) * 4) + 1);
}

/** The ranks a reading accepts in a group: the first; the top quarter (3 of 11); the top half (5 of 11). */
export function bestRanks(reading: NeighbourReading, of: number): number {
  if (reading === 'first') return 1;
  if (reading === 'top_quartile') return Math.ceil(of / 4);
  return Math.floor(of / 2);
}

const readingText: Readonly<Record<NeighbourReading, string>> = {
  first: 'first among them',
  top_quartile: 'in their top quartile',
  top_half: 'in their top half',
};
const comparatorName: Readonly<Record<Comparator, string>> = { england: 'England', region: 'the region', neighbours: "the neighbours' average" };

export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

type Formatter = Readonly<{ value: (v: number) => string; gap: (a: number, b: number) => string }>;

function formatter(unit: Unit, decimalPlaces: number): Formatter {
  // A negative with the true minus sign (U+2212), as every figure a page shows: "−0.12 points", never "-0.12 points".
  const number = (v: number) => numberText(v, decimalPlaces);
  const gapDecimals = unit === 'count' ? decimalPlaces : Math.max(decimalPlaces, 1);
  return {
    value: (v) => (unit === 'percent' ? `${number(v)}%` : unit === 'points' ? `${number(v)} points` : number(v)),
    gap: (a, b) => {
      const d = numberText(Math.abs(a - b), gapDecimals);
      return unit === 'percent' || unit === 'points' ? `${d} points` : d;
    },
  };
}
