import { numberText } from '../indicators/number-text.ts';
import { primaryLevelsRule, progress8Rule, secondaryLevelsRule, type FloorFigures, type FloorResult, type Phase } from './floor-standards.ts';

/**
 * Coasting schools (Education and Adoption Act 2016; the Coasting Schools (England) Regulations, SI 2017/9; domain.md
 * §2.3): a state-funded mainstream school is coasting when it is below the coasting level in each of the three most
 * recent years. The definition was applied to the 2016, 2017 and 2018 results, each judged on that year and the two
 * before, and withdrawn with the floor from September 2019; other years have no coasting decision.
 *
 * The coasting level of a year:
 * - primary 2014 and 2015: under 85% at level 4+ in reading, writing and maths and below the national median of
 *   expected progress in all three (the floor's rule of those years at 85%);
 * - primary from 2016: under 85% at the expected standard in RWM and a progress score below −2.5 in reading, −3.5 in
 *   writing or −2.5 in maths whose 95% confidence interval's upper bound is also below zero;
 * - secondary 2014 and 2015: under 60% 5+ A*-C including English and maths and below the medians of expected progress
 *   in English and maths (the floor's rule of those years at 60%);
 * - secondary from 2016: Progress 8 below −0.25 with its interval's upper bound below zero. The thresholds for 2017 and
 *   2018 were to be announced each autumn; they are taken as 2016's, a per-year parameter (`coastingProgress8`).
 */

export const coastingYears = [2016, 2017, 2018] as const;

/** The primary progress thresholds of the coasting level from 2016 (SI 2017/9 regulation 4). */
export const coastingProgress = { reading: -2.5, writing: -3.5, maths: -2.5 } as const;

/** The Progress 8 threshold of the secondary coasting level, by summer (2017 and 2018 assumed as 2016: domain.md §2.3). */
export const coastingProgress8: Readonly<Record<number, number>> = { 2016: -0.25, 2017: -0.25, 2018: -0.25 };

/** A year's coasting level: below it, not, or not decidable from the figures held (with the reason). */
export type CoastingLevel = FloorResult;

export function primaryCoastingLevel(summer: number, f: FloorFigures): CoastingLevel {
  if (summer < 2014) return { applies: false, reason: `no coasting level is defined for ${summer}` };
  if (f.eligiblePupils !== null && f.eligiblePupils < 11) return { applies: false, reason: `fewer than 11 eligible pupils (${f.eligiblePupils})` };
  if (summer <= 2015) return primaryLevelsRule(summer, f, 85);
  const rule = `${summer}: under 85% at the expected standard in RWM and a progress score below −2.5 in reading, −3.5 in writing or −2.5 in maths with its confidence interval below zero`;
  if (f.attainment === null) return { applies: false, reason: 'attainment not published for this school' };
  const attainmentText = `${f.attainment}% at the expected standard`;
  if (f.attainment >= 85) return { applies: true, below: false, rule, failed: [], met: [`${attainmentText} (85% or more)`] };
  const subjects = Object.keys(coastingProgress) as (keyof typeof coastingProgress)[];
  const failing: string[] = [];
  const unknown: string[] = [];
  const met: string[] = [];
  for (const subject of subjects) {
    const score = f.progress?.[subject] ?? null;
    const upper = f.progressUpper?.[subject] ?? null;
    const band = f.progressBand?.[subject] ?? null;
    const limit = numberText(coastingProgress[subject]);
    // The interval's upper bound where held; otherwise the band the DfE sets from the same interval (4 and 5: below 0).
    const interval =
      upper !== null
        ? { below: upper < 0, text: `upper confidence limit ${numberText(upper)}` }
        : band !== null
          ? { below: band >= 4, text: `progress band ${band}` }
          : null;
    // A score not published cannot fail, as for the floor (domain.md §2.1: "low coverage" scores are not judged).
    if (score === null) met.push(`${subject} progress not published (not judged)`);
    else if (score >= coastingProgress[subject]) met.push(`${subject} progress ${numberText(score)} (${limit} or more)`);
    else if (interval === null) unknown.push(`${subject} progress ${numberText(score)} is below ${limit}, but its confidence interval is not held`);
    else if (interval.below) failing.push(`${subject} progress ${numberText(score)} (below ${limit}), ${interval.text} (interval below 0)`);
    else met.push(`${subject} progress ${numberText(score)} is below ${limit}, but its ${interval.text} says the interval is not below 0`);
  }
  const failed = [`${attainmentText} (under 85%)`, ...failing];
  if (subjects.every((subject) => (f.progress?.[subject] ?? null) === null))
    return { applies: true, below: null, rule, failed, reason: 'no progress score is held, so the progress conditions cannot be checked' };
  if (failing.length > 0) return { applies: true, below: true, rule, failed, met };
  if (unknown.length > 0)
    return { applies: true, below: null, rule, failed, reason: `${unknown.join('; ')}, so the progress conditions cannot all be checked` };
  return { applies: true, below: false, rule, failed, met };
}

export function secondaryCoastingLevel(summer: number, f: FloorFigures): CoastingLevel {
  if (summer < 2014) return { applies: false, reason: `no coasting level is defined for ${summer}` };
  if (summer <= 2015) return secondaryLevelsRule(summer, f, 60);
  const threshold = coastingProgress8[summer] ?? coastingProgress8[2018]!;
  return progress8Rule(summer, f, threshold);
}

export type CoastingYear = Readonly<{ summer: number; level: CoastingLevel }>;

export type CoastingResult =
  Readonly<{ applies: false; reason: string }> | Readonly<{ applies: true; coasting: boolean | null; years: readonly CoastingYear[]; reason: string }>;

/**
 * Whether a school is coasting in `summer`, from its figures in that year and the two before (`figuresOf`; undefined
 * where nothing is held). Coasting needs all three years below the coasting level: one year decided clear of it
 * decides "not coasting"; otherwise a year that cannot be decided, or has no figures, leaves the school undecided. A
 * school the level does not apply to in the year judged (too few pupils, nothing published) is not judged.
 */
export function coasting(phase: Phase, summer: number, figuresOf: (summer: number) => FloorFigures | undefined): CoastingResult {
  if (!(coastingYears as readonly number[]).includes(summer))
    return { applies: false, reason: `the coasting definition was applied to the 2016, 2017 and 2018 results only, not ${summer}` };
  const level = phase === 'primary' ? primaryCoastingLevel : secondaryCoastingLevel;
  const years = [summer - 2, summer - 1, summer].map((year): CoastingYear => {
    const figures = figuresOf(year);
    return { summer: year, level: figures === undefined ? { applies: false, reason: `no results held for ${year}` } : level(year, figures) };
  });
  const latest = years[2]!.level;
  if (!latest.applies) return { applies: false, reason: latest.reason };
  const clear = years.filter((y) => y.level.applies && y.level.below === false);
  if (clear.length > 0) return { applies: true, coasting: false, years, reason: `not below the coasting level in ${clear.map((y) => y.summer).join(' and ')}` };
  const open = years.filter((y) => !(y.level.applies && y.level.below === true));
  if (open.length > 0) {
    const why = open.map((y) => `${y.summer}: ${'reason' in y.level ? y.level.reason : 'not decided'}`);
    return { applies: true, coasting: null, years, reason: `${open.length === 3 ? 'no year' : 'not every year'} can be decided (${why.join('; ')})` };
  }
  return { applies: true, coasting: true, years, reason: `below the coasting level in ${years.map((y) => y.summer).join(', ')}` };
}
