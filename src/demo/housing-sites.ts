import type { HousingSite, PlanningArea } from '../domain/place-planning/place-planning.ts';
import { kent, kentDistricts } from '../domain/geography/reference-places.ts';
import { academicYearCode } from '../domain/periods/period.ts';
import { secondaryAreaCode } from './planning-areas.ts';

/**
 * The demo county's housing sites: one to three a district, 150 to 2,500 dwellings each, built out at 50 to 150 a year
 * from a start between 2012/13 and 2017/18 until built or until 2022/23, about 30% affordable. Kept modest (the county's
 * completions in a year stay near 1,500-2,500) because the demo's rolls hold no pupils from these homes: large yields
 * would push the forecasts above what the rolls could show.
 */
const suffixes = ['Fields', 'Park', 'Meadows', 'Farm', 'Green', 'Gate', 'Heights', 'Quarter'];
const firstYear = 2012;
const lastYear = 2022;

export function housingSites(areas: readonly PlanningArea[], random: () => number): HousingSite[] {
  const sites: HousingSite[] = [];
  kentDistricts.forEach((d, di) => {
    const primaryAreas = areas.filter((a) => a.phase === 'primary' && a.districtCode === d.code);
    const count = 1 + ((di + Math.floor(random() * 3)) % 3);
    for (let i = 0; i < count; i++) {
      const area = primaryAreas[Math.floor(random() * primaryAreas.length)];
      if (area === undefined) continue;
      const dwellings = 150 + Math.round(random() * 2350);
      const perYear = 50 + Math.round(random() * 100);
      const start = firstYear + Math.floor(random() * 6);
      const completions = [];
      for (let year = start, built = 0; year <= lastYear && built < dwellings; year++) {
        // The last year takes what is left; a remainder under 50 is built with the year before it.
        const total = dwellings - built - perYear < 50 ? dwellings - built : perYear;
        const affordable = Math.round(total * 0.3);
        completions.push({ period: academicYearCode(year), market: total - affordable, affordable });
        built += total;
      }
      const town = area.name.replace(/ \(.*\)$/, '');
      sites.push({
        code: `${kent.code}-H-${area.code.split('-')[2]}-${String(i + 1).padStart(2, '0')}`,
        name: `${town} ${suffixes[Math.floor(random() * suffixes.length)]}`,
        laCode: kent.code,
        primaryArea: area.code,
        secondaryArea: secondaryAreaCode(d.code),
        completions,
      });
    }
  });
  return sites;
}
