import { z } from 'zod';
import { quoted, type FileIssue } from '../../domain/errors.ts';
import type { AreaMembership, PlanningArea } from '../../domain/place-planning/place-planning.ts';
import { findDuplicates, optionalDate, optionalText, requiredText, screenRows, urn } from '../row-schema.ts';
import { byLine, inconsistencies, phase, planningTable, type Lined, type PlanningFile } from './planning-fields.ts';

/**
 * An LA's planning areas and the schools in them (SCAP: LA-defined groups of schools; a split-site school in two areas
 * since 2022), one row per school per area, with the area's own fields repeated on each of its rows:
 *
 * `area_code,area_name,phase,district_code,feeds_area,urn,share,valid_from,valid_to`
 *
 * - `phase`: primary or secondary; `district_code`: the ONS code of the district the area lies in (E07000105), blank if
 *   it spans districts; `feeds_area`: a primary area's secondary area (blank for a secondary area).
 * - `share`: the fraction of the school on this area's site, more than 0 and at most 1 (blank = 1, one site); a school's
 *   shares in areas of one phase at any date must not add up to more than 1 (an all-through school is in a primary and a
 *   secondary area, each with its whole share).
 * - `valid_from`, `valid_to`: the school's membership, dates written yyyy-mm-dd, blank = open-ended. An area is valid from
 *   its earliest member's start to its latest member's end (open-ended if any member is).
 *
 * Every row is checked and an area's repeated fields must agree; the file reads to nothing if any row has a problem.
 */
export const planningAreaColumns = ['area_code', 'area_name', 'phase', 'district_code', 'feeds_area', 'urn', 'share', 'valid_from', 'valid_to'] as const;

const row = z
  .object({
    area_code: requiredText('the area code').pipe(z.string().max(60, 'an area code is at most 60 characters')),
    area_name: requiredText('the area name'),
    phase,
    district_code: optionalText.refine((s) => s === null || /^E0[6-9]\d{6}$/.test(s), 'not an ONS district code (E06, E07, E08 or E09 and 6 digits)'),
    feeds_area: optionalText,
    urn,
    share: z.string().transform((raw, ctx): number => {
      const value = raw.trim();
      const n = Number(value);
      if (value === '') return 1;
      if (!/^\d*\.?\d+$/.test(value) || n <= 0 || n > 1) {
        ctx.addIssue({ code: 'custom', message: `share ${quoted(value)} is not a fraction more than 0 and at most 1` });
        return z.NEVER;
      }
      return n;
    }),
    valid_from: optionalDate('yyyy-mm-dd'),
    valid_to: optionalDate('yyyy-mm-dd'),
  })
  .superRefine((r, ctx) => {
    if (r.valid_from !== null && r.valid_to !== null && r.valid_to < r.valid_from)
      ctx.addIssue({ code: 'custom', path: ['valid_to'], message: `ends (${r.valid_to}) before it starts (${r.valid_from})` });
    if (r.phase === 'secondary' && r.feeds_area !== null)
      ctx.addIssue({ code: 'custom', path: ['feeds_area'], message: 'a secondary area feeds no other area: leave it blank' });
  });

type Row = z.output<typeof row> & { line: number };

export function readPlanningAreaFile(
  file: string,
  bytes: Uint8Array,
  laCode: string,
): PlanningFile<{ areas: Lined<PlanningArea>[]; memberships: Lined<AreaMembership>[] }> {
  const read = planningTable(file, bytes, planningAreaColumns);
  if ('issues' in read) return read;
  const { records, issues } = screenRows(read.table, row);
  issues.push(
    ...inconsistencies(file, records, (r) => r.area_code, 'area', [
      ['area_name', (r) => r.area_name],
      ['phase', (r) => r.phase],
      ['district_code', (r) => r.district_code],
      ['feeds_area', (r) => r.feeds_area],
    ]),
    ...findDuplicates(file, records, (r) => `${r.area_code} ${r.urn} from ${r.valid_from ?? 'the start'}`, 'urn', 'school in an area'),
    ...feederProblems(file, records),
    ...overShared(file, records),
  );
  if (issues.length > 0) return { issues: issues.sort(byLine) };
  const areas = new Map<string, Lined<PlanningArea>>();
  for (const r of records) {
    const held = areas.get(r.area_code);
    const earliest = (a: string | null, b: string | null) => (a === null || b === null ? null : a < b ? a : b);
    const latest = (a: string | null, b: string | null) => (a === null || b === null ? null : a > b ? a : b);
    areas.set(r.area_code, {
      line: held?.line ?? r.line,
      code: r.area_code,
      name: r.area_name,
      laCode,
      phase: r.phase,
      districtCode: r.district_code,
      feedsArea: r.feeds_area,
      validFrom: held === undefined ? r.valid_from : earliest(held.validFrom, r.valid_from),
      validTo: held === undefined ? r.valid_to : latest(held.validTo, r.valid_to),
    });
  }
  const memberships = records.map((r): Lined<AreaMembership> => ({
    line: r.line,
    areaCode: r.area_code,
    urn: r.urn,
    share: r.share,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
  return { records: { areas: [...areas.values()], memberships }, hash: read.table.hash };
}

/** A primary area's `feeds_area`, when the file holds that area, must be a secondary one. */
function feederProblems(file: string, records: readonly Row[]): FileIssue[] {
  const phaseOf = new Map(records.map((r) => [r.area_code, r.phase]));
  return records
    .filter((r) => r.feeds_area !== null && phaseOf.has(r.feeds_area) && phaseOf.get(r.feeds_area) !== 'secondary')
    .map((r) => ({ file, line: r.line, column: 'feeds_area', message: `${r.feeds_area} is a primary area: a primary area feeds a secondary one` }));
}

/**
 * At the start of each of a school's memberships, its shares in force then in areas of the same phase must add up to at
 * most 1 (an all-through school is wholly in a primary area and wholly in a secondary one: 1 + 1 is right).
 */
function overShared(file: string, records: readonly Row[]): FileIssue[] {
  const issues = new Map<string, FileIssue>();
  const inForce = (r: Row, day: string) => (r.valid_from ?? '') <= day && (r.valid_to === null || day <= r.valid_to);
  for (const r of records) {
    const day = r.valid_from ?? '';
    const sharing = records.filter((o) => o.urn === r.urn && o.phase === r.phase && inForce(o, day));
    const total = sharing.reduce((a, o) => a + o.share, 0);
    if (total > 1 + 1e-9)
      issues.set(`${r.urn} ${r.phase} ${day}`, {
        file,
        line: Math.max(...sharing.map((o) => o.line)),
        column: 'share',
        message: `school ${r.urn}'s ${r.phase} shares add up to ${Number(total.toFixed(6))} on ${day === '' ? 'its first day' : day} (lines ${sharing.map((o) => o.line).join(', ')}): at most 1`,
      });
  }
  return [...issues.values()];
}
