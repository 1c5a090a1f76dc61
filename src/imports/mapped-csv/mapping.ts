import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { describeIssue, type FileIssue } from '../../domain/errors.ts';
import { readYamlEntries } from '../yaml-files.ts';

/**
 * A mapping tells the mapped-CSV importer how a published file is laid out: which columns name the place, the
 * period and the breakdown, which columns hold which indicator's value, numerator and denominator, and what the
 * file's symbols mean. The DfE's EES open-data CSVs, its older reshaped files and an LA's own spreadsheets are
 * all read this way. Mappings are data (mappings/*.yaml), validated like the indicator catalogue.
 */

const kind = z.enum(['country', 'region', 'la', 'district', 'school']);
const symbol = z.enum(['c', 'x', 'z', 'low']);

const placeColumns = z
  .object({
    code: z.string().optional(),
    name: z.string().optional(),
    regionCode: z.string().optional(),
    regionName: z.string().optional(),
    /** For school rows: the column giving the school's LA code, kept for a school the register does not hold. */
    laCode: z.string().optional(),
  })
  .strict()
  .refine((p) => p.code !== undefined || p.name !== undefined, 'a place needs a code column, a name column, or both');

export const mappingSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a mapping id is lower-case words joined by hyphens'),
    label: z.string().min(5),
    source: z.string().min(5),
    recognise: z.array(z.string()).min(2),
    period: z.union([
      z.object({ column: z.string(), format: z.enum(['academic', 'academic-slash', 'academic-end', 'calendar']) }).strict(),
      z.object({ fixed: z.string().regex(/^\d{4}(\d{2})?$/, 'a fixed period is written as DfE does: 201314 or 2014') }).strict(),
    ]),
    dataVersion: z.enum(['provisional', 'revised', 'final']).default('final'),
    level: z.union([
      kind,
      z.object({ column: z.string(), map: z.record(z.string(), z.union([kind, z.literal('skip')])) }).strict(),
      z
        .object({
          firstFilled: z.array(z.object({ column: z.string(), kind }).strict()).min(1),
          otherwise: kind,
          /** Cell values that count as not filled besides blank (e.g. ALL in the attainment-at-19 file's England rows). */
          unfilled: z.array(z.string()).default([]),
        })
        .strict(),
    ]),
    places: z.partialRecord(kind, placeColumns),
    where: z.record(z.string(), z.array(z.string())).default({}),
    /** Cell values in a place column that name no place (the exclusions file's NULL): such rows are skipped and counted. */
    noPlace: z.array(z.string()).default([]),
    breakdowns: z.array(z.object({ column: z.string(), map: z.record(z.string(), z.string()) }).strict()).default([]),
    symbols: z.record(z.string(), symbol).default({}),
    /** What an empty cell means: not available (x), or nothing at all (skip: reshaped files that blank whatever is not published). */
    blank: z.enum(['x', 'skip']).default('x'),
    /** The file's values carry every digit (65.97042646): show them at the indicator's decimals, not the file's. */
    unrounded: z.boolean().default(false),
    values: z
      .array(
        z
          .object({
            indicator: z.string(),
            value: z.string(),
            numerator: z.string().optional(),
            denominator: z.string().optional(),
            breakdown: z.string().optional(),
            /** The column holds a proportion (0.0121) of an indicator held as a percentage (1.21): the scorecards' forecast accuracy. */
            proportion: z.boolean().optional(),
            /** Read this value only in rows whose columns hold one of these values (a column whose meaning changed by year). */
            when: z.record(z.string(), z.array(z.string())).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type Mapping = z.output<typeof mappingSchema>;

export async function readMappings(location: string): Promise<{ ok: true; mappings: Mapping[] } | { ok: false; issues: FileIssue[] }> {
  const { entries, issues } = await readYamlEntries(location, mappingSchema);
  const seen = new Map<string, string>();
  for (const e of entries) {
    const first = seen.get(e.value.id);
    if (first !== undefined) issues.push({ file: e.file, line: e.line, column: 'id', message: `duplicate mapping id ${e.value.id} (first in ${first})` });
    seen.set(e.value.id, e.file);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, mappings: entries.map((e) => e.value) };
}

/** The mappings shipped with Waymark (mappings/ at the repository root). */
export const mappingsDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../mappings');

/** The shipped mappings and any extra mapping files an LA names, or an error naming every file, line and field that is wrong. */
export async function loadMappings(extra: readonly string[] = []): Promise<Mapping[]> {
  const all: Mapping[] = [];
  for (const location of [mappingsDirectory, ...extra]) {
    const result = await readMappings(location);
    if (!result.ok) throw new Error(`Invalid mapping in ${location}:\n${result.issues.map((i) => `  ${describeIssue(i)}`).join('\n')}`);
    all.push(...result.mappings);
  }
  const ids = all.map((m) => m.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) throw new Error(`Two mappings have the id ${repeated}`);
  return all;
}
