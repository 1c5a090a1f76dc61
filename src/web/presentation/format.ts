import { roundHalfUp } from '../../domain/indicators/rounding.ts';

/**
 * A number as a page shows it, rounded once, here, half up as the DfE rounds (domain/indicators/rounding.ts), to a fixed
 * number of decimals: 2.675 → "2.68", -2.5 → "-3"; "–" where there is no number.
 */
export function fixed(value: number | null | undefined, decimalPlaces: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const rounded = roundHalfUp(value, decimalPlaces);
  return (rounded === 0 ? 0 : rounded).toFixed(decimalPlaces);
}
