import type { DfeSymbol } from './indicator.ts';

/**
 * Whether two rows that land on one figure (same indicator, place, period, breakdown and data version) state the same
 * fact. Published files repeat rows: DfE's 2013/14 KS4 school file as kept by the eduvis project lists 174 schools
 * twice, each repeat identical in every column. A repeat is one fact, kept once and counted on the batch; rows that
 * disagree in the value, its numerator or denominator, its symbol or the decimals it was written with make the figure
 * ambiguous, and refuse the file.
 */
export type Fact = Readonly<{
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: DfeSymbol | null;
  publishedDecimals: number | null;
}>;

export function isSameFact(a: Fact, b: Fact): boolean {
  return (
    a.value === b.value &&
    a.numerator === b.numerator &&
    a.denominator === b.denominator &&
    a.symbol === b.symbol &&
    a.publishedDecimals === b.publishedDecimals
  );
}
