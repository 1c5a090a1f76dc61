import { z } from 'zod';
import type { PublishedValueRecord } from '../../domain/indicators/published-values.ts';
import type { CsvTable } from '../csv-table.ts';
import { code, findDuplicates, hasColumns, laCode, optionalText, screenRows, urn, type Screened, academicYearSlash } from '../row-schema.ts';
import { laFigure } from './la-figure.ts';

/**
 * The LA's survey of schools' apprenticeships (target 37): one row per school and academic year, saying whether an
 * apprenticeship the school provided was taken up by a young person in that year.
 *
 *   academic_year            the year as 2015/16
 *   la_code                  the 3-digit DfE code of the LA that ran the survey
 *   urn                      the school's URN
 *   school_name              optional, for the reader
 *   apprenticeship_taken_up  Y (at least one apprenticeship the school provided was taken up) or N
 *
 * Read as schools-offering-apprenticeship for the LA and year: the schools answering Y as a percentage of the schools
 * in the survey that year (numerator and denominator kept). A school not in the survey is in neither.
 */
export const schoolApprenticeshipSurveyHeader = ['academic_year', 'la_code', 'urn', 'school_name', 'apprenticeship_taken_up'] as const;

const row = z.object({
  academic_year: academicYearSlash,
  la_code: laCode,
  urn,
  school_name: optionalText.optional(),
  apprenticeship_taken_up: code(['Y', 'N'], 'answer'),
});

export const schoolApprenticeshipSurvey = {
  id: 'school-apprenticeship-survey',
  label: 'LA survey of apprenticeships schools provided that were taken up',
  encoding: 'utf-8',
  recognise: (header: readonly string[]) => hasColumns(header, ['academic_year', 'la_code', 'urn', 'apprenticeship_taken_up']),
  parse(table: CsvTable): Screened<PublishedValueRecord> {
    const screened = screenRows(table, row);
    screened.issues.push(...findDuplicates(table.file, screened.records, (r) => `${r.academic_year} ${r.urn}`, 'urn', 'school and academic year'));
    if (screened.issues.length > 0) return { records: [], issues: screened.issues };
    const groups = new Map<string, { la: string; year: string; line: number; yes: number; schools: number }>();
    for (const r of screened.records) {
      const key = `${r.la_code}|${r.academic_year}`;
      const g = groups.get(key) ?? { la: r.la_code, year: r.academic_year, line: r.line, yes: 0, schools: 0 };
      g.schools++;
      if (r.apprenticeship_taken_up === 'Y') g.yes++;
      groups.set(key, g);
    }
    const records = [...groups.values()].map((g) =>
      laFigure({
        la: g.la,
        period: g.year,
        line: g.line,
        indicator: 'schools-offering-apprenticeship',
        value: (100 * g.yes) / g.schools,
        numerator: g.yes,
        denominator: g.schools,
        publishedDecimals: null,
        columns: { value: 'apprenticeship_taken_up', numerator: 'apprenticeship_taken_up', denominator: 'urn' },
      }),
    );
    return { records, issues: [] };
  },
} as const;
