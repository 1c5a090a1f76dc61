import { z } from 'zod';
import type { HousingSite } from '../../domain/place-planning/place-planning.ts';
import { findDuplicates, optionalText, requiredText, screenRows } from '../row-schema.ts';
import { academicPeriod, byLine, inconsistencies, planningTable, requiredCount, type Lined, type PlanningFile } from './planning-fields.ts';

/**
 * Housing sites and their build-out (the LA's housing trajectory), one row per site per academic year of completions:
 *
 * `site_code,site_name,primary_area,secondary_area,period,market_dwellings,affordable_dwellings`
 *
 * - `site_code`: the LA's reference for the site; `site_name`, `primary_area` and `secondary_area` (the planning areas
 *   its pupils would attend, blank if none) are repeated on each of the site's rows and must agree.
 * - `period`: the academic year the dwellings are completed (families move in), written 2017/18 or 201718.
 * - `market_dwellings`, `affordable_dwellings`: dwellings completed that year by tenure, whole numbers, 0 or more.
 *
 * The LA is the one the file is loaded for. Every row is checked; the file reads to nothing if any has a problem.
 */
export const housingSiteColumns = ['site_code', 'site_name', 'primary_area', 'secondary_area', 'period', 'market_dwellings', 'affordable_dwellings'] as const;

const row = z.object({
  site_code: requiredText('the site code').pipe(z.string().max(60, 'a site code is at most 60 characters')),
  site_name: requiredText('the site name'),
  primary_area: optionalText,
  secondary_area: optionalText,
  period: academicPeriod,
  market_dwellings: requiredCount('market dwellings'),
  affordable_dwellings: requiredCount('affordable dwellings'),
});

export function readHousingSiteFile(file: string, bytes: Uint8Array, laCode: string): PlanningFile<Lined<HousingSite>[]> {
  const read = planningTable(file, bytes, housingSiteColumns);
  if ('issues' in read) return read;
  const { records, issues } = screenRows(read.table, row);
  issues.push(
    ...inconsistencies(file, records, (r) => r.site_code, 'site', [
      ['site_name', (r) => r.site_name],
      ['primary_area', (r) => r.primary_area],
      ['secondary_area', (r) => r.secondary_area],
    ]),
    ...findDuplicates(file, records, (r) => `${r.site_code} ${r.period}`, 'period', 'site and year'),
  );
  if (issues.length > 0) return { issues: issues.sort(byLine) };
  const sites = new Map<string, Lined<HousingSite>>();
  for (const r of records) {
    const site = sites.get(r.site_code) ?? {
      line: r.line,
      code: r.site_code,
      name: r.site_name,
      laCode,
      primaryArea: r.primary_area,
      secondaryArea: r.secondary_area,
      completions: [],
    };
    const completions = [...site.completions, { period: r.period, market: r.market_dwellings, affordable: r.affordable_dwellings }];
    sites.set(r.site_code, { ...site, completions: completions.sort((a, b) => a.period.localeCompare(b.period)) });
  }
  return { records: [...sites.values()], hash: read.table.hash };
}
