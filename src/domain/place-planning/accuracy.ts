import { academicYearCode, startYearOf } from '../periods/period.ts';
import { phaseYearGroups } from './place-planning.ts';
import type { AccuracyRow, AreaForecast, ByYearGroup, PlanningPhase } from './place-planning.ts';
import { pupils } from './ratios.ts';

/**
 * Forecasts scored as the DfE scores LAs (school places scorecards; domain.md §12.2): accuracy % = (forecast − actual) ÷
 * actual × 100, positive an over-forecast, for the census one or three years after the forecast's base.
 */

/** The scorecards' accuracy, unrounded per cent; null when there were no pupils to compare with. */
export function forecastAccuracy(forecast: number, actual: number): number | null {
  return actual === 0 ? null : ((forecast - actual) / actual) * 100;
}

/**
 * The actual pupils a forecast would meet if it missed by each of these past errors (scorecard accuracy, per cent): the
 * accuracy formula e = (F − A) ÷ A × 100 turned round, A = F ÷ (1 + e/100). `low` is the actual behind the largest
 * over-forecast, `high` behind the largest under-forecast (0 where there was none: the forecast itself). An error of
 * −100% or below (a forecast of nothing) says nothing about the range and is left out; null without an error.
 */
export function actualRange(forecast: number, errors: readonly number[]): Readonly<{ low: number; high: number }> | null {
  const usable = errors.filter((e) => e > -100);
  if (usable.length === 0) return null;
  const actualAt = (e: number) => forecast / (1 + e / 100);
  return { low: actualAt(Math.max(0, ...usable)), high: actualAt(Math.min(0, ...usable)) };
}

/**
 * Every forecast scored `yearsAhead` years after its base where that census is held: the phase's pupils forecast against
 * those on roll, by area, then by LA (the areas of a phase and base period scored in that year, their forecasts and
 * actuals summed before the formula is applied, as the scorecards score an LA's total, not a mean of its areas' errors).
 * Area rows come first, in the order of the forecasts and years ahead given; then LA rows, by phase, base and years ahead.
 */
export function scoreForecasts(input: {
  laCode: string;
  forecasts: readonly AreaForecast[];
  actuals: Readonly<Record<string, Readonly<Record<string, ByYearGroup>>>>;
  yearsAhead: readonly number[];
}): AccuracyRow[] {
  const areaRows: AccuracyRow[] = [];
  const la = new Map<string, { phase: PlanningPhase; basePeriod: string; period: string; yearsAhead: number; forecast: number; actual: number }>();
  for (const f of input.forecasts) {
    const groups = phaseYearGroups[f.phase];
    for (const n of input.yearsAhead) {
      const period = academicYearCode(startYearOf(f.basePeriod) + n);
      const roll = input.actuals[f.areaCode]?.[period];
      const cells = f.cells.filter((c) => c.period === period && groups.includes(c.yearGroup));
      if (roll === undefined || cells.length === 0) continue;
      const forecast = cells.reduce((sum, c) => sum + c.pupils, 0);
      const actual = groups.reduce((sum, g) => sum + pupils(roll, g), 0);
      const row = { phase: f.phase, basePeriod: f.basePeriod, period, yearsAhead: n, forecast, actual };
      areaRows.push({ level: 'area', code: f.areaCode, ...row, accuracy: forecastAccuracy(forecast, actual) });
      const key = `${f.phase}|${f.basePeriod}|${n}`;
      const sum = la.get(key);
      la.set(key, sum === undefined ? row : { ...sum, forecast: sum.forecast + forecast, actual: sum.actual + actual });
    }
  }
  const laRows = [...la.values()]
    .sort((a, b) => a.phase.localeCompare(b.phase) || a.basePeriod.localeCompare(b.basePeriod) || a.yearsAhead - b.yearsAhead)
    .map((r): AccuracyRow => ({ level: 'la', code: input.laCode, ...r, accuracy: forecastAccuracy(r.forecast, r.actual) }));
  return [...areaRows, ...laRows];
}

/**
 * The census periods a backtest can start from: those with the `yearsAveraged` periods before them held (each averaged
 * year's ratios divide by the year before it, so the base and the years before it back to base − yearsAveraged), and at
 * least one period held 1 to `maxYearsAhead` years after them to score against. Oldest first.
 */
export function backtestBases(periods: readonly string[], yearsAveraged: number, maxYearsAhead: number): string[] {
  const held = new Set(periods.map(startYearOf));
  return [...held]
    .sort((a, b) => a - b)
    .filter((base) => {
      const history = Array.from({ length: yearsAveraged }, (_, i) => base - 1 - i).every((y) => held.has(y));
      const scored = Array.from({ length: maxYearsAhead }, (_, i) => base + 1 + i).some((y) => held.has(y));
      return history && scored;
    })
    .map(academicYearCode);
}
