import { chooseFigure, type HeldFigure } from '../../domain/indicators/figure-precedence.ts';
import type { ObservationRow } from '../../store/observation-store.ts';

/**
 * A place's own figure where several are held for the same indicator, place, pupil group and year, by the documented
 * precedence (domain/indicators/figure-precedence.ts): rows in, the chosen ones out, in their order.
 */
export function ownFigures(rows: readonly ObservationRow[]): ObservationRow[] {
  const cells = new Map<string, ObservationRow[]>();
  for (const r of rows) {
    const key = `${r.indicatorCode}|${r.placeId}|${r.breakdown}|${r.period}`;
    const held = cells.get(key);
    if (held === undefined) cells.set(key, [r]);
    else held.push(r);
  }
  const chosen = new Set<ObservationRow>();
  for (const held of cells.values()) chosen.add(chooseFigure(held.map((r) => ({ ...heldOf(r), row: r })))!.shown.row);
  return rows.filter((r) => chosen.has(r));
}

/** A stored figure as the precedence rule weighs it. */
export function heldOf(r: ObservationRow): HeldFigure {
  return { basis: r.basis, dataVersion: r.dataVersion, source: r.source, decimalPlaces: r.decimalPlaces, value: r.value, batchId: r.provenance.batchId };
}
