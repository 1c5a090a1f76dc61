import { z } from 'zod';
import { pageOf } from '../../../domain/paging.ts';
import { paginationOf } from '../../presentation/pagination.ts';
import type { Indicator, Polarity } from '../../../domain/indicators/indicator.ts';
import { schoolPhaseLabels, schoolPhases } from '../../../domain/schools/school-phase.ts';
import type { Comparison } from '../../../services/comparison/comparison-service.ts';

/**
 * The indicator page's list of the LA's schools as a list that can be worked (issue 19.5): narrowed to a district and a
 * phase, sorted by value, name or district, 50 a page (or all), with GOV.UK pagination whose links keep the filters.
 * Its downloads hold every school the filters leave, in the same order, on every page (`schoolListTable` in routes.ts),
 * never only the page shown.
 */
export type ListedSchool = NonNullable<Comparison['focus']>['schools'][number];

export const schoolListPageSize = 50;

/** `value`: best first as the indicator's polarity reads it (the service's order); `name`: A to Z; `district`: by district, then value. */
export const schoolListSorts = ['value', 'name', 'district'] as const;
type SchoolListSort = (typeof schoolListSorts)[number];

const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

/** The list's own query parameters, beside the page's (period, breakdown, focus). */
export const schoolListQuery = z.object({
  district: unsetIfEmpty(
    z
      .string()
      .regex(/^[A-Z0-9]{3,12}$/, 'a district is an ONS code such as E07000114')
      .optional(),
  ),
  phase: unsetIfEmpty(z.enum(schoolPhases).optional()),
  sort: unsetIfEmpty(z.enum(schoolListSorts).default('value')),
  page: unsetIfEmpty(
    z
      .string()
      .regex(/^(all|[1-9]\d{0,5})$/, 'a page number from 1, or all')
      .default('1')
      .transform((p) => (p === 'all' ? ('all' as const) : Number(p))),
  ),
});
export type SchoolListQuery = z.output<typeof schoolListQuery>;

/** The value order in words, by the indicator's polarity: the service lists the best first, or the highest where none is better. */
export function valueOrderLabel(polarity: Polarity): string {
  return polarity === 'higher_is_better' ? 'Best (highest) first' : polarity === 'lower_is_better' ? 'Best (lowest) first' : 'Highest first';
}

const byName = (a: ListedSchool, b: ListedSchool) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code);

/**
 * The schools the filters leave, in the order asked, with the districts and phases there are to choose from. A district
 * none of the schools is in is no filter (every school is listed rather than none); a phase is, and may leave none.
 */
export function schoolsListed(all: readonly ListedSchool[], q: SchoolListQuery) {
  const districts = [...new Map(all.flatMap((s) => (s.district === null ? [] : [[s.district.code, s.district] as const]))).values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const phases = schoolPhases.filter((p) => all.some((s) => s.phase === p));
  const district = districts.find((d) => d.code === q.district) ?? null;
  const filtered = all.filter((s) => (district === null || s.district?.code === district.code) && (q.phase === undefined || s.phase === q.phase));
  // The service's order is the value order; a sort by district keeps it within each district (schools not placed last).
  const position = new Map(all.map((s, i) => [s, i]));
  const schools =
    q.sort === 'name'
      ? [...filtered].sort(byName)
      : q.sort === 'district'
        ? [...filtered].sort(
            (a, b) =>
              Number(a.district === null) - Number(b.district === null) ||
              (a.district?.name ?? '').localeCompare(b.district?.name ?? '') ||
              position.get(a)! - position.get(b)!,
          )
        : filtered;
  return { districts, phases, district, schools };
}

/** The page's parameters with the list's, defaults left out (value order, page 1). */
function listParams(base: URLSearchParams, to: SchoolListQuery): string {
  const params = new URLSearchParams(base);
  if (to.district !== undefined) params.set('district', to.district);
  if (to.phase !== undefined) params.set('phase', to.phase);
  if (to.sort !== 'value') params.set('sort', to.sort);
  if (to.page !== 1) params.set('page', String(to.page));
  return params.toString();
}

const schoolsWord = (n: number) => (n === 1 ? 'school' : 'schools');

/**
 * Everything the template shows of the list: the choices, what is on and how many schools match, one page of them (or
 * all), the pagination and the downloads' addresses. `base` holds the page's own parameters (period, breakdown, focus).
 */
export function schoolListView(
  c: Readonly<{ indicator: Pick<Indicator, 'code' | 'polarity'>; focus: Readonly<{ schools: readonly ListedSchool[] }> | null }>,
  q: SchoolListQuery,
  base: URLSearchParams,
) {
  const all = c.focus?.schools ?? [];
  const path = `/indicators/${c.indicator.code}`;
  const listed = schoolsListed(all, q);
  // The filters as the list applies them: an unknown district is dropped, so links and the form never carry it.
  const applied: SchoolListQuery = { ...q, district: listed.district?.code };
  const paging = pageOf(listed.schools, applied.page, schoolListPageSize);
  // Each link to the list opens the page at the list's heading.
  const href = (change: Partial<SchoolListQuery>) => `${path}?${listParams(base, { ...applied, ...change })}#schools`;
  const current = paging.page === 'all' ? null : paging.page;
  const filtersOn = [
    ...(listed.district === null ? [] : [`district ${listed.district.name}`]),
    ...(applied.phase === undefined ? [] : [`${schoolPhaseLabels[applied.phase].toLowerCase()} schools`]),
  ];
  const sortLabels: Readonly<Record<SchoolListSort, string>> = {
    value: valueOrderLabel(c.indicator.polarity),
    name: 'Name, A to Z',
    district: 'District, then value',
  };
  const downloadQuery = listParams(base, { ...applied, page: 1 });
  return {
    total: all.length,
    matching: paging.total,
    schools: paging.items,
    paging,
    districts: listed.districts,
    district: listed.district,
    phases: listed.phases.map((p) => ({ value: p, text: schoolPhaseLabels[p], selected: applied.phase === p })),
    phaseLabels: schoolPhaseLabels,
    sorts: schoolListSorts.map((s) => ({ value: s, text: sortLabels[s], selected: applied.sort === s })),
    sortLabel: sortLabels[applied.sort].toLowerCase(),
    q: applied,
    current,
    showing:
      paging.total === 0
        ? null
        : paging.page === 'all' || paging.pages === 1
          ? `Showing all ${paging.total} ${schoolsWord(paging.total)}`
          : `Showing ${paging.first} to ${paging.last} of ${paging.total} ${schoolsWord(paging.total)}`,
    caption:
      paging.page === 'all' || paging.pages === 1
        ? `${paging.total} ${schoolsWord(paging.total)}`
        : `Schools ${paging.first} to ${paging.last} of ${paging.total}`,
    filtersOn,
    clearHref: href({ district: undefined, phase: undefined, page: 1 }),
    beyond: paging.beyond ? `There ${paging.pages === 1 ? 'is only 1 page' : `are only ${paging.pages} pages`} of schools: this is the last.` : null,
    allHref: paging.pages > 1 && paging.page !== 'all' ? href({ page: 'all' }) : null,
    pagedHref: paging.page === 'all' && paging.pages > 1 ? href({ page: 1 }) : null,
    // Every school the filters leave, whichever page is shown: the list's own download, built from the same figures.
    downloads: {
      csv: `${path}/schools.csv?${downloadQuery}`,
      xlsx: `${path}/schools.xlsx?${downloadQuery}`,
    },
    pageSize: schoolListPageSize,
    pagination: paginationOf(current, paging.pages, (page) => href({ page }), 'Pages of the list of schools'),
  };
}
