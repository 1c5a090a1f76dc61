import { roundHalfUp } from '../domain/indicators/rounding.ts';
import { comparators } from './calibration.ts';
import { seededRandom } from './generate-county.ts';

/** A comparator figure for the demo: England, the South East or one of Kent's 2012 neighbours (place by code). */
export type ComparatorFigure = Readonly<{
  indicator: string;
  breakdown: string;
  period: string;
  placeKind: 'country' | 'region' | 'la';
  placeCode: string;
  value: number;
  decimalPlaces: number;
}>;

/**
 * England, the South East and the ten neighbours for every series in calibration.ts. England's figure is as given;
 * the region sits at its offset; each neighbour keeps its offset from England in the series' reference year (2011/12,
 * or the series' first year) with a little year-to-year movement. Deterministic for a seed.
 */
export function comparatorFigures(seed: number): ComparatorFigure[] {
  const random = seededRandom(seed * 31 + 7);
  const figures: ComparatorFigure[] = [];
  for (const series of comparators) {
    const periods = Object.keys(series.england).sort();
    const reference = series.england['201112'] !== undefined ? '201112' : periods[0]!;
    const step = 10 ** -series.decimalPlaces;
    for (const period of periods) {
      const england = series.england[period]!;
      const base = { indicator: series.indicator, breakdown: series.breakdown, period, decimalPlaces: series.decimalPlaces };
      figures.push({ ...base, placeKind: 'country', placeCode: 'E92000001', value: england });
      if (series.southEast !== null && (series.breakdown === 'all' || series.southEast !== 0))
        figures.push({ ...base, placeKind: 'region', placeCode: 'E12000008', value: roundHalfUp(england + series.southEast, series.decimalPlaces) });
      for (const [code, value2012] of Object.entries(series.neighbours2012)) {
        const wobble = period === reference ? 0 : Math.round((random() - 0.5) * 4) * step * (series.decimalPlaces === 0 ? 1 : 5);
        const raw = england + (value2012 - series.england[reference]!) + wobble;
        // Only a progress score can be negative.
        const value = roundHalfUp(series.indicator === 'ks4-progress8' ? raw : Math.max(0, raw), series.decimalPlaces);
        figures.push({ ...base, placeKind: 'la', placeCode: code, value });
      }
    }
  }
  return figures;
}
