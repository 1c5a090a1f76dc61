import type { Collection } from '../domain/pupils/pupil-record.ts';
import { eyfsProfile, fifteenPercentSixHalfTerms, persistentAbsenceRule } from '../domain/indicators/year-rules.ts';
import { endYearOf } from '../domain/periods/period.ts';
import { aLevelHeadline, aLevelPassesNeeded } from '../domain/pupils/post16.ts';

/**
 * How each pupil-records indicator is aggregated from a collection's columns, year by year. A measure is two SQL
 * aggregates over the pupils in a cell (numerator and denominator) and a form that turns them into the figure:
 *   percent  100 × numerator ÷ denominator (numerator and denominator are pupils)
 *   rate     100 × numerator ÷ denominator (numerator: sessions or exclusions; denominator: sessions or pupils)
 *   mean     numerator ÷ denominator (a sum of scores over the pupils with one; A level points over A level entries)
 *   count    numerator (e.g. permanent exclusions), the denominator kept as the pupils covered
 *   band     numerator is the band itself (1-5), the denominator the pupils covered
 *   direct   numerator is the figure itself, worked out in SQL (the EYFS inequality gap), the denominator the pupils covered
 * Year-dependent rules come from domain/indicators/year-rules.ts, so the SQL and the rule text agree.
 */

export type MeasureForm = 'percent' | 'rate' | 'mean' | 'count' | 'band' | 'direct';

export type MeasureSql = Readonly<{ numerator: string; denominator: string; rule: string }>;

export type Measure = Readonly<{
  indicator: string;
  collection: Collection;
  form: MeasureForm;
  /** The SQL for the period, or null when the measure does not exist that year (or cannot be had from pupil records). */
  sql: (period: string) => MeasureSql | null;
}>;

/** Bumped whenever a measure's SQL changes, so `waymark compute` knows stored figures are out of date. */
export const measuresVersion = 8;

const summerOf = (period: string) => endYearOf(period);
const percentOf = (condition: string, population = 'true', rule = ''): MeasureSql => ({
  numerator: `count(*) filter (where (${population}) and (${condition}))`,
  denominator: `count(*) filter (where ${population})`,
  rule,
});
const l2bPlus = `('2B', '2A', '3', '4')`;
const level4Plus = `('4', '5', '6')`;
const level5Plus = `('5', '6')`;
const expectedTa = `('EXS', 'GDS')`;
/** KS1 whole level as a number (W = 0; 2C, 2B and 2A all count as level 2); null when absent or disapplied. */
const ks1Whole = (column: string) =>
  `case when ${column} = 'W' then 0 when ${column} in ('1', '2', '2C', '2B', '2A', '3', '4') then cast(left(${column}, 1) as integer) end`;
const ks2Numeric = (column: string) =>
  `case when ${column} in ('2', '3', '4', '5', '6') then cast(${column} as integer) when ${column} in ('B', 'N') then 1 end`;
const expectedProgress = (ks2: string, ks1: string): MeasureSql => ({
  numerator: `count(*) filter (where ${ks1Whole(ks1)} is not null and ${ks2} is not null and coalesce(${ks2Numeric(ks2)}, 0) >= ${ks1Whole(ks1)} + 2)`,
  denominator: `count(*) filter (where ${ks1Whole(ks1)} is not null and ${ks2} is not null and ${ks2} not in ('A', 'D'))`,
  rule: 'KS2 level at least the KS1 whole level plus 2, of pupils with a KS1 level and a KS2 result',
});
/**
 * The EYFS percentage inequality gap (domain.md §1.7): (median total points − mean total points of the lowest-achieving
 * 20%) ÷ median × 100, over the children with a total. The lowest 20% are the first ceil(0.2 × n) children sorted by
 * total (a documented choice: the DfE's tie rule is not published). The median is the middle total, or the mean of the
 * two middle totals.
 */
const inequalityGap = (scale: string): MeasureSql => {
  const median = 'median(eyfs_points)';
  const lowest =
    'list_avg(list_slice(list_sort(list(eyfs_points) filter (where eyfs_points is not null)), 1, cast(ceil(0.2 * count(eyfs_points)) as integer)))';
  return {
    numerator: `case when count(eyfs_points) = 0 or ${median} = 0 then null else 100 * (${median} - ${lowest}) / ${median} end`,
    denominator: 'count(eyfs_points)',
    rule: `(median − mean of the lowest-achieving 20%) ÷ median × 100, on total points across ${scale}; the lowest 20% are the first ceil(0.2 × n) by total`,
  };
};
const upTo = (last: number, make: (period: string) => MeasureSql) => (period: string) => (summerOf(period) <= last ? make(period) : null);
const from = (first: number, make: (period: string) => MeasureSql) => (period: string) => (summerOf(period) >= first ? make(period) : null);
const between = (first: number, last: number, make: (period: string) => MeasureSql) => (period: string) =>
  summerOf(period) >= first && summerOf(period) <= last ? make(period) : null;
const mean = (column: string, rule: string): MeasureSql => ({
  numerator: `sum(${column})`,
  denominator: `count(${column})`,
  rule,
});

/**
 * The performance tables' Progress 8 band (domain.md §1.6) from the mean and its 95% interval, ±1.96 × SD ÷ √pupils.
 * The SD is that of pupil Progress 8 scores across the whole file ("placed", every pupil of the file): the national SD
 * when the file is national, as the DfE computes it; the LA's own when the file is one LA's, which the rule says.
 */
const progress8Band = (): MeasureSql => {
  const mean = 'avg(ks4_p8)';
  const half = `1.959963984540054 * (select stddev_samp(ks4_p8) from placed) / sqrt(count(ks4_p8))`;
  return {
    numerator: `case when count(ks4_p8) < 2 then null
      when ${mean} - ${half} > 0 then case when ${mean} > 0.5 then 1 else 2 end
      when ${mean} + ${half} < 0 then case when ${mean} < -0.5 then 5 else 4 end
      else 3 end`,
    denominator: 'count(ks4_p8)',
    rule: 'Progress 8 band from the mean and its 95% interval (±1.96 × SD ÷ √pupils, the SD of pupil Progress 8 scores across the computed file: national for a national file, the LA’s for an LA file)',
  };
};

/**
 * The upper bound of a KS1-KS2 progress score's 95% confidence interval, the performance tables' READPROG_UPPER_CI …
 * worked as the DfE works it, the mean + 1.96 × SD ÷ √pupils, but with the SD of pupil scores across the whole file
 * ("placed"): the national SD the DfE uses for a national file, the LA's own for one LA's (which may decide a school
 * near zero otherwise than the DfE did), as for the Progress 8 band. The coasting level reads it.
 */
const progressUpper = (column: string): MeasureSql => ({
  numerator: `case when count(${column}) < 2 then null else avg(${column}) + 1.959963984540054 * (select stddev_samp(${column}) from placed) / sqrt(count(${column})) end`,
  denominator: `count(${column})`,
  rule: 'upper bound of the 95% confidence interval, mean + 1.96 × SD ÷ √pupils (the SD of pupil progress scores across the computed file: national for a national file, the LA’s for an LA file)',
});

export const measures: readonly Measure[] = [
  // Early years: the good level of development follows the profile in force (year-rules eyfsProfile).
  {
    indicator: 'eyfs-gld',
    collection: 'eyfs',
    form: 'percent',
    sql: (period) => {
      const profile = eyfsProfile(period);
      if (profile === 'eyfsp-2008')
        return percentOf('eyfs_points >= 78 and eyfs_psed_cll_6', 'eyfs_points is not null', '78+ points and 6+ in each PSED and CLL scale (EYFSP 2008)');
      if (profile === 'eyfsp-2012' || profile === 'eyfsp-2021')
        return percentOf('eyfs_gld_goals = 12', 'eyfs_gld_goals is not null', 'expected or exceeding in all 12 GLD goals');
      return null;
    },
  },
  {
    indicator: 'eyfs-78-points',
    collection: 'eyfs',
    form: 'percent',
    sql: upTo(2012, () => percentOf('eyfs_points >= 78', 'eyfs_points is not null', '78 or more points across the 13 scales')),
  },
  {
    indicator: 'eyfs-inequality-gap',
    collection: 'eyfs',
    form: 'direct',
    sql: (period) => {
      const profile = eyfsProfile(period);
      if (profile === 'eyfsp-2008') return inequalityGap('the 13 scales (13-117)');
      // The DfE published the gap to 2018/19 (indicators/early-years.yaml); the reformed profile has no point score.
      if (profile === 'eyfsp-2012' && summerOf(period) <= 2019) return inequalityGap('the 17 early learning goals (17-51)');
      return null;
    },
  },
  // Key stage 1: teacher assessment at level 2B+ to 2015, expected standard from 2016 (all pupils at the end of KS1).
  ...(['reading', 'writing', 'maths'] as const).map((subject): Measure => ({
    indicator: `ks1-l2b-${subject}`,
    collection: 'ks1',
    form: 'percent',
    sql: upTo(2015, () => percentOf(`ks1_${subject} in ${l2bPlus}`, 'true', `level 2B or above in ${subject}`)),
  })),
  {
    indicator: 'ks1-l2b-rwm',
    collection: 'ks1',
    form: 'percent',
    sql: upTo(2015, () =>
      percentOf(`ks1_reading in ${l2bPlus} and ks1_writing in ${l2bPlus} and ks1_maths in ${l2bPlus}`, 'true', 'level 2B+ in reading, writing and maths'),
    ),
  },
  {
    indicator: 'ks1-expected-rwm',
    collection: 'ks1',
    form: 'percent',
    sql: from(2016, () =>
      percentOf(`ks1_reading in ${expectedTa} and ks1_writing in ${expectedTa} and ks1_maths in ${expectedTa}`, 'true', 'EXS or GDS in all three'),
    ),
  },
  // Key stage 2 (denominator: all eligible pupils; absent and disapplied count as not achieving).
  {
    indicator: 'ks2-level4-english-maths',
    collection: 'ks2',
    form: 'percent',
    sql: upTo(2012, () => percentOf(`ks2_english in ${level4Plus} and ks2_maths in ${level4Plus}`, 'true', 'level 4+ in English and in maths')),
  },
  {
    indicator: 'ks2-level5-english-maths',
    collection: 'ks2',
    form: 'percent',
    // English as a subject level ended in 2012 (reading and writing were reported apart from 2013).
    sql: upTo(2012, () => percentOf(`ks2_english in ${level5Plus} and ks2_maths in ${level5Plus}`, 'true', 'level 5+ in English and in maths')),
  },
  {
    indicator: 'ks2-level4-rwm',
    collection: 'ks2',
    form: 'percent',
    sql: between(2013, 2015, () =>
      percentOf(
        `ks2_reading in ${level4Plus} and ks2_writing in ${level4Plus} and ks2_maths in ${level4Plus}`,
        'true',
        'level 4+ in reading test, writing TA and maths test',
      ),
    ),
  },
  {
    indicator: 'ks2-expected-rwm',
    collection: 'ks2',
    form: 'percent',
    sql: (period) =>
      summerOf(period) >= 2016 && summerOf(period) !== 2020 && summerOf(period) !== 2021
        ? percentOf(
            `ks2_reading_scaled >= 100 and ks2_maths_scaled >= 100 and ks2_writing in ${expectedTa}`,
            'true',
            'scaled score 100+ in reading and maths, EXS or GDS in writing',
          )
        : null,
  },
  // KS1-KS2 progress scores (2016 on, no KS2 tests in 2020 and 2021): a school's score is the mean of its pupils' scores
  // (the DfE's primary accountability guidance), each pupil's as the NPD derives it against the national mean of their
  // prior attainment group. Pupils without a score (no KS1 prior attainment) are not counted.
  ...(['reading', 'writing', 'maths'] as const).map((subject): Measure => ({
    indicator: `ks2-progress-${subject}-upper`,
    collection: 'ks2',
    form: 'direct',
    sql: (period) => (summerOf(period) >= 2016 && summerOf(period) !== 2020 && summerOf(period) !== 2021 ? progressUpper(`ks2_${subject}_progress`) : null),
  })),
  ...(['reading', 'writing', 'maths'] as const).map((subject): Measure => ({
    indicator: `ks2-progress-${subject}`,
    collection: 'ks2',
    form: 'mean',
    sql: (period) =>
      summerOf(period) >= 2016 && summerOf(period) !== 2020 && summerOf(period) !== 2021
        ? mean(`ks2_${subject}_progress`, `mean KS1-KS2 progress score in ${subject} of pupils with one (the NPD's pupil progress scores)`)
        : null,
  })),
  {
    indicator: 'ks2-expected-progress-english',
    collection: 'ks2',
    form: 'percent',
    sql: upTo(2012, () => expectedProgress('ks2_english', 'ks1_english_level')),
  },
  { indicator: 'ks2-expected-progress-maths', collection: 'ks2', form: 'percent', sql: upTo(2015, () => expectedProgress('ks2_maths', 'ks1_maths_level')) },
  // Reading (test level) and writing (teacher assessment) from their KS1 levels: the primary floor's progress measures
  // of 2013-2015 (domain.md §2.1).
  {
    indicator: 'ks2-expected-progress-reading',
    collection: 'ks2',
    form: 'percent',
    sql: between(2013, 2015, () => expectedProgress('ks2_reading', 'ks1_reading_level')),
  },
  {
    indicator: 'ks2-expected-progress-writing',
    collection: 'ks2',
    form: 'percent',
    sql: between(2013, 2015, () => expectedProgress('ks2_writing', 'ks1_writing_level')),
  },
  // Key stage 4: the NPD's per-pupil flags, aggregated over the end of KS4 cohort.
  { indicator: 'ks4-5ac-em', collection: 'ks4', form: 'percent', sql: upTo(2015, () => percentOf('ks4_level2_em', 'true', '5+ A*-C incl. English and maths')) },
  {
    indicator: 'ks4-a-c-english-maths',
    collection: 'ks4',
    form: 'percent',
    sql: upTo(2016, () => percentOf('ks4_em_ac', 'true', 'A*-C in English and maths')),
  },
  {
    indicator: 'ks4-grade5-english-maths',
    collection: 'ks4',
    form: 'percent',
    sql: from(2017, () => percentOf('ks4_em_grade5', 'ks4_em_grade5 is not null', 'grade 5+ in English and maths')),
  },
  {
    indicator: 'ks4-expected-progress-english',
    collection: 'ks4',
    form: 'percent',
    sql: upTo(2016, () => percentOf('ks4_ep_english', 'ks4_ep_english is not null', 'expected progress KS2-KS4 in English')),
  },
  {
    indicator: 'ks4-expected-progress-maths',
    collection: 'ks4',
    form: 'percent',
    sql: upTo(2016, () => percentOf('ks4_ep_maths', 'ks4_ep_maths is not null', 'expected progress KS2-KS4 in maths')),
  },
  {
    indicator: 'ks4-ebacc-entered',
    collection: 'ks4',
    form: 'percent',
    sql: () => percentOf('ks4_ebacc_entered', 'true', 'entered for every EBacc component'),
  },
  { indicator: 'ks4-ebacc-achieved', collection: 'ks4', form: 'percent', sql: () => percentOf('ks4_ebacc_achieved', 'true', 'achieved the EBacc') },
  {
    indicator: 'ks4-cohort-disadvantaged',
    collection: 'ks4',
    form: 'percent',
    sql: () => percentOf('disadvantaged', 'true', 'disadvantaged pupils in the cohort'),
  },
  { indicator: 'ks4-attainment8', collection: 'ks4', form: 'mean', sql: from(2016, () => mean('ks4_att8', 'mean Attainment 8 score')) },
  {
    indicator: 'ks4-progress8',
    collection: 'ks4',
    form: 'mean',
    sql: from(2016, () => mean('ks4_p8', 'mean Progress 8 score of pupils with KS2 prior attainment')),
  },
  { indicator: 'ks4-progress8-band', collection: 'ks4', form: 'band', sql: from(2016, progress8Band) },
  // Post-16 learners, in the year their 16-18 study ended. A levels by the DfE's headline of the year (domain/pupils/
  // post16.ts): 2 or more passes at A*-E of A level students (1 or more A level entries) to 2014/15, the points per
  // entry on the 0-60 scale from 2015/16. Kent's local measure (targets 32 and 43): of the young people who followed a
  // course in 16-19 with both levels known, those whose highest level at 19 is no higher than at 16.
  {
    indicator: 'a-level-2-plus-a-e',
    collection: 'post16',
    form: 'percent',
    sql: (period) => {
      const headline = aLevelHeadline(period);
      return headline.indicator === 'a-level-2-plus-a-e' ? percentOf(`alevel_passes >= ${aLevelPassesNeeded}`, 'alevel_entries >= 1', headline.rule) : null;
    },
  },
  {
    indicator: 'a-level-aps-per-entry',
    collection: 'post16',
    form: 'mean',
    sql: (period) => {
      const headline = aLevelHeadline(period);
      return headline.indicator === 'a-level-aps-per-entry'
        ? {
            numerator: 'sum(coalesce(alevel_points, 0)) filter (where alevel_entries >= 1)',
            denominator: 'sum(alevel_entries) filter (where alevel_entries >= 1)',
            rule: headline.rule,
          }
        : null;
    },
  },
  {
    indicator: 'post16-no-qualification-progress',
    collection: 'post16',
    form: 'percent',
    sql: () =>
      percentOf(
        'level_at_19 <= level_at_16',
        'in_learning and level_at_16 is not null and level_at_19 is not null',
        'highest qualification level at 19 no higher than at 16, of young people who followed a course in 16-19 (both levels known)',
      ),
  },
  // Census: absence on each year's persistent-absence rule, and exclusions.
  {
    indicator: 'persistent-absence',
    collection: 'census',
    form: 'percent',
    sql: (period) => {
      const rule = persistentAbsenceRule(period);
      const condition =
        rule.method === 'fixed-sessions' ? `missed_sessions >= ${rule.sessions}` : `missed_sessions * 100 >= ${rule.thresholdPercent} * possible_sessions`;
      return percentOf(condition, 'possible_sessions > 0', rule.description);
    },
  },
  {
    // The 15% rule of 2012/13-2014/15 kept after the DfE moved to 10%, for targets set on it (domain.md §4.2).
    indicator: 'persistent-absence-15-percent',
    collection: 'census',
    form: 'percent',
    sql: from(2013, () =>
      percentOf(`missed_sessions >= ${fifteenPercentSixHalfTerms.sessions}`, 'possible_sessions > 0', fifteenPercentSixHalfTerms.description),
    ),
  },
  {
    indicator: 'overall-absence',
    collection: 'census',
    form: 'rate',
    sql: () => ({ numerator: 'sum(missed_sessions)', denominator: 'sum(possible_sessions)', rule: 'sessions missed of possible sessions' }),
  },
  {
    indicator: 'permanent-exclusions',
    collection: 'census',
    form: 'count',
    sql: () => ({ numerator: 'count(*) filter (where permanent_exclusion)', denominator: 'count(*)', rule: 'permanent exclusions' }),
  },
  {
    indicator: 'permanent-exclusion-rate',
    collection: 'census',
    form: 'rate',
    sql: () => ({ numerator: 'count(*) filter (where permanent_exclusion)', denominator: 'count(*)', rule: 'permanent exclusions per 100 pupils' }),
  },
  {
    indicator: 'fixed-period-exclusions',
    collection: 'census',
    form: 'count',
    sql: () => ({ numerator: 'sum(fixed_period_exclusions)', denominator: 'count(*)', rule: 'fixed-period exclusions' }),
  },
  {
    indicator: 'fixed-period-exclusion-rate',
    collection: 'census',
    form: 'rate',
    sql: () => ({ numerator: 'sum(fixed_period_exclusions)', denominator: 'count(*)', rule: 'fixed-period exclusions per 100 pupils' }),
  },
  {
    indicator: 'pupils-with-fixed-period-exclusion-rate',
    collection: 'census',
    form: 'percent',
    sql: () => percentOf('fixed_period_exclusions > 0', 'true', 'pupils with one or more fixed-period exclusions'),
  },
];

/** The measures a collection yields in a period, with their SQL. */
export function measuresFor(collection: Collection, period: string): { measure: Measure; sql: MeasureSql }[] {
  return measures.flatMap((measure) => {
    if (measure.collection !== collection) return [];
    const sql = measure.sql(period);
    return sql === null ? [] : [{ measure, sql }];
  });
}

/** Whether the numerator aggregate is the figure itself (so it is not kept as a count of pupils). */
export const numeratorIsFigure = (form: MeasureForm): boolean => form === 'band' || form === 'direct';

/** The figure from the two aggregates, by the measure's form (null when there is nothing to divide by). */
export function figureOf(form: MeasureForm, numerator: number | null, denominator: number | null): number | null {
  if (form === 'count') return numerator ?? 0;
  if (numeratorIsFigure(form)) return numerator;
  if (numerator === null || denominator === null || denominator === 0) return null;
  return form === 'mean' ? numerator / denominator : (100 * numerator) / denominator;
}
