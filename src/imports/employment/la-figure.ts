import type { PublishedValueRecord } from '../../domain/indicators/published-values.ts';

/**
 * One LA's figure for a period, read from a return or survey the LA keeps itself (its apprentices return, its school
 * survey, its supported employment return), as the published-file writer takes it: final, for all pupils, no symbol.
 */
export function laFigure(
  f: Readonly<{
    la: string;
    period: string;
    line: number;
    indicator: string;
    value: number;
    numerator?: number;
    denominator?: number;
    publishedDecimals: number | null;
    columns: PublishedValueRecord['columns'];
  }>,
): PublishedValueRecord {
  return {
    line: f.line,
    place: { kind: 'la', code: f.la, name: null, regionCode: null, regionName: null, laCode: f.la },
    period: f.period,
    dataVersion: 'final',
    indicator: f.indicator,
    breakdown: 'all',
    value: f.value,
    numerator: f.numerator ?? null,
    denominator: f.denominator ?? null,
    symbol: null,
    publishedDecimals: f.publishedDecimals,
    columns: f.columns,
  };
}
