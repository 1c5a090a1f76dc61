import { z } from 'zod';
import type { SuccessionRecord } from '../../domain/geography/register.ts';
import { readLink, twoWayAmalgamations } from '../../domain/geography/succession.ts';
import type { CsvTable } from '../csv-table.ts';
import { readWhole, type ChunkReader } from '../chunk-reader.ts';
import { chunkScreen, hasColumns, optionalDate, requiredText, urn, type Screened } from '../row-schema.ts';

/** GIAS "all establishment links": URN, LinkURN, LinkName, LinkType, LinkEstablishedDate (dd-mm-yyyy). */
const row = z.object({ URN: urn, LinkURN: urn, LinkType: requiredText('link type'), LinkEstablishedDate: optionalDate('dd-mm-yyyy') });

/** `twoWayAmalgamations`: rows of "Result of Amalgamation" written on both schools' rows, not stored (no direction). */
export type LinksParse = Screened<SuccessionRecord> & { otherLinks: ReadonlyMap<string, number>; twoWayAmalgamations: number };

export const giasLinks = {
  id: 'gias-links',
  label: 'GIAS establishment links',
  encoding: 'utf-8-or-windows-1252',
  recognise: (header: readonly string[]) => hasColumns(header, ['URN', 'LinkURN', 'LinkType', 'LinkEstablishedDate']),
  parse: (table: CsvTable): LinksParse => readWhole(table, linksReader),
  reader: linksReader,
} as const;

/**
 * The file's rows a chunk at a time, each kept as its five fields; the links are read from them once every row is in,
 * since a "Result of Amalgamation" written on both schools' rows may be a file apart.
 */
function linksReader(): ChunkReader<LinksParse> {
  const rows = chunkScreen(row);
  const links: (z.output<typeof row> & { line: number })[] = [];
  return {
    read: (chunk) => {
      for (const r of rows.read(chunk)) links.push(r);
    },
    finish: () => {
      const otherLinks = new Map<string, number>();
      const byPair = new Map<string, SuccessionRecord>();
      let unordered = 0;
      const twoWay = twoWayAmalgamations(links.map((r) => ({ urn: r.URN, linkUrn: r.LinkURN, linkType: r.LinkType })));
      for (const r of links) {
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
      return { records: [...byPair.values()], issues: rows.issues(), otherLinks, twoWayAmalgamations: unordered };
    },
  };
}
