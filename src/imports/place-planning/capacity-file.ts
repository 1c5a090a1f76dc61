import { z } from 'zod';
import { phaseYearGroups, type CapacityRecord, type YearGroup } from '../../domain/place-planning/place-planning.ts';
import { findDuplicates, screenRows, urn } from '../row-schema.ts';
import { academicPeriod, byLine, count, phase, planningTable, type PlanningFile } from './planning-fields.ts';

/**
 * Schools' SCAP capacity (net capacity as at 1 May of the academic year, DfES 2002 method), one row per school, year
 * and phase:
 *
 * `urn,period,phase,admission_number,places_r,places_1,places_2,…,places_13`
 *
 * - `period`: the academic year, written 2015/16 or 201516; `phase`: primary (Reception-Year 6) or secondary (Year 7-13).
 * - `admission_number`: the published admission number at the point of entry (blank = not given).
 * - `places_r` … `places_13`: net capacity by year group, whole places, 0 or more; blank = no places in that year group.
 *   A year group outside the row's phase must be blank.
 *
 * Every row is checked; the file reads to nothing if any row has a problem, each named by line and column.
 */
const yearGroups: readonly YearGroup[] = ['R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'];
const placesColumn = (g: YearGroup) => `places_${g.toLowerCase()}`;
export const capacityColumns = ['urn', 'period', 'phase', 'admission_number', ...yearGroups.map(placesColumn)] as const;

const places = Object.fromEntries(yearGroups.map((g) => [placesColumn(g), count('places', 10_000)])) as Record<string, ReturnType<typeof count>>;

const row = z.object({ urn, period: academicPeriod, phase, admission_number: count('admission places', 2_000), ...places }).superRefine((r, ctx) => {
  const values = r as unknown as Record<string, number | null>;
  for (const g of yearGroups)
    if (!phaseYearGroups[r.phase].includes(g) && values[placesColumn(g)] !== null)
      ctx.addIssue({
        code: 'custom',
        path: [placesColumn(g)],
        message: `${g === 'R' ? 'Reception' : `Year ${g}`} is not a ${r.phase} year group: leave it blank`,
      });
});

export function readCapacityFile(file: string, bytes: Uint8Array): PlanningFile<CapacityRecord[]> {
  const read = planningTable(file, bytes, capacityColumns);
  if ('issues' in read) return read;
  const { records, issues } = screenRows(read.table, row);
  issues.push(...findDuplicates(file, records, (r) => `${r.urn} ${r.period} ${r.phase}`, 'urn', 'school, year and phase'));
  if (issues.length > 0) return { issues: issues.sort(byLine) };
  return {
    records: records.map((r): CapacityRecord => {
      const values = r as unknown as Record<string, number | null>;
      const held = phaseYearGroups[r.phase].filter((g) => values[placesColumn(g)] !== null);
      return {
        urn: r.urn,
        period: r.period,
        phase: r.phase,
        places: Object.fromEntries(held.map((g) => [g, values[placesColumn(g)]!])),
        admissionNumber: r.admission_number,
      };
    }),
    hash: read.table.hash,
  };
}
