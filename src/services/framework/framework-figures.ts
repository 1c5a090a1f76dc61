import { LRUCache } from 'lru-cache';
import { NotFoundError } from '../../domain/errors.ts';
import {
  evaluateAtPlace,
  measureIn,
  yearsOf,
  type EvaluatedTarget,
  type PlaceEvaluationInput,
  type PlaceFigure,
} from '../../domain/framework/evaluate-at-place.ts';
import type { Framework, Target } from '../../domain/framework/framework.ts';
import { periodOfYear } from '../../domain/periods/period.ts';
import { laitIndicatorCode, measuresOf } from '../../domain/indicators/lait.ts';
import { measures as computedMeasures } from '../../compute/measures.ts';
import { readPupilFileName } from '../../domain/pupils/pupil-file-name.ts';
import { targetFigure } from '../../domain/framework/year-figures.ts';
import type { DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { figureBases, type ObservationRow } from '../../store/observation-store.ts';
import type { HeldDelivery } from '../../store/delivery-store.ts';
import type { Store } from '../../store/store.ts';
import { discloseRows, groupFigureOf } from '../indicators/disclose-rows.ts';
import { ownFigures } from '../indicators/own-figures.ts';
import { pupilFormat } from '../pupils/pupil-service.ts';

/** The indicators Waymark computes from pupil records (src/compute/measures.ts), for saying what a target's figures need. */
const computable: ReadonlySet<string> = new Set(computedMeasures.map((m) => m.indicator));

/**
 * What a framework's evaluation reads for a place: every figure its targets can need for the place and its comparators
 * (read once), then one target's figures by year, disclosed as the audience sees them, handed to the domain's rule.
 */
export function createFrameworkFigures(store: Store, catalogue: () => readonly Indicator[]) {
  // What a framework needs for a place is read once a data version (migration 0028, ADR 0022): every page a signed-in
  // reader opens between two changes evaluates from the figures read for the first.
  const kept = new LRUCache<string, Promise<Context>>({ max: 64 });
  let keptAt = -1n;
  async function contextOf(framework: Framework, placeCode?: string): Promise<Context> {
    const { version } = await store.dataVersion.current();
    if (version !== keptAt) {
      kept.clear();
      keptAt = version;
    }
    const key = `${framework.id}|${placeCode ?? framework.la}`;
    const held = kept.get(key);
    if (held !== undefined) return held;
    const reading = readContext(store, catalogue, framework, placeCode);
    kept.set(key, reading);
    // A read that fails is not kept: the next asks again.
    reading.catch(() => kept.delete(key));
    return reading;
  }

  function evaluateOne(framework: Framework, target: Target, year: number, context: Context, policy: DisclosurePolicy): EvaluatedTarget {
    const { la, place, england, region, members, namedPlaces, indicators, rowsFor, pupilCollections, feedsImported, delivery, periodsHeld } = context;
    let withheld: PlaceEvaluationInput['withheld'] = null;
    // The figures of every year, measured by the indicator in force that year, for the place and its comparators.
    const figures = new Map<number, PlaceFigure[]>();
    for (const y of yearsOf(framework)) {
      const measure = measureIn(target, y, indicators);
      if (measure === undefined) continue;
      const breakdowns = target.gap === null ? [target.breakdown] : [target.gap.group, target.gap.other];
      const rows = ownFigures(breakdowns.flatMap((breakdown) => rowsFor(measure, periodOfYear(y, measure.periodType), breakdown)));
      const shown = discloseRows(rows, () => measure, policy);
      const own = rows.find((r) => r.placeId === place.id && r.breakdown === target.breakdown);
      if (y === year && own !== undefined && own.value === null && own.symbol !== null) {
        const detail = own.detail as Readonly<Record<string, unknown>> | null;
        withheld = { symbol: own.symbol, rule: typeof detail?.rule === 'string' ? detail.rule : null, detail };
      }
      figures.set(
        y,
        [...new Set(rows.map((r) => r.placeId))].map((placeId) => {
          const row = rows.find((r) => r.placeId === placeId && r.breakdown === target.breakdown);
          const judged = row?.detail !== null && row?.detail !== undefined && 'judged' in row.detail ? (row.detail.judged ?? null) : null;
          const figure = targetFigure(target, measure.decimalPlaces, groupFigureOf(rows, shown, placeId));
          return { placeId, figure, denominator: row?.denominator ?? null, judged };
        }),
      );
    }
    return evaluateAtPlace({
      framework,
      target,
      year,
      place,
      la,
      england,
      region,
      members,
      indicators,
      figures,
      computable,
      pupilCollections,
      withheld,
      feedsImported,
      delivery: delivery.get(target.id) ?? [],
      namedPlaces,
      periodsHeld,
    });
  }

  return { contextOf, evaluateOne };
}

/**
 * Every figure a framework's targets can need for a place and its comparators, with what says where missing figures
 * are: read in a few queries, then evaluated in memory.
 */
async function readContext(store: Store, catalogue: () => readonly Indicator[], framework: Framework, placeCode?: string) {
  const la = await store.places.find('la', framework.la);
  if (la === undefined) throw new NotFoundError(`The framework's LA ${framework.la} is not held`);
  // A district of the LA, or a collaboration (grouping), read as a district is.
  const place =
    placeCode === undefined || placeCode === framework.la
      ? la
      : ((await store.places.find('district', placeCode)) ?? (await store.places.find('grouping', placeCode)));
  if (place === undefined) throw new NotFoundError(`No district or collaboration ${placeCode} in ${la.name}`);
  const england = (await store.places.byKind('country'))[0];
  const region = (await store.places.parents(la.id)).find((p) => p.kind === 'region');
  const group = framework.neighbourGroup === null ? undefined : await store.places.find('neighbour_group', framework.neighbourGroup);
  const members = group === undefined ? [] : await store.places.members(group.id, 'la');
  // The districts targets name (a target set for named places): the LA's line is read from their figures.
  const namedCodes = new Set(framework.targets.flatMap((t) => t.places ?? []));
  const namedPlaces =
    namedCodes.size === 0
      ? []
      : (await store.places.members(la.id, 'district')).filter((d) => namedCodes.has(d.code)).map((d) => ({ id: d.id, code: d.code, name: d.name }));
  // Every figure the framework can need for these places, read once: evaluating 50 targets over 5 years is then
  // done in memory rather than in hundreds of queries.
  const named = place.id === la.id ? namedPlaces.map((p) => p.id) : [];
  const ids = [...new Set([place.id, la.id, ...(england ? [england.id] : []), ...(region ? [region.id] : []), ...members.map((m) => m.id), ...named])];
  const indicators = new Map(catalogue().map((i) => [i.code, i]));
  // Every indicator that measures a target: its own code and the LAIT measures publishing its breakdowns.
  const codes = [
    ...new Set(
      framework.targets.flatMap((t) =>
        t.measures.flatMap((m) => [m.indicator, ...Object.values(indicators.get(m.indicator)?.laitBreakdowns ?? {}).map(laitIndicatorCode)]),
      ),
    ),
  ];
  const held = await store.observations.find({ indicatorCodes: codes, placeIds: ids, basis: figureBases, limit: 500_000 });
  // A framework read cut short would evaluate its targets on some of their figures: refuse instead.
  if (held.length >= 500_000) throw new Error(`The framework's figures exceed 500,000 rows for ${ids.length} places: the read would be cut short`);
  const byKey = new Map<string, ObservationRow[]>();
  for (const r of held) {
    const key = `${r.indicatorCode}|${r.period}|${r.breakdown}`;
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [r]);
    else list.push(r);
  }
  const stored = (code: string, period: string, breakdown: string) => byKey.get(`${code}|${period}|${breakdown}`) ?? [];
  // The periods each indicator has a figure for by pupil group (any place read; a LAIT measure publishing a group's
  // figure counts as the indicator's for that group), to say where a missing year's figures are.
  const asGroup = new Map<string, string>();
  for (const i of indicators.values())
    for (const [breakdown, key] of Object.entries(i.laitBreakdowns ?? {})) asGroup.set(`${laitIndicatorCode(key)}|all`, `${i.code}|${breakdown}`);
  const periodsHeld = new Map<string, string[]>();
  for (const r of held) {
    const key = asGroup.get(`${r.indicatorCode}|${r.breakdown}`) ?? `${r.indicatorCode}|${r.breakdown}`;
    if (r.value !== null && !(periodsHeld.get(key) ?? []).includes(r.period)) periodsHeld.set(key, [...(periodsHeld.get(key) ?? []), r.period]);
  }
  // A place's figure from the first indicator measuring it that holds one (the catalogue's own code first).
  const rowsFor = (indicator: Indicator, period: string, breakdown: string): ObservationRow[] => {
    const rows: ObservationRow[] = [];
    for (const source of measuresOf(indicator, breakdown)) {
      const covered = new Set(rows.map((r) => r.placeId));
      for (const r of stored(source.code, period, source.breakdown))
        if (!covered.has(r.placeId)) rows.push(source.code === indicator.code ? r : { ...r, indicatorCode: indicator.code, breakdown });
    }
    return rows;
  };
  const pupilCollections = new Map<string, string[]>();
  for (const b of await store.register.batches(100_000, pupilFormat)) {
    const key = readPupilFileName(b.fileName);
    const list = key === null ? [] : (pupilCollections.get(key.period) ?? []);
    if (key !== null && !list.includes(key.collection)) pupilCollections.set(key.period, [...list, key.collection].sort());
  }
  const feedsImported = new Set((await store.inspections.any()) ? ['ofsted'] : []);
  // Delivery milestones and qualitative targets are judged from the records officers make (delivery.ts).
  const delivery = new Map<string, HeldDelivery[]>();
  for (const r of await store.delivery.list(framework.id)) delivery.set(r.targetId, [...(delivery.get(r.targetId) ?? []), r]);
  return { la, place, england, region, members, namedPlaces, rowsFor, indicators, pupilCollections, feedsImported, delivery, periodsHeld };
}

export type Context = Awaited<ReturnType<typeof readContext>>;
