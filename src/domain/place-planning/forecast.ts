import { academicYearCode, previousPeriod, startYearOf } from '../periods/period.ts';
import { housingPupils } from './housing-yield.ts';
import { entryYearGroup, forecastHorizon, phaseYearGroups } from './place-planning.ts';
import type {
  AreaForecast,
  AreaForecastInput,
  BirthsByYear,
  ByYearGroup,
  ForecastCell,
  ForecastMethod,
  SchoolForecastCell,
  YearGroup,
} from './place-planning.ts';
import { forecastRatios, pupils, receptionBirthYear } from './ratios.ts';

/**
 * An area's forecast by the cohort survival method (SCAP guide 2014; domain.md §12.1), five years ahead for primary and
 * seven for secondary. From the base census, each year: the entry group from births × the intake ratio (primary) or the
 * feeding areas' Year 6 the year before × the transfer ratio (secondary); every other year group from the year group
 * below the year before × its survival ratio. A survival ratio the history could not give (no year with pupils to divide
 * by) is taken as 1: the cohort carries forward unchanged. An entry ratio it could not give, or no births or feeders at
 * all, carries the base census's entry group forward (a ratio of 1 to births would put a whole district in one area).
 * Pupils from housing completed since the base (cumulative) are added to each year after the cohorts are rolled, so
 * they never pass through a survival ratio; they are in `pupils` and, apart, in `fromHousing`. Nothing is rounded.
 *
 * `feederForecastYear6` (secondary) is the feeding primary areas' forecast Year 6 by period, from their own forecasts;
 * without it (or past its last period) the last feeder Year 6 known, held up to the base or forecast, is taken.
 */
export function forecastArea(input: AreaForecastInput, method: ForecastMethod, feederForecastYear6?: Readonly<Record<string, number>>): AreaForecast {
  const phase = input.area.phase;
  const groups = phaseYearGroups[phase];
  const entry = entryYearGroup[phase];
  const ratios = forecastRatios(input, method.yearsAveraged);
  const base = input.rolls[input.basePeriod] ?? {};
  const baseEntry = pupils(base, entry);

  const entryIn = (period: string): number => {
    if (phase === 'primary') {
      const births = input.births === null ? null : birthsOf(input.births, receptionBirthYear(period), input.basePeriod);
      return births === null || ratios.intake === null ? baseEntry : births * ratios.intake;
    }
    const year6 = feederYear6Before(period, input.basePeriod, input.feederYear6, feederForecastYear6);
    return year6 === null || ratios.transfer === null ? baseEntry : year6 * ratios.transfer;
  };

  const cells: ForecastCell[] = [];
  let previous: ByYearGroup = base;
  for (let k = 1; k <= forecastHorizon[phase]; k += 1) {
    const period = academicYearCode(startYearOf(input.basePeriod) + k);
    const cohorts: Partial<Record<YearGroup, number>> = { [entry]: entryIn(period) };
    groups.slice(1).forEach((group, i) => {
      cohorts[group] = pupils(previous, groups[i]!) * (ratios.survival[group] ?? 1);
    });
    const housing = housingPupils(input.housing, phase, method.yields, input.basePeriod, period).pupils;
    for (const group of groups) {
      const fromHousing = pupils(housing, group);
      cells.push({ period, yearGroup: group, pupils: pupils(cohorts, group) + fromHousing, fromHousing });
    }
    previous = cohorts;
  }
  return { areaCode: input.area.code, phase, basePeriod: input.basePeriod, ratios, cells };
}

/**
 * Births of a mid-year as a forecast from the base census knows them: births to mid-year of the base's first year at the
 * latest (they have happened by its January census; a backtest must not see later ones). A year after the last known
 * takes the last known ('hold-last'); a gap, the latest year before it.
 */
function birthsOf(births: BirthsByYear, year: number, basePeriod: string): number | null {
  const known = Math.min(year, startYearOf(basePeriod));
  const held = Object.keys(births)
    .map(Number)
    .filter((y) => y <= known)
    .sort((a, b) => b - a);
  const latest = held[0];
  return latest === undefined ? null : (births[latest] ?? null);
}

/**
 * The feeding areas' Year 6 in the year before `period`: their forecast where given, else held; past both, the last known.
 * Year 6 rolls held after the base census are not looked at: a forecast (or a backtest re-run as if in the base year)
 * knows only the censuses up to its base.
 */
function feederYear6Before(
  period: string,
  basePeriod: string,
  held: Readonly<Record<string, number>> | null,
  forecast: Readonly<Record<string, number>> | undefined,
): number | null {
  const known: Record<string, number> = Object.fromEntries(Object.entries(held ?? {}).filter(([p]) => p <= basePeriod));
  Object.assign(known, forecast);
  const before = previousPeriod(period);
  const last = Object.keys(known)
    .filter((p) => p <= before)
    .sort()
    .at(-1);
  return last === undefined ? null : (known[last] ?? null);
}

/**
 * A forecast apportioned to the area's schools: each cell by each school's share of that cohort at the base census. The
 * cohort in year group g in the k-th year after the base was in the group k below g at the base; a cohort not yet at
 * school then (below the entry group) takes each school's share of the entry group. A cohort no school held takes the
 * shares of the entry group, then of the whole phase roll, then equal shares, so that a cell's schools always sum to it.
 * `schoolRolls` are the schools' base census rolls in this area (a split-site school's by its share).
 */
export function forecastSchools(area: AreaForecast, schoolRolls: Readonly<Record<string, ByYearGroup>>): SchoolForecastCell[] {
  const urns = Object.keys(schoolRolls);
  if (urns.length === 0) return [];
  const groups = phaseYearGroups[area.phase];
  const sharesOf = (weight: (roll: ByYearGroup) => number): Map<string, number> | null => {
    const total = urns.reduce((sum, urn) => sum + weight(schoolRolls[urn]!), 0);
    return total > 0 ? new Map(urns.map((urn) => [urn, weight(schoolRolls[urn]!) / total])) : null;
  };
  const entryShares =
    sharesOf((roll) => pupils(roll, groups[0]!)) ??
    sharesOf((roll) => groups.reduce((sum, g) => sum + pupils(roll, g), 0)) ??
    new Map(urns.map((urn) => [urn, 1 / urns.length]));
  const cohortShares = new Map(groups.map((g) => [g, sharesOf((roll) => pupils(roll, g)) ?? entryShares]));

  const baseYear = startYearOf(area.basePeriod);
  return area.cells.flatMap((cell) => {
    const atBase = groups[groups.indexOf(cell.yearGroup) - (startYearOf(cell.period) - baseYear)];
    const shares = (atBase === undefined ? undefined : cohortShares.get(atBase)) ?? entryShares;
    return urns.map((urn) => {
      const share = shares.get(urn) ?? 0;
      return { ...cell, urn, pupils: cell.pupils * share, fromHousing: cell.fromHousing * share };
    });
  });
}
