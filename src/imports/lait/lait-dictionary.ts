import { quoted } from '../../domain/errors.ts';
import { z } from 'zod';
import { laitPeriodType, laitPolarity, laitUnit, type LaitMeasureRecord } from '../../domain/indicators/lait.ts';
import type { CsvTable } from '../csv-table.ts';
import { hasColumns, optionalText, requiredText, screenRows, type Screened } from '../row-schema.ts';

/** LAIT's data dictionary (lait_data_dictionary.csv): one row per measure with its polarity, decimals and year type. */
const row = z
  .object({
    Measure_short: requiredText('measure key'),
    Measure: requiredText('measure name'),
    Topic: z.string().trim(),
    Polarity: z.enum(['High', 'Low', '-', 'NA'], { message: 'unknown polarity (expected High, Low, - or NA)' }),
    y_axis_name: z.string().trim(),
    Description: z.string().trim(),
    'Data Owner (DO) /Supplier and Contact Details': optionalText,
    dps: z
      .string()
      .trim()
      .regex(/^(NA|[0-4])$/, 'decimal places must be 0 to 4 or NA'),
    Year_Type: z.string().trim(),
  })
  .transform((r, ctx): Omit<LaitMeasureRecord, 'line'> => {
    const periodType = laitPeriodType(r.Year_Type);
    if (periodType === null) ctx.addIssue({ code: 'custom', path: ['Year_Type'], message: `unknown code: year type ${quoted(r.Year_Type)}` });
    return {
      shortDesc: r.Measure_short,
      title: r.Measure,
      topic: r.Topic,
      polarity: laitPolarity(r.Polarity),
      decimalPlaces: r.dps === 'NA' ? null : Number(r.dps),
      yearType: r.Year_Type,
      periodType: periodType ?? 'academic',
      unit: laitUnit(r.y_axis_name, r.Measure),
      description: r.Description,
      dataOwner: r['Data Owner (DO) /Supplier and Contact Details'],
    };
  });

export const laitDictionary = {
  id: 'lait-dictionary',
  label: 'DfE LAIT data dictionary',
  encoding: 'utf-8',
  recognise: (header: readonly string[]) => hasColumns(header, ['Measure_short', 'Polarity', 'dps', 'Year_Type']),
  /**
   * The published dictionary repeats some measures (14 in the 2026 file, e.g. SusEd_All), sometimes with reworded
   * names or with decimals given in one and "NA" in the other. A repeat that agrees on polarity and year type, and on
   * decimals where both state them, is merged into the first (keeping any stated decimals) and counted; one that
   * disagrees is an error.
   */
  parse(table: CsvTable): Screened<LaitMeasureRecord> & { repeats: number } {
    const screened = screenRows(table, row);
    const first = new Map<string, LaitMeasureRecord>();
    const kept: LaitMeasureRecord[] = [];
    const agree = (a: LaitMeasureRecord, b: LaitMeasureRecord) =>
      a.polarity === b.polarity && a.yearType === b.yearType && (a.decimalPlaces === null || b.decimalPlaces === null || a.decimalPlaces === b.decimalPlaces);
    for (const r of screened.records) {
      const seen = first.get(r.shortDesc);
      if (seen === undefined) {
        first.set(r.shortDesc, r);
        kept.push(r);
      } else if (agree(seen, r)) {
        if (seen.decimalPlaces === null && r.decimalPlaces !== null) {
          const merged = { ...seen, decimalPlaces: r.decimalPlaces };
          kept[kept.indexOf(seen)] = merged;
          first.set(r.shortDesc, merged);
        }
      } else {
        screened.issues.push({
          file: table.file,
          line: r.line,
          column: 'Measure_short',
          message: `measure ${r.shortDesc} is defined again with a different polarity, decimals or year type (first on line ${seen.line})`,
        });
      }
    }
    return { records: kept, issues: screened.issues, repeats: screened.records.length - kept.length };
  },
} as const;
