import type {
  AdmissionAuthority,
  AdmissionPhase,
  ApplicationRecord,
  Arrangement,
  Criterion,
  CriterionKind,
  GridPoint,
  LookedAfter,
  Preference,
} from '../domain/admissions/admissions.ts';
import { kent } from '../domain/geography/reference-places.ts';
import { academicYearCode } from '../domain/periods/period.ts';
import { demoYears, hashOf, seededRandom, type DemoCounty, type DemoSchool } from './generate-county.ts';
import { gaussian, schoolEffects } from './generate-pupils.ts';

/**
 * The demo county's coordinated admission rounds (issue 16.7; domain.md §13): for each September of entry 2010-2016,
 * a Reception and a Year 7 round as Kent runs them, with every mainstream school's arrangements and one application
 * per child of the county's cohort. Families mostly name their nearest schools and the better ones more often; Kent
 * Test results steer Year 7 families to the grammar schools. The model's few dials (`preferenceModel`) are set so that
 * the rounds, allocated by deferred acceptance, offer about as many children their first preference as Kent did
 * (DfE applications and offers, 2014/15-2016/17). Deterministic: a round depends only on the seed, the county and its
 * year, and a school's point only on the seed and its first URN (so adding a year or converting to an academy moves nothing).
 * Longer than most modules: the arrangements and the applications are one model whose dials are calibrated together.
 */

export type DemoAdmissionRound = Readonly<{
  phase: AdmissionPhase;
  entryYear: number;
  laCode: string;
  preferencesAllowed: number;
  /** 'YYYY-MM-DD' */
  closingDate: string;
  offerDay: string;
  arrangements: readonly Arrangement[];
  applications: readonly ApplicationRecord[];
}>;

// Approximate centres of Kent's districts on the National Grid (metres), used only to place the demo's synthetic
// schools and homes: no demo point is a real address.
const districtCentres: Readonly<Record<string, GridPoint>> = {
  E07000105: { easting: 600_000, northing: 141_000 }, // Ashford
  E07000106: { easting: 615_000, northing: 157_000 }, // Canterbury
  E07000107: { easting: 555_000, northing: 173_000 }, // Dartford
  E07000108: { easting: 630_000, northing: 147_000 }, // Dover
  E07000109: { easting: 565_000, northing: 171_000 }, // Gravesham
  E07000110: { easting: 578_000, northing: 153_000 }, // Maidstone
  E07000111: { easting: 551_000, northing: 160_000 }, // Sevenoaks
  E07000112: { easting: 613_000, northing: 133_000 }, // Shepway
  E07000113: { easting: 595_000, northing: 165_000 }, // Swale
  E07000114: { easting: 635_000, northing: 168_000 }, // Thanet
  E07000115: { easting: 566_000, northing: 153_000 }, // Tonbridge and Malling
  E07000116: { easting: 565_000, northing: 139_000 }, // Tunbridge Wells
};

/** Kent's online share: DfE applications and offers (`online_apps_percent`) for 2014-2016 entry, rising to it from about 80% in 2010. */
const onlineShares: Readonly<Record<AdmissionPhase, Readonly<Record<number, number>>>> = {
  primary: { 2010: 0.8, 2011: 0.84, 2012: 0.88, 2013: 0.915, 2014: 0.947, 2015: 0.962, 2016: 0.966 },
  secondary: { 2010: 0.8, 2011: 0.83, 2012: 0.86, 2013: 0.89, 2014: 0.913, 2015: 0.946, 2016: 0.918 },
};

/**
 * Secondary places above applicants by year. Kent's published admission numbers over its applications (DfE
 * applications and offers, `admission_numbers` / `applications_received`) were 13.5%, 11.3% and 11.1% for 2014-2016
 * entry; the demo keeps the fall from 2014 at a lower level (it has no out-of-county applicants, who take many of
 * Kent's grammar places). Other years and primary (7.1-8.2% in Kent): the model's surplus.
 */
const secondarySurplusByYear: Readonly<Record<number, number>> = { 2014: 0.092, 2015: 0.07, 2016: 0.068 };

/**
 * The dials of the families' choices, set by running the rounds through deferred acceptance (see the calibration
 * test): places above applicants, how far a family looks (km per unit of utility), how much quality weighs, the
 * noise of taste, and the shares of families naming 1, 2, … schools.
 */
const preferenceModel = {
  primary: { surplus: 0.07, distanceKm: 1.0, quality: 0.17, taste: 0.22, named: [0.16, 0.14, 0.7] },
  secondary: { surplus: 0.07, distanceKm: 2.5, quality: 0.15, taste: 0.18, named: [0.08, 0.08, 0.14, 0.7] },
} as const;

/** Kent Test: about 21% pass automatically and 4-6% through head teacher panels (domain.md §13); of the rest most sit. */
const kentTest = { suitable: 0.25, satNotSuitable: 0.45, grammarFirstWhenSuitable: 0.85, grammarWhenNotSuitable: 0.01, grammarDistanceKm: 6 };

const girls = ['Amelia', 'Chloe', 'Ella', 'Grace', 'Isla', 'Jade', 'Leah', 'Mia', 'Olivia', 'Poppy', 'Ruby', 'Sophie', 'Zara', 'Lily', 'Evie', 'Amy'];
const boys = ['Aaron', 'Ben', 'Daniel', 'Finn', 'Harry', 'Jack', 'Kyle', 'Liam', 'Noah', 'Oscar', 'Reece', 'Sam', 'Tyler', 'Kai', 'Mason', 'Callum'];
const families = ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans', 'Thomas', 'Walker', 'Wright', 'Hughes', 'Green', 'Hall'];

type Place = Readonly<{ school: DemoSchool; point: GridPoint; quality: number; weight: number }>;
type County = Readonly<{
  schools: readonly DemoSchool[];
  rootOf: (urn: string) => string;
  rollOf: (root: string, startYear: number, yearGroup: string) => number | undefined;
  pointOf: (school: DemoSchool) => GridPoint;
  effectOf: (urn: string, startYear: number) => number;
  seed: number;
}>;

export function generateAdmissionRounds(county: DemoCounty, seed = 2013, entryYears: readonly number[] = demoYears): DemoAdmissionRound[] {
  return [...admissionRounds(county, seed, entryYears)];
}

/**
 * The rounds of `generateAdmissionRounds` one at a time, in its order (by year, Reception then Year 7), each made when
 * it is asked for: the demo build writes and allocates a round before the next is made (issue 20: its 14 rounds'
 * applications were held at once). A round's draws are its own, so taking them one by one changes nothing.
 */
export function* admissionRounds(county: DemoCounty, seed = 2013, entryYears: readonly number[] = demoYears): Generator<DemoAdmissionRound> {
  const c = prepare(county, seed);
  for (const year of entryYears) for (const phase of ['primary', 'secondary'] as const) yield generateRound(c, phase, year);
}

function prepare(county: DemoCounty, seed: number): County {
  const predecessorOf = new Map(county.successions.map((s) => [s.successorUrn, s.predecessorUrn]));
  const rootOf = (urn: string): string => {
    let current = urn;
    while (predecessorOf.has(current)) current = predecessorOf.get(current)!;
    return current;
  };
  const rolls = new Map<string, number>();
  for (const r of county.rolls) rolls.set(`${rootOf(r.urn)}|${r.period}|${r.yearGroup}`, r.pupils);
  const effects = schoolEffects(county, seed);
  const points = new Map<string, GridPoint>();
  const pointOf = (school: DemoSchool): GridPoint => {
    const root = rootOf(school.urn);
    const known = points.get(root);
    if (known !== undefined) return known;
    const normal = gaussian(seededRandom(hashOf(`${seed}|point|${root}`)));
    const centre = districtCentres[school.districtCode]!;
    const point = { easting: Math.round(centre.easting + 4500 * normal()), northing: Math.round(centre.northing + 4500 * normal()) };
    points.set(root, point);
    return point;
  };
  return {
    schools: county.schools,
    rootOf,
    rollOf: (root, startYear, yearGroup) => rolls.get(`${root}|${academicYearCode(startYear)}|${yearGroup}`),
    pointOf,
    effectOf: (urn, startYear) => effects.get(urn)?.effect(startYear) ?? 0,
    seed,
  };
}

function generateRound(c: County, phase: AdmissionPhase, entryYear: number): DemoAdmissionRound {
  const random = seededRandom(hashOf(`${c.seed}|round|${phase}|${entryYear}`));
  const normal = gaussian(random);
  const yearGroup = phase === 'primary' ? 'R' : '7';
  const places = placesOf(c, phase, `${entryYear}-09-01`, (s) => c.rollOf(c.rootOf(s.urn), entryYear, yearGroup), entryYear);
  const applicants = places.reduce((a, p) => a + p.weight, 0);
  const closingDate = phase === 'primary' ? `${entryYear}-01-15` : `${entryYear - 1}-10-31`;
  const dates = { closingDate, offerDay: nextWorkingDay(phase === 'primary' ? `${entryYear}-04-16` : `${entryYear}-03-01`) };
  // Homes lie around the schools of the phase, as many around each as it takes (so places match homes district by
  // district); a Year 7 child attends one of the primary schools nearest home, in their district.
  const primaries =
    phase === 'primary'
      ? places
      : placesOf(c, 'primary', `${entryYear - 1}-10-01`, (s) => c.rollOf(c.rootOf(s.urn), Math.max(2010, entryYear - 1), '6'), entryYear - 1);
  const arrangements = arrangementsOf(c, phase, entryYear, places, primaries, applicants);
  const draw: Draw = {
    homes: cumulative(places),
    // The schools a family weighs: the nearest to the school their home is near (choices further away never win).
    candidates: places.map((h) => nearest(places, h.point, 30)),
    primaries:
      phase === 'primary'
        ? []
        : places.map((h) =>
            nearest(
              primaries.filter((p) => p.school.districtCode === h.school.districtCode && p.weight > 0),
              h.point,
              3,
            ),
          ),
    criteria: new Map(arrangements.map((a) => [a.urn, new Set(a.criteria.map((k) => k.kind))])),
    dates,
    random,
    normal,
  };
  const prefix = `${phase === 'primary' ? 'R' : 'S'}${entryYear}-`;
  const applications = Array.from({ length: applicants }, (_, i) => applicationOf(phase, entryYear, `${prefix}${String(i + 1).padStart(6, '0')}`, draw));
  return { phase, entryYear, laCode: kent.code, preferencesAllowed: phase === 'primary' ? 3 : 4, ...dates, arrangements, applications };
}

/** The mainstream schools of a phase open on a date, with their points, quality (standardised effect) and roll. */
function placesOf(c: County, phase: AdmissionPhase, date: string, rollOf: (s: DemoSchool) => number | undefined, startYear: number): Place[] {
  const open = c.schools.filter(
    (s) => s.attributes.sector === phase && (s.openedOn === null || s.openedOn <= date) && (s.closedOn === null || s.closedOn >= date),
  );
  const effects = open.filter((s) => !s.attributes.selective).map((s) => c.effectOf(s.urn, startYear));
  const mean = effects.reduce((a, b) => a + b, 0) / effects.length;
  const sd = Math.sqrt(effects.reduce((a, b) => a + (b - mean) ** 2, 0) / effects.length) || 1;
  return open.map((school) => ({ school, point: c.pointOf(school), quality: (c.effectOf(school.urn, startYear) - mean) / sd, weight: rollOf(school) ?? 0 }));
}

function arrangementsOf(
  c: County,
  phase: AdmissionPhase,
  entryYear: number,
  places: readonly Place[],
  primaries: readonly Place[],
  applicants: number,
): Arrangement[] {
  const model = preferenceModel[phase];
  const surplus = (phase === 'secondary' ? secondarySurplusByYear[entryYear] : undefined) ?? model.surplus;
  // Grammar places are set by the suitable children who want one (the demo has no out-of-county applicants), the rest by the roll.
  const grammarTarget = phase === 'secondary' ? applicants * kentTest.suitable * kentTest.grammarFirstWhenSuitable * (1 + surplus) : 0;
  const rollOfGroup = (selective: boolean) => places.filter((p) => p.school.attributes.selective === selective).reduce((a, p) => a + p.weight, 0);
  const target = (selective: boolean) => (selective ? grammarTarget : applicants * (1 + surplus) - grammarTarget);
  // Scale each school's roll to its share of the places, then nudge the scale until the rounded numbers add up to them.
  const scales = new Map<boolean, number>();
  for (const selective of [false, true]) {
    let scale = target(selective) / (rollOfGroup(selective) || 1);
    for (let i = 0; i < 5; i++) {
      const total = places.filter((p) => p.school.attributes.selective === selective).reduce((a, p) => a + roundAdmissionNumber(p.weight * scale), 0);
      if (total > 0) scale *= target(selective) / total;
    }
    scales.set(selective, scale);
  }
  return places.map(({ school, point, weight }) => {
    const features = seededRandom(hashOf(`${c.seed}|arrangements|${c.rootOf(school.urn)}`));
    const [medicalSocial, feeder, staff, randomTieBreak] = [features() < 0.4, features() < 0.3, features() < 0.15, features() < 0.06];
    const church = school.attributes.religiousCharacter !== 'Does not apply';
    const selective = school.attributes.selective;
    const feeders = phase === 'secondary' && feeder && !selective ? nearest(primaries, point, 5).map((p) => p.school.urn) : [];
    const criteria: Criterion[] = [
      { kind: 'looked-after' },
      ...(medicalSocial ? [{ kind: 'medical-social' } as const] : []),
      { kind: 'sibling' },
      ...(church ? [{ kind: 'faith' } as const] : []),
      ...(feeders.length > 0 ? [{ kind: 'feeder', schools: feeders } as const] : []),
      ...(staff && school.attributes.governance !== 'la-maintained' ? [{ kind: 'staff' } as const] : []),
      { kind: 'other' },
    ];
    const seed = hashOf(`${c.seed}|tie-break|${school.urn}|${entryYear}`);
    return {
      urn: school.urn,
      schoolName: school.name,
      laCode: school.attributes.laCode,
      phase,
      entryYear,
      admissionNumber: roundAdmissionNumber(weight * scales.get(selective)!),
      admissionAuthority: authorityOf(school),
      selective,
      criteria,
      tieBreak: randomTieBreak ? { kind: 'random', seed } : { kind: 'distance', seed },
      distanceMethod: 'straight-line',
      location: point,
    };
  });
}

/** Published admission numbers come in forms of entry: 10-30 in fives for small schools, then multiples of 15. */
function roundAdmissionNumber(places: number): number {
  return places < 32.5 ? Math.max(10, 5 * Math.round(places / 5)) : 15 * Math.round(places / 15);
}

function authorityOf(school: DemoSchool): AdmissionAuthority {
  const { governance, typeName } = school.attributes;
  if (governance === 'academy' || governance === 'free-school') return 'academy-trust';
  return typeName === 'Voluntary aided school' || typeName === 'Foundation school' ? 'governing-body' : 'la';
}

type Draw = Readonly<{
  homes: Readonly<{ places: readonly Place[]; cumulative: readonly number[] }>;
  candidates: readonly (readonly Place[])[];
  primaries: readonly (readonly Place[])[];
  criteria: ReadonlyMap<string, ReadonlySet<CriterionKind>>;
  dates: Readonly<{ closingDate: string; offerDay: string }>;
  random: () => number;
  normal: () => number;
}>;

function applicationOf(phase: AdmissionPhase, entryYear: number, id: string, d: Draw): ApplicationRecord {
  const { random, normal } = d;
  const model = preferenceModel[phase];
  const nearIndex = pickIndex(d.homes.cumulative, random());
  const near = d.homes.places[nearIndex]!;
  const home = { easting: Math.round(near.point.easting + 900 * normal()), northing: Math.round(near.point.northing + 900 * normal()) };
  const girl = random() < 0.49;
  const r = random();
  const lookedAfter: LookedAfter | null = r < 0.003 ? 'looked-after' : r < 0.005 ? 'previously-looked-after' : null;
  const ehcPlan = random() < 0.015;
  const t = random();
  const assessedSuitable = phase === 'primary' ? null : t < kentTest.suitable ? true : t < kentTest.suitable + kentTest.satNotSuitable ? false : null;
  const seeksGrammar = !ehcPlan && (assessedSuitable === true ? random() < kentTest.grammarFirstWhenSuitable : random() < kentTest.grammarWhenNotSuitable);
  const named = 1 + pickIndex(cumulativeOf(model.named), random());
  const scored: { p: Place; utility: number }[] = [];
  for (const p of d.candidates[nearIndex]!) {
    if (p.school.attributes.gender === (girl ? 'Boys' : 'Girls')) continue;
    // Families travel further for a grammar school than for any other (Kent's grammars draw from wide areas).
    const km = p.school.attributes.selective ? kentTest.grammarDistanceKm : model.distanceKm;
    scored.push({ p, utility: -distance(home, p.point) / (1000 * km) + model.quality * p.quality + model.taste * normal() });
  }
  scored.sort((a, b) => b.utility - a.utility);
  // A family set on a grammar school names grammars first and a non-selective school last; one whose child was not
  // assessed suitable names just one grammar (it happens), then non-selective schools.
  let grammars = seeksGrammar ? (assessedSuitable === true ? Math.max(1, named - 1) : 1) : 0;
  const chosen: Place[] = [];
  for (const { p } of scored) if (p.school.attributes.selective && grammars-- > 0 && chosen.length < named) chosen.push(p);
  for (const { p } of scored) if (!p.school.attributes.selective && chosen.length < named) chosen.push(p);
  const siblingRank = random() < (phase === 'primary' ? 0.3 : 0.2) ? (random() < 0.85 ? 1 : 1 + Math.floor(random() * chosen.length)) : 0;
  const preferences: Preference[] = chosen.map((p, i) => {
    const criteria = d.criteria.get(p.school.urn)!;
    const eligible = !p.school.attributes.selective || assessedSuitable === true;
    return {
      rank: i + 1,
      urn: p.school.urn,
      sibling: siblingRank === i + 1 && eligible,
      medicalSocial: i === 0 && criteria.has('medical-social') && random() < 0.01,
      faith: criteria.has('faith') && random() < (p.school.attributes.religiousCharacter === 'Roman Catholic' ? 0.7 : 0.45),
      staff: criteria.has('staff') && random() < 0.01,
    };
  });
  const late = random() < 0.03;
  const given = girl ? girls : boys;
  return {
    id,
    homeLaCode: kent.code,
    homeDistrictCode: near.school.districtCode,
    homePostcode: null,
    home,
    online: random() < (onlineShares[phase][entryYear] ?? 0.95),
    late,
    lookedAfter,
    ehcPlanSchool: ehcPlan ? (preferences[0]?.urn ?? null) : null,
    assessedSuitable,
    currentSchool: phase === 'secondary' ? (nearest(d.primaries[nearIndex]!, home, 1)[0]?.school.urn ?? null) : null,
    preferences,
    child: {
      givenName: given[Math.floor(random() * given.length)]!,
      familyName: families[Math.floor(random() * families.length)]!,
      // Born in the academic year that starts school (Reception at 4) or secondary school (Year 7 at 11) that September.
      dateOfBirth: dayOfAcademicYear(entryYear - (phase === 'primary' ? 5 : 12), random()),
      upn: null,
    },
    receivedOn: late ? addDays(d.dates.closingDate, 1 + Math.floor(random() * 45)) : addDays(d.dates.closingDate, -Math.floor(60 * random() ** 2)),
  };
}

function nearest(places: readonly Place[], point: GridPoint, count: number): Place[] {
  return places
    .map((p) => ({ p, metres: distance(p.point, point) }))
    .sort((a, b) => a.metres - b.metres)
    .slice(0, count)
    .map((x) => x.p);
}

function distance(a: GridPoint, b: GridPoint): number {
  const de = a.easting - b.easting;
  const dn = a.northing - b.northing;
  return Math.sqrt(de * de + dn * dn);
}

function cumulative(places: readonly Place[]): Readonly<{ places: readonly Place[]; cumulative: readonly number[] }> {
  return { places, cumulative: cumulativeOf(places.map((p) => p.weight)) };
}

/** Running totals scaled to end at 1, for drawing an index in proportion to its weight. */
function cumulativeOf(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  return weights.map((w) => (running += w / total));
}

/** The first index whose running total exceeds u (binary search). */
function pickIndex(cumulative: readonly number[], u: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cumulative[mid]! > u) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Offer day falls on the next working day when the date is a weekend (domain.md §13). */
function nextWorkingDay(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 6 ? addDays(iso, 2) : day === 0 ? addDays(iso, 1) : iso;
}

/** A day of the academic year starting 1 September of `startYear` (to 31 August), u in [0, 1). */
function dayOfAcademicYear(startYear: number, u: number): string {
  const days = (Date.UTC(startYear + 1, 8, 1) - Date.UTC(startYear, 8, 1)) / 86_400_000;
  return addDays(`${startYear}-09-01`, Math.floor(u * days));
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
