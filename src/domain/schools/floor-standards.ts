import { roundHalfUp } from '../indicators/rounding.ts';
import { numberText } from '../indicators/number-text.ts';
import { endYearOf } from '../periods/period.ts';

/**
 * Floor standards as the DfE set them each year (domain.md §2): a school is below the floor only if it fails every
 * condition of its year. Primary floors apply to state-funded mainstream schools with 11 or more eligible pupils.
 * Floors were withdrawn after the 2018 results: a year without a floor in force is judged by the nearest year's rule,
 * named as such (`floorRuleYear`).
 */

export type Phase = 'primary' | 'secondary';

/** A school's figures for one year, as the performance tables give them (null: not published or suppressed). */
export type FloorFigures = Readonly<{
  eligiblePupils: number | null;
  /**
   * Primary: % at level 4+ (English and maths to 2012, RWM 2013-2015) or at the expected standard in RWM (2016+).
   * Secondary: % 5+ A*-C including English and maths (2012-2015).
   */
  attainment: number | null;
  /** % making expected progress (2011-2015), by subject. */
  expectedProgress?: Readonly<{ english?: number | null; reading?: number | null; writing?: number | null; maths?: number | null }>;
  /** KS1-KS2 progress scores (2016+). */
  progress?: Readonly<{ reading: number | null; writing: number | null; maths: number | null }>;
  /** The upper bounds of their 95% confidence intervals (READPROG_UPPER_CI …), which the coasting level reads. */
  progressUpper?: Readonly<{ reading: number | null; writing: number | null; maths: number | null }>;
  /** The performance tables' progress bands (2018+: 4 and 5 mean the interval is below zero), where no bound is held. */
  progressBand?: Readonly<{ reading: number | null; writing: number | null; maths: number | null }>;
  /** KS4: Progress 8 with the upper bound of its 95% interval (2016+). */
  progress8?: number | null;
  progress8Upper?: number | null;
  /** The performance tables' Progress 8 band (1 well above … 5 well below average): 4 and 5 mean the interval is below zero. */
  progress8Band?: number | null;
}>;

export type FloorResult =
  | Readonly<{ applies: false; reason: string }>
  | Readonly<{ applies: true; below: boolean; failed: readonly string[]; met: readonly string[]; rule: string }>
  | Readonly<{ applies: true; below: null; reason: string; rule: string; failed?: readonly string[] }>;

/**
 * The DfE's published national medians of expected progress from KS1 to KS2, by summer year: 2011, 2014 and 2015 from
 * domain.md §2.1 (NAHT; SI 2017/9 regulation 4); 2013 as Rising Stars quoted the DfE's 2013 floor to schools in
 * February 2014 ("The new floor targets for primary schools: what schools need to know": reading 91%, writing 95%,
 * maths 92%), a secondary source that a copy of the DfE's 2013 tables would replace. 2012 is not held.
 */
export const primaryMedians: Readonly<Record<number, Readonly<Record<string, number>>>> = {
  2011: { english: 87, maths: 86 },
  2013: { reading: 91, writing: 95, maths: 92 },
  2014: { reading: 94, writing: 96, maths: 93 },
  2015: { reading: 94, writing: 97, maths: 93 },
};

/**
 * The national medians of expected progress from KS2 to KS4 that the 2012-2015 secondary floors compare with, by
 * summer year. The DfE published them with each year's tables, but no published value is held here (domain.md §2.2).
 * 2014 is derived from the DfE's own 2013/14 KS4 school file (../shared/data/public/ks4-2014-eduvis): the median of
 * the mainstream schools' published percentages, PT24ENGPRG_PTQ and PT24MATHPRG_PTQ, over the 3,131 schools with a
 * figure (tests/floor-standards.test.ts recounts it). A median the DfE published would replace it.
 */
export const secondaryMedians: Readonly<Record<number, Readonly<{ english: number; maths: number; source: string }>>> = {
  2014: {
    english: 74,
    maths: 66,
    source: 'the median of mainstream schools’ percentages in the DfE’s 2013/14 KS4 school file (derived by Waymark, not the DfE’s published median)',
  },
};

/** The floor in force in a summer year (2011 for 2010/11 …), or null when none applied (before 2011, from 2019). */
export function floorYear(period: string): number | null {
  const summer = endYearOf(period);
  return summer >= 2011 && summer <= 2018 ? summer : null;
}

/**
 * The summer year whose rule a year's schools are judged by: the floor in force that year, else (before 2011, from
 * 2019) the nearest year's floor, applied as a named rule rather than as one in force.
 */
export function floorRuleYear(period: string): number {
  return floorYear(period) ?? Math.min(Math.max(endYearOf(period), 2011), 2018);
}

/** The school-level figures each phase's floor reads (published performance-table figures), newest measure first. */
export const floorIndicators: Readonly<Record<Phase, readonly string[]>> = {
  primary: [
    'ks2-expected-rwm',
    'ks2-progress-reading',
    'ks2-progress-writing',
    'ks2-progress-maths',
    'ks2-progress-reading-upper',
    'ks2-progress-writing-upper',
    'ks2-progress-maths-upper',
    'ks2-progress-reading-band',
    'ks2-progress-writing-band',
    'ks2-progress-maths-band',
    'ks2-level4-rwm',
    'ks2-level4-english-maths',
    'ks2-expected-progress-english',
    'ks2-expected-progress-reading',
    'ks2-expected-progress-writing',
    'ks2-expected-progress-maths',
  ],
  secondary: ['ks4-progress8', 'ks4-progress8-band', 'ks4-5ac-em', 'ks4-expected-progress-english', 'ks4-expected-progress-maths'],
};

/**
 * A school's figure for the year as held: its indicator, value, pupils, the decimals it was published with and, where
 * known, its basis (published, computed …).
 */
export type FloorRow = Readonly<{ indicatorCode: string; value: number | null; denominator: number | null; decimalPlaces: number | null; basis?: string }>;

/**
 * A school's floor figures from the rows held for it in one year, as published: a figure held at more decimals (one
 * computed from pupil records) is first rounded half up to the decimals it is published with, else the indicator's
 * (`catalogueDecimals`). The primary attainment is the year's headline: the expected standard in RWM (2016+), else
 * level 4+ RWM (2013-2015), else level 4+ English and maths (to 2012), its pupils the eligible pupils.
 */
export function floorFiguresOf(phase: Phase, rows: readonly FloorRow[], catalogueDecimals: (code: string) => number | null): FloorFigures {
  const value = (code: string) => {
    const row = rows.find((r) => r.indicatorCode === code);
    if (row === undefined || row.value === null) return null;
    const decimals = row.decimalPlaces ?? catalogueDecimals(code);
    return decimals === null ? row.value : roundHalfUp(row.value, decimals);
  };
  if (phase === 'secondary')
    return {
      eligiblePupils: rows.find((r) => r.indicatorCode === 'ks4-5ac-em')?.denominator ?? null,
      attainment: value('ks4-5ac-em'),
      expectedProgress: { english: value('ks4-expected-progress-english'), maths: value('ks4-expected-progress-maths') },
      progress8: value('ks4-progress8'),
      progress8Band: value('ks4-progress8-band'),
    };
  const basisOf = (code: string) => rows.find((r) => r.indicatorCode === code)?.basis;
  const sameBasis = (bound: string, score: string) => (basisOf(bound) === basisOf(score) ? value(bound) : null);
  const headline = ['ks2-expected-rwm', 'ks2-level4-rwm', 'ks2-level4-english-maths']
    .map((c) => rows.find((r) => r.indicatorCode === c))
    .find((r) => r !== undefined);
  return {
    eligiblePupils: headline?.denominator ?? null,
    attainment: headline === undefined ? null : value(headline.indicatorCode),
    progress: { reading: value('ks2-progress-reading'), writing: value('ks2-progress-writing'), maths: value('ks2-progress-maths') },
    // A score's interval only with the score it was worked from: a computed bound beside a published score is not its.
    progressUpper: {
      reading: sameBasis('ks2-progress-reading-upper', 'ks2-progress-reading'),
      writing: sameBasis('ks2-progress-writing-upper', 'ks2-progress-writing'),
      maths: sameBasis('ks2-progress-maths-upper', 'ks2-progress-maths'),
    },
    progressBand: {
      reading: value('ks2-progress-reading-band'),
      writing: value('ks2-progress-writing-band'),
      maths: value('ks2-progress-maths-band'),
    },
    expectedProgress: {
      english: value('ks2-expected-progress-english'),
      reading: value('ks2-expected-progress-reading'),
      writing: value('ks2-expected-progress-writing'),
      maths: value('ks2-expected-progress-maths'),
    },
  };
}

export function primaryFloor(summer: number, f: FloorFigures): FloorResult {
  if (summer < 2011 || summer > 2018) return { applies: false, reason: `no primary floor standard in ${summer}` };
  if (f.eligiblePupils !== null && f.eligiblePupils < 11) return { applies: false, reason: `fewer than 11 eligible pupils (${f.eligiblePupils})` };
  if (summer >= 2016) {
    const rule = `${summer}: below 65% at the expected standard in RWM and progress below −5 in reading, −7 in writing or −5 in maths`;
    // No published attainment (suppressed for a very small cohort, or not published): the school is not judged.
    if (f.attainment === null) return { applies: false, reason: 'attainment not published for this school' };
    const attainment = f.attainment < 65;
    // Meeting the attainment condition decides the school above, whatever its progress.
    if (f.progress === undefined)
      return attainment
        ? { applies: true, below: null, reason: 'progress scores not held', rule, failed: [`${f.attainment}% at the expected standard (under 65%)`] }
        : { applies: true, below: false, rule, failed: [], met: [`${f.attainment}% at the expected standard (65% or more)`] };
    const thresholds = { reading: -5, writing: -7, maths: -5 } as const;
    if (attainment && f.progress.reading === null && f.progress.writing === null && f.progress.maths === null)
      return {
        applies: true,
        below: null,
        rule,
        failed: [`${f.attainment}% at the expected standard (under 65%)`],
        reason: 'no progress score is held, so the progress conditions cannot be checked',
      };
    const failing = (Object.keys(thresholds) as (keyof typeof thresholds)[]).filter((s) => f.progress![s] !== null && f.progress![s] < thresholds[s]);
    const below = attainment && failing.length > 0;
    return {
      applies: true,
      below,
      rule,
      failed: [
        ...(attainment ? [`${f.attainment}% at the expected standard (under 65%)`] : []),
        ...failing.map((s) => `${s} progress ${numberText(f.progress![s]!)} (below ${numberText(thresholds[s])})`),
      ],
      met: [
        ...(attainment ? [] : [`${f.attainment}% at the expected standard (65% or more)`]),
        ...(failing.length === 0 ? ['every progress score at or above its threshold'] : []),
      ],
    };
  }
  return primaryLevelsRule(summer, f, summer >= 2014 ? 65 : 60);
}

/**
 * The primary rule of the level years (2011-2015): below `threshold`% at the year's level 4+ headline and below the
 * national median of expected progress in every subject (English and maths to 2012; reading, writing and maths after).
 * The floor's threshold is 60% (65% from 2014); the coasting level of 2014 and 2015 is the same rule at 85%.
 */
export function primaryLevelsRule(summer: number, f: FloorFigures, threshold: number): FloorResult {
  const subjects = summer <= 2012 ? (['english', 'maths'] as const) : (['reading', 'writing', 'maths'] as const);
  const measure = summer <= 2012 ? 'level 4+ in English and maths' : 'level 4+ in reading, writing and maths';
  const rule = `${summer}: below ${threshold}% at ${measure} and below the national median of expected progress in ${subjects.join(', ')}`;
  // No published attainment: the school is not judged (ADR 0008), as from 2016.
  if (f.attainment === null) return { applies: false, reason: 'attainment not published for this school' };
  const low = f.attainment < threshold;
  // Meeting the attainment condition decides the school above, whatever its progress: the rule needs all of them.
  const attained = [`${f.attainment}% at ${measure} (${threshold}% or more)`];
  const medians = primaryMedians[summer];
  if (medians === undefined)
    return low
      ? {
          applies: true,
          below: null,
          reason: `the ${summer} national medians of expected progress are not held`,
          rule,
          failed: [`${f.attainment}% at ${measure} (under ${threshold}%)`],
        }
      : { applies: true, below: false, rule, failed: [], met: attained };
  if (f.expectedProgress === undefined)
    return low
      ? { applies: true, below: null, reason: 'expected progress not published', rule, failed: [`${f.attainment}% at ${measure} (under ${threshold}%)`] }
      : { applies: true, below: false, rule, failed: [], met: attained };
  const belowMedian = subjects.filter((s) => {
    const v = f.expectedProgress![s];
    return v !== null && v !== undefined && v < medians[s]!;
  });
  const missing = subjects.filter((s) => f.expectedProgress![s] === null || f.expectedProgress![s] === undefined);
  if (low && belowMedian.length + missing.length === subjects.length && missing.length > 0)
    return {
      applies: true,
      below: null,
      rule,
      failed: [
        `${f.attainment}% at ${measure} (under ${threshold}%)`,
        ...belowMedian.map((s) => `expected progress in ${s} ${f.expectedProgress![s]}% (median ${medians[s]}%)`),
      ],
      reason: `expected progress in ${missing.join(' and ')} is not held, so the progress conditions cannot all be checked`,
    };
  const below = low && belowMedian.length === subjects.length;
  return {
    applies: true,
    below,
    rule,
    failed: [
      ...(low ? [`${f.attainment}% at ${measure} (under ${threshold}%)`] : []),
      ...belowMedian.map((s) => `expected progress in ${s} ${f.expectedProgress![s]}% (median ${medians[s]}%)`),
    ],
    met: [
      ...(low ? [] : [`${f.attainment}% at ${measure} (${threshold}% or more)`]),
      ...subjects.filter((s) => !belowMedian.includes(s)).map((s) => `expected progress in ${s} at or above the median`),
    ],
  };
}

export function secondaryFloor(summer: number, f: FloorFigures): FloorResult {
  if (summer < 2012 || summer > 2018) return { applies: false, reason: `no secondary floor standard in ${summer}` };
  if (summer >= 2016) return progress8Rule(summer, f, -0.5);
  return secondaryLevelsRule(summer, f, 40);
}

/**
 * The secondary rule from 2016: Progress 8 below `threshold` with the upper bound of its 95% confidence interval below
 * zero (the interval's bound where published, else the band the DfE sets from it). The floor's threshold is −0.5; the
 * coasting level's −0.25.
 */
export function progress8Rule(summer: number, f: FloorFigures, threshold: number): FloorResult {
  const limit = numberText(threshold);
  const rule = `${summer}: Progress 8 below ${limit} with the upper bound of its 95% confidence interval below zero`;
  // No published Progress 8 (low coverage of prior attainment, not published): the school is not judged.
  if (f.progress8 === null || f.progress8 === undefined) return { applies: false, reason: 'Progress 8 not published for this school' };
  const low = f.progress8 < threshold;
  const scoreText = low ? `Progress 8 ${numberText(f.progress8)} (below ${limit})` : `Progress 8 ${numberText(f.progress8)} (${limit} or more)`;
  // The interval's upper bound where published; otherwise the band, which the DfE sets from the same interval.
  const upper = f.progress8Upper ?? null;
  const band = f.progress8Band ?? null;
  if (upper === null && band === null) {
    if (!low) return { applies: true, below: false, rule, failed: [], met: [scoreText] };
    return {
      applies: true,
      below: null,
      rule,
      failed: [scoreText],
      reason: 'neither the confidence interval nor the Progress 8 band is published here, so whether the interval is below zero cannot be checked',
    };
  }
  const significant = upper !== null ? upper < 0 : band! >= 4;
  const intervalText =
    upper !== null
      ? `upper confidence limit ${numberText(upper)} (${significant ? 'below 0' : '0 or more'})`
      : `Progress 8 band ${band} (${significant ? 'confidence interval below zero' : 'confidence interval not below zero'})`;
  return {
    applies: true,
    below: low && significant,
    rule,
    failed: [...(low ? [scoreText] : []), ...(significant ? [intervalText] : [])],
    met: [...(low ? [] : [scoreText]), ...(significant ? [] : [intervalText])],
  };
}

/**
 * The secondary rule of 2012-2015: a school at or above `threshold`% 5+ A*-C with English and maths is clear of it
 * whatever its progress; under it, it is below only if its expected progress is also below the national median in
 * English and in maths. Where the year's medians are not held (secondaryMedians), such a school is undecided. The floor's
 * threshold is 40%; the coasting level of 2014 and 2015 is the same rule at 60%.
 */
export function secondaryLevelsRule(summer: number, f: FloorFigures, threshold: number): FloorResult {
  const rule = `${summer}: below ${threshold}% 5+ A*-C including English and maths and below the national medians of expected progress in English and maths`;
  if (f.attainment === null) return { applies: false, reason: '5+ A*-C including English and maths not published for this school' };
  const attainmentText = `${f.attainment}% 5+ A*-C including English and maths`;
  if (f.attainment >= threshold) return { applies: true, below: false, rule, failed: [], met: [`${attainmentText} (${threshold}% or more)`] };
  const ep = { english: f.expectedProgress?.english ?? null, maths: f.expectedProgress?.maths ?? null };
  const medians = secondaryMedians[summer];
  if (medians === undefined) {
    const progress = [ep.english, ep.maths].map((p) => (p === null ? 'not published' : `${p}%`));
    return {
      applies: true,
      below: null,
      rule,
      failed: [`${attainmentText} (under ${threshold}%)`],
      reason: `expected progress (English ${progress[0]}, maths ${progress[1]}) is judged against the ${summer} national medians, which are not held here`,
    };
  }
  const subjects = ['english', 'maths'] as const;
  const belowMedian = subjects.filter((s) => ep[s] !== null && ep[s] < medians[s]);
  const atOrAbove = subjects.filter((s) => ep[s] !== null && ep[s] >= medians[s]);
  const text = (s: (typeof subjects)[number]) => `expected progress in ${s} ${ep[s]}% (median ${medians[s]}%, ${medians.source})`;
  const failed = [`${attainmentText} (under ${threshold}%)`, ...belowMedian.map(text)];
  if (atOrAbove.length === 0 && belowMedian.length < subjects.length) {
    const missing = subjects.filter((s) => ep[s] === null);
    return {
      applies: true,
      below: null,
      rule,
      failed,
      reason: `expected progress in ${missing.join(' and ')} is not published, so the progress conditions cannot all be checked`,
    };
  }
  return { applies: true, below: atOrAbove.length === 0, rule, failed, met: atOrAbove.map((s) => `${text(s)}: at or above the median`) };
}
