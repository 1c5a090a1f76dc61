import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { describeIssue, type FileIssue } from '../../domain/errors.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { readYamlEntries } from '../yaml-files.ts';
import { isTwoYearCode } from '../../domain/periods/period.ts';

/**
 * The indicator catalogue: every indicator Waymark knows, as YAML files in indicators/ (definitions are data).
 * Every file is validated; an error names the file, the line and the field.
 */

const academicYear = z
  .string()
  .regex(/^\d{6}$/, 'a period is written as DfE does: 201516 for 2015/16, 2014 for a calendar year')
  .refine((p) => isTwoYearCode(p), 'the two years of an academic or financial period must follow each other (201516)');
const calendarYear = z.string().regex(/^\d{4}$/, 'a calendar-year period is written 2014');

const entry = z
  .object({
    code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an indicator code is lower-case words joined by hyphens'),
    title: z.string().min(5),
    unit: z.enum(['percent', 'count', 'rate', 'average_score', 'points', 'band']),
    decimalPlaces: z.number().int().min(0).max(4),
    polarity: z.enum(['higher_is_better', 'lower_is_better', 'none']),
    periodType: z.enum(['academic', 'financial', 'calendar']),
    source: z.string().min(5),
    methodology: z.string().min(20),
    numerator: z.string().min(3).optional(),
    denominator: z.string().min(3).optional(),
    periods: z.object({ from: z.string().optional(), to: z.string().optional() }).strict().optional(),
    successor: z.string().optional(),
    continues: z.object({ indicator: z.string(), to: z.string() }).strict().optional(),
    yearRule: z.enum(['persistent-absence', 'ks2-headline', 'ks4-headline', 'eyfs-profile']).optional(),
    breaks: z.array(z.object({ period: z.string(), note: z.string().min(5) }).strict()).optional(),
    feed: z.enum(['pupil-records', 'published', 'ofsted', 'casework', 'admissions', 'place-planning', 'system-leadership']),
    lait: z.string().min(2).optional(),
    laitBreakdowns: z.record(z.string(), z.string().min(2)).optional(),
    framework: z.array(z.number().int().min(1).max(47)).optional(),
    derive: z
      .array(
        z.union([
          z.object({ kind: z.literal('sum-of-indicators'), indicators: z.array(z.string()).min(2) }).strict(),
          z.object({ kind: z.literal('all-from-breakdowns'), breakdowns: z.array(z.string().regex(/^[a-z0-9-]+:[a-z0-9-]+$/)).min(2) }).strict(),
        ]),
      )
      .optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const period = e.periodType === 'calendar' ? calendarYear : academicYear;
    const check = (value: string | undefined, at: (string | number)[]) => {
      if (value === undefined) return;
      const result = period.safeParse(value);
      if (!result.success) ctx.addIssue({ code: 'custom', path: at, message: result.error.issues[0]!.message });
    };
    check(e.periods?.from, ['periods', 'from']);
    check(e.periods?.to, ['periods', 'to']);
    e.breaks?.forEach((b, i) => check(b.period, ['breaks', i, 'period']));
    check(e.continues?.to, ['continues', 'to']);
    if (e.periods?.from !== undefined && e.periods.to !== undefined && e.periods.to < e.periods.from)
      ctx.addIssue({ code: 'custom', path: ['periods', 'to'], message: `ends (${e.periods.to}) before it starts (${e.periods.from})` });
    if ((e.numerator === undefined) !== (e.denominator === undefined) && e.unit !== 'average_score')
      ctx.addIssue({
        code: 'custom',
        path: [e.numerator === undefined ? 'numerator' : 'denominator'],
        message: 'give both the numerator and the denominator, or neither',
      });
    if (e.derive !== undefined && (e.unit !== 'percent' || e.numerator === undefined))
      ctx.addIssue({ code: 'custom', path: ['derive'], message: 'only a percentage with a numerator and denominator is derived from counts' });
  });

export type CatalogueResult = { ok: true; indicators: Indicator[] } | { ok: false; issues: FileIssue[] };

export async function readCatalogue(directory: string): Promise<CatalogueResult> {
  const { entries, issues } = await readYamlEntries(directory, entry);
  const found = entries.map((e) => ({ indicator: toIndicator(e.value), file: e.file, line: e.line }));
  const byCode = new Map<string, (typeof found)[number]>();
  for (const f of found) {
    const first = byCode.get(f.indicator.code);
    if (first !== undefined)
      issues.push({
        file: f.file,
        line: f.line,
        column: 'code',
        message: `duplicate indicator code ${f.indicator.code} (first in ${first.file} line ${first.line})`,
      });
    else byCode.set(f.indicator.code, f);
  }
  for (const f of found) {
    if (f.indicator.successor !== null && !byCode.has(f.indicator.successor))
      issues.push({ file: f.file, line: f.line, column: 'successor', message: `successor ${f.indicator.successor} is not in the catalogue` });
    const continued = f.indicator.continues === undefined ? undefined : byCode.get(f.indicator.continues.indicator)?.indicator;
    if (f.indicator.continues !== undefined && continued === undefined)
      issues.push({ file: f.file, line: f.line, column: 'continues', message: `continues ${f.indicator.continues.indicator}, which is not in the catalogue` });
    else if (continued !== undefined && (continued.unit !== f.indicator.unit || continued.periodType !== f.indicator.periodType))
      issues.push({ file: f.file, line: f.line, column: 'continues', message: `continues ${continued.code}, which is counted in other units or periods` });
    for (const d of f.indicator.derive ?? [])
      if (d.kind === 'sum-of-indicators')
        for (const part of d.indicators.filter((i) => !byCode.has(i)))
          issues.push({ file: f.file, line: f.line, column: 'derive', message: `derive reads ${part}, which is not in the catalogue` });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, indicators: found.map((f) => f.indicator) };
}

function toIndicator(e: z.output<typeof entry>): Indicator {
  return {
    code: e.code,
    title: e.title,
    unit: e.unit,
    decimalPlaces: e.decimalPlaces,
    polarity: e.polarity,
    periodType: e.periodType,
    source: e.source,
    methodology: e.methodology,
    numerator: e.numerator ?? null,
    denominator: e.denominator ?? null,
    periods: { from: e.periods?.from ?? null, to: e.periods?.to ?? null },
    successor: e.successor ?? null,
    yearRule: e.yearRule ?? null,
    breaks: e.breaks ?? [],
    feed: e.feed,
    lait: e.lait ?? null,
    ...(e.laitBreakdowns === undefined ? {} : { laitBreakdowns: e.laitBreakdowns }),
    framework: e.framework ?? [],
    ...(e.derive === undefined ? {} : { derive: e.derive }),
    ...(e.continues === undefined ? {} : { continues: e.continues }),
  };
}

/** The catalogue shipped with Waymark (indicators/ at the repository root). */
export const catalogueDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../indicators');

/** Read the shipped catalogue, or fail naming every file, line and field that is wrong. */
export async function loadCatalogue(directory = catalogueDirectory): Promise<Indicator[]> {
  const result = await readCatalogue(directory);
  if (!result.ok) throw new Error(`The indicator catalogue in ${directory} is invalid:\n${result.issues.map((i) => `  ${describeIssue(i)}`).join('\n')}`);
  return result.indicators;
}
