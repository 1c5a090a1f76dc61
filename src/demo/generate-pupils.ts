import { academicYearCode, startYearOf } from '../domain/periods/period.ts';
import { fifteenPercentSixHalfTerms, persistentAbsenceRule, type PersistentAbsenceRule } from '../domain/indicators/year-rules.ts';
import type { AnyPupilRecord, Collection, EthnicGroup, SenProvision } from '../domain/pupils/pupil-record.ts';
import { aLevelGrades, aLevelPoints } from '../domain/pupils/post16.ts';
import {
  kentAbsence,
  kentEyfs,
  kentExclusions,
  kentKs1,
  kentKs2,
  kentKs2Progress,
  kentKs2ProgressSpread,
  kentKs4,
  kentPost16,
  kentProgress8Spread,
  ks2ExpectedProgress,
  paFifteenShareOfTen,
  post16Cohort,
} from './calibration.ts';
import { demoYears, seededRandom, type DemoCounty, type DemoSchool } from './generate-county.ts';
import { eyfsScales, eyfsTotals, type EyfsScale } from './eyfs-totals.ts';

/**
 * Pupil-level results for the demo county, one file per collection and year, from the county's rolls. Every pupil
 * gets characteristics drawn from their school's profile and a latent attainment (school effect, which drifts over
 * the years; characteristics; individual noise). Each year's county figures are then calibrated exactly to
 * calibration.ts by rank: within the FSM and non-FSM groups, the highest-ranked pupils achieve, in the numbers that
 * give the year's rate and FSM gap. Schools therefore vary as their intakes and effects do (grammar schools high,
 * some schools improving fast, some declining, small schools noisy) while the county matches the seed.
 */

export type DemoPupilFile = Readonly<{ collection: Collection; period: string; records: AnyPupilRecord[] }>;

type Profile = Readonly<{
  fsmRate: number;
  whiteShare: number;
  effect: (startYear: number) => number;
  sector: string;
  selective: boolean;
  gender: string;
  absence: number;
  trend: 'rapidly improving' | 'declining' | 'steady';
}>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Pupil = Mutable<AnyPupilRecord> & { z: number; prior: number; absence: number; behaviour: number };

// How much more deprived than the county each district is (a synthetic index in latent units).
const districtDeprivation: Readonly<Record<string, number>> = {
  E07000105: 0.2,
  E07000106: 0.25,
  E07000107: 0.15,
  E07000108: 0.5,
  E07000109: 0.4,
  E07000110: 0.1,
  E07000111: -0.35,
  E07000112: 0.55,
  E07000113: 0.6,
  E07000114: 0.8,
  E07000115: -0.1,
  E07000116: -0.3,
};

const ethnicShares: readonly [EthnicGroup, number][] = [
  ['asian', 0.4],
  ['black', 0.2],
  ['mixed', 0.25],
  ['chinese', 0.02],
  ['other', 0.06],
  ['unclassified', 0.07],
];

/** Which collection a year group feeds at the end of the year. */
const collectionOfYearGroup: Readonly<Record<string, Collection>> = { R: 'eyfs', '2': 'ks1', '6': 'ks2', '11': 'ks4' };

/**
 * `years` (start years) limits the output, e.g. to 2011 for 2011/12 alone; each year's draw does not depend on the
 * others. A year's post-16 learners are the KS4 cohort of two years before, carried on (post16Learners): when that year
 * is not asked for (a resumed build), its draws are made again up to KS4, and nothing of it is yielded.
 */
export function* generatePupilFiles(county: DemoCounty, seed = 2013, years: readonly number[] = demoYears): Generator<DemoPupilFile> {
  const profiles = schoolProfiles(county, seed);
  const schoolsByUrn = new Map(county.schools.map((s) => [s.urn, s]));
  const asked = new Set(years);
  const inDemo = new Set<number>(demoYears);
  const drawn = [...new Set([...years, ...years.map((y) => y - 2).filter((y) => inDemo.has(y))])].sort((a, b) => a - b);
  const ks4ByYear = new Map<number, Pupil[]>();
  for (const startYear of drawn) {
    const period = academicYearCode(startYear);
    const random = seededRandom(seed * 7919 + startYear);
    const normal = gaussian(random);
    const byCollection = new Map<Collection, Pupil[]>();
    const census: Pupil[] = [];
    for (const roll of county.rolls) {
      if (roll.period !== period) continue;
      const school = schoolsByUrn.get(roll.urn)!;
      const profile = profiles.get(roll.urn)!;
      const collection = collectionOfYearGroup[roll.yearGroup];
      const compulsory = roll.yearGroup === 'R' || Number(roll.yearGroup) <= 11;
      for (let i = 0; i < roll.pupils; i++) {
        const pupil = drawPupil(`${period}-${roll.urn}-${roll.yearGroup}-${i + 1}`, school, profile, startYear, random, normal);
        if (collection !== undefined) {
          const list = byCollection.get(collection) ?? [];
          list.push(pupil);
          byCollection.set(collection, list);
        }
        if (compulsory) census.push(censusRecord(pupil, phaseOf(school)));
      }
    }
    const yielded = asked.has(startYear);
    const eyfs = byCollection.get('eyfs') ?? [];
    assignEyfs(eyfs, period, random);
    if (yielded) yield { collection: 'eyfs', period, records: eyfs };
    const ks1 = byCollection.get('ks1') ?? [];
    assignKs1(ks1, period, random, normal);
    if (yielded) yield { collection: 'ks1', period, records: ks1 };
    const ks2 = byCollection.get('ks2') ?? [];
    assignKs2(ks2, period, random);
    if (yielded) yield { collection: 'ks2', period, records: ks2 };
    const ks4 = byCollection.get('ks4') ?? [];
    assignKs4(ks4, period, random, normal);
    ks4ByYear.set(startYear, ks4);
    if (!yielded) continue; // drawn only for its KS4 cohort, which carries on two years later
    yield { collection: 'ks4', period, records: ks4 };
    const leavers = ks4ByYear.get(startYear - 2);
    ks4ByYear.delete(startYear - 2);
    if (leavers !== undefined && kentPost16[period] !== undefined)
      yield { collection: 'post16', period, records: post16Learners(leavers, period, seed, schoolIn(county, period)) };
    assignCensus(census, period, random);
    yield { collection: 'census', period, records: census };
  }
}

/** Each school's effect on attainment by academic year (start year) and its drift, keyed by URN: what the demo's inspections and collaborations read. */
export function schoolEffects(county: DemoCounty, seed = 2013): Map<string, Pick<Profile, 'effect' | 'trend'>> {
  return new Map([...schoolProfiles(county, seed)].map(([urn, p]) => [urn, { effect: p.effect, trend: p.trend }]));
}

/** Each school's intake and effect, keyed by URN; an academy carries on its predecessor's profile. */
function schoolProfiles(county: DemoCounty, seed: number): Map<string, Profile> {
  const predecessorOf = new Map(county.successions.map((s) => [s.successorUrn, s.predecessorUrn]));
  const root = (urn: string): string => {
    let current = urn;
    while (predecessorOf.has(current)) current = predecessorOf.get(current)!;
    return current;
  };
  const byRoot = new Map<string, Profile>();
  const profiles = new Map<string, Profile>();
  for (const school of county.schools) {
    const rootUrn = root(school.urn);
    const known = byRoot.get(rootUrn);
    const profile = known ?? makeProfile(school, seed, rootUrn);
    byRoot.set(rootUrn, profile);
    profiles.set(school.urn, profile);
  }
  return profiles;
}

function makeProfile(school: DemoSchool, seed: number, rootUrn: string): Profile {
  const random = seededRandom(seed * 104_729 + Number(rootUrn));
  const normal = gaussian(random);
  const sector = school.attributes.sector;
  const selective = school.attributes.selective;
  const deprivation = (districtDeprivation[school.districtCode] ?? 0) + 0.45 * normal();
  const fsmRate =
    sector === 'special' ? 0.33 : sector === 'alternative-provision' ? 0.4 : selective ? 0.03 : clamp(logistic(-2.1 + 1.3 * deprivation), 0.02, 0.55);
  const base = -0.3 * deprivation + 0.28 * normal() + (selective ? 1.7 : sector === 'secondary' ? -0.25 : 0);
  const roll = random();
  const trend = roll < 0.09 ? 'rapidly improving' : roll < 0.16 ? 'declining' : 'steady';
  const slope = trend === 'rapidly improving' ? 0.16 + 0.06 * random() : trend === 'declining' ? -0.12 - 0.05 * random() : 0.03 * normal();
  return {
    fsmRate,
    whiteShare: school.districtCode === 'E07000109' ? 0.68 : school.districtCode === 'E07000107' ? 0.8 : 0.9,
    effect: (startYear) => base + slope * Math.max(-2, startYear - 2011),
    sector,
    selective,
    gender: school.attributes.gender ?? 'Mixed',
    absence: 0.35 * deprivation + 0.25 * normal(),
    trend,
  };
}

function drawPupil(pupilId: string, school: DemoSchool, p: Profile, startYear: number, random: () => number, normal: () => number): Pupil {
  const gender = p.gender === 'Boys' ? 'M' : p.gender === 'Girls' ? 'F' : random() < 0.5 ? 'F' : 'M';
  const fsm = random() < p.fsmRate;
  const inCare = random() < (p.sector === 'special' || p.sector === 'alternative-provision' ? 0.03 : 0.006);
  const disadvantaged = fsm || inCare || random() < 0.55 * p.fsmRate;
  const sen: SenProvision =
    p.sector === 'special'
      ? 'E'
      : p.sector === 'alternative-provision'
        ? random() < 0.15
          ? 'E'
          : 'K'
        : random() < 0.018
          ? 'E'
          : random() < (fsm ? 0.2 : 0.12)
            ? 'K'
            : 'N';
  let ethnicity: EthnicGroup = 'white';
  if (random() > p.whiteShare) {
    let r = random();
    for (const [group, share] of ethnicShares) {
      if (r < share) {
        ethnicity = group;
        break;
      }
      r -= share;
    }
  }
  const eal = random() < (ethnicity === 'white' ? 0.03 : ethnicity === 'mixed' ? 0.15 : 0.55);
  const characteristics = (fsm ? -0.45 : disadvantaged ? -0.2 : 0) + (sen === 'K' ? -0.95 : sen === 'E' ? -1.9 : 0) + (inCare ? -1.7 : 0) + (eal ? -0.1 : 0);
  const individual = normal();
  const z = p.effect(startYear) + characteristics + (gender === 'F' ? 0.12 : 0) + individual;
  return {
    pupilId,
    urn: school.urn,
    gender,
    fsm,
    disadvantaged,
    sen,
    inCare,
    ethnicity,
    eal,
    z,
    prior: 0.85 * individual + 0.8 * characteristics + 0.35 * normal(),
    absence: p.absence + (fsm ? 0.45 : 0) + (sen !== 'N' ? 0.3 : 0) + (inCare ? 0.3 : 0) + normal(),
    behaviour: (p.sector === 'alternative-provision' ? 1.5 : 0) + (fsm ? 0.5 : 0) + (sen === 'K' ? 0.6 : 0) + (gender === 'M' ? 0.4 : 0) - 0.3 * z + normal(),
  };
}

/**
 * A pupil's census record, a copy of the pupil as drawn (drawPupil's fields, in its order) written field by field, not
 * spread: V8 gives each object made by a spread that later gains properties (assignCensus adds four) a hidden class
 * of its own, about 550 bytes a pupil, 110 MB for a year's census (measured in a heap snapshot of the demo build).
 */
function censusRecord(p: Pupil, phase: 'primary' | 'secondary' | 'special'): Pupil {
  const { pupilId, urn, gender, fsm, disadvantaged, sen, inCare, ethnicity, eal, z, prior, absence, behaviour } = p;
  return { pupilId, urn, gender, fsm, disadvantaged, sen, inCare, ethnicity, eal, z, prior, absence, behaviour, phase };
}

function phaseOf(school: DemoSchool): 'primary' | 'secondary' | 'special' {
  const sector = school.attributes.sector;
  return sector === 'primary' ? 'primary' : sector === 'special' ? 'special' : 'secondary';
}

/**
 * The pupils who achieve: within the FSM and the other pupils separately, the highest `score` in the numbers that give
 * the county rate and FSM gap (other − FSM, points) exactly. Returns the set of achievers.
 */
export function achieversByRank<T extends { fsm: boolean }>(pupils: readonly T[], rate: number, fsmGap: number, score: (p: T) => number): Set<T> {
  const fsm = pupils.filter((p) => p.fsm);
  const other = pupils.filter((p) => !p.fsm);
  const share = pupils.length === 0 ? 0 : fsm.length / pupils.length;
  const otherRate = clamp(rate + share * fsmGap, 0, 100);
  const fsmRate = clamp(rate - (1 - share) * fsmGap, 0, 100);
  return new Set([...topShare(fsm, fsmRate, score), ...topShare(other, otherRate, score)]);
}

function topShare<T>(pupils: readonly T[], percent: number, score: (p: T) => number): T[] {
  return byScore(pupils, score).slice(0, Math.round((percent / 100) * pupils.length));
}

/** Highest score first (scores read once: sorting on a property of 200,000 objects of varied shape is slow). */
/**
 * The first `count` of pupils in rank order, `inCare` of them (or all there are) children in care: the best-ranked
 * children in care and the best-ranked others. Chooses without drawing, so every other draw of the year is unchanged.
 */
function withInCare<T extends Readonly<{ inCare: boolean }>>(ranked: readonly T[], count: number, inCare: number): T[] {
  const inCareFirst = ranked.filter((p) => p.inCare).slice(0, inCare);
  const others = ranked.filter((p) => !p.inCare).slice(0, count - inCareFirst.length);
  const chosen = new Set<T>([...inCareFirst, ...others]);
  return ranked.filter((p) => chosen.has(p));
}

function byScore<T>(pupils: readonly T[], score: (p: T) => number): T[] {
  const scores = Float64Array.from(pupils, score);
  const order = Uint32Array.from(pupils, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  return Array.from(order, (i) => pupils[i]!);
}

function assignEyfs(pupils: Pupil[], period: string, random: () => number): void {
  const target = kentEyfs[period]!;
  const gld = achieversByRank(pupils, target.gld, target.fsmGap, (p) => p.z);
  // Totals follow rank (the children over the boundary after the rest, each side by z), shaped for the inequality gap.
  const totalsFor = (upper: (p: Pupil) => boolean, scale: EyfsScale) => {
    const ranked = [...byScore(pupils, (p) => (upper(p) ? 1000 : 0) + p.z)].reverse();
    return eyfsTotals(ranked, upper, scale, target.inequalityGap);
  };
  if (startYearOf(period) <= 2011) {
    // EYFSP 2008: 13 scales of 9 points. GLD = 78+ points and 6+ in each PSED and CLL scale; some reach 78 without the 6s.
    const points78 = new Set(topShare(pupils, target.points78 ?? target.gld, (p) => p.z + (gld.has(p) ? 100 : 0)));
    const totals = totalsFor((p) => gld.has(p) || points78.has(p), eyfsScales['eyfsp-2008']);
    for (const p of pupils) {
      random(); // the draw the totals once took, kept so that every later draw of the year is unchanged
      p.eyfsPoints = totals.get(p)!;
      p.eyfsPsedCll6 = gld.has(p) ? true : points78.has(p) ? false : random() < 0.3;
      p.eyfsGldGoals = null;
    }
  } else {
    // EYFSP 2012: 17 goals scored 1-3; a child can be at the expected level in at most (total − 17) goals.
    const totals = totalsFor((p) => gld.has(p), eyfsScales['eyfsp-2012']);
    for (const p of pupils) {
      p.eyfsPoints = totals.get(p)!;
      p.eyfsPsedCll6 = null;
      p.eyfsGldGoals = gld.has(p) ? 12 : Math.min(Math.floor(random() * 12), p.eyfsPoints - 17);
    }
  }
}

function assignKs1(pupils: Pupil[], period: string, random: () => number, normal: () => number): void {
  const target = kentKs1[period]!;
  const levelled = startYearOf(period) <= 2014;
  for (const subject of ['reading', 'writing', 'maths'] as const) {
    const noisy = new Map(pupils.map((p) => [p, p.z + 0.55 * normal()]));
    const ranked = byScore(pupils, (p) => noisy.get(p)!);
    const achieving = Math.round((target[subject] / 100) * pupils.length);
    ranked.forEach((p, i) => {
      const above = i < achieving;
      const position = i / Math.max(1, pupils.length);
      const result = levelled
        ? above
          ? position < 0.22
            ? '3'
            : position < 0.5
              ? '2A'
              : '2B'
          : p.sen === 'E' && random() < 0.3
            ? 'W'
            : position < 0.93
              ? '2C'
              : '1'
        : above
          ? position < 0.2
            ? 'GDS'
            : 'EXS'
          : p.sen === 'E' && random() < 0.3
            ? 'PKF'
            : 'WTS';
      if (subject === 'reading') p.ks1Reading = result;
      else if (subject === 'writing') p.ks1Writing = result;
      else p.ks1Maths = result;
    });
  }
}

function assignKs2(pupils: Pupil[], period: string, random: () => number): void {
  const target = kentKs2[period]!;
  const year = startYearOf(period) + 1;
  const achievers = achieversByRank(pupils, target.rate, target.fsmGap, (p) => p.z);
  const level5 = new Set(target.level5 === null ? [] : topShare([...achievers], (target.level5 * pupils.length) / Math.max(1, achievers.size), (p) => p.z));
  const belowLevel = (p: Pupil) => (p.sen === 'E' && random() < 0.2 ? (random() < 0.5 ? 'B' : 'D') : random() < 0.25 ? '2' : '3');
  const priorRandom = seededRandom(year * 7 + 1);
  for (const p of pupils) {
    const achieved = achievers.has(p);
    p.ks2English = p.ks2Reading = p.ks2Writing = p.ks2Maths = null;
    p.ks2ReadingScaled = p.ks2MathsScaled = null;
    if (year <= 2015) {
      const top = level5.has(p) || (target.level5 === null && achieved && p.z > 1.6) ? '5' : '4';
      // Not achieving: at least one subject below level 4.
      const weak = achieved ? null : random() < 0.5 ? 'english' : random() < 0.5 ? 'maths' : 'both';
      const english = weak === 'english' || weak === 'both' ? belowLevel(p) : top;
      const maths = weak === 'maths' || weak === 'both' ? belowLevel(p) : achieved ? top : random() < 0.6 ? '4' : belowLevel(p);
      p.ks2Maths = maths;
      if (year <= 2012) p.ks2English = english;
      else {
        // Reading, writing and maths are each reported from 2013: the headline needs all three at 4+.
        p.ks2Reading = english === '5' || english === '4' ? english : random() < 0.4 ? '4' : english;
        p.ks2Writing = english;
      }
      const ks1From = (ks2: string | null, expected: boolean, draw: () => number): string | null => {
        const level = ks2 === null ? null : ks2 === 'B' || ks2 === 'D' || ks2 === 'N' ? 1 : Number(ks2);
        if (level === null) return null;
        const whole = expected ? level - 2 : level - 1;
        return whole <= 0 ? 'W' : whole === 2 ? (['2C', '2B', '2A'] as const)[Math.floor(draw() * 3)]! : String(Math.min(4, whole));
      };
      const rates = p.fsm ? ks2ExpectedProgress.fsm : ks2ExpectedProgress.other;
      p.ks1EnglishLevel = ks1From(english, random() * 100 < rates.english, random);
      p.ks1MathsLevel = ks1From(maths, random() * 100 < rates.maths, random);
      // Reading and writing prior levels (their expected progress is a floor measure from 2013), at the English rate,
      // drawn from a stream of their own so that every figure generated before them is unchanged.
      p.ks1ReadingLevel = year >= 2013 ? ks1From(p.ks2Reading, priorRandom() * 100 < rates.english, priorRandom) : null;
      p.ks1WritingLevel = year >= 2013 ? ks1From(p.ks2Writing, priorRandom() * 100 < rates.english, priorRandom) : null;
    } else {
      // Expected standard: scaled scores of 100+ in reading and maths and EXS/GDS in writing.
      const score = (pass: boolean) => (pass ? 100 + Math.floor(random() * 18) : 88 + Math.floor(random() * 12));
      const weak = achieved ? null : (['reading', 'writing', 'maths', 'all'] as const)[Math.floor(random() * 4)];
      p.ks2ReadingScaled = p.sen === 'E' && !achieved && random() < 0.3 ? null : score(weak !== 'reading' && weak !== 'all');
      p.ks2MathsScaled = score(weak !== 'maths' && weak !== 'all');
      p.ks2Writing = weak === 'writing' || weak === 'all' ? 'WTS' : p.z > 1.3 ? 'GDS' : 'EXS';
      p.ks1EnglishLevel = p.ks1MathsLevel = p.ks1ReadingLevel = p.ks1WritingLevel = null;
    }
  }
  assignKs2Progress(pupils, period);
}

/**
 * The pupils' KS1-KS2 progress scores (2016 on) as the NPD would carry them, made as Progress 8's are (calibration.ts
 * kentKs2ProgressSpread), from streams of their own so that every figure generated before them is unchanged.
 */
function assignKs2Progress(pupils: Pupil[], period: string): void {
  const target = kentKs2Progress[period];
  for (const p of pupils) p.ks2ReadingProgress = p.ks2WritingProgress = p.ks2MathsProgress = null;
  if (target === undefined) return;
  const { schoolShare, schoolSpread, commonShare, pupilShare, pupilNoise, withoutPrior } = kentKs2ProgressSpread;
  const random = seededRandom(startYearOf(period) * 13 + 5);
  const normal = gaussian(random);
  const meanGap = pupils.reduce((a, p) => a + p.z - p.prior, 0) / Math.max(1, pupils.length);
  const schools = new Map<string, { sum: number; n: number; effect: Readonly<Record<'reading' | 'writing' | 'maths', number>> }>();
  for (const p of pupils) {
    let school = schools.get(p.urn);
    if (school === undefined) {
      // What a school adds beyond its intake, the same every year: a part shared by the three subjects and one each.
      const draw = gaussian(seededRandom(Number(p.urn) * 37 + 11));
      const common = draw();
      const own = (): number => schoolSpread * (Math.sqrt(commonShare) * common + Math.sqrt(1 - commonShare) * draw());
      school = { sum: 0, n: 0, effect: { reading: own(), writing: own(), maths: own() } };
      schools.set(p.urn, school);
    }
    school.sum += p.z - p.prior - meanGap;
    school.n++;
  }
  // The schools' effects are centred on their pupils, so the county's mean is the year's Kent figure.
  const centre = Object.fromEntries(
    (['reading', 'writing', 'maths'] as const).map((s) => [s, [...schools.values()].reduce((a, x) => a + x.n * x.effect[s], 0) / Math.max(1, pupils.length)]),
  ) as Record<'reading' | 'writing' | 'maths', number>;
  const score = (value: number) => Math.round(value * 100) / 100;
  for (const p of pupils) {
    if (random() < withoutPrior) continue;
    const school = schools.get(p.urn)!;
    const gap = school.sum / school.n;
    const of = (subject: 'reading' | 'writing' | 'maths') =>
      score(
        target[subject] + schoolShare * gap + school.effect[subject] - centre[subject] + pupilShare * (p.z - p.prior - meanGap - gap) + pupilNoise * normal(),
      );
    const [reading, writing, maths] = [of('reading'), of('writing'), of('maths')];
    p.ks2ReadingProgress = p.ks2ReadingScaled === null ? null : reading;
    p.ks2WritingProgress = writing;
    p.ks2MathsProgress = p.ks2MathsScaled === null ? null : maths;
  }
}

function assignKs4(pupils: Pupil[], period: string, random: () => number, normal: () => number): void {
  const target = kentKs4[period]!;
  const year = startYearOf(period) + 1;
  const headline = achieversByRank(pupils, target.rate, target.fsmGap, (p) => p.z);
  const ranked = byScore(pupils, (p) => p.z);
  const rankOf = new Map(ranked.map((p, i) => [p, i / Math.max(1, ranked.length)]));
  const meanZ = pupils.reduce((a, p) => a + p.z, 0) / Math.max(1, pupils.length);
  const meanProgress = pupils.reduce((a, p) => a + p.z - p.prior, 0) / Math.max(1, pupils.length);
  // Progress 8 compares pupils with others of the same prior attainment, so most of what makes a school's results high
  // (a selective intake above all) is not progress: of a school's mean gap between attainment and prior attainment,
  // only a share (schoolProgressShare) is the school's Progress 8, which keeps about as many Kent schools below the
  // 2016 floor, and grammar schools as far above the rest, as the DfE's 2016 school file shows (calibration.ts).
  const schoolGap = new Map<string, { sum: number; n: number }>();
  for (const p of pupils) {
    const g = schoolGap.get(p.urn) ?? { sum: 0, n: 0 };
    g.sum += p.z - p.prior - meanProgress;
    g.n++;
    schoolGap.set(p.urn, g);
  }
  // What a school adds beyond its intake: its own draw, the same every year.
  const ownProgress = new Map([...schoolGap.keys()].map((urn) => [urn, gaussian(seededRandom(Number(urn) * 31 + 7))()]));
  const progressOf = (p: Pupil) => {
    const g = schoolGap.get(p.urn)!;
    const school = g.sum / g.n;
    const { schoolShare, schoolSpread, pupilShare } = kentProgress8Spread;
    return schoolShare * school + schoolSpread * ownProgress.get(p.urn)! + pupilShare * (p.z - p.prior - meanProgress - school);
  };
  const expectedProgress = (p: Pupil, subject: number) => p.z - p.prior + 0.5 * normal() + subject > -0.35;
  for (const p of pupils) {
    const position = rankOf.get(p)!;
    const achieved = headline.has(p);
    p.ks4Level2Em = year <= 2015 ? achieved : position < 0.6;
    p.ks4EnglishMathsAc = year <= 2016 ? (year === 2016 ? achieved : achieved || position < 0.63) : position < 0.64;
    p.ks4EnglishMathsGrade5 = year >= 2017 ? achieved : null;
    p.ks4ExpectedProgressEnglish = year <= 2016 ? expectedProgress(p, 0.05) : null;
    p.ks4ExpectedProgressMaths = year <= 2016 ? expectedProgress(p, 0) : null;
    p.ks4EbaccEntered = position < (year <= 2012 ? 0.24 : 0.38) || (achieved && random() < 0.05);
    p.ks4EbaccAchieved = p.ks4EbaccEntered && position < (year <= 2012 ? 0.17 : 0.24);
    if (target.attainment8 !== null && target.progress8 !== null) {
      p.ks4Attainment8 = Math.round(clamp(target.attainment8 + 16 * (p.z - meanZ), 0, 87) * 10) / 10;
      p.ks4Progress8 =
        p.sen === 'E' && random() < 0.2 ? null : Math.round((target.progress8 + progressOf(p) + kentProgress8Spread.pupilNoise * normal()) * 100) / 100;
    } else p.ks4Attainment8 = p.ks4Progress8 = null;
  }
}

/** The school a pupil of `urn` counts at in `period`: the school itself while it has pupils, else its successor's. */
function schoolIn(county: DemoCounty, period: string): (urn: string) => string {
  const open = new Set(county.rolls.filter((r) => r.period === period).map((r) => r.urn));
  const successorOf = new Map(county.successions.map((s) => [s.predecessorUrn, s.successorUrn]));
  return (urn) => {
    let current = urn;
    while (!open.has(current) && successorOf.has(current)) current = successorOf.get(current)!;
    return current;
  };
}

/**
 * Post-16 learners in the year their 16-18 study ended: the KS4 cohort of two years before, each at their KS4 school
 * (or its successor), with their characteristics. Drawn on a stream of their own, so that no other figure of the
 * year changes. Calibrated by rank to calibration.ts's kentPost16 and post16Cohort:
 *   - level at 16: 2 for the top share by attainment (every pupil with 5+ A*-C incl. English and maths first), 1 for
 *     the next, 0 for the rest;
 *   - following a course in 16-19: all but the lowest share by attainment and chance;
 *   - A level students: the top share of those at level 2 who follow a course, with 2-4 entries whose grades follow
 *     rank; the lowest (100 − aLevel2Plus)% hold at most one pass; from 2015/16 grades move a step at a time until the
 *     points per entry are the year's figure;
 *   - not raising their level: the A level students with at most one pass, and the lowest-progressing other learners,
 *     in the number that gives the year's rate; everyone else in learning gains a level (A level students reach 3).
 */
function post16Learners(cohort: readonly Pupil[], period: string, seed: number, schoolOf: (urn: string) => string): AnyPupilRecord[] {
  const target = kentPost16[period]!;
  const random = seededRandom(seed * 6151 + startYearOf(period) * 13 + 5);
  const normal = gaussian(random);
  const n = cohort.length;
  const levelAt16 = new Map<Pupil, number>();
  byScore(cohort, (p) => p.z + (p.ks4Level2Em === true ? 100 : 0)).forEach((p, i) =>
    levelAt16.set(p, i < post16Cohort.level2At16 * n ? 2 : i < (post16Cohort.level2At16 + post16Cohort.level1At16) * n ? 1 : 0),
  );
  const notInLearning = new Set(byScore(cohort, (p) => -(p.z + normal())).slice(0, Math.round((1 - post16Cohort.inLearning) * n)));
  const learners = cohort.filter((p) => !notInLearning.has(p));
  const atLevel2 = learners.filter((p) => levelAt16.get(p) === 2);
  const students = byScore(byScore(atLevel2, (p) => p.z + 0.4 * normal()).slice(0, Math.round(post16Cohort.aLevelStudents * n)), (p) => p.z + 0.3 * normal());
  const passing = Math.round((target.aLevel2Plus / 100) * students.length);
  const failing = new Set(students.slice(passing));
  // Grade indexes into aLevelGrades (0 A* … 5 E, 6 U), by rank: the best students about A*, the last passing about E.
  const grades = new Map<Pupil, number[]>();
  students.forEach((p, i) => {
    const draw = random();
    const entries = draw < 0.1 ? 2 : draw < 0.22 ? 4 : 3;
    const centre = 0.6 + (4.6 * i) / Math.max(1, passing);
    const drawn = Array.from({ length: entries }, () => clamp(Math.round(centre + 0.9 * normal()), 0, 5));
    grades.set(p, failing.has(p) ? drawn.map((g, k) => (k === 0 && random() < 0.5 ? Math.max(g, 4) : 6)) : drawn);
  });
  if (target.apsPerEntry !== null) {
    const points = () => [...grades.values()].flat().reduce((a, g) => a + aLevelPoints(aLevelGrades[g]!, period), 0);
    const entries = [...grades.values()].reduce((a, g) => a + g.length, 0);
    const step = aLevelPoints('D', period) - aLevelPoints('E', period);
    let steps = Math.round((target.apsPerEntry * entries - points()) / step);
    // Raise the best students' grades first (lower the last passing students' first), one step per entry, round and
    // round: passes stay passes (E at the lowest), and the failing students' grades are left as they are.
    const order = students.filter((p) => !failing.has(p));
    while (steps !== 0) {
      let moved = false;
      for (const p of steps > 0 ? order : [...order].reverse()) {
        const held = grades.get(p)!;
        for (let k = 0; k < held.length && steps !== 0; k++) {
          if (steps > 0 && held[k]! > 0) {
            held[k]!--;
            steps--;
            moved = true;
          } else if (steps < 0 && held[k]! < 5) {
            held[k]!++;
            steps++;
            moved = true;
          }
        }
        if (steps === 0) break;
      }
      if (!moved) break;
    }
  }
  const needed = Math.round((target.noProgress / 100) * learners.length);
  const others = byScore(
    learners.filter((p) => !grades.has(p)),
    (p) => p.z - p.prior + normal(),
  );
  const stuck = new Set([...failing, ...others.slice(others.length - Math.max(0, needed - failing.size))]);
  return cohort.map((p): AnyPupilRecord => {
    const level = levelAt16.get(p)!;
    const inLearning = !notInLearning.has(p);
    const held = grades.get(p);
    return {
      pupilId: p.pupilId,
      urn: schoolOf(p.urn),
      gender: p.gender,
      fsm: p.fsm,
      disadvantaged: p.disadvantaged,
      sen: p.sen,
      inCare: p.inCare,
      ethnicity: p.ethnicity,
      eal: p.eal,
      levelAt16: level,
      levelAt19: !inLearning || stuck.has(p) ? level : held !== undefined ? 3 : Math.min(3, level + 1),
      inLearning,
      aLevelEntries: held?.length ?? 0,
      aLevelPasses: held?.filter((g) => g < 6).length ?? 0,
      aLevelPoints: held === undefined ? null : held.reduce((a, g) => a + aLevelPoints(aLevelGrades[g]!, period), 0),
    };
  });
}

/**
 * Sessions missed by a persistently absent enrolment, from one uniform draw `u`: on a fixed-count rule, up to 2.2 times
 * the threshold; on the 10% rule, the share `fifteenShare` of them also reach 56 sessions (the 15% rule of 2012/13-
 * 2014/15, which Kent's targets were set on) and miss up to 1.8 times that, the rest stop short of it.
 */
function persistentMissedSessions(rule: PersistentAbsenceRule, threshold: number, fifteenShare: number, u: number): number {
  if (rule.method === 'fixed-sessions') return threshold + Math.floor(u * threshold * 1.2);
  const fifteen = fifteenPercentSixHalfTerms.sessions;
  if (u < fifteenShare) return fifteen + Math.floor((u / fifteenShare) * fifteen * 0.8);
  return threshold + Math.floor(((u - fifteenShare) / (1 - fifteenShare)) * Math.max(0, fifteen - threshold));
}

/**
 * Census enrolments: sessions possible in the year's collection (five half-terms to 2011/12, six from 2012/13), and
 * sessions missed such that the persistent absence rate of each phase is the year's target under the year's rule.
 */
function assignCensus(pupils: Pupil[], period: string, random: () => number): void {
  const target = kentAbsence[period]!;
  const rule = persistentAbsenceRule(period);
  const fullYear = rule.method === 'fixed-sessions' && rule.halfTerms === 5 ? 323 : 380;
  for (const p of pupils) p.possibleSessions = random() < 0.08 ? 120 + Math.floor(random() * (fullYear - 120)) : fullYear;
  const thresholdOf = (p: Pupil) =>
    rule.method === 'fixed-sessions' ? rule.sessions : Math.ceil((rule.thresholdPercent / 100) * (p.possibleSessions ?? fullYear));
  for (const phase of ['primary', 'secondary', 'special'] as const) {
    const inPhase = pupils.filter((p) => p.phase === phase);
    const paRate = phase === 'primary' ? target.primaryPa : phase === 'secondary' ? target.secondaryPa : 3 * target.secondaryPa;
    const overall = phase === 'primary' ? target.primaryOverall : phase === 'secondary' ? target.secondaryOverall : 2 * target.secondaryOverall;
    // Only enrolments that can reach the threshold can be persistently absent.
    const eligible = inPhase.filter((p) => (p.possibleSessions ?? 0) >= thresholdOf(p));
    const absent = new Set(topShare(eligible, (paRate * inPhase.length) / Math.max(1, eligible.length), (p) => p.absence));
    let persistentMissed = 0;
    for (const p of absent) {
      p.missedSessions = Math.min(p.possibleSessions!, persistentMissedSessions(rule, thresholdOf(p), paFifteenShareOfTen[phase], random()));
      persistentMissed += p.missedSessions;
    }
    const rest = inPhase.filter((p) => !absent.has(p));
    const budget = Math.max(0, (overall / 100) * inPhase.reduce((a, p) => a + p.possibleSessions!, 0) - persistentMissed);
    const weights = rest.map((p) => Math.exp(0.5 * p.absence) * p.possibleSessions!);
    const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
    rest.forEach((p, i) => {
      const share = (budget * weights[i]!) / totalWeight;
      p.missedSessions = Math.max(0, Math.min(thresholdOf(p) - 1, Math.round(share * (0.5 + random()))));
    });
  }
  const exclusions = kentExclusions[period]!;
  const byBehaviour = byScore(pupils, (p) => p.behaviour);
  const permanent = new Set(
    withInCare(
      byBehaviour.filter((p) => p.phase !== 'primary' || random() < 0.15),
      exclusions.permanent,
      exclusions.inCarePermanent,
    ),
  );
  const fixed = new Set(byBehaviour.slice(0, Math.round((exclusions.pupilsWithFixedPeriod / 100) * pupils.length)));
  for (const p of pupils) {
    p.permanentExclusion = permanent.has(p);
    p.fixedPeriodExclusions = fixed.has(p) ? 1 + Math.floor(random() * random() * 5) : 0;
  }
}

export function gaussian(random: () => number): () => number {
  return () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));
