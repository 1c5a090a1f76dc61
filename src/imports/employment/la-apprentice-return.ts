import { z } from 'zod';
import type { PublishedValueRecord } from '../../domain/indicators/published-values.ts';
import { readPeriod } from '../../domain/indicators/published-values.ts';
import type { CsvTable } from '../csv-table.ts';
import { findDuplicates, hasColumns, laCode, optionalInteger, screenRows, type Screened } from '../row-schema.ts';
import { laFigure } from './la-figure.ts';

/**
 * The LA's own return of the apprentices it takes on (the Kent Apprenticeship scheme, target 36), as its HR team keeps
 * it: one row per LA and financial year.
 *
 *   financial_year        the year as 2013-14 (1 April 2013 to 31 March 2014) or 2013/14
 *   la_code               the LA's 3-digit DfE code (886 for Kent)
 *   apprentices_taken_on  apprentices who started with the council in the year (a whole number)
 *   completions           optional: apprenticeships completed in the year (read and checked; no indicator holds it yet)
 *
 * Each row is one figure of kcc-apprentices for the LA and financial year.
 */
export const laApprenticeReturnHeader = ['financial_year', 'la_code', 'apprentices_taken_on', 'completions'] as const;

const row = z.object({
  financial_year: z.string().transform((raw, ctx): string => {
    const period = readPeriod(raw.trim().replace('-', '/'), 'academic-slash');
    if (period === null) {
      ctx.addIssue({ code: 'custom', message: `"${raw.trim()}" is not a financial year (written 2013-14, its two years in turn)` });
      return z.NEVER;
    }
    return period;
  }),
  la_code: laCode,
  apprentices_taken_on: optionalInteger(0, 100_000).refine((n) => n !== null, 'apprentices_taken_on is blank: the return gives a number for every year'),
  completions: optionalInteger(0, 100_000).optional(),
});

export type ApprenticeReturnRead = Screened<PublishedValueRecord> & { completions: number };

export const laApprenticeReturn = {
  id: 'la-apprentice-return',
  label: "LA return of apprentices taken on (the council's HR return)",
  encoding: 'utf-8',
  recognise: (header: readonly string[]) => hasColumns(header, ['financial_year', 'la_code', 'apprentices_taken_on']),
  parse(table: CsvTable): ApprenticeReturnRead {
    const screened = screenRows(table, row);
    screened.issues.push(...findDuplicates(table.file, screened.records, (r) => `${r.la_code} ${r.financial_year}`, 'financial_year', 'LA and financial year'));
    const records = screened.records.map((r) =>
      laFigure({
        la: r.la_code,
        period: r.financial_year,
        line: r.line,
        indicator: 'kcc-apprentices',
        value: r.apprentices_taken_on,
        publishedDecimals: 0,
        columns: { value: 'apprentices_taken_on', numerator: null, denominator: null },
      }),
    );
    return { records, issues: screened.issues, completions: screened.records.filter((r) => r.completions != null).length };
  },
} as const;
