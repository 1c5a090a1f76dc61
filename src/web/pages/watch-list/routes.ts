import { publicAccess } from '../../../domain/access/route-access.ts';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { watchListQuery } from '../../../api/v1/schemas.ts';
import { pageOf } from '../../../domain/paging.ts';
import { paginationOf } from '../../presentation/pagination.ts';
import { academicYearLabel } from '../../../domain/periods/period.ts';
import { riskBandFrom, riskBandLabels, riskBands, riskPoints, type RiskBand } from '../../../domain/schools/risk.ts';
import { trendLabels } from '../../../domain/schools/trends.ts';
import {
  watchListOf,
  watchListPageSize,
  watchListSortLabels,
  watchListSorts,
  watchListStatusLabels,
  watchListStatuses,
} from '../../../domain/schools/watch-list.ts';
import type { Services } from '../../../services/create-services.ts';

/** The school-trends page's filters: the watch list's, but for its status (every school listed is improving or declining). */
const trendsQuery = watchListQuery.omit({ status: true });
type TrendsQuery = z.output<typeof trendsQuery>;

type WatchListQuery = z.output<typeof watchListQuery>;

/** Each band's scores in words, from its edges (risk.ts). */
const bandScores: Readonly<Record<RiskBand, string>> = {
  high: `${riskBandFrom.high} or more`,
  medium: `${riskBandFrom.medium} to ${riskBandFrom.high - 1}`,
  low: `${riskBandFrom.low} to ${riskBandFrom.medium - 1}`,
  none: '0',
};

/** The watch list's address for a query: defaults left out (risk order, page 1), so the plain list is `/watch-list?la=886`. */
function watchListHref(q: WatchListQuery, change: Partial<WatchListQuery> = {}): string {
  const to = { ...q, ...change };
  const params = new URLSearchParams({ la: to.la });
  if (to.district !== undefined) params.set('district', to.district);
  if (to.phase !== undefined) params.set('phase', to.phase);
  if (to.status !== undefined) params.set('status', to.status);
  for (const band of to.band) params.append('band', band);
  if (to.sort !== 'risk') params.set('sort', to.sort);
  if (to.page !== 1) params.set('page', String(to.page));
  return `/watch-list?${params.toString()}`;
}

/** The school-trends page's address for a query: defaults left out (risk order, page 1). */
function trendsHref(q: TrendsQuery, change: Partial<TrendsQuery> = {}): string {
  const to = { ...q, ...change };
  const params = new URLSearchParams({ la: to.la });
  if (to.district !== undefined) params.set('district', to.district);
  if (to.phase !== undefined) params.set('phase', to.phase);
  for (const band of to.band) params.append('band', band);
  if (to.sort !== 'risk') params.set('sort', to.sort);
  if (to.page !== 1) params.set('page', String(to.page));
  return `/school-trends?${params.toString()}`;
}

/** The watch list (schools by a transparent risk score) and the county's rapidly improving and declining schools. */
export function watchListRoutes(app: FastifyInstance, services: Services): void {
  app.get('/watch-list', { config: publicAccess }, async (request, reply) => {
    const q = watchListQuery.parse(request.query);
    const list = await services.schoolImprovement.watchList(
      q.la,
      { district: q.district, phase: q.phase, bands: q.band, status: q.status, sort: q.sort },
      q.page,
    );
    const { paging } = list;
    const pageHref = (page: number | 'all') => watchListHref(q, { page });
    const current = paging.page === 'all' ? null : paging.page;
    const district = list.districts.find((d) => d.code === q.district);
    // The filters on, in words; the order asked is not a filter and is kept when they are cleared.
    const filtersOn = [
      ...(q.district === undefined ? [] : [`district ${district?.name ?? q.district}`]),
      ...(q.phase === undefined ? [] : [`${q.phase} schools`]),
      ...(q.status === undefined ? [] : [watchListStatusLabels[q.status].toLowerCase()]),
      ...(q.band.length === 0 ? [] : [`${q.band.map((b) => riskBandLabels[b].toLowerCase()).join(' or ')} risk`]),
    ];
    const schoolsWord = (n: number) => (n === 1 ? 'school' : 'schools');
    return reply.view('pages/watch-list/view.njk', {
      title: `Watch list${current !== null && current > 1 ? ` (page ${current} of ${paging.pages})` : ''} – ${list.la.name}`,
      section: 'schools',
      list,
      q,
      riskPoints,
      academicYearLabel,
      bandItems: riskBands.map((b) => ({ value: b, text: `${riskBandLabels[b]} (${bandScores[b]})`, checked: q.band.includes(b) })),
      riskBandLabels,
      bandScores,
      statusItems: watchListStatuses.map((s) => ({ value: s, text: watchListStatusLabels[s], selected: q.status === s })),
      sortItems: watchListSorts.map((s) => ({ value: s, text: watchListSortLabels[s], selected: q.sort === s })),
      sortLabel: watchListSortLabels[q.sort].toLowerCase(),
      showing:
        paging.total === 0
          ? null
          : paging.page === 'all' || paging.pages === 1
            ? `Showing all ${paging.total} ${schoolsWord(paging.total)}`
            : `Showing ${paging.first} to ${paging.last} of ${paging.total} ${schoolsWord(paging.total)}`,
      filtersOn,
      clearHref: watchListHref({ la: q.la, band: [], sort: q.sort, page: 1 }),
      beyond: paging.beyond ? `There ${paging.pages === 1 ? 'is only 1 page' : `are only ${paging.pages} pages`}: this is the last.` : null,
      // A paged view's table holds one page; its downloads hold every school meeting the filter (the all view's table).
      allHref: paging.pages > 1 && paging.page !== 'all' ? pageHref('all') : null,
      pagedHref: paging.page === 'all' && paging.pages > 1 ? pageHref(1) : null,
      downloads:
        paging.pages > 1 && paging.page !== 'all' ? { csv: `${pageHref('all')}&download=csv&table=1`, xlsx: `${pageHref('all')}&download=xlsx&table=1` } : null,
      pageSize: watchListPageSize,
      pagination: paginationOf(current, paging.pages, pageHref, 'Pages of the watch list'),
    });
  });

  app.get('/school-trends', { config: publicAccess }, async (request, reply) => {
    const asked = trendsQuery.parse(request.query);
    const trends = await services.schoolImprovement.trends(asked.la);
    // The two lists narrowed to a district, a phase and risk bands, in the order asked, by the watch list's own rule
    // (watchListOf: the same filters and orders); the declining schools 50 a page (issue 19.5). The counts and what the
    // improving schools have in common stay the LA's. A district none of the schools listed is in is no filter.
    const districts = watchListOf([...trends.improving, ...trends.declining]).districts;
    const q: TrendsQuery = { ...asked, district: districts.some((d) => d.code === asked.district) ? asked.district : undefined };
    const filter = { district: q.district, phase: q.phase, bands: q.band, sort: q.sort };
    const improving = watchListOf(trends.improving, filter).schools;
    const { items: declining, ...paging } = pageOf(watchListOf(trends.declining, filter).schools, q.page, watchListPageSize);
    const pageHref = (page: number | 'all') => trendsHref(q, { page });
    const current = paging.page === 'all' ? null : paging.page;
    const district = districts.find((d) => d.code === q.district) ?? null;
    const filtersOn = [
      ...(district === null ? [] : [`district ${district.name}`]),
      ...(q.phase === undefined ? [] : [`${q.phase} schools`]),
      ...(q.band.length === 0 ? [] : [`${q.band.map((b) => riskBandLabels[b].toLowerCase()).join(' or ')} risk`]),
    ];
    // What they have in common, where the improving schools have any; the tables before the declining schools', counted
    // as the downloads count a page's tables (the counts, each feature, the improving schools), so a paged view's
    // downloads can name the declining schools' table on the all view.
    const inCommon = trends.improving.length === 0 ? [] : trends.inCommon.filter((f) => f.values.length > 0);
    const decliningTable = 1 + inCommon.length + (trends.improving.length > 0 && improving.length > 0 ? 1 : 0) + 1;
    const schoolsWord = (n: number) => (n === 1 ? 'school' : 'schools');
    return reply.view('pages/watch-list/trends.njk', {
      title: `Rapidly improving and declining schools${current !== null && current > 1 ? ` (page ${current} of ${paging.pages})` : ''} – ${trends.la.name}`,
      section: 'schools',
      trends,
      districts,
      district,
      q,
      improving,
      declining,
      inCommon,
      paging,
      phaseWord: q.phase === undefined ? '' : `${q.phase} `,
      filtered: filtersOn.length > 0,
      filtersOn,
      clearHref: trendsHref({ la: q.la, band: [], sort: q.sort, page: 1 }),
      showing:
        paging.total === 0
          ? null
          : paging.page === 'all' || paging.pages === 1
            ? `Showing all ${paging.total} declining ${schoolsWord(paging.total)}`
            : `Showing ${paging.first} to ${paging.last} of ${paging.total} declining schools`,
      beyond: paging.beyond
        ? `There ${paging.pages === 1 ? 'is only 1 page' : `are only ${paging.pages} pages`} of declining schools: this is the last.`
        : null,
      allHref: paging.pages > 1 && paging.page !== 'all' ? pageHref('all') : null,
      pagedHref: paging.page === 'all' && paging.pages > 1 ? pageHref(1) : null,
      // A paged view's table holds one page; its downloads hold every declining school the filters leave, on any page:
      // the all view's table.
      downloads: { csv: `${pageHref('all')}&download=csv&table=${decliningTable}`, xlsx: `${pageHref('all')}&download=xlsx&table=${decliningTable}` },
      pageSize: watchListPageSize,
      pagination: paginationOf(current, paging.pages, pageHref, 'Pages of the declining schools'),
      bandItems: riskBands.map((b) => ({ value: b, text: `${riskBandLabels[b]} (${bandScores[b]})`, checked: q.band.includes(b) })),
      sortItems: watchListSorts.map((s) => ({ value: s, text: watchListSortLabels[s], selected: q.sort === s })),
      sortLabel: watchListSortLabels[q.sort].toLowerCase(),
      riskBandLabels,
      trendLabels,
      academicYearLabel,
    });
  });
}
