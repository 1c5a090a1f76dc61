import { BadRequestError } from '../../domain/errors.ts';
import { backtestBases, scoreForecasts } from '../../domain/place-planning/accuracy.ts';
import { forecastArea, forecastSchools } from '../../domain/place-planning/forecast.ts';
import type { AccuracyRow, AreaForecast, ByYearGroup, ForecastMethod, ForecastRatios, ForecastRun } from '../../domain/place-planning/place-planning.ts';
import type { HeldForecastCell } from '../../store/planning-store.ts';
import type { Store } from '../../store/store.ts';
import type { AuditWho } from '../audit/audit-service.ts';
import { methodOf, type PlanningContext } from './planning-context.ts';
import { areaRolls, forecastInputs, readPlanningData, schoolRollsAt, type PlanningData } from './planning-data.ts';

/** The years ahead a backtest is scored at (the DfE scorecards: one and three years ahead). */
const scoredYearsAhead = [1, 3] as const;

/**
 * Forecast every planning area of the LA from one census: primary areas first, so each secondary area's Year 7 is
 * drawn from its feeding primary areas' forecast Year 6 in the years after the base; then each area's schools. The
 * feeders' Year 6 is taken without its pupils from new housing: the secondary area adds the same dwellings' pupils by
 * its own secondary yield, so carrying them through the transfer ratio would count them twice at Year 7.
 */
export function forecastAll(data: PlanningData, basePeriod: string, method: ForecastMethod): { areas: AreaForecast[]; cells: HeldForecastCell[] } {
  const inputs = forecastInputs(data, basePeriod);
  const areas: AreaForecast[] = [];
  const year6 = new Map<string, Record<string, number>>();
  for (const input of inputs.filter((i) => i.area.phase === 'primary')) {
    const forecast = forecastArea(input, method);
    areas.push(forecast);
    if (input.area.feedsArea === null) continue;
    const sums = year6.get(input.area.feedsArea) ?? {};
    for (const c of forecast.cells) if (c.yearGroup === '6') sums[c.period] = (sums[c.period] ?? 0) + c.pupils - c.fromHousing;
    year6.set(input.area.feedsArea, sums);
  }
  for (const input of inputs.filter((i) => i.area.phase === 'secondary')) areas.push(forecastArea(input, method, year6.get(input.area.code) ?? {}));
  const cells: HeldForecastCell[] = [];
  for (const forecast of areas) {
    for (const c of forecast.cells) cells.push({ ...c, areaCode: forecast.areaCode, urn: null });
    const area = data.areas.find((a) => a.code === forecast.areaCode)!;
    for (const c of forecastSchools(forecast, schoolRollsAt(data, area, basePeriod))) cells.push({ ...c, areaCode: forecast.areaCode });
  }
  return { areas, cells };
}

/** Area rolls held, by area code then census period (the actuals a forecast is scored against). */
export function actualsOf(data: PlanningData): Record<string, Record<string, ByYearGroup>> {
  return Object.fromEntries(data.areas.map((a) => [a.code, areaRolls(data, a)]));
}

/** Make and keep one run: the forecast of every area from `basePeriod`, its cells and each area's ratios. */
export async function keepRun(
  tx: Store,
  context: PlanningContext,
  data: PlanningData,
  input: Readonly<{ basePeriod: string; method: ForecastMethod; kind: ForecastRun['kind']; who: AuditWho }>,
): Promise<{ run: ForecastRun; areas: AreaForecast[] }> {
  const { areas, cells } = forecastAll(data, input.basePeriod, input.method);
  const ratios: Record<string, ForecastRatios> = Object.fromEntries(areas.map((a) => [a.areaCode, a.ratios]));
  const run = { laCode: data.laCode, madeOn: context.today(), madeBy: input.who.actor, basePeriod: input.basePeriod, kind: input.kind, method: input.method };
  const id = await tx.planning.addRun({ ...run, ratios }, context.now());
  await tx.planning.addCells(id, cells);
  return { run: { id, ...run }, areas };
}

/** Backtest the method: re-run it from each earlier census it can start from, keep each run, score them one and three years ahead. */
export async function backtestWith(tx: Store, context: PlanningContext, data: PlanningData, method: ForecastMethod, who: AuditWho): Promise<AccuracyRow[]> {
  await tx.planning.removeRuns(data.laCode, 'backtest');
  const forecasts: AreaForecast[] = [];
  for (const basePeriod of backtestBases(data.censusPeriods, method.yearsAveraged, 7))
    forecasts.push(...(await keepRun(tx, context, data, { basePeriod, method, kind: 'backtest', who })).areas);
  return scoreForecasts({ laCode: data.laCode, forecasts, actuals: actualsOf(data), yearsAhead: scoredYearsAhead });
}

/** Forecasts and backtests an officer (or a command) asks for, each one transaction, audited. */
export function createForecastService(context: PlanningContext) {
  const { store, trail } = context;
  return {
    /** Forecast every planning area of the LA from a census (default: the latest with rolls), with the LA's method, kept with today's date. */
    async runForecast(input: Readonly<{ laCode: string; basePeriod?: string }>, who: AuditWho): Promise<ForecastRun> {
      return store.transaction(async (tx) => {
        const data = await readPlanningData(tx, input.laCode);
        const basePeriod = input.basePeriod ?? data.censusPeriods[data.censusPeriods.length - 1];
        if (basePeriod === undefined || !data.censusPeriods.includes(basePeriod))
          throw new BadRequestError(
            basePeriod === undefined ? `no census rolls are held for LA ${input.laCode}'s planning areas` : `no census rolls are held for ${basePeriod}`,
          );
        const { run, areas } = await keepRun(tx, context, data, { basePeriod, method: await methodOf(tx, input.laCode), kind: 'forecast', who });
        await trail.record(tx, who, {
          action: 'planning.forecast',
          subject: `forecast-run:${run.id}`,
          detail: { laCode: input.laCode, basePeriod, areas: areas.length },
        });
        return run;
      });
    },

    /** Re-run the LA's method from each earlier census (replacing earlier backtests) and score it against the census that followed. */
    async backtest(laCode: string, who: AuditWho): Promise<readonly AccuracyRow[]> {
      return store.transaction(async (tx) => {
        const data = await readPlanningData(tx, laCode);
        const rows = await backtestWith(tx, context, data, await methodOf(tx, laCode), who);
        await trail.record(tx, who, { action: 'planning.backtest', subject: `la:${laCode}`, detail: { rows: rows.length } });
        return rows;
      });
    },
  };
}
