import type { Located } from '../geography/register.ts';
import { academicYearCode, isTwoYearCode } from '../periods/period.ts';
import type { DataVersion, Indicator, PeriodType, Polarity, Unit } from './indicator.ts';

/**
 * DfE's Local Authority Interactive Tool (LAIT) as published: a data dictionary of measures and a long table
 * of values (`Short Desc, Data item, Years, LA and Regions, Values, LA Number, Region`). These rules read its
 * year labels, polarities and units into Waymark's model.
 */

/** Indicators LAIT defines that the catalogue does not hold are kept under `lait-<key>` codes. */
export function laitIndicatorCode(shortDesc: string): string {
  return `lait-${shortDesc
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/%/g, 'pct')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/**
 * Every indicator that measures a catalogue indicator for a breakdown: its own code, then the LAIT measure that
 * publishes that breakdown on its own (persistent absence, phase:primary is LAIT's SFPriPerAbNew, held as
 * lait-sfpriperabnew with breakdown all). A target reads them in this order, the first figure held winning.
 */
export function measuresOf(indicator: Pick<Indicator, 'code' | 'laitBreakdowns'>, breakdown: string): { code: string; breakdown: string }[] {
  const key = indicator.laitBreakdowns?.[breakdown];
  return [{ code: indicator.code, breakdown }, ...(key === undefined ? [] : [{ code: laitIndicatorCode(key), breakdown: 'all' }])];
}

export type LaitMeasureRecord = Located &
  Readonly<{
    shortDesc: string;
    title: string;
    topic: string;
    polarity: Polarity;
    decimalPlaces: number | null;
    yearType: string;
    periodType: PeriodType;
    unit: Unit;
    description: string;
    dataOwner: string | null;
  }>;

export type LaitValueRecord = Located &
  Readonly<{
    shortDesc: string;
    yearsLabel: string;
    laNumber: string;
    areaName: string;
    region: string | null;
    /** The value as published ("-" becomes null) and the decimals it was published with. */
    value: number | null;
    publishedDecimals: number | null;
  }>;

/** An area LAIT's long table names: its name and region as first written, and the line. */
export type LaitArea = Readonly<{ name: string; region: string | null; line: number }>;

/** What a LAIT long table names, read while it is screened: each measure and area at the line it is first named. */
export type LaitSummary = Readonly<{ measures: ReadonlyMap<string, number>; areas: ReadonlyMap<string, LaitArea> }>;

export function laitPolarity(label: string): Polarity {
  return label === 'High' ? 'higher_is_better' : label === 'Low' ? 'lower_is_better' : 'none';
}

/** The unit a LAIT measure's axis label implies ("% achieving expected level", "Rate per 10,000", "Average Score"). */
export function laitUnit(axisName: string, title: string): Unit {
  const text = `${axisName} ${title}`.toLowerCase();
  if (text.includes('%') || text.includes('percent') || text.includes('proportion')) return 'percent';
  if (text.includes('rate per')) return 'rate';
  if (text.includes('score') || text.includes('average')) return 'average_score';
  return 'count';
}

/** LAIT's Year_Type → period type. "Annual - January" figures are January census counts, so academic years. */
export function laitPeriodType(yearType: string): PeriodType | null {
  const t = yearType.trim().toLowerCase();
  if (t === 'academic year' || t === 'annual - january') return 'academic';
  if (t === 'financial year') return 'financial';
  if (t === 'calendar year' || t === 'annual' || t === 'annual (end of sept)') return 'calendar';
  return null;
}

export type LaitPeriod =
  Readonly<{ kind: 'period'; period: string; dataVersion: DataVersion; stageStated: boolean }> | Readonly<{ kind: 'skip'; reason: string }>;

/**
 * LAIT labels a year by its end: "2016" is the academic year 2015/16 (and the financial year 2015-16); also
 * "2023/24", "2024-25 (OT)", "2016 (Rev)", "2021 (Final)", "2025 (prov)". Multi-year bands ("2014-16",
 * "2021/22-23/24") are rolling averages, not one period.
 */
export function laitPeriod(label: string, periodType: PeriodType): LaitPeriod {
  const trimmed = label.trim();
  const stage = /\((rev|final|prov)\)\s*$/i.exec(trimmed)?.[1]?.toLowerCase();
  const dataVersion: DataVersion = stage === 'rev' ? 'revised' : stage === 'prov' ? 'provisional' : 'final';
  const years = trimmed.replace(/\s*\((rev|final|prov|ot)\)\s*$/i, '');
  let start: number | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(years))) start = Number(m[1]) - 1;
  else if ((m = /^(\d{4})[/-](\d{2})$/.exec(years)) && isTwoYearCode(`${m[1]}${m[2]}`)) start = Number(m[1]);
  if (/^\d{4}(\/\d{2})?-\d{2}(\/\d{2})?$/.test(years) && start === null) return { kind: 'skip', reason: 'values for a multi-year band (rolling averages)' };
  if (start === null || start < 1990) return { kind: 'skip', reason: `values with the year label "${label}", which is not a year` };
  const period = periodType === 'calendar' ? (/^\d{4}$/.test(years) ? years : null) : academicYearCode(start);
  if (period === null) return { kind: 'skip', reason: `values with the year label "${label}" for a calendar-year measure` };
  return { kind: 'period', period, dataVersion, stageStated: stage !== undefined };
}

/**
 * How many decimals a number was published with: "74.8" → 1. A binary float artefact ("4.5199999999999996",
 * written by the tool that made the file) is read as the shortest decimal that is the same number ("4.52" → 2).
 * More than 4 decimals gives null (the indicator's own decimal places apply).
 */
export function publishedDecimals(text: string): number | null {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) return null;
  const shortest = String(value);
  if (/e/i.test(shortest)) return null;
  const decimals = shortest.split('.')[1]?.length ?? 0;
  return decimals <= 4 ? decimals : null;
}
