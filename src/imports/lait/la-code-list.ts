import { quoted } from '../../domain/errors.ts';
import { z } from 'zod';
import { regionCodeForName } from '../../domain/geography/reference-places.ts';
import type { LaRecord } from '../../domain/geography/register.ts';
import type { CsvTable } from '../csv-table.ts';
import { findDuplicates, hasColumns, laCode, optionalText, requiredText, screenRows, type Screened } from '../row-schema.ts';

/** DfE's LA code list as LAIT ships it: `LA Number, LA Name, Region, Type`. Rows for England and the regions (codes 970-990 and 1000, region "NA") are skipped. */
export const laCodeList = {
  id: 'la-code-list',
  label: 'DfE LA code list (LAIT)',
  encoding: 'utf-8',
  recognise: (header: readonly string[]) => hasColumns(header, ['LA Number', 'LA Name', 'Region', 'Type']),
  parse(table: CsvTable): Screened<LaRecord> & { skipped: number } {
    const laRows = { ...table, rows: table.rows.filter((r) => /^\s*\d{3}\s*$/.test(r.values['LA Number'] ?? '') && (r.values.Region ?? '').trim() !== 'NA') };
    const schema = z
      .object({ 'LA Number': laCode, 'LA Name': requiredText('LA name'), Region: requiredText('region'), Type: optionalText })
      .transform((r, ctx) => {
        const regionCode = regionCodeForName(r.Region);
        if (regionCode === null) ctx.addIssue({ code: 'custom', path: ['Region'], message: `unknown region ${quoted(r.Region)}` });
        return { code: r['LA Number'], name: r['LA Name'], regionCode: regionCode ?? '', laType: r.Type };
      });
    const screened = screenRows(laRows, schema);
    screened.issues.push(...findDuplicates(table.file, screened.records, (r) => r.code, 'LA Number', 'LA code'));
    return { ...screened, skipped: table.rows.length - laRows.rows.length };
  },
} as const;
