/**
 * DfE rounds half up, away from zero (its R helper round_five_up), not to even. Binary float artefacts
 * (2.675 stored as 2.67499999…) are removed first by reading the value to 15 significant digits.
 */
export function roundHalfUp(value: number, decimalPlaces: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value}`);
  const factor = 10 ** decimalPlaces;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  const rounded = Math.floor(scaled + 0.5) / factor;
  return value < 0 ? -rounded : rounded;
}
