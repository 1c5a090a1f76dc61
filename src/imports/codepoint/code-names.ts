import { z } from 'zod';
import type { AreaNameRecord } from '../../domain/geography/register.ts';
import type { CsvTable } from '../csv-table.ts';
import { code, findDuplicates, hasColumns, requiredText, screenRows, type Screened } from '../row-schema.ts';

/** Names for the ONS codes in Code-Point Open (county, district, ward), from the product's code list. */
const row = z.object({
  level: code(['county', 'district', 'ward'], 'level'),
  gss_code: z
    .string()
    .trim()
    .regex(/^[EW]\d{8}$/, 'not an ONS code'),
  name: requiredText('name'),
});

export const codepointCodeNames = {
  id: 'codepoint-code-names',
  label: 'OS Code-Point Open code names',
  encoding: 'utf-8',
  recognise: (header: readonly string[]) => hasColumns(header, ['level', 'gss_code', 'name']),
  parse(table: CsvTable): Screened<AreaNameRecord> {
    const screened = screenRows(
      table,
      row.transform((r) => ({ level: r.level, code: r.gss_code, name: r.name })),
    );
    screened.issues.push(...findDuplicates(table.file, screened.records, (r) => r.code, 'gss_code', 'code'));
    return screened;
  },
} as const;
