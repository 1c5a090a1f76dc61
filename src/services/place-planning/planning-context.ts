import { NotFoundError } from '../../domain/errors.ts';
import type { ForecastMethod } from '../../domain/place-planning/place-planning.ts';
import type { Store } from '../../store/store.ts';
import type { AuditTrail } from '../audit/audit-service.ts';
import type { PlaceRef } from './planning-views.ts';

/** What every place-planning service is given: the store, the trail and the time (the clock's instant and its date in England). */
export type PlanningContext = Readonly<{ store: Store; trail: AuditTrail; now: () => Date; today: () => string }>;

/**
 * The method a forecast is made with when the LA has made none yet: the SCAP guide's example of three years averaged,
 * births held at the last year known, Kent's 5-7% band, and pupil yields per dwelling that are an illustrative
 * assumption (an LA records its own published yields with its first run), not any LA's.
 */
export const defaultMethod: ForecastMethod = {
  yearsAveraged: 3,
  birthsBeyondHeld: 'hold-last',
  yields: { primary: { market: 0.25, affordable: 0.35 }, secondary: { market: 0.18, affordable: 0.25 } },
  surplusBand: { min: 5, max: 7 },
};

/** The LA's method: the one its latest run (forecast or backtest) was made with, else the default. */
export async function methodOf(tx: Store, laCode: string): Promise<ForecastMethod> {
  const runs = [...(await tx.planning.runs(laCode, 'forecast')), ...(await tx.planning.runs(laCode, 'backtest'))];
  const latest = runs.sort((a, b) => b.id - a.id)[0];
  return latest?.method ?? defaultMethod;
}

export async function laOrNotFound(tx: Store, laCode: string): Promise<Readonly<{ id: number; ref: PlaceRef }>> {
  const la = await tx.places.find('la', laCode);
  if (la === undefined) throw new NotFoundError(`no such local authority: ${laCode}`);
  return { id: la.id, ref: { code: la.code, name: la.name } };
}
