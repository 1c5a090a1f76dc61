import { publicSuppressionOf, type PlaceSum } from '../../domain/indicators/additivity.ts';
import type { Unit } from '../../domain/indicators/indicator.ts';
import type { Store } from '../../store/store.ts';

/** A figure made from case records, at a place named both by id and by key ('la:886', 'district:E07000113', 'school:URN'). */
export type CaseworkFigure = Readonly<{
  indicatorCode: string;
  period: string;
  breakdown: string;
  placeId: number;
  placeKey: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** The rule in words, as every computed figure keeps it (e.g. 'placed within 30 days of becoming known, of …'). */
  rule: string;
  detail?: Readonly<Record<string, unknown>>;
}>;

export type CaseworkFigures = Readonly<{
  /** Every indicator the team's records feed: their computed figures are replaced by `figures`. */
  indicatorCodes: readonly string[];
  figures: readonly CaseworkFigure[];
  /** The places that add up (an LA = its districts, a district = its schools), keyed as the figures are. */
  placeSums: readonly PlaceSum[];
  /** The pupil-group dimensions whose groups add up to 'all' (domain/pupils/breakdowns.ts), as the figures use them. */
  dimensions: Readonly<Record<string, readonly string[]>>;
  unitOf: (indicatorCode: string) => Unit;
  batchId: number;
  /** Only these periods' figures are replaced (others are kept), else every period's. */
  periods?: readonly string[];
}>;

/**
 * Write a team's figures as computed figures with their rule, each with its public suppression decided over its table
 * family (indicator × period: every place and pupil group), primary and secondary, as the pupil compute decides it: a
 * public reader cannot subtract a district's hidden count from the county's.
 */
export async function replaceCaseworkFigures(tx: Store, input: CaseworkFigures): Promise<number> {
  const suppression = publicSuppressionOf(
    input.figures.map((f) => ({
      family: `${f.indicatorCode}|${f.period}`,
      place: f.placeKey,
      breakdown: f.breakdown,
      unit: input.unitOf(f.indicatorCode),
      value: f.value,
      numerator: f.numerator,
      denominator: f.denominator,
    })),
    input.placeSums,
    input.dimensions,
  );
  return tx.observations.replaceDerived(
    input.indicatorCodes,
    input.figures.map((f, index) => ({
      indicatorCode: f.indicatorCode,
      placeId: f.placeId,
      period: f.period,
      breakdown: f.breakdown,
      value: f.value,
      numerator: f.numerator,
      denominator: f.denominator,
      symbol: null,
      rule: f.rule,
      detail: f.detail ?? {},
      publicSuppression: suppression[index]!,
    })),
    input.batchId,
    input.periods,
  );
}
