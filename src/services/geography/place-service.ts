import { londonDateOf } from '../../domain/periods/london-time.ts';
import { NotFoundError, BadRequestError } from '../../domain/errors.ts';
import { governanceOrder, hierarchy, isMemberOn, sectorOrder, type Governance, type PlaceKind, type Sector } from '../../domain/geography/place.ts';
import type { AttributesOf, SchoolAttributes } from '../../domain/geography/place-attributes.ts';
import { isCalendarDate } from '../../domain/periods/dates.ts';
import { historyOf } from '../../domain/geography/succession.ts';
import { ownNeighbourGroups } from '../../domain/comparison/neighbour-groups.ts';
import { pupilsOnRollCode } from '../../domain/indicators/indicator.ts';
import type { LinkedPlace, PlaceRow } from '../../store/place-store.ts';
import type { Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';

/** Read models for the place pages: a place, its ancestors, its members with school counts, a school's history. */

export type PlaceSummary = Readonly<{ kind: PlaceKind; code: string; name: string; status: string }>;
export type SectorCounts = Readonly<Partial<Record<Sector, number>>>;
export type ChildRow = PlaceSummary &
  Readonly<{ counts: SectorCounts; byGovernance: Readonly<Partial<Record<Governance, number>>>; total: number; stateFunded: number; academies: number }>;

export type PlacePage = Readonly<{
  place: PlaceSummary & { attributes: AttributesOf<PlaceKind> };
  ancestors: readonly PlaceSummary[];
  onDate: string;
  children: readonly ChildRow[];
  /** Schools counted under the place itself but in none of its child places (e.g. an LA's schools with no district). */
  unplaced: ChildRow | null;
  totals: ChildRow;
  sectors: readonly Sector[];
  governances: readonly Governance[];
  schools: readonly SchoolRow[];
  /** The LA's own statistical-neighbour groups, newest list first. */
  groups: readonly PlaceSummary[];
  /** How many other LAs' neighbour groups name this LA. */
  neighbourOf: number;
}>;

export type SchoolRow = PlaceSummary &
  Readonly<{ sector: string; typeName: string; governance: string; selective: boolean; validFrom: string | null; validTo: string | null; basis: string }>;

export type SchoolPage = Readonly<{
  school: PlaceSummary & { openedOn: string | null; closedOn: string | null; attributes: SchoolAttributes };
  ancestors: readonly PlaceSummary[];
  memberships: readonly (PlaceSummary & { validFrom: string | null; validTo: string | null; basis: string })[];
  history: readonly { predecessor: PlaceSummary; successor: PlaceSummary; reason: string; linkedOn: string | null }[];
  roll: readonly { period: string; total: number | null; byYearGroup: Readonly<Record<string, number | null>> }[];
  source: string;
}>;

const listedKinds: Readonly<Partial<Record<PlaceKind, PlaceKind[]>>> = {
  country: ['region'],
  region: ['la'],
  la: ['district'],
  neighbour_group: ['la'],
};

export function createPlaceService(store: Store, clock: Clock) {
  const summary = (p: PlaceRow): PlaceSummary => ({ kind: p.kind, code: p.code, name: p.name, status: p.status });
  /** An LA's own neighbour groups (newest list first) and how many other LAs' groups name it (issue 11 point 16). */
  const neighbourGroupsOf = async (place: PlaceRow) => {
    const all = (await store.places.parents(place.id)).filter((p): p is LinkedPlace<'neighbour_group'> => p.kind === 'neighbour_group');
    const own = ownNeighbourGroups(place.code, all);
    return { groups: own.map(summary), neighbourOf: all.length - own.length };
  };

  async function ancestorsOf(placeId: number): Promise<PlaceSummary[]> {
    const chain: PlaceSummary[] = [];
    let current = placeId;
    for (let depth = 0; depth < 6; depth++) {
      const parents = (await store.places.parents(current)).filter((p) => hierarchy.includes(p.kind) && p.validTo === null);
      parents.sort((a, b) => hierarchy.indexOf(b.kind) - hierarchy.indexOf(a.kind));
      const up = parents[0];
      if (up === undefined) break;
      chain.unshift(summary(up));
      current = up.id;
    }
    return chain;
  }

  async function find<K extends PlaceKind>(kind: K, code: string): Promise<PlaceRow<K>> {
    const place = await store.places.find(kind, code);
    if (place === undefined) throw new NotFoundError(`No ${kind.replace('_', ' ')} with code ${code}`);
    return place;
  }

  return {
    /** Each LA's region by the LA's code (for the open-data layout's region columns on LA rows). */
    laRegions: () => store.places.laRegions(),

    /** The LA Waymark serves: the one whose districts are held (Kent in the demo and in a Kent import), or null. */
    async servedLa(): Promise<string | null> {
      return (await store.places.lasWithDistricts())[0] ?? null;
    },

    async home() {
      const england = (await store.places.byKind('country'))[0];
      const las = await store.places.byKind('la');
      const batches = await store.register.batches(10);
      const page = england === undefined ? null : await this.placePage('country', england.code);
      // The LA Waymark serves and its districts, each a link to its dashboard.
      const servedCode = await this.servedLa();
      const servedLa = servedCode === null ? undefined : await store.places.find('la', servedCode);
      const served =
        servedLa === undefined
          ? null
          : {
              la: summary(servedLa),
              districts: (await store.places.members(servedLa.id, 'district'))
                .filter((d) => d.validTo === null)
                .map(summary)
                .sort((a, b) => a.name.localeCompare(b.name)),
            };
      return {
        served,
        england: england === undefined ? null : summary(england),
        laCount: las.length,
        totals: page?.totals ?? null,
        sectors: page?.sectors ?? [],
        batches,
        demo: batches.some((b) => b.format === 'demo-county'),
      };
    },

    async placePage(kind: PlaceKind, code: string, on?: string): Promise<PlacePage> {
      if (kind === 'school') throw new BadRequestError('Schools have their own page');
      const onDate = on ?? londonDateOf(clock());
      if (!isCalendarDate(onDate)) throw new BadRequestError(`"${onDate}" is not a date (YYYY-MM-DD)`);
      const place = await find(kind, code);
      const [ancestors, counts, members] = await Promise.all([
        ancestorsOf(place.id),
        store.places.schoolCounts(place.id, onDate),
        store.places.members(place.id),
      ]);
      const childKinds = listedKinds[kind] ?? [];
      const current = members.filter((m) => isMemberOn(m, onDate));
      const children = current.filter((m) => childKinds.includes(m.kind));
      const row = (p: PlaceSummary, childId: number | null | 'all'): ChildRow => {
        const mine = counts.filter((c) => childId === 'all' || c.childId === childId);
        const bySector: Partial<Record<Sector, number>> = {};
        const byGovernance: Partial<Record<Governance, number>> = {};
        for (const c of mine) {
          bySector[c.sector] = (bySector[c.sector] ?? 0) + c.open;
          byGovernance[c.governance] = (byGovernance[c.governance] ?? 0) + c.open;
        }
        return {
          ...p,
          counts: bySector,
          byGovernance,
          total: mine.reduce((a, c) => a + c.open, 0),
          stateFunded: mine.filter((c) => c.stateFunded).reduce((a, c) => a + c.open, 0),
          academies: mine.filter((c) => c.governance === 'academy' || c.governance === 'free-school').reduce((a, c) => a + c.open, 0),
        };
      };
      const totals = row(summary(place), 'all');
      const unplacedRow = row({ ...summary(place), name: `Not in a ${childKinds[0] ?? 'child place'}` }, null);
      const listsSchools =
        kind === 'district' ||
        kind === 'grouping' ||
        kind === 'trust' ||
        kind === 'federation' ||
        kind === 'sponsor' ||
        (kind === 'la' && children.length === 0);
      const schools = listsSchools
        ? current.flatMap((m) =>
            m.kind === 'school' && m.status === 'open'
              ? [
                  {
                    ...summary(m),
                    sector: m.attributes.sector,
                    typeName: m.attributes.typeName,
                    governance: m.attributes.governance,
                    selective: m.attributes.selective,
                    validFrom: m.validFrom,
                    validTo: m.validTo,
                    basis: m.basis,
                  },
                ]
              : [],
          )
        : [];
      const present = new Set<string>(counts.flatMap((c) => [c.sector, c.governance]));
      return {
        place: { ...summary(place), attributes: place.attributes },
        ancestors,
        onDate,
        children: children.map((c) => row(summary(c), c.id)),
        unplaced: kind !== 'district' && childKinds.length > 0 && unplacedRow.total > 0 ? unplacedRow : null,
        totals,
        sectors: sectorOrder.filter((s) => present.has(s)),
        governances: governanceOrder.filter((g) => present.has(g)),
        schools,
        ...(await neighbourGroupsOf(place)),
      };
    },

    async schoolPage(urn: string): Promise<SchoolPage> {
      const school = await find('school', urn);
      const [ancestors, parents, successions, roll] = await Promise.all([
        ancestorsOf(school.id),
        store.places.parents(school.id),
        store.register.successionsAround(urn),
        store.observations.forPlace(school.id, pupilsOnRollCode),
      ]);
      const chain = historyOf(urn, successions);
      const named = new Map(
        (await store.places.findMany('school', [...new Set(chain.flatMap((s) => [s.predecessorUrn, s.successorUrn]))])).map((p) => [p.code, p]),
      );
      const describe = (code: string): PlaceSummary => {
        const p = named.get(code);
        return p === undefined ? { kind: 'school', code, name: `URN ${code} (not in the register)`, status: 'unknown' } : summary(p);
      };
      const periods = [...new Set(roll.map((r) => r.period))].sort();
      return {
        school: { ...summary(school), openedOn: school.openedOn, closedOn: school.closedOn, attributes: school.attributes },
        ancestors,
        memberships: parents.map((p) => ({ ...summary(p), validFrom: p.validFrom, validTo: p.validTo, basis: p.basis })),
        history: chain.map((s) => ({ predecessor: describe(s.predecessorUrn), successor: describe(s.successorUrn), reason: s.reason, linkedOn: s.linkedOn })),
        roll: periods.map((period) => {
          const rows = roll.filter((r) => r.period === period);
          return {
            period,
            total: rows.find((r) => r.breakdown === 'all')?.value ?? null,
            byYearGroup: Object.fromEntries(
              rows.filter((r) => r.breakdown.startsWith('year-group:')).map((r) => [r.breakdown.slice('year-group:'.length), r.value]),
            ),
          };
        }),
        source: school.attributes.register,
      };
    },

    async search(term: string): Promise<readonly (PlaceSummary & { detail: string })[]> {
      if (term.trim().length < 2) return [];
      const rows = await store.places.search(term, 50);
      return rows.map((r) => ({ ...summary(r), detail: r.kind === 'school' ? schoolDetail(r.code, r.attributes) : r.code }));
    },
  };
}

export type PlaceService = ReturnType<typeof createPlaceService>;

/** How a search result names a school: its URN, its DfE number where it has one, and its type. */
function schoolDetail(urn: string, a: SchoolAttributes): string {
  return [`URN ${urn}`, a.laestab ? `LAESTAB ${a.laestab.slice(0, 3)}/${a.laestab.slice(3)}` : null, a.typeName].filter(Boolean).join(' · ');
}
