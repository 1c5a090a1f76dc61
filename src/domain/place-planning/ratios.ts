import { previousPeriod, startYearOf } from '../periods/period.ts';
import { entryYearGroup, phaseYearGroups } from './place-planning.ts';
import type { AreaForecastInput, ByYearGroup, ForecastRatios, YearGroup } from './place-planning.ts';

/**
 * The ratios of the cohort survival method (DfE, Guide to forecasting pupil numbers in school place planning, 2014;
 * domain.md §12.1): each cohort moves up a year group by the ratio it moved up by in recent years, Reception is a share
 * of the births four years before, Year 7 a share of the feeding primary areas' Year 6 the year before.
 */

/** The mid-year of the births of the cohort starting Reception in an academic year: '201314' → 2009 (births to mid-2009). */
export function receptionBirthYear(period: string): number {
  return startYearOf(period) - 4;
}

/**
 * The ratios averaged over the last `yearsAveraged` census periods up to the base period (the base and the years before
 * it). Each ratio is the arithmetic mean of the yearly ratios of those periods where its two figures are held and the
 * figure divided by is above 0; a ratio with no such year is null (survival: left out). A year group missing from a
 * census period held counts as none (a school without a sixth form has no Year 12). `periods` lists, oldest first, the
 * periods at least one ratio was taken from.
 */
export function forecastRatios(input: AreaForecastInput, yearsAveraged: number): ForecastRatios {
  const phase = input.area.phase;
  const groups = phaseYearGroups[phase];
  const entry = entryYearGroup[phase];
  const candidates = Array.from({ length: Math.max(0, yearsAveraged) }, (_, i) => previousPeriod(input.basePeriod, i)).reverse();
  const used = new Set<string>();
  const mean = (yearly: readonly (readonly [string, number, number | undefined])[]): number | null => {
    const ratios = yearly.filter(([, , below]) => below !== undefined && below > 0);
    for (const [period] of ratios) used.add(period);
    return ratios.length === 0 ? null : ratios.reduce((sum, [, above, below]) => sum + above / below!, 0) / ratios.length;
  };

  const survival: Partial<Record<YearGroup, number>> = {};
  groups.slice(1).forEach((group, i) => {
    const below = groups[i]!;
    const yearly = candidates.flatMap((p) => {
      const now = input.rolls[p];
      const before = input.rolls[previousPeriod(p)];
      return now === undefined || before === undefined ? [] : [[p, pupils(now, group), pupils(before, below)] as const];
    });
    const ratio = mean(yearly);
    if (ratio !== null) survival[group] = ratio;
  });

  const entryRolls = candidates.flatMap((p) => {
    const now = input.rolls[p];
    return now === undefined ? [] : [[p, pupils(now, entry)] as const];
  });
  const births = input.births;
  const feeders = input.feederYear6;
  const intake =
    phase === 'primary' && births !== null ? mean(entryRolls.map(([p, reception]) => [p, reception, births[receptionBirthYear(p)]] as const)) : null;
  const transfer = phase === 'secondary' && feeders !== null ? mean(entryRolls.map(([p, year7]) => [p, year7, feeders[previousPeriod(p)]] as const)) : null;

  return { intake, transfer, survival, periods: candidates.filter((p) => used.has(p)) };
}

/** Pupils in a year group of a roll held; a year group missing is none. */
export function pupils(roll: ByYearGroup, group: YearGroup): number {
  return roll[group] ?? 0;
}
