import { publicAccess } from '../../../domain/access/route-access.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { watchListQuery } from '../../../api/v1/schemas.ts';
import { pageNumbersShown } from '../../../domain/paging.ts';
import { academicYearLabel } from '../../../domain/periods/period.ts';
import { riskBandFrom, riskBandLabels, riskBands, riskPoints, type RiskBand } from '../../../domain/schools/risk.ts';
import { trendLabels } from '../../../domain/schools/trends.ts';
import { watchListPageSize, watchListSortLabels, watchListSorts, watchListStatusLabels, watchListStatuses } from '../../../domain/schools/watch-list.ts';
import type { Services } from '../../../services/create-services.ts';

const query = z.object({
  la: z
    .string()
    .regex(/^\d{3}$/)
    .default('886'),
  district: z
    .string()
    .regex(/^[A-Z0-9]{3,12}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  phase: z
    .enum(['primary', 'secondary'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

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
      pagination:
        current === null || paging.pages === 1
          ? null
          : {
              previous: current > 1 ? { href: pageHref(current - 1) } : undefined,
              next: current < paging.pages ? { href: pageHref(current + 1) } : undefined,
              items: pageNumbersShown(current, paging.pages).map((n) =>
                n === null ? { ellipsis: true } : { number: String(n), href: pageHref(n), current: n === current },
              ),
              landmarkLabel: 'Pages of the watch list',
            },
    });
  });

  app.get('/school-trends', { config: publicAccess }, async (request, reply) => {
    const q = query.parse(request.query);
    const trends = await services.schoolImprovement.trends(q.la);
    // The two lists narrowed to one district where one is asked for (issue 19.5): the counts and what the improving
    // schools have in common stay the LA's. A district none of the schools listed is in is no filter.
    type Listed = Readonly<{ district: Readonly<{ code: string; name: string }> | null }>;
    const districts = [
      ...new Map(
        [...trends.improving, ...trends.declining].flatMap((sc: Listed) => (sc.district === null ? [] : [[sc.district.code, sc.district] as const])),
      ).values(),
    ].sort((a, b) => a.name.localeCompare(b.name));
    const district = districts.find((d) => d.code === q.district) ?? null;
    const inDistrict = <T extends Listed>(list: readonly T[]) => (district === null ? list : list.filter((sc) => sc.district?.code === district.code));
    return reply.view('pages/watch-list/trends.njk', {
      title: `Rapidly improving and declining schools – ${trends.la.name}`,
      section: 'schools',
      trends,
      districts,
      district,
      improving: inDistrict(trends.improving),
      declining: inDistrict(trends.declining),
      trendLabels,
      academicYearLabel,
    });
  });
}
