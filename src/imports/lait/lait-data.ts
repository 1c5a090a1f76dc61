import { z } from 'zod';
import { quoted, type FileIssue } from '../../domain/errors.ts';
import { parseDfeNumber } from '../../domain/indicators/dfe-number.ts';
import { publishedDecimals, type LaitArea, type LaitSummary, type LaitValueRecord } from '../../domain/indicators/lait.ts';
import type { CsvText } from '../csv-table.ts';
import { LaitColumns } from './lait-columns.ts';
import { hasColumns, optionalText, requiredText, screenRows } from '../row-schema.ts';

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
  /**
   * Screen the long table a chunk of rows at a time (issue 20.5: its 641,070 rows are never all held as objects): every
   * row's problems and every repeated measure, year and area, and what the writer needs before it writes a value (each
   * measure and area, at the line it is first named). The values are kept as columns (lait-columns.ts).
   */
  async screen(text: CsvText): Promise<{ issues: FileIssue[]; summary: LaitSummary; values: LaitColumns }> {
    const issues: FileIssue[] = [];
    const measures = new Map<string, number>();
    const areas = new Map<string, LaitArea>();
    const values = new LaitColumns();
    read: for await (const rows of text.rows(issues)) {
      const screened = screenRows({ file: text.file, hash: text.hash, encoding: text.encoding, header: text.header, rows }, row);
      issues.push(...screened.issues);
      // A header lacking a column the format reads is one issue, not one a chunk.
      if (screened.issues.some((i) => i.line === 1)) break;
      for (const r of screened.records) {
        if (!measures.has(r.shortDesc)) measures.set(r.shortDesc, r.line);
        if (!areas.has(r.laNumber)) areas.set(r.laNumber, { name: r.areaName, region: r.region, line: r.line });
        const full = values.add(r);
        if (full !== null) {
          issues.push({
            file: text.file,
            line: r.line,
            column: full,
            message: `more than 65,536 different values in this column: not a LAIT file as published`,
          });
          break read;
        }
      }
    }
    issues.push(...values.duplicates(text.file));
    return { issues, summary: { measures, areas }, values };
  },
} as const;
