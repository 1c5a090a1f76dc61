import { periodLabel } from '../periods/period.ts';

/**
 * A performance framework as data: priorities and targets, each target naming its indicator (or none, for a delivery
 * milestone), the pupil group and places it applies to, its baseline, and the rules that must all hold. Years are the
 * years the seed writes ("by 2016" is the 2015/16 academic year, or calendar 2016, by the indicator's period type).
 */

export type Comparator = 'england' | 'region' | 'neighbours';

/** How "amongst the best of our statistical neighbours" is read: the frameworks say which, and the rank is always shown. */
export type NeighbourReading = 'first' | 'top_quartile' | 'top_half';

export type TargetRule =
  | Readonly<{ kind: 'at_least' | 'at_most'; value: number; by: number }>
  | Readonly<{ kind: 'milestones'; points: readonly Readonly<{ year: number; value: number }>[] }>
  | Readonly<{ kind: 'change_from_baseline'; change: number; unit: 'points' | 'percent'; by: number }>
  | Readonly<{ kind: 'vs_comparator'; comparator: Comparator; from?: number }>
  | Readonly<{ kind: 'rank_among_neighbours'; reading: NeighbourReading; by: number }>
  | Readonly<{ kind: 'year_on_year'; from: number }>
  | Readonly<{ kind: 'zero'; by: number }>
  | Readonly<{ kind: 'every'; by: number }>
  | Readonly<{ kind: 'band'; min: number; max: number; by?: number }>
  | Readonly<{ kind: 'milestone_done'; due: number }>;

export type RuleKind = TargetRule['kind'];

/**
 * The rule kinds that compare a place with others in the same year, and so can be judged on any measure that the place
 * and its comparators all report that year, even one that is not on the scale the target's level was set on:
 *   vs_comparator          the place against England, the region or the neighbours' average, the same year
 *   rank_among_neighbours  the place's rank among its neighbours, the same year
 * Every other kind reads the target's own scale or the years before, so it needs the measure the target was set on:
 *   at_least, at_most, zero, every, band, milestones   a level on the target's scale (87% at level 4 is no level on
 *                                                      the expected standard)
 *   change_from_baseline                                a change from a baseline read on the old measure
 *   year_on_year                                        a comparison with the year before, across the break
 *   milestone_done                                      no figure at all (a delivery milestone)
 */
export const relativeRuleKinds: ReadonlySet<RuleKind> = new Set<RuleKind>(['vs_comparator', 'rank_among_neighbours']);

/** A rule that can be judged on a relative-only measure (`relativeRuleKinds`). */
export const isRelativeRule = (rule: Pick<TargetRule, 'kind'>): boolean => relativeRuleKinds.has(rule.kind);

/**
 * The measure of a target for a span of years. `relativeOnly`: a successor whose scale is not the one the target's
 * level was set on (the expected standard after level 4), read only by the relative rules (`relativeRuleKinds`): the
 * target's other rules are not comparable with it.
 */
export type TargetMeasure = Readonly<{ indicator: string; from: number | null; to: number | null; relativeOnly?: boolean }>;

/** The position a target starts from; a value of null is read from the figures held for that year. */
export type Baseline = Readonly<{ year: number; value: number | null; note?: string }>;

export type Target = Readonly<{
  /** Stable across framework versions: the 2017-2020 refresh carries a target forward under the same id. */
  id: string;
  /** The seed's own numbering, where it has one. */
  number: number | null;
  priority: string;
  title: string;
  /** The target as the framework words it. */
  wording: string;
  indicator: string | null;
  /**
   * The measure used each year: the indicator, or where the DfE replaced it, its comparable successor for the years
   * the framework names. A year no measure covers has no comparable figure (e.g. level 4 after 2015); a year covered
   * only by a relative-only successor is judged on it by the relative rules alone.
   */
  measures: readonly TargetMeasure[];
  breakdown: string;
  /** A gap target: the comparison group's figure minus the group's (e.g. not-FSM minus FSM), lower being better. */
  gap: Readonly<{ group: string; other: string }> | null;
  levels: readonly ('county' | 'district' | 'school')[];
  /**
   * The districts a target is set for (ONS codes), where the framework names them rather than setting it for every
   * place: the LA's line is then read from theirs (named-places.ts) and other districts are not judged on it.
   */
  places?: readonly string[];
  baseline: Baseline | null;
  rules: readonly TargetRule[];
  /** Why an ambiguous wording was read as it is, shown on the target page. */
  rationale: string | null;
  /** For a delivery milestone: when it was done and the evidence, as the LA records it in the framework file. */
  done: Readonly<{ on: string; evidence: string }> | null;
}>;

export type Framework = Readonly<{
  id: string;
  name: string;
  version: string;
  la: string;
  years: Readonly<{ from: number; to: number }>;
  /** The statistical-neighbour group the framework compares with (a place code), and where its reading of "best" is set. */
  neighbourGroup: string | null;
  /** Where the framework came from and what it assumed, shown with it. */
  source: string;
  priorities: readonly Readonly<{ id: string; title: string }>[];
  targets: readonly Target[];
}>;

/** What feeds an indicator, in words, for a target with no figures yet. */
export const feedDescriptions: Readonly<Record<string, string>> = {
  'pupil-records': 'pupil records (waymark pupils import)',
  published: 'a published DfE or ONS file (waymark import)',
  ofsted: 'Ofsted inspection outcomes, not yet imported',
  casework: "the LA's casework systems, not yet connected",
  admissions: "the LA's admissions records, not yet connected",
  'place-planning': 'school place planning, not yet connected',
  'system-leadership': "the system leaders' support partnerships (/system-leadership), with the floor standards",
};

/** The measure in force for a target in a year (its entry in `measures`), if any. */
export function measureEntryFor(target: Pick<Target, 'measures'>, year: number): TargetMeasure | undefined {
  return target.measures.find((m) => (m.from === null || year >= m.from) && (m.to === null || year <= m.to));
}

/** The indicator that measures a target in a year (null: no comparable measure that year, or a delivery milestone). */
export function measureFor(target: Pick<Target, 'measures'>, year: number): string | null {
  return measureEntryFor(target, year)?.indicator ?? null;
}

/**
 * Where a year is measured by a relative-only successor: its indicator and the indicator the target's level was set on
 * (the last full measure before the year, null if none), for the rules to say which can be judged on what.
 */
export function relativeOnlyMeasure(target: Pick<Target, 'measures'>, year: number): Readonly<{ indicator: string; replaces: string | null }> | null {
  const entry = measureEntryFor(target, year);
  if (entry === undefined || entry.relativeOnly !== true) return null;
  return { indicator: entry.indicator, replaces: lastFullMeasureBefore(target, year)?.indicator ?? null };
}

function lastFullMeasureBefore(target: Pick<Target, 'measures'>, year: number): TargetMeasure | undefined {
  return target.measures.filter((m) => m.relativeOnly !== true && m.to !== null && m.to < year).sort((a, b) => b.to! - a.to!)[0];
}

/**
 * Why a year has no figure when no measure covers it: the measure ended (or had not begun). A year covered only by a
 * relative-only successor counts as covered when the target has a rule that can read it (`relativeRuleKinds`), else it
 * has no comparable measure either. `titleOf` names an indicator in words (its catalogue title).
 */
export function noComparableMeasure(target: Target, year: number, titleOf: (code: string) => string = (code) => code): string | null {
  if (target.indicator === null) return null;
  const entry = measureEntryFor(target, year);
  if (entry !== undefined && (entry.relativeOnly !== true || target.rules.some(isRelativeRule))) return null;
  const ended = lastFullMeasureBefore(target, year);
  if (ended === undefined) return `No comparable measure for ${year}`;
  const successor = entry === undefined ? 'its successor' : `its successor, ${titleOf(entry.indicator)},`;
  return `No comparable measure for ${year}: ${titleOf(ended.indicator)} ended in ${ended.to}, and ${successor} is not comparable with the target`;
}

/** What Waymark holds towards an indicator's figure for a year, to say which input is really missing. */
export type InputsHeld = Readonly<{
  /** Waymark has a rule computing the indicator from pupil records (src/compute/measures.ts). */
  computable: boolean;
  /** Pupil-record collections imported for the year's period (e.g. ['eyfs', 'ks2']). */
  pupilCollections: readonly string[];
  /** The figure held for the year with a symbol in place of a value (e.g. x), with the rule that withheld it, if any. */
  withheld?: Readonly<{ symbol: string; rule: string | null; detail: Readonly<Record<string, unknown>> | null }> | null;
  /** Files of the indicator's feed are imported (for Ofsted: inspections are held), though no figure is made from them. */
  feedImported?: boolean;
  /** The periods the indicator has figures for in the store, other than the one asked about (e.g. LAIT's from 2015/16). */
  otherPeriods?: readonly string[];
  /** The indicator has figures for other pupil groups, none for the one asked about (LAIT's all-pupils figure, no FSM split). */
  otherGroups?: boolean;
}>;

/**
 * Why a figure the store holds has a symbol in place of a value, from the rule that made it: the rule's own words for
 * its symbol ('"x" where any school's floor cannot be decided from the figures held'), with the counts it recorded.
 */
function withheldReason(title: string, label: string, withheld: NonNullable<InputsHeld['withheld']>): string {
  const words = withheld.rule === null ? null : (new RegExp(`"${withheld.symbol}" (where [^;.]+)`).exec(withheld.rule)?.[1] ?? null);
  const counts = withheld.detail ?? {};
  const undecided = typeof counts.undecided === 'number' && typeof counts.schools === 'number' ? ` (${counts.undecided} of ${counts.schools} schools)` : '';
  return `${title} for ${label} is held as "${withheld.symbol}" (not available)${words === null ? '' : `: ${words}${undecided}`}`;
}

/**
 * Why a target has no figure at all, naming the input that is really missing (issue 11 point 12): not "import pupil
 * records" when they are imported but no rule computes the measure from them, and the LAIT measure where the DfE's LA
 * tool publishes one.
 */
export function missingInput(
  indicator: Readonly<{ title: string; feed: string; source: string; lait: string | null }>,
  period: string,
  held: InputsHeld,
): string {
  const label = periodLabel(period);
  if (held.withheld !== undefined && held.withheld !== null) return withheldReason(indicator.title, label, held.withheld);
  if (indicator.feed === 'ofsted' && held.feedImported === true)
    return `Ofsted inspection outcomes are imported, but no figure of ${indicator.title.toLowerCase()} for ${label} is made from them (${indicator.source})`;
  if (indicator.feed !== 'pupil-records') return `${indicator.title} comes from ${feedDescriptions[indicator.feed] ?? indicator.feed}`;
  const others = (held.otherPeriods ?? []).filter((p) => p !== period).sort();
  const lait =
    others.length > 0
      ? `figures are held for ${others.length === 1 ? periodLabel(others[0]!) : `${periodLabel(others[0]!)} to ${periodLabel(others.at(-1)!)}`} only (imported files${indicator.lait === null ? '' : ` such as LAIT's ${indicator.lait}`}), none for ${label}`
      : held.otherGroups === true
        ? `figures of it are held for other pupil groups only (imported files${indicator.lait === null ? '' : ` such as LAIT's ${indicator.lait}`}), none for this group`
        : indicator.lait === null
          ? "the DfE's LA tool (LAIT) publishes no figure for it"
          : `nor is LAIT's ${indicator.lait} imported (waymark import)`;
  if (!held.computable) {
    const imported = held.pupilCollections.length === 0 ? '' : ` (the ${label} pupil records imported: ${held.pupilCollections.join(', ')})`;
    return `Waymark has no rule computing ${indicator.title} from pupil records${imported}; it needs the published figure (${indicator.source}), not imported`;
  }
  return `${indicator.title} is computed from pupil records, and none for ${label} are imported (waymark pupils import); ${lait}`;
}

/**
 * The year a framework is shown for (issue 11 point 15): a year asked for must be one of the framework's years, else
 * the framework is refused for it (a 2013-2016 plan has no 2030); without one, the latest of its years with figures
 * held, else its first year.
 */
export function frameworkYear(
  framework: Pick<Framework, 'name' | 'years'>,
  requested: number | undefined,
  yearsWithFigures: readonly number[],
): { ok: true; year: number } | { ok: false; reason: string } {
  const { from, to } = framework.years;
  if (requested !== undefined)
    return requested >= from && requested <= to
      ? { ok: true, year: requested }
      : { ok: false, reason: `${framework.name} covers ${from} to ${to}; it sets no target for ${requested}` };
  const held = yearsWithFigures.filter((y) => y >= from && y <= to);
  return { ok: true, year: held.length === 0 ? from : Math.max(...held) };
}
