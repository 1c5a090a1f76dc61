import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { describeIssue, type FileIssue } from '../../domain/errors.ts';
import { isRelativeRule, type Framework, type Target } from '../../domain/framework/framework.ts';
import { readYamlEntries } from '../yaml-files.ts';

/**
 * Frameworks as versioned YAML files in frameworks/ (one framework per file), validated with zod: every error names
 * the file, the line and the field. Indicator codes are checked against the catalogue.
 */

const year = z.number().int().min(2000).max(2100);
const code = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens');

const rule = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['at_least', 'at_most']), value: z.number(), by: year }).strict(),
  z.object({ kind: z.literal('milestones'), points: z.array(z.object({ year, value: z.number() }).strict()).min(1) }).strict(),
  z.object({ kind: z.literal('change_from_baseline'), change: z.number().positive(), unit: z.enum(['points', 'percent']), by: year }).strict(),
  z.object({ kind: z.literal('vs_comparator'), comparator: z.enum(['england', 'region', 'neighbours']), from: year.optional() }).strict(),
  z.object({ kind: z.literal('rank_among_neighbours'), reading: z.enum(['first', 'top_quartile', 'top_half']), by: year }).strict(),
  z.object({ kind: z.literal('year_on_year'), from: year }).strict(),
  z.object({ kind: z.enum(['zero', 'every']), by: year }).strict(),
  z.object({ kind: z.literal('band'), min: z.number(), max: z.number(), by: year.optional() }).strict(),
  z.object({ kind: z.literal('milestone_done'), due: year }).strict(),
]);

const target = z
  .object({
    id: code,
    number: z.number().int().min(1).optional(),
    priority: code,
    title: z.string().min(5),
    wording: z.string().min(10),
    indicator: code.optional(),
    measures: z
      .array(z.object({ indicator: code, from: year.optional(), to: year.optional(), relativeOnly: z.boolean().optional() }).strict())
      .min(1)
      .optional(),
    breakdown: z.string().min(1).default('all'),
    levels: z
      .array(z.enum(['county', 'district', 'school']))
      .min(1)
      .default(['county']),
    places: z
      .array(z.string().regex(/^[EWSN]\d{8}$/, 'an ONS area code (a letter and 8 digits, e.g. E07000114)'))
      .min(1)
      .optional(),
    gap: z
      .object({ group: z.string().min(1), other: z.string().min(1) })
      .strict()
      .optional(),
    baseline: z.object({ year, value: z.number().optional(), note: z.string().optional() }).strict().optional(),
    rules: z.array(rule).min(1),
    rationale: z.string().min(10).optional(),
    done: z
      .object({ on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written 2014-09-01'), evidence: z.string().min(10) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.done !== undefined && !t.rules.some((r) => r.kind === 'milestone_done'))
      ctx.addIssue({ code: 'custom', path: ['done'], message: 'only a delivery milestone (milestone_done) is recorded as done' });
    if (t.measures !== undefined && t.indicator === undefined)
      ctx.addIssue({ code: 'custom', path: ['indicator'], message: 'a target with measures names its own indicator too' });
    const needsFigures = t.rules.some((r) => r.kind !== 'milestone_done');
    if (needsFigures && t.indicator === undefined)
      ctx.addIssue({ code: 'custom', path: ['rules'], message: 'only a delivery milestone (milestone_done) can do without an indicator' });
    if (t.places !== undefined && !t.levels.includes('district'))
      ctx.addIssue({ code: 'custom', path: ['places'], message: 'a target set for named districts has district among its levels' });
    if (t.rules.some((r) => r.kind === 'change_from_baseline') && t.baseline === undefined)
      ctx.addIssue({ code: 'custom', path: ['baseline'], message: 'a change from baseline needs the baseline' });
    // A relative-only successor is read only by the rules comparing with others the same year (framework.ts).
    (t.measures ?? []).forEach((m, i) => {
      if (m.relativeOnly !== true) return;
      if (!t.rules.some(isRelativeRule))
        ctx.addIssue({
          code: 'custom',
          path: ['measures', i, 'relativeOnly'],
          message: 'a relative-only measure is read only by vs_comparator and rank_among_neighbours rules, and this target has neither',
        });
      if (m.from === undefined)
        ctx.addIssue({ code: 'custom', path: ['measures', i, 'from'], message: 'a relative-only measure names the year it starts (from)' });
      if (!(t.measures ?? []).some((other) => other.relativeOnly !== true && other.to !== undefined && m.from !== undefined && other.to < m.from))
        ctx.addIssue({
          code: 'custom',
          path: ['measures', i, 'relativeOnly'],
          message: "a relative-only measure follows the measure the target's level was set on (one ending before it starts)",
        });
    });
  });

const framework = z
  .object({
    id: code,
    name: z.string().min(5),
    version: z.string().min(1),
    la: z.string().regex(/^\d{3}$/, 'a DfE 3-digit LA code'),
    years: z.object({ from: year, to: year }).strict(),
    neighbourGroup: z.string().min(1).optional(),
    source: z.string().min(10),
    priorities: z.array(z.object({ id: code, title: z.string().min(5) }).strict()).min(1),
    targets: z.array(target).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    const priorities = new Set(f.priorities.map((p) => p.id));
    const seen = new Map<string, number>();
    f.targets.forEach((t, i) => {
      if (!priorities.has(t.priority))
        ctx.addIssue({ code: 'custom', path: ['targets', i, 'priority'], message: `no priority ${t.priority} in this framework` });
      if (seen.has(t.id))
        ctx.addIssue({ code: 'custom', path: ['targets', i, 'id'], message: `target ${t.id} is already defined (target ${seen.get(t.id)! + 1})` });
      seen.set(t.id, i);
    });
  });

export const frameworksDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'frameworks');

export type FrameworkRead = { frameworks: Framework[]; issues: FileIssue[] };

export async function readFrameworks(location: string, indicatorCodes: ReadonlySet<string>): Promise<FrameworkRead> {
  const { entries, issues } = await readYamlEntries(location, framework);
  const frameworks: Framework[] = [];
  for (const { value: f, file } of entries) {
    const unknown = f.targets.flatMap((t) =>
      [t.indicator, ...(t.measures ?? []).map((m) => m.indicator)].filter((c): c is string => c !== undefined && !indicatorCodes.has(c)).map((c) => ({ t, c })),
    );
    for (const { t, c } of unknown) issues.push({ file, line: null, column: `targets.${t.id}`, message: `unknown indicator ${c} (not in the catalogue)` });
    if (unknown.length > 0) continue;
    frameworks.push({
      id: f.id,
      name: f.name,
      version: f.version,
      la: f.la,
      years: f.years,
      neighbourGroup: f.neighbourGroup ?? null,
      source: f.source,
      priorities: f.priorities,
      targets: f.targets.map((t): Target => ({
        id: t.id,
        number: t.number ?? null,
        priority: t.priority,
        title: t.title,
        wording: t.wording,
        indicator: t.indicator ?? null,
        measures:
          t.measures?.map((m) => ({
            indicator: m.indicator,
            from: m.from ?? null,
            to: m.to ?? null,
            ...(m.relativeOnly === true ? { relativeOnly: true } : {}),
          })) ?? (t.indicator === undefined ? [] : [{ indicator: t.indicator, from: null, to: null }]),
        breakdown: t.breakdown,
        levels: t.levels,
        ...(t.places === undefined ? {} : { places: t.places }),
        gap: t.gap ?? null,
        baseline:
          t.baseline === undefined
            ? null
            : { year: t.baseline.year, value: t.baseline.value ?? null, ...(t.baseline.note === undefined ? {} : { note: t.baseline.note }) },
        rules: t.rules,
        rationale: t.rationale ?? null,
        done: t.done ?? null,
      })),
    });
  }
  return { frameworks, issues };
}

/** The shipped frameworks, or an error listing every problem (Waymark does not start on an invalid framework). */
export async function loadFrameworks(indicators: readonly { code: string }[], directory = frameworksDirectory): Promise<Framework[]> {
  const { frameworks, issues } = await readFrameworks(directory, new Set(indicators.map((i) => i.code)));
  if (issues.length > 0) throw new Error(`The frameworks in ${directory} are invalid:\n${issues.map((i) => `  ${describeIssue(i)}`).join('\n')}`);
  return frameworks;
}
