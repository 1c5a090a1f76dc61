import { canonicalJson } from '../../../domain/audit/audit-chain.ts';
import type { AuditListing } from '../../../services/audit/audit-reader.ts';
import { csvField } from '../../../domain/csv-field.ts';

export const auditCsvHeader = [
  'id',
  'occurred_at',
  'actor',
  'action',
  'subject',
  'place_kind',
  'place_code',
  'request_id',
  'detail',
  'entry_hash',
  'previous_hash',
];

/** One entry as a CSV line: ids as the trail keeps them (never names), times in ISO 8601 UTC, the detail as JSON, every field made safe for a spreadsheet. */
export function auditCsvLine(e: AuditListing): string {
  return [
    String(e.id),
    e.at.toISOString(),
    e.actor,
    e.action,
    e.subject,
    e.placeKind ?? '',
    e.placeCode ?? '',
    e.requestId ?? '',
    canonicalJson(e.detail),
    e.hash,
    e.prevHash,
  ]
    .map(csvField)
    .join(',');
}

/** The whole CSV, header first, a line at a time as the entries are read. */
export async function* auditCsv(entries: AsyncIterable<AuditListing>): AsyncGenerator<string> {
  yield `${auditCsvHeader.join(',')}\r\n`;
  for await (const entry of entries) yield `${auditCsvLine(entry)}\r\n`;
}
