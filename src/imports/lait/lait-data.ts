import { z } from 'zod';
import { quoted } from '../../domain/errors.ts';
import { parseDfeNumber } from '../../domain/indicators/dfe-number.ts';
import { publishedDecimals, type LaitValueRecord } from '../../domain/indicators/lait.ts';
import type { CsvTable } from '../csv-table.ts';
import { findDuplicates, hasColumns, optionalText, requiredText, screenRows, type Screened } from '../row-schema.ts';

/**
 * LAIT's long table (bds_long_*.csv, or .csv.gz): one value per measure, year and area. "-" is DfE's mark for a value
 * that is not available, suppressed or not applicable (the file does not say which).
 */
const row = z
  .object({
    'Short Desc': requiredText('measure key'),
    Years: requiredText('year label'),
    'LA and Regions': requiredText('area name'),
    Values: z.string().trim(),
    'LA Number': z
      .string()
      .trim()
      .regex(/^\d{3,4}$/, 'not an LA number'),
    Region: optionalText,
  })
  .transform((r, ctx): Omit<LaitValueRecord, 'line'> => {
    let value: number | null = null;
    let decimals: number | null = null;
    if (r.Values !== '-') {
      const read = parseDfeNumber(r.Values);
      if (read.ok) [value, decimals] = [read.value, publishedDecimals(read.text)];
      else ctx.addIssue({ code: 'custom', path: ['Values'], message: `${quoted(r.Values)} is neither a number nor "-": ${read.reason}` });
    }
    return {
      shortDesc: r['Short Desc'],
      yearsLabel: r.Years,
      laNumber: r['LA Number'],
      areaName: r['LA and Regions'],
      region: r.Region === 'NA' ? null : r.Region,
      value,
      publishedDecimals: decimals,
    };
  });

export const laitData = {
  id: 'lait-data',
  label: 'DfE LAIT values (long format)',
  encoding: 'utf-8',
  recognise: (header: readonly string[]) => hasColumns(header, ['Short Desc', 'Years', 'LA and Regions', 'Values', 'LA Number']),
  parse(table: CsvTable): Screened<LaitValueRecord> {
    const screened = screenRows(table, row);
    screened.issues.push(
      ...findDuplicates(table.file, screened.records, (r) => `${r.shortDesc} ${r.yearsLabel} ${r.laNumber}`, 'Years', 'value for measure, year and area'),
    );
    return screened;
  },
} as const;
