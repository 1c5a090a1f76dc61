import { z } from 'zod';
import { quoted } from '../../domain/errors.ts';
import type { BirthRecord } from '../../domain/indicators/births.ts';
import type { CsvTable } from '../csv-table.ts';
import { code, findDuplicates, hasColumns, screenRows, type Screened } from '../row-schema.ts';

/**
 * ONS mid-year-estimate births by district and unitary authority and sex of child, as MastodonC's
 * historic_births.csv lays them out (shared/data/public/ons-births-la/): `GSS.Code, Sex, Age, Year, Births`, one row
 * per area, sex and year to 30 June. `Age` is always 0 (a modelling convention of the source). No symbols, no blanks.
 */
const row = z.object({
  'GSS.Code': z
    .string()
    .trim()
    .regex(/^E0[6-9]\d{6}$/, 'not an ONS district or unitary authority code (E06, E07, E08 or E09 and 6 digits)'),
  Sex: code(['F', 'M'], 'sex'),
  Age: code(['0'], 'age (births are age 0)'),
  Year: z
    .string()
    .trim()
    .regex(/^(19|20)\d{2}$/, 'not a year (the year to 30 June, e.g. 2014)'),
  Births: z.string().transform((raw, ctx): number => {
    const value = raw.trim();
    if (!/^\d{1,7}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: `${quoted(value)} is not a number of births (a whole number, no symbols or blanks in this file)` });
      return z.NEVER;
    }
    return Number(value);
  }),
});

export const onsBirths = {
  id: 'ons-births',
  label: 'ONS mid-year-estimate births by district',
  encoding: 'utf-8',
  recognise: (header: readonly string[]) => hasColumns(header, ['GSS.Code', 'Sex', 'Age', 'Year', 'Births']),
  parse(table: CsvTable): Screened<BirthRecord> {
    const screened = screenRows(
      table,
      row.transform((r) => ({ areaCode: r['GSS.Code'], sex: r.Sex === 'F' ? ('female' as const) : ('male' as const), year: r.Year, births: r.Births })),
    );
    screened.issues.push(...findDuplicates(table.file, screened.records, (r) => `${r.areaCode} ${r.sex} ${r.year}`, 'GSS.Code', 'area, sex and year'));
    return screened;
  },
} as const;
