import type { ObservationRow } from '../store/observation-store.ts';

/**
 * A place's own figure where several are held for the same indicator, place, pupil group and year: the one a file published
 * before the one computed here, and the final version before a revised or provisional one.
 */
export function ownFigures(rows: readonly ObservationRow[]): ObservationRow[] {
  const rank = (r: ObservationRow) => (r.basis === 'published' ? 0 : 3) + (r.dataVersion === 'final' ? 0 : r.dataVersion === 'revised' ? 1 : 2);
  const best = new Map<string, ObservationRow>();
  for (const r of rows) {
    const key = `${r.indicatorCode}|${r.placeId}|${r.breakdown}|${r.period}`;
    const held = best.get(key);
    if (held === undefined || rank(r) < rank(held)) best.set(key, r);
  }
  return rows.filter((r) => best.get(`${r.indicatorCode}|${r.placeId}|${r.breakdown}|${r.period}`) === r);
}
