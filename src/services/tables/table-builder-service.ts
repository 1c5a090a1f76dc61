import { randomBytes } from 'node:crypto';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import type { PlaceKind } from '../../domain/geography/place.ts';
import { publicDisclosure, type DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import { openDataArchive, type ArchiveFile } from '../../domain/indicators/open-data.ts';
import { builtTablesOpenData, placesWithoutLevel } from '../../domain/tables/built-table-open-data.ts';
import {
  buildTables,
  periodsBetween,
  tableLimits,
  type BuiltTable,
  type DataVersionMark,
  type PlaceChoice,
  type TablePermalink,
  type TableQuery,
} from '../../domain/tables/built-table.ts';
import { figureBases } from '../../store/observation-store.ts';
import type { PlaceRow } from '../../store/place-store.ts';
import type { Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { placeGeography } from './place-geography.ts';
import { discloseRows } from '../indicators/disclose-rows.ts';
import { ownFigures } from '../indicators/own-figures.ts';

type Option = Readonly<{ choice: PlaceChoice; name: string }>;

/** The places the builder offers: England, the regions, every LA, and the served LA's districts and open schools. */
export type PlaceOptions = Readonly<{
  england: Option | null;
  regions: readonly Option[];
  las: readonly Option[];
  served: Readonly<{ la: Option; districts: readonly (Option & { schools: readonly Option[] })[] }> | null;
}>;

export type BuiltTables = Readonly<{ tables: readonly BuiltTable[]; dataVersion: DataVersionMark | null }>;

const choiceOf = (kind: PlaceKind, code: string): PlaceChoice => `${kind}:${code}`;
const byName = (a: Option, b: Option) => a.name.localeCompare(b.name);

/** A permalink's id: 80 random bits in lower-case base32 (RFC 4648 alphabet), 16 characters, unguessable. */
function newPermalinkId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let id = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      id += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return id;
}

/**
 * The table builder (issue 19.2): what can be chosen at each step, the tables for a reader's choices, disclosed for
 * that reader, and permalinks, which keep the tables as built for the public with the data version they were built
 * from.
 */
export function createTableBuilder(store: Store, clock: Clock) {
  const indicatorsByCode = async () => new Map((await store.indicators.all()).map((i) => [i.code, i]));

  /** The chosen places, found in the register in one query a kind (in the order chosen), or an error naming one not found. */
  async function placesOf(choices: readonly PlaceChoice[]) {
    const asked = choices.map((choice) => {
      const [kind, ...rest] = choice.split(':') as [PlaceKind, ...string[]];
      return { choice, kind, code: rest.join(':') };
    });
    const held = new Map<string, PlaceRow>();
    for (const kind of new Set(asked.map((a) => a.kind)))
      for (const place of await store.places.findMany(
        kind,
        asked.filter((a) => a.kind === kind).map((a) => a.code),
      ))
        held.set(`${kind}:${place.code}`, place);
    return asked.map((a) => {
      const place = held.get(a.choice);
      if (place === undefined) throw new NotFoundError(`No place ${a.choice}: choose places from the list`);
      return { ...a, name: place.name, id: place.id, row: place };
    });
  }

  async function indicatorsOf(codes: readonly string[]): Promise<Indicator[]> {
    const all = await indicatorsByCode();
    return codes.map((code) => {
      const indicator = all.get(code);
      if (indicator === undefined) throw new NotFoundError(`No indicator with code ${code}`);
      return indicator;
    });
  }

  /** The most figures one table reads before choosing its years. */
  const foundLimit = 500_000;

  async function build(query: TableQuery, policy: DisclosurePolicy): Promise<BuiltTables> {
    if (query.indicators.length > tableLimits.indicators || query.places.length > tableLimits.places || query.groups.length > tableLimits.groups)
      throw new BadRequestError(
        `A table holds at most ${tableLimits.indicators} indicators, ${tableLimits.places} places and ${tableLimits.groups} pupil groups: choose fewer`,
      );
    const dataVersion = await store.tables.dataVersion();
    const indicators = await indicatorsOf(query.indicators);
    const places = await placesOf(query.places);
    const geography = await placeGeography(
      store,
      places.map((p) => p.row),
    );
    const groups = new Set(query.groups);
    const found = await store.observations.find({
      indicatorCodes: query.indicators,
      placeIds: places.map((p) => p.id),
      breakdowns: query.groups,
      basis: figureBases,
      limit: foundLimit,
    });
    // Within tableLimits the rows found are far fewer (10 indicators, 100 places, 12 groups, every year held, each
    // basis); a table cut short at the limit would show gaps as if no figure were held, so it is refused instead.
    if (found.length >= foundLimit) throw new BadRequestError(`These choices find more than ${foundLimit} figures: choose fewer places, groups or indicators`);
    const inRange = new Set(
      periodsBetween(
        found.map((r) => r.period),
        query.from,
        query.to,
      ),
    );
    const rows = ownFigures(found.filter((r) => groups.has(r.breakdown) && inRange.has(r.period)));
    const byCode = new Map(indicators.map((i) => [i.code, i]));
    const shown = discloseRows(rows, (code) => byCode.get(code)!, policy);
    const choiceById = new Map(places.map((p) => [p.id, p.choice]));
    const figures = rows.map((r, i) => ({
      indicator: r.indicatorCode,
      place: choiceById.get(r.placeId)!,
      group: r.breakdown,
      period: r.period,
      cell: { value: shown[i]!.value, symbol: shown[i]!.symbol, decimalPlaces: shown[i]!.decimalPlaces },
    }));
    const tables = buildTables(
      query,
      indicators.map((i) => ({
        code: i.code,
        title: i.title,
        unit: i.unit,
        decimalPlaces: i.decimalPlaces,
        polarity: i.polarity,
        source: i.source,
        breaks: i.breaks,
        periodType: i.periodType,
      })),
      places.map((p) => ({ ...p, geography: geography.get(p.id) })),
      figures,
    );
    const rowCount = tables.reduce((n, t) => n + t.rows.length, 0);
    if (rowCount > tableLimits.rows)
      throw new BadRequestError(`These choices give ${rowCount} rows, more than ${tableLimits.rows}: choose fewer places or groups`);
    return { tables, dataVersion };
  }

  return {
    /** Every indicator with at least one figure held, in title order. */
    async indicators(): Promise<Indicator[]> {
      const counts = await store.observations.countsByIndicator();
      return (await store.indicators.all()).filter((i) => (counts.get(i.code) ?? 0) > 0).sort((a, b) => a.title.localeCompare(b.title));
    },

    async places(): Promise<PlaceOptions> {
      const option = (p: { kind: PlaceKind; code: string; name: string }): Option => ({ choice: choiceOf(p.kind, p.code), name: p.name });
      const england = (await store.places.byKind('country'))[0];
      const servedCode = (await store.places.lasWithDistricts())[0];
      const servedLa = servedCode === undefined ? undefined : await store.places.find('la', servedCode);
      const districts = servedLa === undefined ? [] : (await store.places.members(servedLa.id, 'district')).filter((d) => d.validTo === null);
      return {
        england: england === undefined ? null : option(england),
        regions: (await store.places.byKind('region')).map(option).sort(byName),
        las: (await store.places.byKind('la')).map(option).sort(byName),
        served:
          servedLa === undefined
            ? null
            : {
                la: option(servedLa),
                districts: (
                  await Promise.all(
                    districts.map(async (d) => ({
                      ...option(d),
                      schools: (await store.places.members(d.id, 'school'))
                        .filter((s) => s.validTo === null && s.status === 'open')
                        .map(option)
                        .sort(byName),
                    })),
                  )
                ).sort(byName),
              },
      };
    },

    /** The years and pupil groups held for the chosen indicators at the chosen places. */
    async held(indicators: readonly string[], places: readonly PlaceChoice[]): Promise<{ periods: string[]; groups: string[] }> {
      await indicatorsOf(indicators);
      return store.tables.heldCells(
        indicators,
        (await placesOf(places)).map((p) => p.id),
      );
    },

    /** The tables for a reader: every figure disclosed as that reader may see it. */
    build,

    dataVersion: (): Promise<DataVersionMark | null> => store.tables.dataVersion(),

    /**
     * A permalink to the tables as the public sees them (whoever asks: the address can be passed on), kept whole with
     * the data version they were built from; its id.
     */
    async savePermalink(query: TableQuery): Promise<string> {
      const { tables, dataVersion } = await build(query, publicDisclosure);
      const id = newPermalinkId();
      await store.tables.savePermalink({ id, createdAt: clock().toISOString(), query, dataVersion, tables });
      return id;
    },

    permalink: (id: string): Promise<TablePermalink | null> => (/^[a-z2-7]{16}$/.test(id) ? store.tables.permalink(id) : Promise.resolve(null)),

    /**
     * Built tables (fresh, or a permalink's as kept) as the files of an open-data ZIP (open-data.ts): their figures as
     * shown, one data file per kind of year and the schools' apart. A table holding a place the layout has no level
     * for (an LA's own grouping) is refused, naming it. A permalink kept before its indicators' kind of year was takes
     * it from the catalogue (data files in the repository, not changed by an import).
     */
    async openData(tables: readonly BuiltTable[]): Promise<ArchiveFile[]> {
      const without = placesWithoutLevel(tables);
      if (without.length > 0)
        throw new BadRequestError(
          `The DfE's open-data layout has no geographic level for ${without.join(', ')} (a grouping of the LA's own): leave ${without.length === 1 ? 'it' : 'them'} out of the table to download it as open data`,
        );
      const catalogue = tables.every((t) => t.indicator.periodType !== undefined) ? new Map<string, Indicator>() : await indicatorsByCode();
      return openDataArchive(builtTablesOpenData(tables, (code) => catalogue.get(code)?.periodType ?? 'academic'));
    },
  };
}

export type TableBuilder = ReturnType<typeof createTableBuilder>;
