import type { Located } from '../geography/register.ts';
import type { PlaceKind } from '../geography/place.ts';
import { isTwoYearCode, periodOfYear } from '../periods/period.ts';
import type { DataVersion, DfeSymbol } from './indicator.ts';

/** Figures read from a published statistics file through a mapping: where, when, what, and the value as written. */

/** A place as a row names it; `laCode` is the LA a school row gives (used only for a school the register lacks). */
export type PlaceRef = Readonly<{
  kind: PlaceKind;
  code: string | null;
  name: string | null;
  regionCode: string | null;
  regionName: string | null;
  laCode: string | null;
}>;

export type PublishedValueRecord = Located &
  Readonly<{
    place: PlaceRef;
    period: string;
    dataVersion: DataVersion;
    indicator: string;
    breakdown: string;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    symbol: DfeSymbol | null;
    publishedDecimals: number | null;
    /** The file's columns the value, numerator and denominator were read from, for errors that name them. */
    columns: Readonly<{ value: string; numerator: string | null; denominator: string | null }>;
  }>;

/**
 * How files write their periods: `academic` 201516; `academic-slash` 2015/16; `academic-end` 2016 for 2015/16;
 * `calendar` 2016; `cohort-end` 2022 for the academic year ending in 2022 (e.g. NEET averaged Dec 2021-Feb 2022).
 */
export type PeriodFormat = 'academic' | 'academic-slash' | 'academic-end' | 'calendar';

export function readPeriod(text: string, format: PeriodFormat): string | null {
  const t = text.trim();
  let m: RegExpExecArray | null;
  switch (format) {
    case 'academic':
      return isTwoYearCode(t) ? t : null;
    case 'academic-slash':
      m = /^(\d{4})\/(\d{2})$/.exec(t);
      return m !== null && isTwoYearCode(`${m[1]}${m[2]}`) ? `${m[1]}${m[2]}` : null;
    case 'academic-end':
      m = /^(\d{4})$/.exec(t);
      return m === null ? null : periodOfYear(Number(m[1]), 'academic');
    case 'calendar':
      return /^\d{4}$/.test(t) ? t : null;
  }
}
