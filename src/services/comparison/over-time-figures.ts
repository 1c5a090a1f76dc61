import { comparisonOverTime } from '../../domain/comparison/over-time.ts';
import type { DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { figureBases } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import { shownByRow } from '../indicators/disclose-rows.ts';
import { ownFigures } from '../indicators/own-figures.ts';
import type { OverTimeRow } from './comparison-service.ts';

/**
 * The LA, its neighbours and England in every year held, each figure as the reader may see it (a hidden neighbour's
 * figure is left out of the average and the ranks), compared year by year by the domain rule.
 */
export async function overTime(
  store: Store,
  indicator: Indicator,
  breakdown: string,
  laCode: string,
  laId: number | undefined,
  members: readonly string[],
  policy: DisclosurePolicy,
): Promise<OverTimeRow[]> {
  if (laId === undefined) return [];
  const englandId = (await store.places.byKind('country'))[0]?.id;
  const neighbourIds = (
    await store.places.findMany(
      'la',
      members.filter((m) => m !== laCode),
    )
  ).map((p) => p.id);
  const rows = ownFigures(
    await store.observations.find({
      indicatorCode: indicator.code,
      breakdown,
      basis: figureBases,
      placeIds: [laId, ...(englandId === undefined ? [] : [englandId]), ...neighbourIds],
      limit: 100_000,
    }),
  );
  const shown = shownByRow(rows, indicator, policy);
  const periods = [...new Set(rows.filter((r) => r.placeId === laId).map((r) => r.period))];
  const figureAt = (placeId: number | undefined, period: string) => {
    const row = rows.find((r) => r.placeId === placeId && r.period === period);
    return row === undefined ? null : shown.get(row)!;
  };
  const valueAt = (placeId: number | undefined, period: string) => figureAt(placeId, period)?.value ?? null;
  const years = comparisonOverTime(
    laCode,
    periods.map((period) => ({
      period,
      la: valueAt(laId, period),
      england: valueAt(englandId, period),
      group: rows
        .filter((r) => r.period === period && r.placeId !== laId && r.placeId !== englandId)
        .map((r) => ({ code: r.place.code, value: shown.get(r)!.value })),
    })),
    indicator.polarity,
    indicator.breaks,
  );
  return years.map((y) => ({ ...y, laFigure: figureAt(laId, y.period), englandFigure: figureAt(englandId, y.period) }));
}
