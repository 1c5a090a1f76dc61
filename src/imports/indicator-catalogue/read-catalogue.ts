import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { FileIssue } from '../../domain/errors.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';

/**
 * The indicator catalogue: every indicator Waymark knows, as YAML files in indicators/ (definitions are data).
 * Every file is validated; an error names the file, the line and the field.
 */

const academicYear = z
  .string()
  .regex(/^\d{6}$/, 'a period is written as DfE does: 201516 for 2015/16, 2014 for a calendar year')
  .refine((p) => (Number(p.slice(0, 4)) + 1) % 100 === Number(p.slice(4)), 'the two years of an academic or financial period must follow each other (201516)');
const calendarYear = z.string().regex(/^\d{4}$/, 'a calendar-year period is written 2014');

const entry = z
  .object({
    code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an indicator code is lower-case words joined by hyphens'),
    title: z.string().min(5),
    unit: z.enum(['percent', 'count', 'rate', 'average_score', 'points']),
    decimalPlaces: z.number().int().min(0).max(4),
    polarity: z.enum(['higher_is_better', 'lower_is_better', 'none']),
    periodType: z.enum(['academic', 'financial', 'calendar']),
    source: z.string().min(5),
    methodology: z.string().min(20),
    numerator: z.string().min(3).optional(),
    denominator: z.string().min(3).optional(),
    periods: z.object({ from: z.string().optional(), to: z.string().optional() }).strict().optional(),
    successor: z.string().optional(),
    yearRule: z.enum(['persistent-absence', 'ks2-headline', 'ks4-headline', 'eyfs-profile']).optional(),
    breaks: z.array(z.object({ period: z.string(), note: z.string().min(5) }).strict()).optional(),
    feed: z.enum(['pupil-records', 'published', 'ofsted', 'casework', 'admissions', 'place-planning']),
    lait: z.string().min(2).optional(),
    framework: z.array(z.number().int().min(1).max(47)).optional(),
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
    if (e.periods?.from !== undefined && e.periods.to !== undefined && e.periods.to < e.periods.from)
      ctx.addIssue({ code: 'custom', path: ['periods', 'to'], message: `ends (${e.periods.to}) before it starts (${e.periods.from})` });
    if ((e.numerator === undefined) !== (e.denominator === undefined) && e.unit !== 'average_score')
      ctx.addIssue({
        code: 'custom',
        path: [e.numerator === undefined ? 'numerator' : 'denominator'],
        message: 'give both the numerator and the denominator, or neither',
      });
  });

export type CatalogueResult = { ok: true; indicators: Indicator[] } | { ok: false; issues: FileIssue[] };

export async function readCatalogue(directory: string): Promise<CatalogueResult> {
  const files = (await readdir(directory)).filter((f) => f.endsWith('.yaml')).sort();
  const issues: FileIssue[] = [];
  const found: { indicator: Indicator; file: string; line: number }[] = [];
  for (const file of files) {
    const text = await readFile(path.join(directory, file), 'utf8');
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines });
    const lineOf = (at: readonly (string | number)[]) => lineOfPath(doc, lines, at);
    for (const error of doc.errors)
      issues.push({ file, line: error.linePos?.[0].line ?? null, column: null, message: `not valid YAML: ${error.message.split('\n')[0]}` });
    if (doc.errors.length > 0) continue;
    const parsed = z.array(entry).safeParse(doc.toJS());
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({ file, line: lineOf(issue.path as (string | number)[]), column: issue.path.slice(1).join('.') || null, message: issue.message });
      continue;
    }
    parsed.data.forEach((e, i) => found.push({ indicator: toIndicator(e), file, line: lineOf([i]) ?? 1 }));
  }
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
  for (const f of found)
    if (f.indicator.successor !== null && !byCode.has(f.indicator.successor))
      issues.push({ file: f.file, line: f.line, column: 'successor', message: `successor ${f.indicator.successor} is not in the catalogue` });
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
    framework: e.framework ?? [],
  };
}

/** The line of the deepest node on the path that exists (a missing key is reported at its entry). */
function lineOfPath(doc: Document, lines: LineCounter, at: readonly (string | number)[]): number | null {
  for (let depth = at.length; depth >= 0; depth--) {
    const node = doc.getIn(at.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node !== undefined && node !== null && typeof node === 'object' && (isMap(node) || isSeq(node) || 'range' in node) && node.range !== undefined)
      return lines.linePos(node.range[0]).line;
  }
  return null;
}

/** The catalogue shipped with Waymark (indicators/ at the repository root). */
export const catalogueDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../indicators');

/** Read the shipped catalogue, or fail naming every file, line and field that is wrong. */
export async function loadCatalogue(directory = catalogueDirectory): Promise<Indicator[]> {
  const result = await readCatalogue(directory);
  if (!result.ok)
    throw new Error(
      `The indicator catalogue in ${directory} is invalid:\n${result.issues.map((i) => `  ${i.file}, line ${i.line ?? '?'}${i.column ? `, ${i.column}` : ''}: ${i.message}`).join('\n')}`,
    );
  return result.indicators;
}
