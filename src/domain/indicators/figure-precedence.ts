import type { DataVersion } from './indicator.ts';

/**
 * Which of the figures held for one indicator, place, pupil group and year a page shows by default. Every figure is
 * kept with its source; the precedence, in order:
 * 1. a figure a file published before one computed here from pupil records (the publisher's figure is the official one);
 * 2. the final data version before a revised one, and a revised before a provisional one (domain.md §9.4);
 * 3. among published figures, the more precise publication (more decimals: LAIT's unrounded exclusion rate before the
 *    release table's two decimals), so that every figure worked from it is worked from the least rounded value;
 * 4. then the later import.
 * Roll-ups are never a place's own figure and are not weighed here.
 */
export type HeldFigure = Readonly<{
  basis: 'published' | 'computed' | 'roll-up';
  dataVersion: DataVersion;
  source: string;
  /** The decimals it was published with; null where it was published unrounded (more than 4 decimals) or unknown. */
  decimalPlaces: number | null;
  value: number | null;
  batchId: number;
}>;

/** How many decimals a figure carries: as published, or where that was not kept, as many as its value holds. */
function precisionOf(f: HeldFigure): number {
  if (f.decimalPlaces !== null) return f.decimalPlaces;
  if (f.value === null) return -1;
  return String(f.value).split('.')[1]?.length ?? 0;
}

const versionRank: Readonly<Record<DataVersion, number>> = { final: 0, revised: 1, provisional: 2 };

/** Negative when `a` is shown before `b`. */
export function compareHeldFigures(a: HeldFigure, b: HeldFigure): number {
  const basis = (f: HeldFigure) => (f.basis === 'published' ? 0 : 1);
  return basis(a) - basis(b) || versionRank[a.dataVersion] - versionRank[b.dataVersion] || precisionOf(b) - precisionOf(a) || b.batchId - a.batchId;
}

/** The figure shown by default, and the others held for the same cell (for a page to say that another exists). */
export function chooseFigure<T extends HeldFigure>(figures: readonly T[]): Readonly<{ shown: T; others: readonly T[] }> | null {
  if (figures.length === 0) return null;
  const [shown, ...others] = [...figures].sort(compareHeldFigures);
  return { shown: shown!, others };
}
