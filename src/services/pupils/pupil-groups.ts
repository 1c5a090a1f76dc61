import { measuresFor } from '../../compute/measures.ts';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import type { DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import type { DataVersion, Indicator } from '../../domain/indicators/indicator.ts';
import { filterLabel, type PupilFilter } from '../../domain/pupils/breakdowns.ts';
import type { Collection } from '../../domain/pupils/pupil-record.ts';
import type { Store } from '../../store/store.ts';
import { discloseRows, type ShownFigure } from '../indicators/disclose-rows.ts';

export type AdHocFigure = ShownFigure & Readonly<{ indicator: string; title: string; rule: string }>;

/** A pupil group's answer: its label, its size (null where small enough to hide) and every measure of the collection. */
export type AdHocAnswer = { breakdown: string; pupils: number | null; figures: AdHocFigure[] };

/**
 * A single pupil group as the computed tables hold it for a place, disclosed as every other read of them is: what the
 * public may ask (ADR 0009). A combination could be differenced against another (FSM girls = FSM − FSM boys), so it
 * is refused until signed-in staff exist.
 */
export async function publishedPupilGroup(
  store: Store,
  catalogue: readonly Indicator[],
  placeId: number,
  file: Readonly<{ collection: Collection; period: string; dataVersion: DataVersion }>,
  filter: PupilFilter,
  policy: DisclosurePolicy,
): Promise<AdHocAnswer> {
  const breakdown = filterLabel(filter);
  if (breakdown.includes('+'))
    throw new BadRequestError(
      `Combined pupil groups (${breakdown}) are not published: ask for one condition at a time. Combinations are for signed-in staff, whom Waymark cannot yet sign in.`,
    );
  const codes = new Set(measuresFor(file.collection, file.period).map((m) => m.measure.indicator));
  const indicators = new Map(catalogue.map((i) => [i.code, i]));
  const rows = (
    await store.observations.find({ placeIds: [placeId], period: file.period, breakdown, dataVersion: file.dataVersion, basis: 'computed', limit: 10_000 })
  ).filter((r) => codes.has(r.indicatorCode) && indicators.has(r.indicatorCode));
  if (rows.length === 0) throw new NotFoundError(`No published figures for the group ${breakdown} here in ${file.period}`);
  const shown = discloseRows(rows, (code) => indicators.get(code)!, policy);
  // The group's size only where a figure of it is shown (a hidden cell gives nothing away, not even its pupils).
  const pupils = rows.reduce(
    (most, r, i) => (shown[i]!.suppression === null ? Math.max(most ?? 0, ruleDetail(r.detail).pupils ?? 0) : most),
    null as number | null,
  );
  return {
    breakdown,
    pupils,
    figures: rows.map((r, i) => ({
      ...shown[i]!,
      indicator: r.indicatorCode,
      title: indicators.get(r.indicatorCode)!.title,
      rule: ruleDetail(r.detail).rule ?? '',
    })),
  };
}

/** The rule and pupils a computed figure's detail records. */
function ruleDetail(detail: unknown): { rule?: string; pupils?: number } {
  return typeof detail === 'object' && detail !== null ? detail : {};
}
