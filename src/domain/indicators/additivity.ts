import { publicDisclosure, publicSuppressionIndexed, type Cell } from './disclosure.ts';
import type { Unit } from './indicator.ts';

/**
 * The equations a reader could subtract across in one table family (one indicator, period and data version, every
 * place and pupil group): within a place, all pupils = the groups of each dimension (FSM + not FSM, the three SEN
 * groups, each ethnicity …); within a pupil group, a place = the places under it (a district = its schools, an LA =
 * its schools and, where they cover it, its districts, a grouping = its member schools, a region = its LAs, England =
 * its regions and its LAs). Secondary suppression (disclosure.ts) keeps each equation from having one unknown.
 */

/** A cell of the family: which place (any stable key, e.g. 'district:E07000105') and which pupil group. */
export type FamilyCell<Id = string> = Readonly<{ id: Id; place: string; breakdown: string }>;

/** A place and the places directly under it that add up to it in every pupil group. */
export type PlaceSum = Readonly<{ total: string; parts: readonly string[] }>;

/** The equations over the family's cells, each naming its total and parts by the cells' ids. */
export function additivityGroups<Id = string>(
  cells: readonly FamilyCell<Id>[],
  placeSums: readonly PlaceSum[],
  dimensions: Readonly<Record<string, readonly string[]>>,
): { total: Id; parts: Id[] }[] {
  // Each place's cells by pupil group (a later cell of the same place and group stands for it), in the order first held.
  const idsAt = new Map<string, Map<string, Id>>();
  for (const c of cells) {
    const at = idsAt.get(c.place);
    if (at === undefined) idsAt.set(c.place, new Map([[c.breakdown, c.id]]));
    else at.set(c.breakdown, c.id);
  }
  const idsOf = (at: ReadonlyMap<string, Id>, keys: readonly string[]) => {
    const ids: Id[] = [];
    for (const key of keys) {
      const id = at.get(key);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  };
  const groups: { total: Id; parts: Id[] }[] = [];
  for (const at of idsAt.values()) {
    const all = at.get('all');
    if (all === undefined) continue;
    for (const labels of Object.values(dimensions)) {
      const parts = idsOf(at, labels);
      if (parts.length > 0) groups.push({ total: all, parts });
    }
  }
  for (const sum of placeSums) {
    const totalAt = idsAt.get(sum.total);
    if (totalAt === undefined) continue;
    const partsAt = sum.parts.flatMap((p) => idsAt.get(p) ?? []);
    for (const [breakdown, total] of totalAt) {
      const parts: Id[] = [];
      for (const at of partsAt) {
        const id = at.get(breakdown);
        if (id !== undefined) parts.push(id);
      }
      if (parts.length > 0) groups.push({ total, parts });
    }
  }
  return groups;
}

/** Where a school counted in the period: the places its pupils are added into (as the compute placed it). */
export type SchoolPlacing = Readonly<{ school: string; district: string | null; la: string | null; groupings: readonly string[] }>;

/**
 * The place sums of a period from the schools' placements (place keys 'school:URN', 'district:CODE', 'la:CODE',
 * 'grouping:CODE', 'region:CODE', 'country:england'): each district, LA and grouping is the sum of its schools; an LA
 * is also the sum of its districts when every one of its schools is in one; each region the sum of its LAs, and
 * England the sum of its regions and of its LAs.
 */
export function placeSumsOf(schools: readonly SchoolPlacing[], laRegions: ReadonlyMap<string, string>): PlaceSum[] {
  const members = new Map<string, string[]>();
  const add = (total: string, part: string) => {
    const parts = members.get(total);
    if (parts === undefined) members.set(total, [part]);
    else parts.push(part);
  };
  const districtsOfLa = new Map<string, Set<string>>();
  const laWithoutDistrict = new Set<string>();
  for (const s of schools) {
    const school = `school:${s.school}`;
    if (s.district !== null) add(`district:${s.district}`, school);
    if (s.la !== null) {
      add(`la:${s.la}`, school);
      if (s.district === null) laWithoutDistrict.add(s.la);
      else districtsOfLa.set(s.la, (districtsOfLa.get(s.la) ?? new Set()).add(`district:${s.district}`));
    }
    for (const g of s.groupings) add(`grouping:${g}`, school);
  }
  const sums: PlaceSum[] = [...members].map(([total, parts]) => ({ total, parts }));
  for (const [la, districts] of districtsOfLa) if (!laWithoutDistrict.has(la)) sums.push({ total: `la:${la}`, parts: [...districts] });
  const lasOfRegion = new Map<string, string[]>();
  for (const [la, region] of laRegions) lasOfRegion.set(`region:${region}`, [...(lasOfRegion.get(`region:${region}`) ?? []), `la:${la}`]);
  for (const [region, las] of lasOfRegion) sums.push({ total: region, parts: las });
  sums.push({ total: 'country:england', parts: [...lasOfRegion.keys()] });
  sums.push({ total: 'country:england', parts: [...laRegions.keys()].map((la) => `la:${la}`) });
  return sums;
}

/** A figure of some table family (e.g. 'ks2-level4-rwm|201112|final') as public disclosure weighs it. */
export type FamilyFigure = Readonly<{
  family: string;
  place: string;
  breakdown: string;
  unit: Unit;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}>;

/**
 * The public suppression of every figure, in the figures' order: primary and secondary suppression over each family's
 * equations (its pupil-group dimensions and the place sums given). Decided once, where the figures are made, so that
 * every page, download and API answer hides the same cells.
 */
export function publicSuppressionOf(
  figures: readonly FamilyFigure[],
  placeSums: readonly PlaceSum[],
  dimensions: Readonly<Record<string, readonly string[]>>,
): ('primary' | 'secondary' | null)[] {
  const families = new Map<string, number[]>();
  figures.forEach((f, index) => {
    const family = families.get(f.family);
    if (family === undefined) families.set(f.family, [index]);
    else family.push(index);
  });
  const result: ('primary' | 'secondary' | null)[] = figures.map(() => null);
  for (const indexes of families.values()) {
    // The family's cells numbered in its own order; a cell's id is the figure's place in `figures` (ties are broken by it).
    const at = indexes.map((i, id): FamilyCell<number> => ({ id, place: figures[i]!.place, breakdown: figures[i]!.breakdown }));
    const cells = indexes.map((i): Cell => {
      const f = figures[i]!;
      return { id: String(i), unit: f.unit, decimalPlaces: 0, value: f.value, numerator: f.numerator, denominator: f.denominator, symbol: null };
    });
    const decided = publicSuppressionIndexed(cells, additivityGroups(at, placeSums, dimensions), publicDisclosure);
    decided.forEach((why, id) => {
      if (why === 'primary' || why === 'secondary') result[indexes[id]!] = why;
    });
  }
  return result;
}

/** A figure computed from pupil records, as the compute makes it: its level and place code, group and counts. */
export type ComputedCell = Readonly<{
  indicator: string;
  level: string;
  code: string;
  breakdown: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}>;

/**
 * Each computed figure's public suppression over its table family (indicator × period × data version: every place and
 * pupil group of one pupil file), with the place sums of the schools' placements that year.
 */
export function publicSuppressionOfComputed(
  figures: readonly ComputedCell[],
  placed: readonly Readonly<{ urn: string; district: string | null; la: string | null; groupings: readonly string[] }>[],
  laRegions: ReadonlyMap<string, string>,
  unitOf: (indicator: string) => Unit,
  dimensions: Readonly<Record<string, readonly string[]>>,
): ('primary' | 'secondary' | null)[] {
  const placeSums = placeSumsOf(
    placed.map((p) => ({ school: p.urn, district: p.district, la: p.la, groupings: p.groupings })),
    laRegions,
  );
  return publicSuppressionOf(
    figures.map((f) => ({
      family: f.indicator,
      place: f.level === 'country' ? 'country:england' : `${f.level}:${f.code}`,
      breakdown: f.breakdown,
      unit: unitOf(f.indicator),
      value: f.value,
      numerator: f.numerator,
      denominator: f.denominator,
    })),
    placeSums,
    dimensions,
  );
}
