import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import type { PlaceKind } from '../../domain/geography/place.ts';
import type { SchoolPopulation } from '../../domain/geography/school-populations.ts';
import type { DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import type { DataVersion, DfeSymbol, Indicator } from '../../domain/indicators/indicator.ts';
import { chooseFigure } from '../../domain/indicators/figure-precedence.ts';
import { heldOf } from './own-figures.ts';
import { figureBases, type Basis, type ComputedDetail, type ObservationRow, type RollUpDetail } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import { discloseRows } from './disclose-rows.ts';

/** Figures as an audience may see them: every read goes through the disclosure step, and each row carries its provenance. */

export type ObservationQuery = Readonly<{
  indicator?: string;
  place?: string;
  placeKind?: PlaceKind;
  period?: string;
  breakdown?: string;
  dataVersion?: DataVersion;
  /** Published and computed figures unless one basis (or roll-ups of school figures) is asked for. */
  basis?: Basis;
  /** The schools a roll-up counts (default: all state-funded schools, as DfE's LA figures). */
  population?: SchoolPopulation;
  /** One publication's figures ('lait-data', 'mapped-csv:dfe-exclusions-by-la' …), or 'all'; unless given, each cell's figure by precedence. */
  source?: string;
  limit?: number;
}>;

export type DisclosedObservation = Readonly<{
  indicator: string;
  place: Readonly<{ kind: PlaceKind; code: string; name: string }>;
  period: string;
  breakdown: string;
  dataVersion: DataVersion;
  value: number | null;
  symbol: DfeSymbol | null;
  numerator: number | null;
  denominator: number | null;
  decimalPlaces: number;
  suppression: 'source' | 'primary' | 'secondary' | null;
  basis: Basis;
  /** The publication a published figure came from, and the other publications that give the same cell. */
  source: string;
  otherSources: readonly string[];
  /** For a roll-up: the schools and pupils it covers and how it was made; for a computed figure, its rule and pupil file. */
  detail: RollUpDetail | ComputedDetail | null;
  provenance: Readonly<{ batchId: number; file: string; format: string; line: number | null }>;
}>;

export const maximumRows = 5000;

export function createObservationService(store: Store) {
  return {
    indicators: (): Promise<Indicator[]> => store.indicators.all(),
    figureCounts: (): Promise<Map<string, number>> => store.observations.countsByIndicator(),

    async query(query: ObservationQuery, policy: DisclosurePolicy): Promise<DisclosedObservation[]> {
      if (query.indicator === undefined && query.place === undefined) throw new BadRequestError('Name an indicator, a place, or both');
      const indicators = new Map((await store.indicators.all()).map((i) => [i.code, i]));
      if (query.indicator !== undefined && !indicators.has(query.indicator)) throw new NotFoundError(`No indicator with code ${query.indicator}`);
      let placeIds: number[] | undefined;
      if (query.place !== undefined) {
        const places = await store.places.withCode(query.place, query.placeKind);
        if (places.length === 0) throw new NotFoundError(`No place with code ${query.place}${query.placeKind ? ` of kind ${query.placeKind}` : ''}`);
        if (places.length > 1)
          throw new BadRequestError(`Code ${query.place} names more than one place (${places.map((p) => p.kind).join(', ')}): add placeKind`);
        placeIds = places.map((p) => p.id);
      }
      const found = await store.observations.find({
        indicatorCode: query.indicator,
        placeIds,
        period: query.period,
        breakdown: query.breakdown,
        dataVersion: query.dataVersion,
        basis: query.basis ?? figureBases,
        population: query.population,
        source: query.source === 'all' ? undefined : query.source,
        limit: Math.min(query.limit ?? maximumRows, maximumRows),
      });
      const { rows, otherSources } = query.source === undefined ? bySourcePrecedence(found) : { rows: found, otherSources: () => [] };
      const shown = discloseRows(rows, (code) => indicators.get(code)!, policy);
      return rows.map((r, index) => {
        const d = shown[index]!;
        return {
          indicator: r.indicatorCode,
          place: r.place,
          period: r.period,
          breakdown: r.breakdown,
          dataVersion: r.dataVersion,
          value: d.value,
          symbol: d.symbol,
          numerator: d.numerator,
          denominator: d.denominator,
          decimalPlaces: d.decimalPlaces,
          suppression: d.suppression,
          basis: r.basis,
          source: r.source,
          otherSources: otherSources(r),
          detail: d.suppression === null ? r.detail : withoutCounts(r.detail),
          provenance: { batchId: r.provenance.batchId, file: r.provenance.file, format: r.provenance.format, line: r.provenance.line },
        };
      });
    },
  };
}

/** A hidden figure's provenance without the counts behind it: a suppressed cell reveals nothing, not even its pupils. */
function withoutCounts(detail: RollUpDetail | ComputedDetail | null): RollUpDetail | ComputedDetail | null {
  if (detail === null) return null;
  return Object.fromEntries(Object.entries(detail).filter(([key]) => key !== 'pupils')) as RollUpDetail | ComputedDetail;
}

/** Where several publications give the same cell, the one shown by precedence, and the others it names. */
function bySourcePrecedence(found: readonly ObservationRow[]): { rows: ObservationRow[]; otherSources: (r: ObservationRow) => string[] } {
  const cells = new Map<string, ObservationRow[]>();
  const keyOf = (r: ObservationRow) => `${r.indicatorCode}|${r.placeId}|${r.period}|${r.breakdown}|${r.dataVersion}|${r.basis}`;
  for (const r of found) {
    const held = cells.get(keyOf(r));
    if (held === undefined) cells.set(keyOf(r), [r]);
    else held.push(r);
  }
  const others = new Map<ObservationRow, string[]>();
  for (const held of cells.values()) {
    const chosen = chooseFigure(held.map((r) => ({ ...heldOf(r), row: r })))!;
    others.set(
      chosen.shown.row,
      chosen.others.map((o) => o.source),
    );
  }
  return { rows: found.filter((r) => others.has(r)), otherSources: (r) => others.get(r) ?? [] };
}
