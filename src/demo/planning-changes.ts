import { capacityInPeriod } from '../domain/place-planning/capacity-changes.ts';
import { entryYearGroup, type CapacityRecord, type PlannedChange, type PlanningPhase, type YearGroup } from '../domain/place-planning/place-planning.ts';
import { kent } from '../domain/geography/reference-places.ts';
import { academicYearCode, academicYearLabel, startYearOf } from '../domain/periods/period.ts';
import type { SchoolLine } from './planning-areas.ts';

/**
 * The demo county's planned changes to places, following the seed (Kent's 2013-16 plan, "Commissioning Education
 * Provision"): "We created 2140 new primary school places in September 2012"; "add 820 Reception class places for
 * 2013" in ten districts (consultations on 33 schools); "a further 2000 Year Reception places across 50 schools … between
 * 2013 and September 2016" (the 820 are part of the 2000); secondary rolls fall until 2016 and rise after, so secondary
 * places are added from 2016/17. Changes go where the entry cohort presses hardest on the admission number, in the
 * districts and areas whose Reception grows most. After the last census (2016/17), approved and proposed changes for
 * 2017/18-2020/21 go to the areas the rolls show growing. Every number is the plan's or chosen here by a stated rule.
 */

/** Places created in September 2012, counted across year groups: what the 2012/13 changes add in their first year. */
export const placesCreated2012 = 2140;
/** Reception places added for September 2013 (in ten districts, 33 schools), and the 2000 planned for 2013-2016 in all. */
export const receptionPlaces2013 = 820;
export const receptionPlaces2013To2016 = 2000;
const schools2013 = 33;
const schools2013To2016 = 50;

export type ChangePlan = Readonly<{ changes: readonly PlannedChange[]; byLine: ReadonlyMap<string, readonly PlannedChange[]> }>;

type Draft = Omit<PlannedChange, 'code' | 'laCode' | 'areaCode' | 'urn' | 'schoolName' | 'phase'>;

/** The changes made so far, and what the steps choosing more read: admission numbers with them in force, rolls, pressure. */
function changeBook(lines: readonly SchoolLine[], bases: ReadonlyMap<string, CapacityRecord | null>, newEntry: (l: SchoolLine) => number) {
  const changes: PlannedChange[] = [];
  const byLine = new Map<string, PlannedChange[]>();
  const count = new Map<number, number>();
  const add = (line: SchoolLine | null, where: { areaCode: string; name: string; phase: PlanningPhase }, draft: Draft) => {
    const year = startYearOf(draft.fromPeriod);
    count.set(year, (count.get(year) ?? 0) + 1);
    const urn = line === null ? null : (line.urnByPeriod.get(draft.fromPeriod) ?? [...line.urnByPeriod.values()].at(-1)!);
    const code = `${kent.code}-${year}-${String(count.get(year)).padStart(2, '0')}`;
    const change: PlannedChange = { code, laCode: kent.code, areaCode: where.areaCode, urn, schoolName: where.name, phase: where.phase, ...draft };
    changes.push(change);
    if (line !== null) byLine.set(line.key, [...(byLine.get(line.key) ?? []), change]);
  };
  const admissionNumber = (l: SchoolLine, period: string) =>
    capacityInPeriod(bases.get(l.key) ?? null, byLine.get(l.key) ?? [], l.phase, period).admissionNumber;
  const roll = (l: SchoolLine, period: string, g: YearGroup) => l.rolls.get(period)?.get(g) ?? 0;
  const entryRoll = (l: SchoolLine, period: string) => roll(l, period, entryYearGroup[l.phase]);
  const pressure = (l: SchoolLine, period: string) => entryRoll(l, period) - admissionNumber(l, period);
  const byPressure = (period: string, pool: readonly SchoolLine[]) =>
    pool.filter((l) => !l.isNew && l.rolls.has(period)).sort((a, b) => pressure(b, period) - pressure(a, period) || a.key.localeCompare(b.key));
  const primaries = lines.filter((l) => l.phase === 'primary');
  const secondaries = lines.filter((l) => l.phase === 'secondary');
  const openingIn = (period: string) => primaries.filter((l) => l.isNew && [...l.rolls.keys()].sort()[0] === period);
  const growth = (group: (l: SchoolLine) => string, pool: readonly SchoolLine[], g: YearGroup, from: string, to: string) => {
    const sums = new Map<string, number>();
    for (const l of pool) sums.set(group(l), (sums.get(group(l)) ?? 0) + roll(l, to, g) - roll(l, from, g));
    return [...sums.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  };
  const openSchool = (l: SchoolLine, period: string, status: PlannedChange['status'], note: string) => {
    const entryPlaces = newEntry(l);
    add(l, l, {
      kind: 'new-school',
      entryPlaces,
      phasing: 'year-by-year',
      fromPeriod: period,
      status,
      description: `New ${entryPlaces / 30} FE primary school, filling from Reception. ${note}`,
    });
    return entryPlaces;
  };
  const expand = (
    l: SchoolLine,
    period: string,
    entryPlaces: number,
    status: PlannedChange['status'],
    note: string,
    phasing: PlannedChange['phasing'] = 'year-by-year',
  ) =>
    add(l, l, {
      kind: 'expansion',
      entryPlaces,
      phasing,
      fromPeriod: period,
      status,
      description: `Admission number up by ${entryPlaces}${phasing === 'whole-school' ? ' in every year group' : ', from the entry year up'}. ${note}`,
    });
  const bulge = (l: SchoolLine, period: string, entryPlaces: number, status: PlannedChange['status'], note: string) =>
    add(l, l, {
      kind: 'bulge',
      entryPlaces,
      phasing: 'year-by-year',
      fromPeriod: period,
      status,
      description: `A bulge class of ${entryPlaces} in ${academicYearLabel(period)}'s entry year. ${note}`,
    });

  return { changes, byLine, add, admissionNumber, roll, pressure, byPressure, primaries, secondaries, openingIn, growth, openSchool, expand, bulge };
}

type Book = ReturnType<typeof changeBook>;

export function planChanges(lines: readonly SchoolLine[], bases: ReadonlyMap<string, CapacityRecord | null>, newEntry: (l: SchoolLine) => number): ChangePlan {
  const book = changeBook(lines, bases, newEntry);
  const expanded2012 = deliverSeptember2012(book);
  deliverReception2013To2016(book, expanded2012);
  closeSchools(book);
  expandSecondaries2016(book);
  planAfterLastCensus(book);
  return { changes: book.changes, byLine: book.byLine };
}

/**
 * September 2012: 2,140 places counted across year groups. The reading chosen: the seed says "2140 new primary school
 * places" (and "added 2140 primary school places in the period 2010 to 2012") where for 2013 it says "Reception class
 * places", so these are places of capacity, and a whole-school expansion counts every year group it adds to (seven).
 * Read as Reception places they would be 71 forms of entry in one year, more than the county's whole rise in
 * Reception from 2006/07 to 2012/13 (15,920 to 17,360, generate-county.ts's cohortSize). Made of the two new schools'
 * first Reception classes, whole-school expansions of 1 FE (½ FE where the pressure is under 10), then bulge classes
 * for what is left. Returns the schools expanded.
 */
function deliverSeptember2012({ openingIn, byPressure, pressure, primaries, openSchool, expand, bulge }: Book): Set<string> {
  const seed2012 = "Kent 2013-16 plan: 'We created 2140 new primary school places in September 2012'.";
  let left = placesCreated2012 - openingIn('201213').reduce((a, l) => a + openSchool(l, '201213', 'delivered', seed2012), 0);
  const used = new Set<string>();
  for (const l of byPressure('201213', primaries)) {
    const entry = pressure(l, '201213') >= 10 ? 30 : 15;
    if (left < 7 * 15) break;
    if (7 * entry > left) continue;
    expand(l, '201213', entry, 'delivered', seed2012, 'whole-school');
    used.add(l.key);
    left -= 7 * entry;
  }
  for (const l of byPressure('201213', primaries).filter((x) => !used.has(x.key))) {
    if (left <= 0) break;
    bulge(l, '201213', Math.min(30, left), 'delivered', seed2012);
    left -= Math.min(30, left);
  }
  return used;
}

/**
 * September 2013: 820 Reception places at 33 schools in ten districts (the new schools' districts and the others whose
 * Reception grew most since 2010/11), spread 15 at a time by pressure. Then 2014/15 and 2015/16: the rest of the 2,000
 * at the other 17 of the 50 schools, in the half of the areas whose Reception grew most; and the school opening in
 * September 2016, after the plan.
 */
function deliverReception2013To2016({ openingIn, byPressure, primaries, growth, openSchool, expand }: Book, used: ReadonlySet<string>) {
  const seed2013 = "Kent 2013-16 plan: 'add 820 Reception class places for 2013' (ten districts, 33 schools).";
  const opening2013 = openingIn('201314');
  const districts = [...new Set([...opening2013.map((l) => l.districtCode), ...growth((l) => l.districtCode, primaries, 'R', '201011', '201314')])].slice(
    0,
    10,
  );
  const spreadPlaces = (period: string, total: number, schools: number, pool: readonly SchoolLine[], note: string) => {
    const opening = openingIn(period);
    const rest = total - opening.reduce((a, l) => a + openSchool(l, period, 'delivered', note), 0);
    const chosen = byPressure(period, pool).slice(0, schools - opening.length);
    const amounts = spread(rest, chosen.length, 15);
    chosen.forEach((l, i) => expand(l, period, amounts[i]!, 'delivered', note));
    return [...opening, ...chosen];
  };
  const chosen2013 = spreadPlaces(
    '201314',
    receptionPlaces2013,
    schools2013,
    primaries.filter((l) => districts.includes(l.districtCode)),
    seed2013,
  );

  const seed2016 = "Kent 2013-16 plan: 'a further 2000 Year Reception places across 50 schools' by September 2016.";
  const taken = new Set([...used, ...chosen2013.map((l) => l.key)]);
  const rest = receptionPlaces2013To2016 - receptionPlaces2013;
  const laterSchools = schools2013To2016 - schools2013;
  for (const [period, places, schools] of [
    ['201415', Math.ceil(rest / 2), Math.ceil(laterSchools / 2)],
    ['201516', Math.floor(rest / 2), Math.floor(laterSchools / 2)],
  ] as const) {
    const areas = growth((l) => l.areaCode, primaries, 'R', '201011', period);
    const growing = new Set(areas.slice(0, Math.ceil(areas.length / 2)));
    spreadPlaces(
      period,
      places,
      schools,
      primaries.filter((l) => growing.has(l.areaCode) && !taken.has(l.key)),
      seed2016,
    ).forEach((l) => taken.add(l.key));
  }
  for (const l of openingIn('201617')) openSchool(l, '201617', 'delivered', 'Opened September 2016, after the plan.');
}

/** Schools that closed: their places go the year after their last census. */
function closeSchools({ primaries, add, admissionNumber }: Book) {
  for (const l of primaries.filter((x) => !x.isNew)) {
    const last = [...l.rolls.keys()].sort().at(-1)!;
    const next = academicYearCode(startYearOf(last) + 1);
    if (next <= '201617')
      add(l, l, {
        kind: 'closure',
        entryPlaces: admissionNumber(l, last),
        phasing: 'whole-school',
        fromPeriod: next,
        status: 'delivered',
        description: `Closed at the end of ${academicYearLabel(last)}.`,
      });
  }
}

/**
 * Secondary: Year 7 grows from 2016/17 (the seed: secondary rolls "fall until 2016, then rise"); 1 FE more at the three
 * schools under most pressure in distinct districts.
 */
function expandSecondaries2016({ byPressure, secondaries, expand }: Book) {
  const seed2016Secondary = "Kent 2013-16 plan: secondary rolls 'fall until 2016, then rise during the period 2016/17 to 2019/20'.";
  const pressedSecondaries = byPressure('201617', secondaries).filter((l, i, all) => all.findIndex((x) => x.districtCode === l.districtCode) === i);
  pressedSecondaries.slice(0, 3).forEach((l) => expand(l, '201617', 30, 'delivered', seed2016Secondary));
}

/**
 * After the last census (2016/17), approved and proposed changes: primary where Reception grew most from 2013/14 to
 * 2016/17 (a 2 FE new school, expansions, bulge classes, a 1 FE new school), secondary where the district's Year 5
 * (Year 7 two years on) is largest against its secondaries' Year 7.
 */
function planAfterLastCensus({ growth, byPressure, primaries, secondaries, add, expand, bulge, roll }: Book) {
  const future = 'Planned after the 2016/17 census, where the rolls show growth.';
  const areas = growth((l) => l.areaCode, primaries, 'R', '201314', '201617').slice(0, 7);
  const inArea = (code: string) =>
    byPressure(
      '201617',
      primaries.filter((l) => l.areaCode === code && l.rolls.has('201617')),
    )[0];
  const newSchool = (areaCode: string, entryPlaces: number, fromPeriod: string) => {
    const town = primaries.find((l) => l.areaCode === areaCode)!;
    add(
      null,
      { areaCode, name: `${town.town} new primary school`, phase: 'primary' },
      {
        kind: 'new-school',
        entryPlaces,
        phasing: 'year-by-year',
        fromPeriod,
        status: 'proposed',
        description: `A new ${entryPlaces / 30} FE primary school proposed for ${town.town}. ${future}`,
      },
    );
  };
  newSchool(areas[0]!, 60, '201819');
  const [a1, a2, a3, a4, a5] = areas.slice(1, 6).map(inArea);
  if (a1 !== undefined) expand(a1, '201718', 30, 'approved', future);
  if (a2 !== undefined) expand(a2, '201718', 15, 'approved', future);
  if (a3 !== undefined) bulge(a3, '201718', 30, 'approved', future);
  if (a4 !== undefined) bulge(a4, '201819', 30, 'proposed', future);
  if (a5 !== undefined) expand(a5, '201920', 30, 'proposed', future);
  if (areas[6] !== undefined) newSchool(areas[6], 30, '202021');
  const year5 = new Map<string, number>();
  for (const l of primaries) year5.set(l.districtCode, (year5.get(l.districtCode) ?? 0) + roll(l, '201617', '5'));
  for (const l of secondaries) year5.set(l.districtCode, (year5.get(l.districtCode) ?? 0) - roll(l, '201617', '7'));
  const risingDistricts = [...year5.entries()].sort((a, b) => b[1] - a[1]).map(([d]) => d);
  const secondaryPlan = [
    ['201819', 30, 'approved'],
    ['201920', 30, 'proposed'],
    ['201920', 30, 'proposed'],
    ['202021', 15, 'proposed'],
  ] as const;
  secondaryPlan.forEach(([period, entry, status], i) => {
    const l = byPressure(
      '201617',
      secondaries.filter((x) => x.districtCode === risingDistricts[i]),
    )[0];
    if (l !== undefined) expand(l, period, entry, status, `${future} Year 7 grows as the larger primary cohorts transfer.`);
  });
}

/** `total` places among `schools` schools, `step` at a time in order (the first get most), summing exactly to `total`. */
function spread(total: number, schools: number, step: number): number[] {
  const amounts = Array.from({ length: schools }, () => 0);
  for (let left = total, i = 0; left > 0 && schools > 0; i = (i + 1) % schools) {
    amounts[i]! += Math.min(step, left);
    left -= Math.min(step, left);
  }
  return amounts;
}
