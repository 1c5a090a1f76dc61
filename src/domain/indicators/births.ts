import type { Located } from '../geography/register.ts';

/**
 * Live births from ONS mid-year estimates (components of change, births by sex of child). ONS gives districts and
 * unitary authorities only, so a county LA's births are the sum of its districts and England's the sum of every area;
 * those sums are Waymark's, labelled with the rule that made them. The year is the year to 30 June (2014 = births
 * from 1 July 2013 to 30 June 2014), written as the catalogue's calendar period '2014'.
 * Source: ONS mid-year population estimates, components of change (shared/data/public/ons-births-la/PROVENANCE.md).
 */

export type BirthSex = 'female' | 'male';

/** One row of the births file: an area (ONS code), a sex, the year to 30 June and the births in it. */
export type BirthRecord = Located & Readonly<{ areaCode: string; sex: BirthSex; year: string; births: number }>;

/** A births figure: an area, a year, a breakdown (`sex:female`, `sex:male`, or `all` for both). */
export type BirthFigure = Readonly<{ areaCode: string; period: string; breakdown: 'sex:female' | 'sex:male' | 'all'; births: number; line: number }>;

/**
 * Each area's births by sex as the file gives them, and both sexes as their sum, for every year. An area and year
 * with only one sex has no "all" figure (it would be half the births).
 */
export function birthsByArea(records: readonly BirthRecord[]): BirthFigure[] {
  const figures: BirthFigure[] = [];
  const bothSexes = new Map<string, { female?: BirthRecord; male?: BirthRecord }>();
  for (const r of records) {
    figures.push({ areaCode: r.areaCode, period: r.year, breakdown: `sex:${r.sex}`, births: r.births, line: r.line });
    const key = `${r.areaCode}|${r.year}`;
    bothSexes.set(key, { ...bothSexes.get(key), [r.sex]: r });
  }
  for (const { female, male } of bothSexes.values())
    if (female !== undefined && male !== undefined)
      figures.push({ areaCode: female.areaCode, period: female.year, breakdown: 'all', births: female.births + male.births, line: female.line });
  return figures;
}

export type BirthsSum = Readonly<{ period: string; breakdown: BirthFigure['breakdown']; births: number; areas: number }>;

/**
 * The births of a place made of areas (a county LA of its districts), for each year and breakdown in which every one
 * of `areaCodes` has a figure; a year missing any area has no sum (a partial sum would read as a fall in births).
 */
export function sumOfAreas(figures: readonly BirthFigure[], areaCodes: readonly string[]): BirthsSum[] {
  const wanted = new Set(areaCodes);
  const cells = new Map<string, { period: string; breakdown: BirthFigure['breakdown']; births: number; areas: Set<string> }>();
  for (const f of figures) {
    if (!wanted.has(f.areaCode)) continue;
    const key = `${f.period}|${f.breakdown}`;
    const cell = cells.get(key) ?? { period: f.period, breakdown: f.breakdown, births: 0, areas: new Set<string>() };
    cell.births += f.births;
    cell.areas.add(f.areaCode);
    cells.set(key, cell);
  }
  return [...cells.values()]
    .filter((c) => c.areas.size === wanted.size && wanted.size > 0)
    .map((c) => ({ period: c.period, breakdown: c.breakdown, births: c.births, areas: c.areas.size }));
}

/**
 * England has had at least 296 districts and unitary authorities since 2009 (326 in the 2014 geography, 296 from
 * April 2023): a year with rows for fewer areas is not a national file, and gets no England sum.
 */
export const englandMinimumAreas = 296;

/**
 * England's births for each year and breakdown: the sum of every area the file gives for that year, where the file
 * covers England (at least `englandMinimumAreas` areas) and every area has a figure for the breakdown.
 */
export function englandBirths(figures: readonly BirthFigure[]): BirthsSum[] {
  const byYear = new Map<string, BirthFigure[]>();
  for (const f of figures) {
    const list = byYear.get(f.period);
    if (list === undefined) byYear.set(f.period, [f]);
    else list.push(f);
  }
  return [...byYear.values()].flatMap((inYear) => {
    const areas = [...new Set(inYear.map((f) => f.areaCode))];
    return areas.length < englandMinimumAreas ? [] : sumOfAreas(inYear, areas);
  });
}
