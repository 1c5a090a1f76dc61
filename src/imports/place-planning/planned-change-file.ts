import { z } from 'zod';
import type { PlannedChange } from '../../domain/place-planning/place-planning.ts';
import { code, findDuplicates, optionalText, requiredText, screenRows, text, urn } from '../row-schema.ts';
import { academicPeriod, byLine, phase, planningTable, requiredCount, type Lined, type PlanningFile } from './planning-fields.ts';

/**
 * Planned changes to places (SCAP asks for the next three years'), one row per change:
 *
 * `code,area_code,urn,school_name,phase,kind,entry_places,phasing,from_period,status,description`
 *
 * - `code`: the LA's own reference for the change, unique in the file; `area_code`: the planning area it is in.
 * - `urn`: the school changed; blank only for a new school not yet on the register.
 * - `kind`: expansion, bulge, new-school, reduction or closure; `entry_places`: places at the point of entry (the
 *   admission number added, removed or opened with, a bulge class's size), more than 0 except for a closure.
 * - `phasing`: whole-school (every year group at once) or year-by-year (the entry year group first, then one more each
 *   year); `from_period`: the academic year it first applies to, written 2017/18 or 201718.
 * - `status`: proposed, approved, delivered or withdrawn; `description`: free text (may be blank).
 *
 * The LA is the one the file is loaded for. Every row is checked; the file reads to nothing if any has a problem.
 */
export const plannedChangeColumns = [
  'code',
  'area_code',
  'urn',
  'school_name',
  'phase',
  'kind',
  'entry_places',
  'phasing',
  'from_period',
  'status',
  'description',
] as const;

const row = z
  .object({
    code: requiredText('the change code').pipe(z.string().max(60, 'a change code is at most 60 characters')),
    area_code: requiredText('the area code'),
    urn: optionalText.pipe(z.union([z.null(), urn])),
    school_name: requiredText('the school name'),
    phase,
    kind: code(['expansion', 'bulge', 'new-school', 'reduction', 'closure'] as const, 'kind of change'),
    entry_places: requiredCount('entry places', 2_000),
    phasing: code(['whole-school', 'year-by-year'] as const, 'phasing'),
    from_period: academicPeriod,
    status: code(['proposed', 'approved', 'delivered', 'withdrawn'] as const, 'status'),
    description: text,
  })
  .superRefine((r, ctx) => {
    if (r.urn === null && r.kind !== 'new-school')
      ctx.addIssue({
        code: 'custom',
        path: ['urn'],
        message: `the URN is blank: only a new school not yet on the register has none (this is ${r.kind === 'expansion' ? 'an' : 'a'} ${r.kind})`,
      });
    if (r.entry_places === 0 && r.kind !== 'closure')
      ctx.addIssue({ code: 'custom', path: ['entry_places'], message: `${r.kind} of 0 places changes nothing` });
  });

export function readPlannedChangeFile(file: string, bytes: Uint8Array, laCode: string): PlanningFile<Lined<PlannedChange>[]> {
  const read = planningTable(file, bytes, plannedChangeColumns);
  if ('issues' in read) return read;
  const { records, issues } = screenRows(read.table, row);
  issues.push(...findDuplicates(file, records, (r) => r.code, 'code', 'change'));
  if (issues.length > 0) return { issues: issues.sort(byLine) };
  return {
    records: records.map((r): Lined<PlannedChange> => ({
      line: r.line,
      code: r.code,
      laCode,
      areaCode: r.area_code,
      urn: r.urn,
      schoolName: r.school_name,
      phase: r.phase,
      kind: r.kind,
      entryPlaces: r.entry_places,
      phasing: r.phasing,
      fromPeriod: r.from_period,
      status: r.status,
      description: r.description,
    })),
    hash: read.table.hash,
  };
}
