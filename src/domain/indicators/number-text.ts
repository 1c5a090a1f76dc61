import { roundHalfUp } from './rounding.ts';

/**
 * A number written for a reader (issue 19.6, "one minus sign"): a negative with the true minus sign, U+2212 (Unicode's
 * MINUS SIGN), never the hyphen-minus a keyboard types; never "−0" or "−0.0".
 * With `decimalPlaces`, rounded once, half up as the DfE rounds (rounding.ts), to exactly that many decimals:
 * -2.5 → "−3", 2.675 → "2.68"; without, the number as held, to as many decimals as it has: -6.1 → "−6.1".
 *
 * The one rule for the sentences and figures pages and reports show: the target reasons (framework/evaluate.ts), the annual report's sentences (reports/sentences.ts), the floor standard's conditions
 * (schools/floor-standards.ts) and the pages' figures (web/presentation/format.ts). Machine-readable files keep the
 * hyphen-minus a program parses (indicators/open-data.ts, the API's numbers, CSV cells).
 */
export function numberText(value: number, decimalPlaces?: number): string {
  const rounded = decimalPlaces === undefined ? value : roundHalfUp(value, decimalPlaces);
  // -0, and a negative that rounds to nothing (-0.04 at one decimal), is written without a sign.
  const shown = rounded === 0 ? 0 : rounded;
  return (decimalPlaces === undefined ? String(shown) : shown.toFixed(decimalPlaces)).replace(/^-/, '\u2212');
}
