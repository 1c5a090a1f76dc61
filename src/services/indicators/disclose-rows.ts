import { disclose, policyAt, type DisclosurePolicy, type Suppression } from '../../domain/indicators/disclosure.ts';
import type { ShownGroupFigure } from '../../domain/framework/year-figures.ts';
import type { DfeSymbol, Indicator } from '../../domain/indicators/indicator.ts';
import type { ObservationRow, PublicSuppression } from '../../store/observation-store.ts';

/** A stored figure as an audience may see it, at the decimals it was published with (else the indicator's). */
export type ShownFigure = Readonly<{
  value: number | null;
  symbol: DfeSymbol | null;
  numerator: number | null;
  denominator: number | null;
  decimalPlaces: number;
  suppression: Suppression;
}>;

type DisclosableRow = Pick<ObservationRow, 'placeId' | 'indicatorCode' | 'decimalPlaces' | 'value' | 'numerator' | 'denominator' | 'symbol'> &
  Readonly<{ publicSuppression?: PublicSuppression }>;

/**
 * Every read of observations for a face goes through here: the disclosure step over the rows, in their order. For the
 * public, a figure computed from pupil records is hidden where its table family's suppression was decided at compute
 * (primary and secondary, across every place and pupil group) or is not decided yet; other figures get primary
 * suppression and rounding row by row. Signed-in staff see true values at the places their roles reach (`policyAt`).
 */
export function discloseRows(rows: readonly DisclosableRow[], indicatorOf: (code: string) => Indicator, policy: DisclosurePolicy): ShownFigure[] {
  const cells = rows.map((r, index) => {
    const indicator = indicatorOf(r.indicatorCode);
    return {
      id: String(index),
      unit: indicator.unit,
      decimalPlaces: r.decimalPlaces ?? indicator.decimalPlaces,
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      symbol: r.symbol,
    };
  });
  const policies = rows.map((r) => policyAt(policy, r.placeId));
  // Row by row (no additivity groups here), so each row may be disclosed under its own place's policy.
  const shown = new Map(
    [...new Set(policies)].flatMap((p) => [
      ...disclose(
        cells.filter((_, i) => policies[i] === p),
        [],
        p,
      ),
    ]),
  );
  return cells.map((cell, index) => {
    const decided = rows[index]!.publicSuppression ?? null;
    if (policies[index]!.audience === 'public' && decided !== null)
      return {
        value: null,
        symbol: 'c',
        numerator: null,
        denominator: null,
        decimalPlaces: cell.decimalPlaces,
        suppression: decided === 'pending' ? 'primary' : decided,
      };
    const d = shown.get(cell.id)!;
    return {
      value: d.value,
      symbol: d.symbol,
      numerator: d.numerator,
      denominator: d.denominator,
      decimalPlaces: cell.decimalPlaces,
      suppression: d.suppression,
    };
  });
}

/**
 * A place's figure for a pupil group among disclosed rows, with its unrounded value where it is shown at all (what a
 * gap is worked from: domain/framework/year-figures.ts); `x` where no row is held.
 */
export function groupFigureOf(
  rows: readonly Pick<ObservationRow, 'placeId' | 'breakdown' | 'value'>[],
  shown: readonly ShownFigure[],
  placeId: number,
): (breakdown: string) => ShownGroupFigure {
  return (breakdown) => {
    const i = rows.findIndex((r) => r.placeId === placeId && r.breakdown === breakdown);
    if (i < 0) return { value: null, symbol: 'x', unrounded: null };
    return { value: shown[i]!.value, symbol: shown[i]!.symbol, unrounded: shown[i]!.value === null ? null : rows[i]!.value };
  };
}

/** Each row of one indicator as the audience may see it (value or symbol, at its decimals), keyed by the row. */
export function shownByRow<R extends DisclosableRow>(
  rows: readonly R[],
  indicator: Indicator,
  policy: DisclosurePolicy,
): Map<R, Pick<ShownFigure, 'value' | 'symbol' | 'decimalPlaces'>> {
  const shown = discloseRows(rows, () => indicator, policy);
  return new Map(rows.map((r, i) => [r, { value: shown[i]!.value, symbol: shown[i]!.symbol, decimalPlaces: shown[i]!.decimalPlaces }]));
}
