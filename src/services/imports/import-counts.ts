/** What writing one file did, as its import batch records it. */
export type Counts = { inserted: number; updated: number; closed: number; unchanged: number; skipped: number; notes: string[] };

export const zeroCounts = (): Counts => ({ inserted: 0, updated: 0, closed: 0, unchanged: 0, skipped: 0, notes: [] });

/** What an import did with one file, as the CLI and the batch table report it. */
export type FileReport = Readonly<{
  file: string;
  format: string;
  batchId: number;
  rows: number;
  inserted: number;
  updated: number;
  closed: number;
  unchanged: number;
  skipped: number;
  notes: readonly string[];
  /** Held unchanged by its batch (held-files.ts): not read again, nothing written. */
  unread?: boolean;
}>;

/** What writing one more chunk of a file did, added to what the chunks before it did. */
export const addCounts = (counts: Counts, chunk: Readonly<{ inserted: number; updated: number; unchanged: number; closed?: number }>): Counts => ({
  ...counts,
  inserted: counts.inserted + chunk.inserted,
  updated: counts.updated + chunk.updated,
  unchanged: counts.unchanged + chunk.unchanged,
  closed: counts.closed + (chunk.closed ?? 0),
});
