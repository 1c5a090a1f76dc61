import { sql, type Kysely } from 'kysely';
import type { PlaceKind, PlaceStatus, Sector } from '../domain/geography/place.ts';
import { placeAttributesOf, schoolPopulationOf, type AttributesOf } from '../domain/geography/place-attributes.ts';
import type { SchoolLink } from '../domain/geography/school-placement.ts';
import type { Database } from './schema.ts';

/** Places and their dated memberships: bulk writes for imports and the demo, reads for pages. */

/** A place as read: its attributes parsed against its kind (place-attributes.ts), so a `PlaceRow<'school'>` has a school's fields. */
export type PlaceRow<K extends PlaceKind = PlaceKind> = K extends PlaceKind
  ? Readonly<{
      id: number;
      kind: K;
      code: string;
      name: string;
      status: PlaceStatus;
      openedOn: string | null;
      closedOn: string | null;
      attributes: AttributesOf<K>;
      batchId: number | null;
    }>
  : never;

/** A place to write: its attributes typed by its kind, so a writer cannot store what the reads would refuse. */
export type PlaceInput<K extends PlaceKind = PlaceKind> = Readonly<{
  code: string;
  name: string;
  status?: PlaceStatus;
  openedOn?: string | null;
  closedOn?: string | null;
  attributes?: AttributesOf<K>;
}>;

/** A place seen through one of its links: the link's dates and how the membership is known. */
export type LinkedPlace<K extends PlaceKind = PlaceKind> = PlaceRow<K> & Readonly<{ validFrom: string | null; validTo: string | null; basis: string }>;

type StoredPlace = Readonly<{ kind: string; code: string; attributes: unknown }>;

/**
 * Parse a row's attributes against its kind once, here where the store reads them (the column's check constraint holds
 * the kind to PlaceKind); a row that does not fit is an error naming the place and the field.
 */
function parsed<T extends PlaceRow>(row: StoredPlace): T {
  return { ...row, attributes: placeAttributesOf(row.kind as PlaceKind, row.code, row.attributes) } as unknown as T;
}

function parsedAll<T extends PlaceRow>(rows: readonly StoredPlace[]): T[] {
  return rows.map((row) => parsed<T>(row));
}

export type UpsertCounts = { inserted: number; updated: number; unchanged: number; closed: number };

export type LinkInput = Readonly<{ placeId: number; parentId: number; validFrom: string | null; validTo: string | null; basis: string }>;

const chunkSize = 1000;

/**
 * The parents a school counts in for figures (in a query naming the link `l` and the parent `g`): its LA, district and
 * groupings, but not planning areas. A planning area is the place planners' own grouping, with a split-site school in two
 * of them: its figures are the place-planning ones (surplus, forecasts), never rolled up or computed from pupils.
 */
const countingParents = sql<boolean>`g.kind in ('la', 'district', 'grouping') and not exists (select 1 from planning_area pa where pa.place_id = l.parent_id)`;

export function createPlaceStore(db: Kysely<Database>) {
  const selectPlace = () =>
    db
      .selectFrom('place')
      .select(['id', 'kind', 'code', 'name', 'status', 'opened_on as openedOn', 'closed_on as closedOn', 'attributes', 'batch_id as batchId']);

  /** Places at one end of their links (members: `place_id`; parents: `parent_id`), with each link's dates and basis. */
  const selectLinked = (end: 'place_id' | 'parent_id') =>
    db
      .selectFrom('place_link as l')
      .innerJoin('place as p', 'p.id', `l.${end}`)
      .select([
        'p.id',
        'p.kind',
        'p.code',
        'p.name',
        'p.status',
        'p.opened_on as openedOn',
        'p.closed_on as closedOn',
        'p.attributes',
        'p.batch_id as batchId',
        'l.valid_from as validFrom',
        'l.valid_to as validTo',
        'l.basis',
      ]);

  /** Every link of a school to a place it counts in (district, LA, grouping), with its dates. */
  const schoolParentLinks = async (): Promise<SchoolLink[]> => {
    const links = await db
      .selectFrom('place_link as l')
      .innerJoin('place as s', 's.id', 'l.place_id')
      .innerJoin('place as g', 'g.id', 'l.parent_id')
      .select(['l.place_id', 'l.parent_id', 'g.kind', 'l.valid_from', 'l.valid_to'])
      .where('s.kind', '=', 'school')
      .where(countingParents)
      .execute();
    return links.map((l) => ({
      schoolId: l.place_id,
      parentId: l.parent_id,
      parentKind: l.kind as SchoolLink['parentKind'],
      validFrom: l.valid_from,
      validTo: l.valid_to,
    }));
  };

  const regionCodesOfLas = async (): Promise<Map<string, string>> => {
    const regions = await db
      .selectFrom('place_link as l')
      .innerJoin('place as a', 'a.id', 'l.place_id')
      .innerJoin('place as r', 'r.id', 'l.parent_id')
      .select(['a.code as la', 'r.code as region'])
      .where('a.kind', '=', 'la')
      .where('r.kind', '=', 'region')
      .execute();
    return new Map(regions.map((r) => [r.la, r.region]));
  };

  return {
    async byKind<K extends PlaceKind>(kind: K): Promise<PlaceRow<K>[]> {
      return parsedAll<PlaceRow<K>>(await selectPlace().where('kind', '=', kind).orderBy('name').execute());
    },

    async find<K extends PlaceKind>(kind: K, code: string): Promise<PlaceRow<K> | undefined> {
      const row = await selectPlace().where('kind', '=', kind).where('code', '=', code).executeTakeFirst();
      return row === undefined ? undefined : parsed<PlaceRow<K>>(row);
    },

    /** Every place with this code (codes are unique within a kind, and almost always across kinds). */
    async withCode(code: string, kind?: PlaceKind): Promise<PlaceRow[]> {
      let query = selectPlace().where('code', '=', code);
      if (kind !== undefined) query = query.where('kind', '=', kind);
      return parsedAll<PlaceRow>(await query.execute());
    },

    /** LAs whose districts are held, i.e. the LAs this Waymark serves. */
    async lasWithDistricts(): Promise<string[]> {
      const rows = await db
        .selectFrom('place as la')
        .innerJoin('place_link as l', 'l.parent_id', 'la.id')
        .innerJoin('place as d', 'd.id', 'l.place_id')
        .select('la.code')
        .distinct()
        .where('la.kind', '=', 'la')
        .where('d.kind', '=', 'district')
        .orderBy('la.code')
        .execute();
      return rows.map((r) => r.code);
    },

    async findMany<K extends PlaceKind>(kind: K, codes: readonly string[]): Promise<PlaceRow<K>[]> {
      if (codes.length === 0) return [];
      return parsedAll<PlaceRow<K>>(
        await selectPlace()
          .where('kind', '=', kind)
          .where('code', 'in', [...codes])
          .execute(),
      );
    },

    async byIds(ids: readonly number[]): Promise<PlaceRow[]> {
      if (ids.length === 0) return [];
      return parsedAll<PlaceRow>(await selectPlace().where('id', 'in', ids).execute());
    },

    async idsByCode(kind: PlaceKind): Promise<Map<string, number>> {
      const rows = await db.selectFrom('place').select(['id', 'code']).where('kind', '=', kind).execute();
      return new Map(rows.map((r) => [r.code, r.id]));
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('place')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Insert new places, update changed ones, leave identical ones; counts what happened. */
    async upsert<K extends PlaceKind>(
      kind: K,
      inputs: readonly PlaceInput<K>[],
      batchId: number | null,
    ): Promise<{ ids: Map<string, number>; counts: UpsertCounts }> {
      // Looked up in chunks: a national GIAS file has ~50,000 schools and a statement takes at most 65,535 parameters.
      const existing = new Map<string, StoredRow>();
      for (let i = 0; i < inputs.length; i += chunkSize) {
        const codes = inputs.slice(i, i + chunkSize).map((input) => input.code);
        for (const r of await selectPlace().where('kind', '=', kind).where('code', 'in', codes).execute()) existing.set(r.code, r);
      }
      const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0, closed: 0 };
      const ids = new Map<string, number>();
      const fresh: PlaceInput[] = [];
      for (const input of inputs) {
        const row = normalise(input);
        const old = existing.get(input.code);
        if (old === undefined) {
          fresh.push(input);
          continue;
        }
        ids.set(input.code, old.id);
        if (sameContent(old, row)) {
          counts.unchanged++;
          continue;
        }
        if (row.status === 'closed' && old.status !== 'closed') counts.closed++;
        else counts.updated++;
        await db
          .updateTable('place')
          .set({
            name: row.name,
            status: row.status,
            opened_on: row.openedOn,
            closed_on: row.closedOn,
            attributes: JSON.stringify(row.attributes),
            batch_id: batchId,
          })
          .where('id', '=', old.id)
          .execute();
      }
      for (let i = 0; i < fresh.length; i += chunkSize) {
        const rows = fresh.slice(i, i + chunkSize).map(normalise);
        const inserted = await db
          .insertInto('place')
          .values(
            rows.map((r) => ({
              kind,
              code: r.code,
              name: r.name,
              status: r.status,
              opened_on: r.openedOn,
              closed_on: r.closedOn,
              attributes: JSON.stringify(r.attributes),
              batch_id: batchId,
            })),
          )
          .returning(['id', 'code'])
          .execute();
        for (const r of inserted) ids.set(r.code, r.id);
        counts.inserted += inserted.length;
      }
      return { ids, counts };
    },

    /**
     * Replace the memberships of the given places in parents of one kind (e.g. every school's LA),
     * optionally only those recorded on one basis, with the links given.
     */
    async replaceLinks(
      placeIds: readonly number[],
      parentKind: PlaceKind,
      links: readonly LinkInput[],
      batchId: number | null,
      basisPrefix?: string,
    ): Promise<void> {
      for (let i = 0; i < placeIds.length; i += chunkSize) {
        let query = db
          .deleteFrom('place_link')
          .where('place_id', 'in', placeIds.slice(i, i + chunkSize))
          .where('parent_id', 'in', (eb) => eb.selectFrom('place').select('id').where('kind', '=', parentKind));
        if (basisPrefix !== undefined) query = query.where('basis', 'like', `${basisPrefix}%`);
        await query.execute();
      }
      await this.addLinks(links, batchId);
    },

    async addLinks(links: readonly LinkInput[], batchId: number | null): Promise<void> {
      for (let i = 0; i < links.length; i += chunkSize) {
        await db
          .insertInto('place_link')
          .values(
            links
              .slice(i, i + chunkSize)
              .map((l) => ({ place_id: l.placeId, parent_id: l.parentId, valid_from: l.validFrom, valid_to: l.validTo, basis: l.basis, batch_id: batchId })),
          )
          .onConflict((oc) =>
            oc
              .columns(['place_id', 'parent_id', 'valid_from'])
              .doUpdateSet((eb) => ({ valid_to: eb.ref('excluded.valid_to'), basis: eb.ref('excluded.basis'), batch_id: eb.ref('excluded.batch_id') })),
          )
          .execute();
      }
    },

    /** Remove every membership of the given parents (a grouping file redefines its groups whole). */
    async clearMembers(parentIds: readonly number[]): Promise<number> {
      if (parentIds.length === 0) return 0;
      const result = await db.deleteFrom('place_link').where('parent_id', 'in', parentIds).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async openLinksWithBasis(basis: string): Promise<{ id: number; placeId: number; parentId: number; validFrom: string | null }[]> {
      return db
        .selectFrom('place_link')
        .select(['id', 'place_id as placeId', 'parent_id as parentId', 'valid_from as validFrom'])
        .where('basis', '=', basis)
        .where('valid_to', 'is', null)
        .execute();
    },

    async endLink(id: number, validTo: string): Promise<void> {
      await db.updateTable('place_link').set({ valid_to: validTo }).where('id', '=', id).execute();
    },

    /**
     * Every link of a school to an LA, district or grouping that figures are made for, with its dates and the school's
     * population attributes. Planning areas are left out (see `countingParents`).
     */
    schoolParentLinks,

    /** Each LA's region by code, over every link an LA has to a region (as `placementsOn` gives them). */
    regionCodesOfLas,

    async schoolLinks(): Promise<{ links: SchoolLink[]; schools: Map<number, { stateFunded: boolean; sector: Sector }> }> {
      const links = await schoolParentLinks();
      const schools = await db
        .selectFrom('place')
        .select([
          'id',
          'code',
          sql<unknown>`attributes->'stateFunded'`.as('stateFunded'),
          sql<unknown>`attributes->'sector'`.as('sector'),
          sql<unknown>`attributes->'governance'`.as('governance'),
        ])
        .where('kind', '=', 'school')
        .execute();
      return {
        links,
        schools: new Map(
          schools.map((s) => {
            const { stateFunded, sector } = schoolPopulationOf(`school ${s.code}`, s);
            return [s.id, { stateFunded, sector }];
          }),
        ),
      };
    },

    /**
     * Where every school sat on a date: its LA, district and groupings (links valid that day; not planning areas, see
     * `countingParents`), and each LA's region. A school counts in the district it was in at that year's census.
     */
    async placementsOn(date: string): Promise<{ schools: { urn: string; parentKind: PlaceKind; parentCode: string }[]; laRegions: Map<string, string> }> {
      const schools = await db
        .selectFrom('place_link as l')
        .innerJoin('place as s', 's.id', 'l.place_id')
        .innerJoin('place as g', 'g.id', 'l.parent_id')
        .select(['s.code as urn', 'g.kind as parentKind', 'g.code as parentCode'])
        .where('s.kind', '=', 'school')
        .where(countingParents)
        .where((eb) => eb.or([eb('l.valid_from', 'is', null), eb('l.valid_from', '<=', date)]))
        .where((eb) => eb.or([eb('l.valid_to', 'is', null), eb('l.valid_to', '>=', date)]))
        .distinct()
        .execute();
      return { schools: schools as { urn: string; parentKind: PlaceKind; parentCode: string }[], laRegions: await regionCodesOfLas() };
    },

    /** Each LA's region, by the LA's code: the region's code and name (an LA's link to its region, from LAIT or the LA list). */
    async laRegions(): Promise<Map<string, { code: string; name: string }>> {
      const rows = await db
        .selectFrom('place_link as l')
        .innerJoin('place as a', 'a.id', 'l.place_id')
        .innerJoin('place as r', 'r.id', 'l.parent_id')
        .select(['a.code as la', 'r.code as code', 'r.name as name'])
        .where('a.kind', '=', 'la')
        .where('r.kind', '=', 'region')
        .where('l.valid_to', 'is', null)
        .orderBy('r.code')
        .execute();
      return new Map(rows.map((r) => [r.la, { code: r.code, name: r.name }]));
    },

    /** Places that are members of a parent (optionally of one kind), with the link's dates and basis. */
    async members<K extends PlaceKind = PlaceKind>(parentId: number, kind?: K): Promise<LinkedPlace<K>[]> {
      let query = selectLinked('place_id').where('l.parent_id', '=', parentId);
      if (kind !== undefined) query = query.where('p.kind', '=', kind);
      return parsedAll<LinkedPlace<K>>(await query.orderBy('p.name').execute());
    },

    /** The groups a place belongs to (LA, district, trust, grouping …), with the link's dates and basis. */
    async parents(placeId: number): Promise<LinkedPlace[]> {
      return parsedAll<LinkedPlace>(await selectLinked('parent_id').where('l.place_id', '=', placeId).orderBy('l.valid_from').execute());
    },

    /** Schools under a place at any depth (LA → district → school, or directly), counted by sector and governance. */
    async schoolCounts(parentId: number, onDate: string): Promise<({ childId: number | null; open: number } & ReturnType<typeof schoolPopulationOf>)[]> {
      const result = await sql<{ child_id: number | null; sector: unknown; governance: unknown; state_funded: unknown; open: number }>`
        with recursive tree(id, child_id) as (
          select l.place_id, case when p.kind = 'school' then null else l.place_id end
            from place_link l join place p on p.id = l.place_id
           where l.parent_id = ${parentId} and (l.valid_from is null or l.valid_from <= ${onDate}::date) and (l.valid_to is null or l.valid_to >= ${onDate}::date)
          union
          select l.place_id, t.child_id
            from tree t join place_link l on l.parent_id = t.id
           where (l.valid_from is null or l.valid_from <= ${onDate}::date) and (l.valid_to is null or l.valid_to >= ${onDate}::date)
        ),
        schools as (
          select distinct on (s.id) s.id, t.child_id, s.attributes
            from tree t join place s on s.id = t.id
           where s.kind = 'school' and s.status = 'open'
             and (s.opened_on is null or s.opened_on <= ${onDate}::date) and (s.closed_on is null or s.closed_on > ${onDate}::date)
           order by s.id, t.child_id nulls last
        )
        select child_id, attributes->'sector' as sector, attributes->'governance' as governance,
               attributes->'stateFunded' as state_funded, count(*)::int as open
          from schools group by 1, 2, 3, 4`.execute(db);
      return result.rows.map((r) => ({
        childId: r.child_id,
        ...schoolPopulationOf(`a school under place ${parentId}`, { sector: r.sector, governance: r.governance, stateFunded: r.state_funded }),
        open: r.open,
      }));
    },

    async search(term: string, limit: number): Promise<PlaceRow[]> {
      const t = term.trim().toLowerCase();
      const digits = t.replace(/[\s/]/g, '');
      const rows = await selectPlace()
        .where((eb) =>
          eb.or([
            eb(sql`lower(name)`, 'like', `%${t.replace(/[%_\\]/g, '\\$&')}%`),
            eb('code', '=', term.trim()),
            ...(/^\d{7}$/.test(digits) ? [eb(sql`attributes->>'laestab'`, '=', digits)] : []),
          ]),
        )
        .orderBy(sql`case when code = ${term.trim()} then 0 when lower(name) like ${`${t}%`} then 1 else 2 end`)
        .orderBy('name')
        .limit(limit)
        .execute();
      return parsedAll<PlaceRow>(rows);
    },
  };
}

export type PlaceStore = ReturnType<typeof createPlaceStore>;

function normalise(input: PlaceInput) {
  return {
    code: input.code,
    name: input.name,
    status: input.status ?? 'open',
    openedOn: input.openedOn ?? null,
    closedOn: input.closedOn ?? null,
    attributes: input.attributes ?? {},
  };
}

/** A place row as stored, its attributes unparsed: upserts compare them as they are. */
type StoredRow = Readonly<{ id: number; name: string; status: string; openedOn: string | null; closedOn: string | null; attributes: unknown }>;

function sameContent(old: StoredRow, row: ReturnType<typeof normalise>): boolean {
  return (
    old.name === row.name &&
    old.status === row.status &&
    old.openedOn === row.openedOn &&
    old.closedOn === row.closedOn &&
    stableJson(old.attributes) === stableJson(row.attributes)
  );
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
