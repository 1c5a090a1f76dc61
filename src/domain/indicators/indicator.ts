/** Indicator definitions and observations as plain data (the full catalogue arrives with the indicator engine). */

export type Unit = 'percent' | 'count' | 'rate' | 'average_score' | 'points';
export type Polarity = 'higher_is_better' | 'lower_is_better' | 'none';
export type PeriodType = 'academic' | 'financial' | 'calendar';
export type DataVersion = 'provisional' | 'revised' | 'final';
/** DfE symbols: c suppressed, x not available, z not applicable, low a positive value that rounds to zero. */
export type DfeSymbol = 'c' | 'x' | 'z' | 'low';

export type Indicator = Readonly<{
  code: string;
  title: string;
  unit: Unit;
  decimalPlaces: number;
  polarity: Polarity;
  periodType: PeriodType;
  source: string;
  methodology: string;
}>;

export type Observation = Readonly<{
  indicatorCode: string;
  placeId: number;
  period: string;
  breakdown: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: DfeSymbol | null;
  dataVersion: DataVersion;
}>;

/** Pupils on roll by national curriculum year group, the first indicator Waymark holds (school census, January). */
export const pupilsOnRoll: Indicator = {
  code: 'pupils-on-roll',
  title: 'Pupils on roll',
  unit: 'count',
  decimalPlaces: 0,
  polarity: 'none',
  periodType: 'academic',
  source: 'School census (January), headcount',
  methodology:
    'Headcount of pupils on roll at the January census, by national curriculum year group (breakdown "year-group:R", "year-group:1" … "year-group:13"; "all" is their sum).',
};
