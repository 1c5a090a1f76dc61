import { changeOnLastYear, gapBetween, gapMeaningful } from '../../domain/comparison/gaps.ts';
import { placeOverTime } from '../../domain/comparison/place-over-time.ts';
import { fewestToRank, neighbourAverage, quartileBand, quartilesOf, rankPlaces, type QuartileBand } from '../../domain/comparison/ranking.ts';
import { breakBetween, newMeasureNote } from '../../domain/indicators/breaks.ts';
import type { DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { previousPeriod } from '../../domain/periods/period.ts';
import { figureBases, type ObservationRow } from '../../store/observation-store.ts';
import type { Store } from '../../store/store.ts';
import { neighbourGroupOf } from '../comparison/comparison-service.ts';
import { discloseRows } from '../indicators/disclose-rows.ts';
import { ownFigures } from '../indicators/own-figures.ts';
import type { DashboardGap, DashboardIndicator, DashboardKind, Shown } from './place-dashboard.ts';

/**
 * A place dashboard's figures (issue 19.1): each key indicator's latest figure for the place with its change, England,
 * the region, its LA's (for a district or grouping) or its neighbours' average, rank and quartile band (for the LA),
 * each year it holds against England and its LA (issue 19.4, from the same reads), and the disadvantaged gap on each. Every figure is disclosed for the reader; gaps are worked from unrounded figures.
 */

const gapGroup = { group: 'disadvantaged', other: 'not-disadvantaged' } as const;

export async function figuresFor(
  store: Store,
  indicatorOf: (code: string) => Indicator | undefined,
  place: Readonly<{ id: number; kind: DashboardKind; code: string }>,
  la: Readonly<{ id: number; code: string }>,
  codes: readonly string[],
  policy: DisclosurePolicy,
): Promise<[DashboardIndicator[], DashboardGap[], number[]]> {
  const england = (await store.places.byKind('country'))[0];
  const region = (await store.places.parents(la.id)).find((p) => p.kind === 'region' && p.validTo === null);
  const las = await store.places.byKind('la');
  const group = await neighbourGroupOf(store, la.code);
  const groupCodes = new Set(group?.members ?? []);
  const comparators = [...las.map((l) => l.id), ...(england === undefined ? [] : [england.id]), ...(region === undefined ? [] : [region.id])];
  // Published or computed figures of every LA, the region and England; the place's own, or a roll-up of its schools.
  const wide = ownFigures(
    await store.observations.find({ indicatorCodes: codes, placeIds: comparators, breakdown: 'all', basis: figureBases, limit: 1_000_000 }),
  );
  const mine = placeFigures(
    await store.observations.find({
      indicatorCodes: codes,
      placeIds: [place.id],
      breakdown: 'all',
      basis: ['published', 'computed', 'roll-up'],
      limit: 100_000,
    }),
  );
  const shownOf = disclosure(indicatorOf, policy);
  const at = (rows: readonly ObservationRow[], placeId: number | undefined, code: string, period: string): ObservationRow | undefined =>
    rows.find((r) => r.placeId === placeId && r.indicatorCode === code && r.period === period);
  const shownAt = (rows: readonly ObservationRow[], placeId: number | undefined, code: string, period: string): Shown | null => {
    const row = at(rows, placeId, code, period);
    return row === undefined ? null : shownOf(row);
  };

  // England's and the LA's figures by indicator and year, for each key indicator over time (read above: no query more).
  const comparatorRows = new Map(
    wide
      .filter((r) => r.placeId === england?.id || r.placeId === la.id)
      .map((r): [string, ObservationRow] => [`${r.placeId}|${r.indicatorCode}|${r.period}`, r]),
  );
  const comparatorAt = (placeId: number | undefined, code: string, period: string): Shown | null => {
    const row = comparatorRows.get(`${placeId}|${code}|${period}`);
    return row === undefined ? null : shownOf(row);
  };

  const indicators: DashboardIndicator[] = [];
  const latest = new Map<string, string>();
  for (const code of codes) {
    const indicator = indicatorOf(code)!;
    const held = mine.filter((r) => r.indicatorCode === code).sort((a, b) => a.period.localeCompare(b.period));
    const last = held.at(-1);
    if (last === undefined) continue;
    latest.set(code, last.period);
    const shown = shownOf(last);
    const since = previousPeriod(last.period);
    const brk = breakBetween(indicator.breaks, since, last.period);
    const before = held.find((r) => r.period === since);
    const previous = before === undefined ? null : { period: since, shown: shownOf(before) };
    const series = held.flatMap((r) => {
      const s = shownOf(r);
      return s.value === null ? [] : [{ period: r.period, value: s.value }];
    });
    let rank: DashboardIndicator['rank'] = null;
    let band: QuartileBand | null = null;
    let neighbours: number | null = null;
    if (place.kind === 'la') {
      const values = wide
        .filter((r) => r.place.kind === 'la' && r.indicatorCode === code && r.period === last.period)
        .map((r) => ({ code: r.place.code, value: shownOf(r).value }));
      const ranks = rankPlaces(values, indicator.polarity);
      const position = ranks.get(place.code) ?? null;
      const of = [...ranks.values()].filter((v) => v !== null).length;
      if (of >= fewestToRank) {
        rank = position === null ? null : { rank: position, of };
        band = quartileBand(shown.value, quartilesOf(values.map((v) => v.value)), indicator.polarity);
      }
      neighbours =
        group === null
          ? null
          : neighbourAverage(
              la.code,
              values.filter((v) => groupCodes.has(v.code)),
            );
    }
    indicators.push({
      indicator,
      period: last.period,
      place: shown,
      previous,
      change: brk !== null ? null : changeOnLastYear(shown.value, previous?.shown.value ?? null, indicator.polarity, indicator.decimalPlaces),
      newMeasure: brk === null ? null : newMeasureNote(brk),
      series,
      overTime: placeOverTime(
        held.map((r) => ({
          period: r.period,
          place: shownOf(r),
          la: place.kind === 'la' ? null : comparatorAt(la.id, code, r.period),
          england: comparatorAt(england?.id, code, r.period),
        })),
        indicator.breaks,
      ),
      england: shownAt(wide, england?.id, code, last.period),
      region: shownAt(wide, region?.id, code, last.period),
      la: place.kind === 'la' ? null : shownAt(wide, la.id, code, last.period),
      neighbours,
      rank,
      band,
    });
  }

  // The disadvantaged gap on each key indicator, in its latest year: within the place, and against other pupils nationally.
  const groupRows = async (breakdown: string, placeIds: number[]) =>
    placeFigures(await store.observations.find({ indicatorCodes: codes, placeIds, breakdown, basis: ['published', 'computed', 'roll-up'], limit: 100_000 }));
  const [groupHere, otherHere, otherEngland] = await Promise.all([
    groupRows(gapGroup.group, [place.id]),
    groupRows(gapGroup.other, [place.id]),
    england === undefined ? Promise.resolve([]) : groupRows(gapGroup.other, [england.id]),
  ]);
  const gaps: DashboardGap[] = [];
  for (const code of codes) {
    const indicator = indicatorOf(code)!;
    const period = latest.get(code);
    if (period === undefined || !gapMeaningful(indicator)) continue;
    const group = at(groupHere, place.id, code, period);
    if (group === undefined) continue;
    // Worked from unrounded figures where shown at all, rounded once (domain.md §9.2); never from a hidden one.
    const unrounded = (row: ObservationRow | undefined) => (row === undefined || shownOf(row).value === null ? null : row.value);
    gaps.push({
      indicator,
      period,
      group: shownOf(group),
      within: gapBetween(unrounded(group), unrounded(at(otherHere, place.id, code, period)), indicator, indicator.decimalPlaces, 'other pupils here'),
      national: gapBetween(
        unrounded(group),
        unrounded(at(otherEngland, england?.id, code, period)),
        indicator,
        indicator.decimalPlaces,
        'other pupils nationally',
      ),
    });
  }
  // Every place whose figures were read (for how the answer names its disclosure).
  return [indicators, gaps, [...comparators, place.id]];
}

/** Each figure as the reader may see it (disclosure row by row, at the decimals it was published with). */
function disclosure(indicatorOf: (code: string) => Indicator | undefined, policy: DisclosurePolicy): (row: ObservationRow) => Shown {
  const cache = new Map<ObservationRow, Shown>();
  return (row) => {
    let shown = cache.get(row);
    if (shown === undefined) {
      const [s] = discloseRows([row], (code) => indicatorOf(code)!, policy);
      shown = { value: s!.value, symbol: s!.symbol, decimalPlaces: s!.decimalPlaces };
      cache.set(row, shown);
    }
    return shown;
  };
}

/** A place's own figure for each cell: published or computed where held (by precedence), else the roll-up of its schools. */
function placeFigures(rows: readonly ObservationRow[]): ObservationRow[] {
  const own = ownFigures(rows.filter((r) => r.basis !== 'roll-up'));
  const held = new Set(own.map((r) => `${r.indicatorCode}|${r.placeId}|${r.breakdown}|${r.period}`));
  return [...own, ...rows.filter((r) => r.basis === 'roll-up' && !held.has(`${r.indicatorCode}|${r.placeId}|${r.breakdown}|${r.period}`))];
}
