import { endYearOf, startYearOf } from '../periods/period.ts';

/** Rules that change by academic year (domain.md §1.1 and §4.2). Each takes a DfE period code such as '201516'. */

export type PersistentAbsenceRule =
  | Readonly<{ method: 'fixed-sessions'; thresholdPercent: 20 | 15; sessions: number; halfTerms: 5 | 6; description: string }>
  | Readonly<{ method: 'pupil-level'; thresholdPercent: 10; description: string }>;

/**
 * The 15% rule as it stood in 2012/13-2014/15, its last form before the DfE's 10% pupil-level rule (domain.md §4.2):
 * 56 or more sessions missed over the six half-terms. Targets set on it (Kent's 2013-2016) are read on it after
 * 2014/15 from the LA's own pupil records (indicator persistent-absence-15-percent).
 */
export const fifteenPercentSixHalfTerms = {
  method: 'fixed-sessions',
  thresholdPercent: 15,
  sessions: 56,
  halfTerms: 6,
  description: '56 or more sessions missed over six half-terms (about 15%)',
} as const satisfies PersistentAbsenceRule;

/**
 * 2005/06-2009/10: about 20%, 64+ sessions over five half-terms. 2010/11-2014/15: about 15%, 46+ sessions over
 * five half-terms, 56+ over six from 2012/13. From 2015/16: each enrolment's own absence rate of 10% or more.
 */
export function persistentAbsenceRule(period: string): PersistentAbsenceRule {
  const year = startYearOf(period);
  if (year < 2005) throw new RangeError(`no persistent absence measure before 2005/06 (got ${period})`);
  if (year <= 2009)
    return {
      method: 'fixed-sessions',
      thresholdPercent: 20,
      sessions: 64,
      halfTerms: 5,
      description: '64 or more sessions missed over five half-terms (about 20%)',
    };
  if (year <= 2011)
    return {
      method: 'fixed-sessions',
      thresholdPercent: 15,
      sessions: 46,
      halfTerms: 5,
      description: '46 or more sessions missed over five half-terms (about 15%)',
    };
  if (year <= 2014) return fifteenPercentSixHalfTerms;
  return { method: 'pupil-level', thresholdPercent: 10, description: "10% or more of the enrolment's own possible sessions missed" };
}

export type HeadlineMeasure = Readonly<{ code: string; title: string }> | null;

/** KS2's headline attainment measure: level 4+ in English and maths (to 2012), in reading, writing and maths (2013-2015), the expected standard (from 2016). */
export function ks2Headline(period: string): HeadlineMeasure {
  const summer = endYearOf(period);
  if (summer === 2020 || summer === 2021) return null; // no tests
  if (summer <= 2012) return { code: 'ks2-level4-english-maths', title: 'KS2 level 4 or above in English and maths' };
  if (summer <= 2015) return { code: 'ks2-level4-rwm', title: 'KS2 level 4 or above in reading, writing and maths' };
  return { code: 'ks2-expected-rwm', title: 'KS2 expected standard in reading, writing and maths' };
}

/** KS4's headline: 5+ A*-C including English and maths to 2015; Attainment 8 and Progress 8 from 2016 (no Progress 8 in 2020, 2021, 2025, 2026). */
export function ks4Headlines(period: string): readonly string[] {
  const summer = endYearOf(period);
  if (summer <= 2015) return ['ks4-5ac-em'];
  if (summer === 2020 || summer === 2021) return ['ks4-attainment8']; // centre/teacher-assessed grades, no performance tables
  const progress8 = summer === 2025 || summer === 2026 ? [] : ['ks4-progress8'];
  return ['ks4-attainment8', ...progress8, summer <= 2016 ? 'ks4-a-c-english-maths' : 'ks4-grade5-english-maths'];
}

/** Which EYFS profile defines the "good level of development" that year. */
export function eyfsProfile(period: string): 'eyfsp-2008' | 'eyfsp-2012' | 'eyfsp-2021' | null {
  const summer = endYearOf(period);
  if (summer === 2020) return null; // not assessed
  if (summer <= 2012) return 'eyfsp-2008';
  if (summer <= 2021) return 'eyfsp-2012';
  return 'eyfsp-2021';
}
