import { quoted } from '../../domain/errors.ts';
import { z } from 'zod';
import type { GroupKind, GroupMembershipRecord } from '../../domain/geography/register.ts';
import type { CsvTable } from '../csv-table.ts';
import { readWhole, type ChunkReader } from '../chunk-reader.ts';
import { chunkScreen, hasColumns, optionalDate, optionalText, requiredText, urn, type Screened } from '../row-schema.ts';

/**
 * GIAS "all group links": a school's membership of trusts, federations and sponsors with the date it joined.
 * Dates are yyyy-mm-dd with 1900-01-01 for unknown. A leading unnamed column (a saved pandas index) is ignored.
 */
const groupKinds: Readonly<Record<string, GroupKind>> = {
  'Multi-academy trust': 'trust',
  'Single-academy trust': 'trust',
  Trust: 'trust',
  'Umbrella trust': 'trust',
  Federation: 'federation',
  'School sponsor': 'sponsor',
};
const notSchoolGroups = ["Children's Centres Group", "Children's Centres Collaboration"];

const unknownDate = ['1900-01-01'];
const row = z.object({
  URN: urn,
  'Group UID': z.string().trim().regex(/^\d+$/, 'not a group UID'),
  'Group Name': requiredText('group name'),
  'Companies House Number': optionalText,
  'Group Type': requiredText('group type'),
  'Group Status': z.string().trim(),
  'Open date': optionalDate('yyyy-mm-dd', unknownDate),
  'Closed Date': optionalDate('yyyy-mm-dd', unknownDate),
  'Joined date': optionalDate('yyyy-mm-dd', unknownDate),
});

export type GroupLinksParse = Screened<GroupMembershipRecord> & { skippedTypes: ReadonlyMap<string, number> };

export const giasGroupLinks = {
  id: 'gias-group-links',
  label: 'GIAS group links (trusts, federations, sponsors)',
  encoding: 'utf-8-or-windows-1252',
  recognise: (header: readonly string[]) => hasColumns(header, ['URN', 'Group UID', 'Group Name', 'Group Type', 'Joined date']),
  parse: (table: CsvTable): GroupLinksParse => readWhole(table, groupLinksReader),
  reader: groupLinksReader,
} as const;

/** The file's rows a chunk at a time: each school's membership of a school group; other groups' rows counted. */
function groupLinksReader(): ChunkReader<GroupLinksParse> {
  const skippedTypes = new Map<string, number>();
  const rows = chunkScreen(
    row.transform((r, ctx): Omit<GroupMembershipRecord, 'line'> => {
      const kind = groupKinds[r['Group Type']];
      if (kind === undefined) ctx.addIssue({ code: 'custom', path: ['Group Type'], message: `unknown group type ${quoted(r['Group Type'])}` });
      return {
        urn: r.URN,
        joinedOn: r['Joined date'],
        group: {
          kind: kind ?? 'trust',
          code: r['Group UID'],
          name: r['Group Name'],
          groupType: r['Group Type'],
          companiesHouseNumber: r['Companies House Number'],
          status: r['Group Status'].toLowerCase() === 'closed' ? 'closed' : 'open',
          openedOn: r['Open date'],
          closedOn: r['Closed Date'],
        },
      };
    }),
  );
  const records: GroupMembershipRecord[] = [];
  return {
    read(chunk) {
      const wanted = chunk.rows.filter((r) => {
        const type = (r.values['Group Type'] ?? '').trim();
        if (notSchoolGroups.includes(type)) {
          skippedTypes.set(type, (skippedTypes.get(type) ?? 0) + 1);
          return false;
        }
        return true;
      });
      for (const r of rows.read({ ...chunk, rows: wanted })) records.push(r);
    },
    finish: () => ({ records, issues: rows.issues(), skippedTypes }),
  };
}
