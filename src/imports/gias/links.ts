import { z } from 'zod';
import type { SuccessionRecord } from '../../domain/geography/register.ts';
import { readLink, twoWayAmalgamations } from '../../domain/geography/succession.ts';
import type { CsvTable } from '../csv-table.ts';
import { hasColumns, optionalDate, requiredText, screenRows, urn, type Screened } from '../row-schema.ts';

/** GIAS "all establishment links": URN, LinkURN, LinkName, LinkType, LinkEstablishedDate (dd-mm-yyyy). */
const row = z.object({ URN: urn, LinkURN: urn, LinkType: requiredText('link type'), LinkEstablishedDate: optionalDate('dd-mm-yyyy') });

/** `twoWayAmalgamations`: rows of "Result of Amalgamation" written on both schools' rows, not stored (no direction). */
export type LinksParse = Screened<SuccessionRecord> & { otherLinks: ReadonlyMap<string, number>; twoWayAmalgamations: number };

export const giasLinks = {
  id: 'gias-links',
  label: 'GIAS establishment links',
  encoding: 'utf-8-or-windows-1252',
  recognise: (header: readonly string[]) => hasColumns(header, ['URN', 'LinkURN', 'LinkType', 'LinkEstablishedDate']),
  parse(table: CsvTable): LinksParse {
    const screened = screenRows(table, row);
    const otherLinks = new Map<string, number>();
    const byPair = new Map<string, SuccessionRecord>();
    let unordered = 0;
    const twoWay = twoWayAmalgamations(screened.records.map((r) => ({ urn: r.URN, linkUrn: r.LinkURN, linkType: r.LinkType })));
    for (const r of screened.records) {
      const reading = readLink(r.URN, r.LinkURN, r.LinkType);
      if (reading.kind === 'other') {
        otherLinks.set(reading.linkType, (otherLinks.get(reading.linkType) ?? 0) + 1);
        continue;
      }
      if (twoWay.has(`${reading.predecessorUrn}>${reading.successorUrn}`)) {
        unordered++;
        continue;
      }
      // Each link appears from both ends: keep one pair, preferring the end that carries a date.
      const key = `${reading.predecessorUrn}>${reading.successorUrn}`;
      const existing = byPair.get(key);
      if (existing === undefined || (existing.linkedOn === null && r.LinkEstablishedDate !== null))
        byPair.set(key, {
          line: r.line,
          predecessorUrn: reading.predecessorUrn,
          successorUrn: reading.successorUrn,
          reason: reading.reason,
          linkType: r.LinkType,
          linkedOn: r.LinkEstablishedDate,
        });
    }
    return { records: [...byPair.values()], issues: screened.issues, otherLinks, twoWayAmalgamations: unordered };
  },
} as const;
