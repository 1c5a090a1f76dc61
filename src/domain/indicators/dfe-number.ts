import type { Unit } from './indicator.ts';

/**
 * Numbers in the forms the DfE's files write them, and nothing else: digits with an optional leading minus and a
 * decimal point ("74.8", "-0.12"); thousands grouped by commas in threes ("12,345", as in the school places
 * scorecards); exponent notation as LAIT's long table writes small values ("4.7980000000000002E-2",
 * lait/bds_long_all_las.csv.gz); and, where a file marks percentages so (the 2016-2019 performance tables:
 * "57%", perf-tables-2016-2019/ks2_school_2018.csv), a trailing "%". JavaScript's Number() reads far more
 * ("0x3C" → 60, "0b1111" → 15, "Infinity", " 1 ") and "12,5%" with its comma dropped would read as 125: refused.
 */
export type DfeNumber = Readonly<{ ok: true; value: number; text: string }> | Readonly<{ ok: false; reason: string }>;

const plain = /^-?\d+(\.\d+)?([eE][-+]?\d{1,3})?$/;
const grouped = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** `text` is the number without its grouping commas or % sign, as publishedDecimals() reads it. */
export function parseDfeNumber(raw: string, options: Readonly<{ percentSign?: boolean }> = {}): DfeNumber {
  let text = raw.trim();
  if (options.percentSign === true && text.endsWith('%')) text = text.slice(0, -1);
  if (grouped.test(text)) text = text.replace(/,/g, '');
  else if (!plain.test(text)) {
    const reason = /^-?\d+,\d{1,2}%?$/.test(text)
      ? 'a decimal comma, or commas not grouping thousands in threes: the DfE writes 12.5'
      : 'not a number as the DfE writes one (digits, a decimal point, thousands grouped by commas)';
    return { ok: false, reason };
  }
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, reason: 'a number too large to hold' };
  return { ok: true, value, text };
}

/** The most a rate can be: "rate per 10,000" in an indicator's title or method gives 10,000; null if it names no base. */
export function rateBase(definition: string): number | null {
  const m = /per\s+(\d{1,3}(?:,\d{3})*|\d+)\b/i.exec(definition);
  return m === null ? null : Number(m[1]!.replace(/,/g, ''));
}

/**
 * Why a value cannot be a figure in its unit, or null if it can: a percentage lies from 0 to 100, a rate from 0 to its
 * base (per 1,000 or per 10,000, read from the definition), a count is not negative. A percentage whose definition
 * calls it a rate counts events per 100 pupils and may pass 100: the DfE publishes suspension rates of 100 and more
 * for special schools (exclusions-la/clean_la_data.csv, fixed_excl_rate). A percentage whose definition calls it signed
 * is a difference and may be negative: the DfE's forecast accuracy, (forecast − actual) ÷ actual (school places
 * scorecards, For_1_P: Dudley primary 2023/24 −2.47%). Scores, points and bands may be negative
 * (Progress 8, value added) and are not bounded here.
 */
export function outsideUnit(value: number, unit: Unit, definition = ''): string | null {
  switch (unit) {
    case 'percent':
      if (value < 0 && !/\bsigned\b/i.test(definition)) return `${value} is not a percentage (percentages are not negative)`;
      return value > 100 && !/\brate\b/i.test(definition) ? `${value} is not a percentage (0 to 100)` : null;
    case 'rate': {
      const base = rateBase(definition);
      if (value < 0) return `${value} is not a rate (rates are not negative)`;
      return base !== null && value > base ? `${value} is more than a rate per ${base.toLocaleString('en-GB')} can be` : null;
    }
    case 'count':
      return value < 0 ? `${value} is not a count (counts are not negative)` : null;
    default:
      return null;
  }
}

/**
 * A proportion as the file writes it (0.012143175) moved to a percentage (1.2143175) by shifting its decimal point two
 * places in the text, so no binary rounding creeps in (0.012143175 × 100 is 1.2143175000000001 in floating point). The
 * text is parseDfeNumber's `text` (no grouping commas, no % sign).
 */
export function percentFromProportion(text: string): { value: number; text: string } {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const padded = fraction.padEnd(2, '0');
  const digits = `${whole}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(2);
  const shifted = `${negative ? '-' : ''}${digits}${rest === '' ? '' : `.${rest}`}`;
  return { value: Number(shifted), text: shifted };
}
