/**
 * What the demo county's pupil results are calibrated to, year by year (period codes, 201112 = 2011/12).
 *
 * Kent's own 2011 and 2012 figures are the seed's (Vision and Priorities for Improvement 2013-2016, "where we are
 * now"; ../shared/design/kent-framework-2013-2016.md targets 1, 5, 7, 8, 21, 23). Later years are a plausible
 * trajectory of our own, shaped on Kent's published direction; they are synthetic and labelled so everywhere.
 * England's figures are shaped on the DfE's published national figures for state-funded schools, rounded; the
 * neighbours' 2012 positions follow the seed's comparisons (EYFS first of neighbours, KS2 among the lowest, KS4
 * second). None of the comparator figures is a real published figure for that LA.
 */

export type Trajectory = Readonly<Record<string, number>>;

/** A rate and its gap (not-FSM minus FSM, percentage points) for one year. */
export type RateWithGap = Readonly<{ rate: number; fsmGap: number }>;

/**
 * The EYFS: good level of development, the 78-points measure (2008 profile), the FSM gap and the inequality gap between
 * the lowest-achieving 20% and the median (target 3). The inequality gap is the seed's for 2011 and 2012 (25.5%, 24.8%;
 * England 30.1%). From 2012/13 the revised profile starts a new series: the demo keeps Kent's 2012 ratio to England
 * (24.8 ÷ 30.1) against England's published 2016 gap of 31.4% (DfE EYFSP results, as reported by Early Education,
 * 19 October 2018), which gives 25.9% in 2016, and falls to it from 28.5% in 2013, the series having started higher
 * nationally (the DfE's 2019 gap of 32.4% "remains lower than the result in 2013").
 */
export const kentEyfs: Readonly<Record<string, { gld: number; points78: number | null; fsmGap: number; inequalityGap: number }>> = {
  '201011': { gld: 65, points78: 71, fsmGap: 20, inequalityGap: 25.5 },
  '201112': { gld: 72, points78: 79, fsmGap: 18, inequalityGap: 24.8 }, // seed: 72% (up 7 on 2011); gap 24.8%
  '201213': { gld: 64, points78: null, fsmGap: 18, inequalityGap: 28.5 }, // revised profile: not comparable
  '201314': { gld: 69, points78: null, fsmGap: 17, inequalityGap: 27.3 },
  '201415': { gld: 73, points78: null, fsmGap: 16, inequalityGap: 26.4 },
  '201516': { gld: 75, points78: null, fsmGap: 15, inequalityGap: 25.9 },
  '201617': { gld: 75, points78: null, fsmGap: 15, inequalityGap: 26.1 },
};

/** KS1 by subject: level 2B+ to 2014/15, expected standard from 2015/16. */
export const kentKs1: Readonly<Record<string, { reading: number; writing: number; maths: number }>> = {
  '201011': { reading: 75, writing: 61, maths: 74 },
  '201112': { reading: 77, writing: 63, maths: 76 }, // seed: in line with national, below in writing
  '201213': { reading: 79, writing: 65, maths: 78 },
  '201314': { reading: 80, writing: 67, maths: 79 },
  '201415': { reading: 81, writing: 69, maths: 80 },
  '201516': { reading: 75, writing: 66, maths: 74 },
  '201617': { reading: 77, writing: 69, maths: 76 },
};

/** KS2 headline of the year (L4+ English and maths; L4+ RWM; expected standard) and its FSM gap; L5 EM to 2012. */
export const kentKs2: Readonly<Record<string, RateWithGap & { level5: number | null }>> = {
  '201011': { rate: 72, fsmGap: 27, level5: 21.4 }, // seed: 72% (2011), FSM gap 27%
  '201112': { rate: 78, fsmGap: 22, level5: 27 }, // seed: 78% (2012), FSM gap 22%, L5 EM 27% (up 5.6)
  '201213': { rate: 74, fsmGap: 21, level5: null },
  '201314': { rate: 78, fsmGap: 20, level5: null },
  '201415': { rate: 80, fsmGap: 19, level5: null },
  '201516': { rate: 54, fsmGap: 22, level5: null },
  '201617': { rate: 62, fsmGap: 21, level5: null },
};

/** Expected progress KS1-KS2 for FSM and other pupils (seed 2012: FSM 80.8% English, 75.6% maths). */
export const ks2ExpectedProgress = { fsm: { english: 80.8, maths: 75.6 }, other: { english: 90, maths: 88 } } as const;

/** KS4: 5+ A*-C incl. English and maths (to 2014/15) or A*-C / grade 5 in English and maths, with FSM gap; A8 and P8. */
export const kentKs4: Readonly<Record<string, RateWithGap & { attainment8: number | null; progress8: number | null }>> = {
  '201011': { rate: 59, fsmGap: 33.7, attainment8: null, progress8: null }, // seed: 59% (2011), gap 32.9 + 0.8
  '201112': { rate: 61, fsmGap: 32.9, attainment8: null, progress8: null }, // seed: 61%, FSM gap 32.9 (down 0.8)
  '201213': { rate: 63, fsmGap: 31.5, attainment8: null, progress8: null },
  '201314': { rate: 57, fsmGap: 31, attainment8: null, progress8: null }, // reformed qualifications counted
  '201415': { rate: 58, fsmGap: 30, attainment8: null, progress8: null },
  '201516': { rate: 64, fsmGap: 28, attainment8: 50, progress8: -0.05 }, // A*-C in English and maths
  '201617': { rate: 43, fsmGap: 27, attainment8: 46.5, progress8: -0.05 }, // grade 5 or above in English and maths
};

/**
 * How a pupil's Progress 8 follows the gap between their attainment and prior attainment in the demo: the school's
 * mean gap counts for `schoolShare` of itself (most of it is intake, e.g. a selective school's), the school's own
 * effect on progress is a draw of spread `schoolSpread`, and the pupil's own difference from their school counts for
 * `pupilShare`, with noise of spread `pupilNoise` so pupils' scores spread about as the DfE's do (SD about 1.26,
 * domain.md §1.6). Set so that the demo's 2016 secondaries look like Kent's in the DfE's
 * 2016 KS4 school file (../shared/data/public/perf-tables-2016-2019/ks4_school_2016.csv with the 2017/18 spine, LA
 * 886): of 59 non-selective schools with a Progress 8 score, 6 under −0.5 and a median of −0.06; the 30 selective
 * schools' median +0.22, none under −0.5 (tests/demo-calibration.test.ts recounts both).
 */
export const kentProgress8Spread = { schoolShare: 0.15, schoolSpread: 0.3, pupilShare: 0.75, pupilNoise: 1 } as const;

/**
 * Kent's KS1-KS2 progress scores in the years the demo makes them (2015/16, 2016/17): the pupil-weighted mean of the
 * school scores in the DfE's KS2 school files (../shared/data/public/perf-tables-2016-2019/ks2_school_2016.csv and
 * ks2_school_2017.csv, "Reading Progress", "Writing Progress", "Maths Progress" weighted by "KS2 Pupils", schools of
 * LA 886 in the 2017/18 spine): 2016 reading +0.55, writing +0.55, maths +0.07; 2017 +0.34, +0.42, −0.16.
 */
export const kentKs2Progress: Readonly<Record<string, Readonly<{ reading: number; writing: number; maths: number }>>> = {
  '201516': { reading: 0.55, writing: 0.55, maths: 0.07 },
  '201617': { reading: 0.34, writing: 0.42, maths: -0.16 },
};

/**
 * How a pupil's KS1-KS2 progress scores are made in the demo, as Progress 8's are (kentProgress8Spread): a share of
 * their school's mean gap between attainment and prior attainment (`schoolShare`, in score points a unit), the school's
 * own effect (spread `schoolSpread`, `commonShare` of its variance shared by the three subjects), the pupil's own
 * difference from their school (`pupilShare`) and noise (`pupilNoise`); `withoutPrior` of pupils have no KS1 prior
 * attainment, so no score. Set so that the demo's schools spread about as Kent's do in the DfE's KS2 school files
 * (mainstream schools' scores have an SD of 2.2-2.5 points in each subject) and about as many are below the floor: of
 * Kent's mainstream schools with 11 or more pupils and a published attainment, 6 of 364 in 2016 and 15 of 382 in 2017;
 * the demo's, 6 and 11 of 442 (tests/demo-primary-progress.test.ts recounts both).
 */
export const kentKs2ProgressSpread = { schoolShare: 2, schoolSpread: 2.2, commonShare: 0.6, pupilShare: 3, pupilNoise: 5, withoutPrior: 0.04 } as const;

/** Persistent absence (the year's threshold) and overall absence, by phase. Seed: 4.8 → 3.5 primary, 9.8 → 7.0 secondary. */
export const kentAbsence: Readonly<Record<string, { primaryPa: number; secondaryPa: number; primaryOverall: number; secondaryOverall: number }>> = {
  '201011': { primaryPa: 4.8, secondaryPa: 9.8, primaryOverall: 5.0, secondaryOverall: 6.7 },
  '201112': { primaryPa: 3.5, secondaryPa: 7.0, primaryOverall: 4.4, secondaryOverall: 5.9 }, // seed: secondary 6.7 → 5.9, primary down 0.6
  '201213': { primaryPa: 3.1, secondaryPa: 6.4, primaryOverall: 4.6, secondaryOverall: 5.8 },
  '201314': { primaryPa: 2.4, secondaryPa: 5.6, primaryOverall: 3.9, secondaryOverall: 5.1 },
  '201415': { primaryPa: 2.3, secondaryPa: 5.5, primaryOverall: 4.0, secondaryOverall: 5.2 },
  '201516': { primaryPa: 8.5, secondaryPa: 13.1, primaryOverall: 4.0, secondaryOverall: 5.2 }, // 10% threshold from here
  '201617': { primaryPa: 8.8, secondaryPa: 13.6, primaryOverall: 4.1, secondaryOverall: 5.4 },
};

/**
 * Of the enrolments persistently absent on the 10% rule (from 2015/16), the share that also miss 56 or more sessions
 * (the 15% rule Kent's targets were set on, domain.md §4.2), by phase. An assumption from England's figures in adjacent
 * years, as no year is published on both rules at this level: on the 15% rule in 2014/15, 2.1% of primary and 5.4% of
 * secondary enrolments (DfE SFR 10/2016, Pupil absence in schools in England: 2014 to 2015); on the 10% rule in 2015/16,
 * 8.24% and 13.06% (LAIT SFPriPerAbNew, SFSecPerAbNew, England 2016). Special schools are given secondary's share.
 */
export const paFifteenShareOfTen: Readonly<Record<'primary' | 'secondary' | 'special', number>> = {
  primary: 2.1 / 8.24,
  secondary: 5.4 / 13.06,
  special: 5.4 / 13.06,
};

/**
 * Permanent exclusions in the county (seed: 252 in 2010/11, 192 in 2011/12), how many of them were of children in care,
 * and the share of pupils with a fixed-period exclusion. The children in care are synthetic: a handful a year (about
 * 0.5% of the county's looked-after pupils, falling) and none from 2015/16, as the seed's target 22 ("no children and
 * young people in care will be excluded from school") aims; never 1 or 2, which the public figures would hide.
 */
export const kentExclusions: Readonly<Record<string, { permanent: number; inCarePermanent: number; pupilsWithFixedPeriod: number }>> = {
  '201011': { permanent: 252, inCarePermanent: 7, pupilsWithFixedPeriod: 2.4 },
  '201112': { permanent: 192, inCarePermanent: 6, pupilsWithFixedPeriod: 2.2 },
  '201213': { permanent: 150, inCarePermanent: 5, pupilsWithFixedPeriod: 2.0 },
  '201314': { permanent: 118, inCarePermanent: 4, pupilsWithFixedPeriod: 1.9 },
  '201415': { permanent: 96, inCarePermanent: 3, pupilsWithFixedPeriod: 1.9 },
  '201516': { permanent: 80, inCarePermanent: 0, pupilsWithFixedPeriod: 1.8 },
  '201617': { permanent: 71, inCarePermanent: 0, pupilsWithFixedPeriod: 1.8 },
};

/**
 * Post-16 learners (targets 32, 43 and 44), by the period their 16-18 study ended: the demo's KS4 pupils carry on two
 * years later (generate-pupils.ts), so the first such period is 2012/13 (the KS4 cohort of 2010/11, the demo's first).
 * Kent's 2012 positions are the seed's (Vision and Priorities for Improvement 2013-2016, targets 32, 43 and 44): 13.6%
 * of 16-19 year olds in learning not raising their qualification level, 95.6% of A level students with 2+ passes at
 * A*-E; they are the framework's baselines, and the demo's later years start from them. `noProgress` and
 * `aLevel2Plus` for 2012/13 on are a synthetic trajectory of our own: not raising one's level falls towards the
 * target of under 5% without reaching it; the pass rate edges up. `apsPerEntry` (the 0-60 scale, from 2015/16) is
 * Kent's published figure, LAIT APSE_Alevel (../shared/data/public/lait/bds_long_kent_sn_england.csv, Kent): 30.79
 * in 2016 and 30.83 in 2017.
 *
 * The shape of the cohort is an assumption of our own, labelled so: 92% follow a course in 16-19; 40% of the cohort
 * are A level students; at the end of KS4, 72% hold level 2, 18% level 1 and 10% less (level 0), by rank of attainment.
 */
export const kentPost16: Readonly<Record<string, { noProgress: number; aLevel2Plus: number; apsPerEntry: number | null }>> = {
  '201213': { noProgress: 12.5, aLevel2Plus: 95.8, apsPerEntry: null },
  '201314': { noProgress: 11.1, aLevel2Plus: 96.0, apsPerEntry: null },
  '201415': { noProgress: 9.8, aLevel2Plus: 96.3, apsPerEntry: null },
  '201516': { noProgress: 8.6, aLevel2Plus: 96.4, apsPerEntry: 30.79 },
  '201617': { noProgress: 8.0, aLevel2Plus: 96.5, apsPerEntry: 30.83 },
};
export const post16Cohort = { inLearning: 0.92, aLevelStudents: 0.4, level2At16: 0.72, level1At16: 0.18 } as const;

/** England's figures for the comparators (state-funded schools; rounded; shaped on the DfE's national releases). */
export type ComparatorSeries = Readonly<{
  indicator: string;
  breakdown: string;
  decimalPlaces: number;
  england: Trajectory;
  /** Each neighbour's 2011/12 figure (by DfE LA code); other years move with England. */
  neighbours2012: Readonly<Record<string, number>>;
  /** The South East's offset from England (null: no South East figure is made, England's being a published one alone). */
  southEast: number | null;
}>;

const sn = (values: readonly number[]): Readonly<Record<string, number>> =>
  Object.fromEntries(['845', '881', '888', '928', '891', '860', '866', '937', '938', '885'].map((code, i) => [code, values[i]!]));

export const comparators: readonly ComparatorSeries[] = [
  {
    indicator: 'eyfs-gld',
    breakdown: 'all',
    decimalPlaces: 0,
    england: { '201011': 59, '201112': 64, '201213': 52, '201314': 60, '201415': 66, '201516': 69, '201617': 71 },
    neighbours2012: sn([66, 63, 61, 62, 64, 65, 60, 66, 68, 65]), // Kent 72: first of neighbours, top quartile
    southEast: 2,
  },
  {
    indicator: 'ks2-level4-english-maths',
    breakdown: 'all',
    decimalPlaces: 0,
    england: { '201011': 74, '201112': 79 },
    neighbours2012: sn([79, 80, 80, 79, 81, 80, 78, 81, 79, 80]), // Kent 78: below national, among the lowest of neighbours
    southEast: 1,
  },
  { indicator: 'ks2-level4-english-maths', breakdown: 'fsm', decimalPlaces: 0, england: { '201011': 58, '201112': 66 }, neighbours2012: {}, southEast: 0 },
  { indicator: 'ks2-level4-rwm', breakdown: 'fsm', decimalPlaces: 0, england: { '201213': 60, '201314': 65, '201415': 66 }, neighbours2012: {}, southEast: 0 },
  {
    indicator: 'ks2-level4-rwm',
    breakdown: 'not-fsm',
    decimalPlaces: 0,
    england: { '201213': 79, '201314': 82, '201415': 83 },
    neighbours2012: {},
    southEast: 0,
  },
  { indicator: 'ks2-level4-english-maths', breakdown: 'not-fsm', decimalPlaces: 0, england: { '201011': 78, '201112': 86 }, neighbours2012: {}, southEast: 0 },
  {
    indicator: 'ks2-level4-rwm',
    breakdown: 'all',
    decimalPlaces: 0,
    england: { '201213': 75, '201314': 79, '201415': 80 },
    neighbours2012: sn([76, 76, 77, 75, 77, 76, 74, 77, 76, 76]),
    southEast: 1,
  },
  {
    indicator: 'ks2-expected-rwm',
    breakdown: 'all',
    decimalPlaces: 0,
    england: { '201516': 53, '201617': 61 },
    neighbours2012: sn([54, 53, 54, 51, 54, 53, 50, 55, 53, 54]),
    southEast: 1,
  },
  {
    indicator: 'ks4-5ac-em',
    breakdown: 'all',
    decimalPlaces: 1,
    england: { '201011': 58.2, '201112': 59.4, '201213': 59.2, '201314': 56.6, '201415': 57.1 },
    neighbours2012: sn([58.1, 60.2, 59.8, 56.9, 57.4, 58.8, 55.6, 61.8, 60.4, 59.1]), // Kent 61: above national, 2nd of neighbours
    southEast: 1.5,
  },
  {
    indicator: 'ks4-5ac-em',
    breakdown: 'fsm',
    decimalPlaces: 1,
    england: { '201011': 34.6, '201112': 36.3, '201213': 38.1, '201314': 33.5, '201415': 33.1 },
    neighbours2012: {},
    southEast: 0,
  },
  {
    indicator: 'ks4-5ac-em',
    breakdown: 'not-fsm',
    decimalPlaces: 1,
    england: { '201011': 62.0, '201112': 62.1, '201213': 64.6, '201314': 60.5, '201415': 61.1 },
    neighbours2012: {},
    southEast: 0,
  },
  {
    indicator: 'ks4-5ac-em',
    breakdown: 'in-care',
    decimalPlaces: 1,
    england: { '201011': 12.8, '201112': 14.6, '201213': 15.3, '201314': 12.0, '201415': 13.8 },
    neighbours2012: {},
    southEast: 0,
  },
  {
    indicator: 'ks4-attainment8',
    breakdown: 'all',
    decimalPlaces: 1,
    england: { '201516': 49.9, '201617': 46.3 },
    neighbours2012: sn([49.1, 50.3, 49.8, 47.9, 48.7, 49.5, 47.2, 51.2, 50.6, 49.9]),
    southEast: 1.2,
  },
  // England's 2015/16 successor figures by FSM, for the gap targets' comparison with the national gap on the new
  // measures (target 8): LAIT 2016 (../shared/data/public/lait/bds_long_kent_sn_england.csv, England) FSM_NEW_KS2_RWM
  // 36 and NonFSM_NEW_KS2_RWM 57; FSM_AVG_Attain8_Score 39.1 and NonFSM_AVG_Attain8_Score 51.8.
  { indicator: 'ks2-expected-rwm', breakdown: 'fsm', decimalPlaces: 0, england: { '201516': 36 }, neighbours2012: {}, southEast: 0 },
  { indicator: 'ks2-expected-rwm', breakdown: 'not-fsm', decimalPlaces: 0, england: { '201516': 57 }, neighbours2012: {}, southEast: 0 },
  { indicator: 'ks4-attainment8', breakdown: 'fsm', decimalPlaces: 1, england: { '201516': 39.1 }, neighbours2012: {}, southEast: 0 },
  { indicator: 'ks4-attainment8', breakdown: 'not-fsm', decimalPlaces: 1, england: { '201516': 51.8 }, neighbours2012: {}, southEast: 0 },
  {
    indicator: 'ks4-progress8',
    breakdown: 'all',
    decimalPlaces: 2,
    england: { '201516': -0.03, '201617': -0.03 },
    neighbours2012: sn([-0.08, 0.02, -0.01, -0.12, -0.09, -0.05, -0.15, 0.05, 0.01, -0.02]),
    southEast: 0.03,
  },
  // England's A level average point score per entry (0-60 scale), for target 44 from 2016: LAIT APSE_Alevel
  // (../shared/data/public/lait/bds_long_kent_sn_england.csv, England) 30.44 in 2016 and 31.13 in 2017. England's 2+
  // A*-E of A level students for 2012/13-2014/15 is not given: no citable national figure of that measure was found
  // (the DfE's SFRs of those years headline 2+ substantial level 3 qualifications of all level 3 students, a different
  // cohort), so target 44 has no status in 2013-2015 on the demo.
  {
    indicator: 'a-level-aps-per-entry',
    breakdown: 'all',
    decimalPlaces: 2,
    england: { '201516': 30.44, '201617': 31.13 },
    neighbours2012: {},
    southEast: null,
  },
  {
    indicator: 'persistent-absence',
    breakdown: 'phase:primary',
    decimalPlaces: 1,
    england: { '201011': 3.9, '201112': 3.1, '201213': 3.0, '201314': 2.4, '201415': 2.3, '201516': 8.2, '201617': 8.3 },
    neighbours2012: sn([3.4, 3.0, 3.2, 3.3, 3.1, 2.9, 3.5, 2.8, 3.0, 2.9]),
    southEast: -0.1,
  },
  {
    indicator: 'persistent-absence',
    breakdown: 'phase:secondary',
    decimalPlaces: 1,
    england: { '201011': 8.4, '201112': 7.4, '201213': 6.4, '201314': 5.7, '201415': 5.4, '201516': 12.8, '201617': 13.5 },
    neighbours2012: sn([7.9, 7.1, 7.6, 7.8, 7.4, 6.9, 8.1, 6.8, 7.2, 7.0]),
    southEast: -0.2,
  },
  {
    indicator: 'permanent-exclusion-rate',
    breakdown: 'all',
    decimalPlaces: 2,
    england: { '201011': 0.07, '201112': 0.07, '201213': 0.06, '201314': 0.06, '201415': 0.07, '201516': 0.08, '201617': 0.1 },
    neighbours2012: sn([0.08, 0.06, 0.05, 0.09, 0.06, 0.07, 0.1, 0.05, 0.06, 0.07]),
    southEast: 0,
  },
];

/** One group's attainment by 19 (rates in per cent of the cohort at 15; `l2emAfter16` of those without it at 16). */
export type AtNineteenGroup = Readonly<{ pupils: number; l2: number; l2em: number; l3: number; l2emAt16: number; l2emAfter16: number }>;
export type AtNineteen = Readonly<{ fsm: AtNineteenGroup; other: AtNineteenGroup }>;

/**
 * Attainment by 19 (targets 31, 33, 41 and 42), by the year the cohort turned 19, for young people eligible for free
 * school meals at 15 and the rest: the demo county's pupils are not followed past Year 11, so its published file (the
 * DfE's "Level 2 and 3 attainment age 16 to 25" LA layout, src/demo/attainment-at-19.ts) is made from these. Shaped on
 * that release (2023, OGL; ../shared/data/public/attainment-age-19/): Kent's and England's own figures, cohorts rounded
 * to 10 and rates to one decimal. They give the seed's 2012 position: level 3 by 19, FSM 22.0% against 55.1% for the
 * rest in Kent (a gap of 33.1 points, the seed's 33%) and 34.1% against 58.3% in England (24.2, the seed's 25).
 */
export const atNineteen: Readonly<Record<'kent' | 'england', Readonly<Record<number, AtNineteen>>>> = {
  kent: {
    2011: {
      fsm: { pupils: 1370, l2: 59.6, l2em: 26.5, l3: 21.4, l2emAt16: 22.4, l2emAfter16: 7.8 },
      other: { pupils: 15850, l2: 83.1, l2em: 59.8, l3: 54.1, l2emAt16: 54.1, l2emAfter16: 15.1 },
    },
    2012: {
      fsm: { pupils: 1410, l2: 60.2, l2em: 27.3, l3: 22.0, l2emAt16: 24.9, l2emAfter16: 6.1 },
      other: { pupils: 15380, l2: 85.4, l2em: 61.1, l3: 55.1, l2emAt16: 56.2, l2emAfter16: 14.0 },
    },
    2013: {
      fsm: { pupils: 1480, l2: 62.2, l2em: 29.2, l3: 24.6, l2emAt16: 26.3, l2emAfter16: 7.3 },
      other: { pupils: 15490, l2: 86.8, l2em: 64.7, l3: 56.7, l2emAt16: 61.1, l2emAfter16: 12.9 },
    },
    2014: {
      fsm: { pupils: 1520, l2: 67.6, l2em: 31.5, l3: 25.1, l2emAt16: 30.3, l2emAfter16: 5.4 },
      other: { pupils: 14800, l2: 88.0, l2em: 66.5, l3: 57.3, l2emAt16: 63.4, l2emAfter16: 12.5 },
    },
    2015: {
      fsm: { pupils: 1710, l2: 72.0, l2em: 35.8, l3: 29.1, l2emAt16: 32.4, l2emAfter16: 7.9 },
      other: { pupils: 14640, l2: 88.8, l2em: 69.3, l3: 59.3, l2emAt16: 65.2, l2emAfter16: 15.9 },
    },
    2016: {
      fsm: { pupils: 2040, l2: 66.8, l2em: 37.0, l3: 25.6, l2emAt16: 33.7, l2emAfter16: 10.2 },
      other: { pupils: 14830, l2: 88.0, l2em: 71.6, l3: 58.1, l2emAt16: 67.7, l2emAfter16: 19.9 },
    },
    2017: {
      fsm: { pupils: 1750, l2: 61.0, l2em: 37.0, l3: 24.6, l2emAt16: 33.5, l2emAfter16: 11.8 },
      other: { pupils: 14730, l2: 85.7, l2em: 72.2, l3: 58.3, l2emAt16: 67.0, l2emAfter16: 24.1 },
    },
  },
  england: {
    2011: {
      fsm: { pupils: 75330, l2: 65.3, l2em: 36.1, l3: 32.0, l2emAt16: 29.0, l2emAfter16: 13.1 },
      other: { pupils: 524890, l2: 83.9, l2em: 63.3, l3: 56.7, l2emAt16: 55.9, l2emAfter16: 20.2 },
    },
    2012: {
      fsm: { pupils: 74700, l2: 68.8, l2em: 38.4, l3: 34.1, l2emAt16: 32.0, l2emAfter16: 12.5 },
      other: { pupils: 505520, l2: 86.0, l2em: 65.3, l3: 58.3, l2emAt16: 58.5, l2emAfter16: 19.8 },
    },
    2013: {
      fsm: { pupils: 77790, l2: 70.8, l2em: 40.7, l3: 35.3, l2emAt16: 36.2, l2emAfter16: 10.9 },
      other: { pupils: 502190, l2: 87.1, l2em: 67.7, l3: 59.5, l2emAt16: 62.6, l2emAfter16: 17.8 },
    },
    2014: {
      fsm: { pupils: 79720, l2: 71.3, l2em: 42.5, l3: 35.7, l2emAt16: 38.6, l2emAfter16: 11.3 },
      other: { pupils: 488920, l2: 87.9, l2em: 69.7, l3: 60.5, l2emAt16: 64.9, l2emAfter16: 18.6 },
    },
    2015: {
      fsm: { pupils: 80540, l2: 72.0, l2em: 45.2, l3: 36.4, l2emAt16: 39.7, l2emAfter16: 14.8 },
      other: { pupils: 482140, l2: 88.4, l2em: 71.8, l3: 61.0, l2emAt16: 65.1, l2emAfter16: 24.8 },
    },
    2016: {
      fsm: { pupils: 85640, l2: 70.4, l2em: 45.9, l3: 36.3, l2emAt16: 40.1, l2emAfter16: 16.2 },
      other: { pupils: 487680, l2: 87.9, l2em: 72.8, l3: 60.8, l2emAt16: 66.1, l2emAfter16: 26.9 },
    },
    2017: {
      fsm: { pupils: 81100, l2: 66.4, l2em: 44.9, l3: 36.0, l2emAt16: 38.4, l2emAfter16: 17.0 },
      other: { pupils: 479110, l2: 86.5, l2em: 72.9, l3: 61.2, l2emAt16: 65.4, l2emAfter16: 28.8 },
    },
  },
};

/**
 * Youth unemployment (targets 38 and 47) in the demo's claimant count file, annual averages by calendar year.
 *
 * Kent's 18-24 claimant count: 2012 is the seed's "nearly 10,000 18-24 year olds in Kent are unemployed" (taken as
 * 9,900); the other years are a synthetic fall of our own, shaped on the direction of the national count, which
 * roughly halved between 2012 and 2015 as employment recovered. England's claimant proportion of residents aged 18-24 is
 * likewise a rounded shape, not a published figure. Kent's residents aged 18-24 are taken as 9% of each district's 2011
 * Census usual residents (rounded, in thousands; Kent's total 1,464 thousand), so its count and its districts' counts
 * agree with their proportions.
 *
 * The seed's "over 20%" in Thanet, Swale, Shepway, Gravesham and Dover is an unemployment rate (unemployed as a share
 * of the economically active, the Annual Population Survey's measure), which the claimant count does not give. The demo
 * keeps the seed's ordering instead: the five districts' claimant proportion starts at 1.4-1.75 times England's in 2012
 * and moves linearly to its 2016 ratio, Thanet and Shepway staying above England and the other three falling below; the
 * other seven districts share the rest of Kent's count.
 */
export const kentClaimants18to24: Readonly<Record<number, number>> = { 2011: 9500, 2012: 9900, 2013: 8300, 2014: 5600, 2015: 4000, 2016: 3500 };
export const englandClaimantPercent18to24: Readonly<Record<number, number>> = { 2011: 7.3, 2012: 7.6, 2013: 6.5, 2014: 4.3, 2015: 3.1, 2016: 2.9 };
export const districtResidentsThousands: Readonly<Record<string, number>> = {
  E07000105: 118, // Ashford
  E07000106: 151, // Canterbury
  E07000107: 98, // Dartford
  E07000108: 111, // Dover
  E07000109: 102, // Gravesham
  E07000110: 155, // Maidstone
  E07000111: 115, // Sevenoaks
  E07000112: 108, // Shepway
  E07000113: 136, // Swale
  E07000114: 134, // Thanet
  E07000115: 121, // Tonbridge and Malling
  E07000116: 115, // Tunbridge Wells
};
export const residentsAged18to24Share = 0.09;
/** The five youth unemployment hotspots: their claimant proportion as a multiple of England's, in 2012 and in 2016. */
export const hotspotRatios: Readonly<Record<string, readonly [ratio2012: number, ratio2016: number]>> = {
  E07000114: [1.75, 1.4], // Thanet
  E07000113: [1.45, 0.95], // Swale
  E07000112: [1.5, 1.1], // Shepway
  E07000109: [1.4, 0.92], // Gravesham
  E07000108: [1.45, 0.98], // Dover
};
/** How each month's claimant count stands to the year's (January high, early summer low); the twelve add to 12. */
export const claimantSeason = [1.06, 1.05, 1.03, 1.0, 0.97, 0.96, 0.99, 1.02, 1.0, 0.97, 0.97, 0.98] as const;

/**
 * Target 36: apprentices the council took on, by financial year (keyed by its first year: 2012 is 2012-13). Synthetic:
 * the seed says the scheme "will continue with at least 88 apprentices taken on each year, totalling 400 … by 2016";
 * the demo's four years 2012-13 to 2015-16 add to 400, with one year (2014-15) short of 88. Completions are shaped too.
 */
export const kentApprentices: Readonly<Record<number, { takenOn: number; completions: number }>> = {
  2011: { takenOn: 82, completions: 66 },
  2012: { takenOn: 94, completions: 70 },
  2013: { takenOn: 101, completions: 79 },
  2014: { takenOn: 86, completions: 84 },
  2015: { takenOn: 119, completions: 77 },
};

/**
 * Target 37: the percentage of schools in the LA's survey whose apprenticeship was taken up, by academic year (keyed by
 * its first year). Synthetic, rising to the seed's "at least 50%" in 2015/16; the seed gives no 2012 figure.
 */
export const schoolsWithApprenticeshipPercent: Readonly<Record<number, number>> = { 2011: 18, 2012: 26, 2013: 34, 2014: 43, 2015: 52 };

/**
 * Ofsted grades of the demo's special schools' inspections, by academic start year (from that year on): shares of
 * outstanding, good and requires improvement (satisfactory before September 2012), the rest inadequate. Special
 * schools are graded among themselves, not ranked against mainstream schools (their attainment effect is the lowest
 * in the county, which would make them the worst-graded). Calibrated, with the demo's seed, to the seed's 80% of Kent's
 * special schools good or outstanding in 2012 (Vision and Priorities for Improvement 2013-2016, target 11): 19 of the
 * 24 special schools open on 31 August 2012, 79% — the nearest share 24 schools can give (20 would be 83%). Later
 * years are a plausible rise of our own towards the target of all, synthetic like the rest.
 */
export const specialSchoolGradeShares: Readonly<Record<number, readonly [number, number, number]>> = {
  2005: [0.08, 0.42, 0.4],
  2011: [0.1, 0.5, 0.3],
  2012: [0.12, 0.6, 0.2],
  2013: [0.15, 0.65, 0.15],
  2014: [0.2, 0.7, 0.08],
};

/**
 * How often an inspection judged the quality of teaching one grade better than overall effectiveness, by overall
 * grade. Ofsted's 2013/14 inspection-level data (../shared/data/public/ofsted-inspections-2013-14/, 6,469 inspections;
 * counted in tests/ofsted-teaching.test.ts): teaching was never judged worse than overall effectiveness; better in 2 of
 * 3,464 inspections judged good, 53 of 1,970 requires improvement and 59 of 422 inadequate (57 of them one grade).
 */
export const teachingAboveOverall: Readonly<Record<1 | 2 | 3 | 4, number>> = { 1: 0, 2: 2 / 3464, 3: 53 / 1970, 4: 59 / 422 };

/**
 * Target 35: Kent's starts on further education and apprenticeships by its residents, by academic year (keyed by its
 * first year), as the demo's file in the DfE's layout gives them (src/demo/employment-files.ts), before rounding to 10.
 *
 * Apprenticeship starts by age band: 2011/12 is the seed's "official figures from the National Apprentice Service for
 * 2012": 2,715 by 16-18 year olds, 3,355 by 18-24 year olds and 4,742 by those 24 and over, read as the DfE's bands
 * Under 19, 19-24 and 25+. Later years, adult (19+) education and training starts and the shares below are synthetic,
 * our own assumption: apprenticeship starts roughly level until 2014/15, adult education and training falling slowly
 * (as it did nationally after the 2013 funding changes), and the share of starts in Kent's skills shortage areas
 * rising from 36% to 42% as the LA steers provision towards them, which takes the target's figure from about 3,100 in
 * 2011/12 to about 3,600 in 2015/16 (over the 10% the seed asks for) with a dip in 2012/13.
 */
export const kentVocationalStarts: Readonly<
  Record<
    number,
    {
      apprenticeships: readonly [under19: number, from19to24: number, over25: number];
      educationAndTraining: readonly [from19to24: number, over25: number];
      shortageShare: number;
    }
  >
> = {
  2011: { apprenticeships: [2715, 3355, 4742], educationAndTraining: [4200, 12600], shortageShare: 0.36 },
  2012: { apprenticeships: [2640, 3290, 5200], educationAndTraining: [4050, 12000], shortageShare: 0.365 },
  2013: { apprenticeships: [2590, 3150, 4900], educationAndTraining: [3900, 11200], shortageShare: 0.38 },
  2014: { apprenticeships: [2700, 3300, 5100], educationAndTraining: [3950, 10800], shortageShare: 0.4 },
  2015: { apprenticeships: [2760, 3420, 5300], educationAndTraining: [4000, 10500], shortageShare: 0.42 },
};
/** How starts split by level (an assumption of ours, near England's mix then): apprenticeships mostly intermediate; adult education and training from below level 2 to level 4+. */
export const apprenticeshipLevelShares = { 'Intermediate Apprenticeship': 0.68, 'Advanced Apprenticeship': 0.29, 'Higher Apprenticeship': 0.03 } as const;
export const educationAndTrainingLevelShares = { 'Below Level 2': 0.3, 'Level 2': 0.38, 'Level 3': 0.26, 'Level 4+': 0.06 } as const;
/** How the shortage share splits among Kent's four default areas, and the rest among the other eleven (weights; assumptions of ours). */
export const shortageAreaWeights: Readonly<Record<string, number>> = {
  'Health, Public Services and Care': 45,
  'Engineering and Manufacturing Technologies': 25,
  'Construction, Planning and the Built Environment': 18,
  'Information and Communication Technology': 12,
};
export const otherAreaWeights: Readonly<Record<string, number>> = {
  'Business, Administration and Law': 35,
  'Retail and Commercial Enterprise': 28,
  'Leisure, Travel and Tourism': 10,
  'Preparation for Life and Work': 8,
  'Agriculture, Horticulture and Animal Care': 5,
  'Education and Training': 4,
  'Arts, Media and Publishing': 3,
  'Science and Mathematics': 2,
  'Languages, Literature and Culture': 2,
  'Social Sciences': 2,
  'History, Philosophy and Theology': 1,
};

/**
 * Target 39: assisted employment opportunities taken up by Kent's young people with learning difficulties and
 * disabilities, by academic year (keyed by its first year) and type, as the LA's return gives them. Synthetic: no
 * figure is published. The shape follows national policy: supported internships offered from 2013/14 (after the
 * 2012/13 trial) and traineeships from August 2013; supported employment (job-coached jobs and placements) the
 * steady core. The total goes from 160 in 2011/12, the baseline, to 190 in 2015/16, 19% more (the seed asks for 15%).
 */
export const kentSupportedEmployment: Readonly<
  Record<number, Readonly<Partial<Record<'supported-internship' | 'supported-employment' | 'traineeship' | 'other', number>>>>
> = {
  2011: { 'supported-employment': 118, other: 42 },
  2012: { 'supported-employment': 116, other: 42 },
  2013: { 'supported-internship': 24, 'supported-employment': 114, traineeship: 8, other: 25 },
  2014: { 'supported-internship': 38, 'supported-employment': 112, traineeship: 12, other: 20 },
  2015: { 'supported-internship': 52, 'supported-employment': 110, traineeship: 12, other: 16 },
};
