import { quoted } from '../../domain/errors.ts';
import { z } from 'zod';
import type { GroupingRecord } from '../../domain/geography/register.ts';
import type { CsvTable } from '../csv-table.ts';
import { findDuplicates, hasColumns, normaliseHeader, optionalDate, requiredText, screenRows, urn, type Screened } from '../row-schema.ts';

/**
 * Waymark's grouping file, for LA-defined groupings (planning areas, collaborations, hubs):
 * `URN,Group code,Group name,Valid from,Valid to`, dates yyyy-mm-dd, blank = open-ended.
 */
export const groupingColumns = ['URN', 'Group code', 'Group name', 'Valid from', 'Valid to'] as const;

const row = z
  .object({
    urn,
    groupcode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'a group code is 1-40 letters, digits, dots, dashes or underscores'),
    groupname: requiredText('group name'),
    validfrom: optionalDate('yyyy-mm-dd'),
    validto: optionalDate('yyyy-mm-dd'),
  })
  .transform((r, ctx) => {
    if (r.validfrom !== null && r.validto !== null && r.validto < r.validfrom)
      ctx.addIssue({ code: 'custom', path: ['Valid to'], message: `membership ends (${r.validto}) before it starts (${r.validfrom})` });
    return { urn: r.urn, groupCode: r.groupcode, groupName: r.groupname, validFrom: r.validfrom, validTo: r.validto };
  });

export const groupingFile = {
  id: 'grouping-file',
  label: 'Waymark grouping file',
  encoding: 'utf-8',
  recognise: (header: readonly string[]) => hasColumns(header, groupingColumns),
  parse(table: CsvTable): Screened<GroupingRecord> {
    // Accept any spelling of the header ("Group code", "group_code"): rows are read by normalised names.
    const original = new Map(table.header.map((h) => [normaliseHeader(h), h]));
    const rows = table.rows.map((r) => ({
      line: r.line,
      cells: r.cells,
      values: Object.fromEntries(table.header.map((h) => [normaliseHeader(h), r.values[h] ?? ''])),
    }));
    const screened = screenRows({ ...table, rows }, row);
    for (const issue of screened.issues)
      if (issue.column !== null) Object.assign(issue, { column: original.get(normaliseHeader(issue.column)) ?? issue.column });
    const names = new Map<string, { name: string; line: number }>();
    for (const r of screened.records) {
      const seen = names.get(r.groupCode);
      if (seen === undefined) names.set(r.groupCode, { name: r.groupName, line: r.line });
      else if (seen.name !== r.groupName)
        screened.issues.push({
          file: table.file,
          line: r.line,
          column: original.get('groupname') ?? 'Group name',
          message: `group ${r.groupCode} is named ${quoted(r.groupName)} here but ${quoted(seen.name)} on line ${seen.line}`,
        });
    }
    screened.issues.push(
      ...findDuplicates(
        table.file,
        screened.records,
        (r) => `${r.groupCode}/${r.urn}/${r.validFrom ?? ''}`,
        original.get('urn') ?? 'URN',
        'membership (group/URN/valid from)',
      ),
    );
    return screened;
  },
} as const;
