import type { FastifyInstance } from 'fastify';
import { publicAccess } from '../../../domain/access/route-access.ts';
import { disclosureName } from '../../../domain/indicators/disclosure.ts';
import type { Indicator } from '../../../domain/indicators/indicator.ts';
import { londonTime } from '../../../domain/periods/london-time.ts';
import { periodLabel } from '../../../domain/periods/period.ts';
import { breakdownTitle } from '../../../domain/pupils/breakdowns.ts';
import { newerDataThan, tableLimits, type BuiltTable, type DataVersionMark, type TableQuery } from '../../../domain/tables/built-table.ts';
import { placesWithoutLevel } from '../../../domain/tables/built-table-open-data.ts';
import { tableNumber, tableOpenDataQuery, tablesOpenDataZip } from '../../../api/v1/table-open-data.ts';
import { completeTableQuery, tableChoicesQuery, type TableChoices } from '../../../api/v1/schemas.ts';
import { BadRequestError, NotFoundError } from '../../../domain/errors.ts';
import type { Services } from '../../../services/create-services.ts';
import { disclosureOf } from '../../disclosure-of.ts';
import { tablesView } from './tables-view.ts';

/** How the builder groups indicators at step 1: by where their figures come from. */
const feedNames: Readonly<Record<Indicator['feed'], string>> = {
  'pupil-records': 'Computed from pupil records',
  published: 'Published by the DfE and others',
  ofsted: 'Ofsted inspections',
  casework: 'Casework',
  admissions: 'Admissions',
  'place-planning': 'School places',
  'system-leadership': 'System leadership',
};

/** The address of the builder with the choices of the steps before `step` (so "Change" goes back to that step). */
function choicesHref(c: TableChoices, step: number): string {
  const params = new URLSearchParams();
  if (step > 1) for (const i of c.indicator) params.append('indicator', i);
  if (step > 2) for (const p of c.place) params.append('place', p);
  if (step > 3 && c.from !== undefined && c.to !== undefined) {
    params.set('from', c.from);
    params.set('to', c.to);
  }
  if (step > 4) for (const g of c.group) params.append('group', g);
  const query = params.toString();
  return query === '' ? '/tables' : `/tables?${query}`;
}

/** The address that builds a query's tables afresh. */
const queryHref = (q: TableQuery) => choicesHref({ indicator: [...q.indicators], place: [...q.places], from: q.from, to: q.to, group: [...q.groups] }, 5);

const dataVersionWords = (v: DataVersionMark | null) =>
  v === null ? 'No figures had been imported.' : `Figures as held after import ${v.batchId} (${londonTime(new Date(v.importedAt))}).`;

/**
 * The tables as the page shows them, each naming its open-data file (the middleware offers it beside the CSV and XLSX:
 * `data-open-data`), and the file of them all; none where a table holds a place the layout has no level for.
 */
function withOpenData(tables: readonly BuiltTable[], href: (n: number | null) => string) {
  const without = placesWithoutLevel(tables);
  return {
    tables: tablesView(tables).map((t, i) => ({ ...t, openDataHref: without.length === 0 ? href(i + 1) : '' })),
    openData: {
      all: without.length === 0 && tables.length > 1 ? href(null) : '',
      without:
        without.length === 0 ? '' : `No open-data file: the DfE's layout has no geographic level for ${without.join(', ')} (a grouping of the LA's own).`,
    },
  };
}

/** The step a reader's choices have reached: the first with nothing chosen. */
function stepOf(c: TableChoices): 1 | 2 | 3 | 4 | 5 {
  if (c.indicator.length === 0) return 1;
  if (c.place.length === 0) return 2;
  if (c.from === undefined || c.to === undefined) return 3;
  if (c.group.length === 0) return 4;
  return 5;
}

/**
 * The table builder (issue 19.2): indicators, places, years and pupil groups chosen one step at a time in the address
 * (so every step can be bookmarked and works without JavaScript), the tables with their charts and downloads, and
 * permalinks that keep a table as built.
 */
export function tableRoutes(app: FastifyInstance, services: Services): void {
  app.get('/tables', { config: publicAccess }, async (request, reply) => {
    const choices = tableChoicesQuery.parse(request.query);
    const step = stepOf(choices);
    const policy = await disclosureOf(request, services);
    const indicators = await services.tables.indicators();
    const titleOf = new Map(indicators.map((i) => [i.code, i.title]));
    const places = await services.tables.places();
    const placeName = new Map(
      [places.england, ...places.regions, ...places.las, ...(places.served?.districts ?? []), ...(places.served?.districts.flatMap((d) => d.schools) ?? [])]
        .filter((p) => p !== null)
        .map((p) => [p.choice, p.name]),
    );
    const done = [
      ...(step > 1 ? [{ key: 'Indicators', value: choices.indicator.map((i) => titleOf.get(i) ?? i).join('; '), change: choicesHref(choices, 1) }] : []),
      ...(step > 2 ? [{ key: 'Places', value: choices.place.map((p) => placeName.get(p) ?? p).join('; '), change: choicesHref(choices, 2) }] : []),
      ...(step > 3 ? [{ key: 'Years', value: `${periodLabel(choices.from!)} to ${periodLabel(choices.to!)}`, change: choicesHref(choices, 3) }] : []),
      ...(step > 4 ? [{ key: 'Pupil groups', value: choices.group.map((g) => breakdownTitle(g)).join('; '), change: choicesHref(choices, 4) }] : []),
    ];
    const held = step === 3 || step === 4 ? await services.tables.held(choices.indicator, choices.place) : { periods: [], groups: [] };
    const query = completeTableQuery(choices);
    const built = query === null ? null : await services.tables.build(query, policy);
    return reply.view('pages/tables/builder.njk', {
      title: `Create your own table (step ${step} of 5)`,
      breadcrumbs: [{ text: 'Home', href: '/' }],
      step,
      choices,
      done,
      limits: tableLimits,
      disclosureWords:
        disclosureName(policy) === 'public' ? 'the public sees them (small numbers suppressed)' : 'your role lets you see them (true values in your scope)',
      indicatorGroups: Object.entries(feedNames)
        .map(([feed, name]) => ({ name, indicators: indicators.filter((i) => i.feed === feed) }))
        .filter((g) => g.indicators.length > 0),
      places,
      periods: held.periods.map((p) => ({ code: p, label: periodLabel(p) })),
      changePlaces: choicesHref(choices, 2),
      groups: held.groups.map((g) => ({ code: g, title: breakdownTitle(g) })),
      ...(built === null || query === null
        ? { tables: [], openData: null }
        : withOpenData(built.tables, (n) => `/tables/open-data.zip?${queryHref(query).split('?')[1]}${n === null ? '' : `&table=${n}`}`)),
      dataVersionWords: built === null ? '' : dataVersionWords(built.dataVersion),
      query: query === null ? '' : queryHref(query).split('?')[1],
    });
  });

  // The tables in the DfE's open-data layout (data.csv with its meta.csv, in a ZIP), disclosed as the page is.
  app.get('/tables/open-data.zip', { config: publicAccess }, async (request, reply) => {
    const { table, ...choices } = tableOpenDataQuery.parse(request.query);
    const query = completeTableQuery(choices);
    if (query === null) throw new BadRequestError('Choose at least one indicator, place and pupil group, and the first and last years');
    const built = await services.tables.build(query, await disclosureOf(request, services));
    const zip = await tablesOpenDataZip(services, built.tables, table, `tables-${query.from}-${query.to}`);
    return reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${zip.name}"`).send(zip.body);
  });

  // Anyone may keep a table (EES's permalinks are public too): it is built as the public sees it, whoever asks.
  app.post('/tables/permalinks', { config: { ...publicAccess, rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
    const query = completeTableQuery(tableChoicesQuery.parse(request.body));
    if (query === null) return reply.redirect(choicesHref(tableChoicesQuery.parse(request.body), 5), 303);
    const id = await services.tables.savePermalink(query);
    return reply.redirect(`/tables/permalink/${id}`, 303);
  });

  app.get<{ Params: { id: string } }>('/tables/permalink/:id', { config: publicAccess }, async (request, reply) => {
    const permalink = await services.tables.permalink(request.params.id);
    if (permalink === null) throw new NotFoundError('There is no table at this permalink.');
    const now = await services.tables.dataVersion();
    const heading = permalink.tables.length === 1 ? permalink.tables[0]!.indicator.title : `${permalink.tables.length} tables`;
    return reply.view('pages/tables/permalink.njk', {
      title: `${heading} (permalink)`,
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Create your own table', href: '/tables' },
      ],
      heading,
      id: permalink.id,
      made: londonTime(new Date(permalink.createdAt)),
      dataVersionWords: dataVersionWords(permalink.dataVersion),
      newer: newerDataThan(permalink.dataVersion, now),
      rebuild: queryHref(permalink.query),
      ...withOpenData(permalink.tables, (n) => `/tables/permalink/${permalink.id}/open-data.zip${n === null ? '' : `?table=${n}`}`),
    });
  });

  // A permalink's tables in the open-data layout, made from the tables as kept: the same bytes after any later import.
  app.get<{ Params: { id: string } }>('/tables/permalink/:id/open-data.zip', { config: publicAccess }, async (request, reply) => {
    const permalink = await services.tables.permalink(request.params.id);
    if (permalink === null) throw new NotFoundError('There is no table at this permalink.');
    const zip = await tablesOpenDataZip(services, permalink.tables, tableNumber.parse(request.query).table, `table-${permalink.id}`);
    return reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${zip.name}"`).send(zip.body);
  });
}
