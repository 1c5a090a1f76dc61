import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.ts';
import type { BuiltTable } from '../../domain/tables/built-table.ts';
import type { Services } from '../../services/create-services.ts';
import { archiveZip } from './open-data-zip.ts';
import { tableChoicesQuery } from './schemas.ts';

/**
 * The table builder's tables in the DfE's open-data layout (issue 19.3), for the builder's and a permalink's download
 * and the API's: every table of a build (`table=N` for the Nth alone), as the reader was shown them, written by the
 * domain (openDataArchive: data.csv and meta.csv, or a pair per kind of year and for schools with dataset_names.csv)
 * and zipped with a fixed date, so the same tables make the same bytes. A permalink's file is made from its kept tables.
 */

/** Which of the tables: `table=N` for the Nth (from 1), as the CSV and XLSX downloads number them; all of them without. */
export const tableNumber = z.object({ table: z.coerce.number().int().min(1).max(100).optional() });

/** The builder's choices with the table wanted: what the builder's and the API's open-data downloads read. */
export const tableOpenDataQuery = tableChoicesQuery.extend(tableNumber.shape);

/** The Nth table alone, or all of them; an error where there is no Nth. */
function chosen(tables: readonly BuiltTable[], n: number | undefined): readonly BuiltTable[] {
  if (n === undefined) return tables;
  const table = tables[n - 1];
  if (table === undefined) throw new NotFoundError(`There is no table ${n}: these choices make ${tables.length}.`);
  return [table];
}

/** The tables (or the Nth) as an open-data ZIP, named `{stem}[-{indicator}]-open-data.zip`. */
export async function tablesOpenDataZip(
  services: Services,
  tables: readonly BuiltTable[],
  n: number | undefined,
  stem: string,
): Promise<Readonly<{ name: string; body: Buffer }>> {
  const wanted = chosen(tables, n);
  const name = `${stem}${n === undefined ? '' : `-${wanted[0]!.indicator.code}`}-open-data.zip`.replace(/[^A-Za-z0-9._-]+/g, '-');
  return { name, body: await archiveZip(await services.tables.openData(wanted)) };
}
