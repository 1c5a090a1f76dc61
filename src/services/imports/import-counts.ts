/** What writing one file did, as its import batch records it. */
export type Counts = { inserted: number; updated: number; closed: number; unchanged: number; skipped: number; notes: string[] };

export const zeroCounts = (): Counts => ({ inserted: 0, updated: 0, closed: 0, unchanged: 0, skipped: 0, notes: [] });
