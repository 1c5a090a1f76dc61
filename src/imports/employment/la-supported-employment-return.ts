import { z } from 'zod';
import type { PublishedValueRecord } from '../../domain/indicators/published-values.ts';
import type { CsvTable } from '../csv-table.ts';
import { code, findDuplicates, hasColumns, laCode, optionalInteger, screenRows, type Screened, academicYearSlash } from '../row-schema.ts';
import { laFigure } from './la-figure.ts';

/**
 * The LA's own record of assisted employment opportunities taken up by young people with learning difficulties and
 * disabilities (target 39), as its SEN and supported employment teams keep it; no national publication counts them.
 * One row per LA, academic year and type of opportunity:
 *
 *   academic_year     the year as 2015/16
 *   la_code           the LA's 3-digit DfE code (886 for Kent)
 *   opportunity_type  one of
 *                       supported-internship  a supported internship: the DfE's study programme, mostly in the
 *                                             workplace with a job coach, for 16-24 year olds with an EHC plan (a trial
 *                                             in 2012/13, offered nationally from 2013/14)
 *                       supported-employment  a paid job or job-coached work placement found and supported by the
 *                                             LA's supported employment service (the place-train-maintain model)
 *                       traineeship           a traineeship (from August 2013) taken up with learning support for LDD
 *                       other                 any other assisted opportunity the LA counts (a supported apprenticeship,
 *                                             a work trial or volunteering with a job coach); say which in its records
 *   taken_up          the young people with LDD who took up an opportunity of that type in the year (a whole number)
 *
 * Read as ldd-assisted-employment for the LA and year: the year's total over the types. A type with none is written 0
 * or left out.
 */
export const laSupportedEmploymentHeader = ['academic_year', 'la_code', 'opportunity_type', 'taken_up'] as const;
export const opportunityTypes = ['supported-internship', 'supported-employment', 'traineeship', 'other'] as const;
export type OpportunityType = (typeof opportunityTypes)[number];

const row = z.object({
  academic_year: academicYearSlash,
  la_code: laCode,
  opportunity_type: code(opportunityTypes, 'opportunity type'),
  taken_up: optionalInteger(0, 100_000).refine((n) => n !== null, 'taken_up is blank: write 0 for a type with none'),
});

export const laSupportedEmploymentReturn = {
  id: 'la-supported-employment-return',
  label: 'LA return of assisted employment opportunities taken up by young people with LDD (supported internships, supported employment)',
  encoding: 'utf-8',
  recognise: (header: readonly string[]) => hasColumns(header, laSupportedEmploymentHeader),
  parse(table: CsvTable): Screened<PublishedValueRecord> {
    const screened = screenRows(table, row);
    screened.issues.push(
      ...findDuplicates(
        table.file,
        screened.records,
        (r) => `${r.la_code} ${r.academic_year} ${r.opportunity_type}`,
        'opportunity_type',
        'LA, academic year and type',
      ),
    );
    if (screened.issues.length > 0) return { records: [], issues: screened.issues };
    const totals = new Map<string, { la: string; year: string; line: number; total: number }>();
    for (const r of screened.records) {
      const key = `${r.la_code}|${r.academic_year}`;
      const t = totals.get(key) ?? { la: r.la_code, year: r.academic_year, line: r.line, total: 0 };
      t.total += r.taken_up;
      totals.set(key, t);
    }
    const records = [...totals.values()].map((t) =>
      laFigure({
        la: t.la,
        period: t.year,
        line: t.line,
        indicator: 'ldd-assisted-employment',
        value: t.total,
        publishedDecimals: 0,
        columns: { value: 'taken_up', numerator: null, denominator: null },
      }),
    );
    return { records, issues: [] };
  },
} as const;
