import type { PeriodType } from '../periods/period.ts';
import type { Derivation } from './derived-counts.ts';

/** Indicator definitions and observations as plain data (the full catalogue arrives with the indicator engine). */

export type Unit = 'percent' | 'count' | 'rate' | 'average_score' | 'points' | 'band';
export type Polarity = 'higher_is_better' | 'lower_is_better' | 'none';
export type { PeriodType };
export type DataVersion = 'provisional' | 'revised' | 'final';
/** DfE symbols: c suppressed, x not available, z not applicable, low a positive value that rounds to zero. */
export type DfeSymbol = 'c' | 'x' | 'z' | 'low';

/** Where an indicator's figures come from: pupil records computed here, files the DfE publishes, or Waymark's own modules. */
export type Feed = 'pupil-records' | 'published' | 'ofsted' | 'casework' | 'admissions' | 'place-planning' | 'system-leadership';

/** Named rules in year-rules.ts that change how an indicator is computed from one year to the next. */
export type YearRuleName = 'persistent-absence' | 'ks2-headline' | 'ks4-headline' | 'eyfs-profile';

export type Indicator = Readonly<{
  code: string;
  title: string;
  unit: Unit;
  decimalPlaces: number;
  polarity: Polarity;
  periodType: PeriodType;
  source: string;
  methodology: string;
  numerator: string | null;
  denominator: string | null;
  /** The first and last periods in which the measure exists (null: open-ended). */
  periods: Readonly<{ from: string | null; to: string | null }>;
  /** The measure that replaces this one after its last period. */
  successor: string | null;
  yearRule: YearRuleName | null;
  /** Periods from which figures are not comparable with earlier ones, and why. */
  breaks: readonly Readonly<{ period: string; note: string }>[];
  feed: Feed;
  /** The measure's key (Short Desc) in DfE's LA Interactive Tool, where it has one. */
  lait: string | null;
  /**
   * LAIT keys that publish this measure for one pupil group or phase as a measure of their own (e.g. SFPriPerAbNew is
   * persistent absence for phase:primary): a target reads them as this indicator's figure for that breakdown.
   */
  laitBreakdowns?: Readonly<Record<string, string>>;
  /** Targets of Kent's 2013-2016 framework (seed numbering) this indicator serves. */
  framework: readonly number[];
  /** Figures Waymark derives from the counts of published ones where a publication gives only the parts (derived-counts.ts). */
  derive?: readonly Derivation[];
  /**
   * The measure this one is, to and including period `to`: its figures to then are the other indicator's, counted by the
   * same rule. A target may read the other indicator to `to` and this one after it as one series, with no new measure
   * between them (e.g. persistent absence on the 15% rule, which the DfE's indicator left in 2015/16 and the LA keeps).
   */
  continues?: Readonly<{ indicator: string; to: string }>;
}>;

export type Observation = Readonly<{
  indicatorCode: string;
  placeId: number;
  period: string;
  breakdown: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: DfeSymbol | null;
  dataVersion: DataVersion;
}>;

/** The indicator the demo county's rolls and the register's school pages use (defined in indicators/schools-and-ofsted.yaml). */
export const pupilsOnRollCode = 'pupils-on-roll';
