import { publicAccess } from '../../domain/access/route-access.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { grantInForce } from '../../domain/access/decide-access.ts';
import { disclosureName } from '../../domain/indicators/disclosure.ts';
import type { Services } from '../../services/create-services.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { pageBeyondError } from '../../domain/paging.ts';
import { riskBands } from '../../domain/schools/risk.ts';
import { watchListSorts, watchListStatuses } from '../../domain/schools/watch-list.ts';
import { dashboardKinds, type DashboardKind } from '../../services/geography/place-dashboard.ts';
import {
  dashboardResponse,
  evaluationQuery,
  evaluationResponse,
  frameworksResponse,
  indicatorsResponse,
  meResponse,
  observationQuery,
  observationsResponse,
  pupilGroupQuery,
  pupilGroupResponse,
  targetHistoryResponse,
  watchListQuery,
  watchListResponse,
} from './schemas.ts';
import { comparisonOpenDataZip, indicatorPageQuery } from './open-data-zip.ts';

/** JSON API v1. Figures are disclosed for the reader: public, or true values where a signed-in reader's roles reach (issue 14.4). */
export function apiRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/indicators', { config: publicAccess }, async () => {
    const indicators = await services.observations.indicators();
    return indicatorsResponse.parse({
      count: indicators.length,
      indicators: indicators.map((i) => ({ ...i, successor: i.successor, lait: i.lait })),
    });
  });

  // An indicator's England, regions and every LA in the DfE's open-data layout (data.csv and meta.csv in a ZIP), with
  // the indicator page's choices and its disclosure: the same file as the page's third download.
  app.get<{ Params: { code: string } }>('/api/v1/indicators/:code/open-data.zip', { config: publicAccess }, async (request, reply) => {
    const comparison = await services.comparison.compare(request.params.code, indicatorPageQuery.parse(request.query), await request.disclosure());
    const zip = await comparisonOpenDataZip(comparison, await services.places.laRegions());
    return reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${zip.name}"`).send(zip.body);
  });

  app.get('/api/v1/observations', { config: publicAccess }, async (request) => {
    const query = observationQuery.parse(request.query);
    const policy = await request.disclosure();
    const observations = await services.observations.query(query, policy);
    return observationsResponse.parse({ disclosure: disclosureName(policy), count: observations.length, observations });
  });

  // Each answer reads pupil records: a reader may ask 60 a minute.
  app.get('/api/v1/pupil-groups', { config: { ...publicAccess, rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (request) => {
    const { collection, period, dataVersion, placeKind, place, ...filter } = pupilGroupQuery.parse(request.query);
    const policy = await request.disclosure();
    const answer = await services.pupils.adHoc({ collection, period, dataVersion, placeKind, place, filter }, policy, request.who());
    return pupilGroupResponse.parse({ disclosure: disclosureName(policy), ...answer });
  });

  app.get('/api/v1/frameworks', { config: publicAccess }, () =>
    frameworksResponse.parse({
      frameworks: services.frameworks.list().map((f) => ({ id: f.id, name: f.name, version: f.version, la: f.la, years: f.years, targets: f.targets.length })),
    }),
  );

  app.get<{ Params: { id: string } }>('/api/v1/frameworks/:id/evaluation', { config: publicAccess }, async (request) => {
    const query = evaluationQuery.parse(request.query);
    const policy = await request.disclosure();
    const e = await services.frameworks.evaluate(request.params.id, query.year, policy, query.place);
    return evaluationResponse.parse({
      disclosure: disclosureName(policy),
      framework: e.framework.id,
      year: e.year,
      place: e.place,
      counts: e.counts,
      targets: e.targets.map(({ target, measure, evaluation }) => ({
        id: target.id,
        number: target.number,
        priority: target.priority,
        title: target.title,
        indicator: target.indicator,
        measure: measure?.code ?? null,
        breakdown: target.gap === null ? target.breakdown : `gap: ${target.gap.other} − ${target.gap.group}`,
        status: evaluation.status,
        reason: evaluation.reason,
        value: evaluation.value,
        trajectory: evaluation.trajectory,
        rules: evaluation.rules,
        rationale: target.rationale,
      })),
    });
  });

  app.get<{ Params: { kind: string; code: string } }>('/api/v1/places/:kind/:code/dashboard', { config: publicAccess }, async (request) => {
    const kind = request.params.kind as DashboardKind;
    if (!dashboardKinds.includes(kind)) throw new NotFoundError(`A dashboard is for an LA, a district or a grouping, not "${request.params.kind}"`);
    const policy = await request.disclosure();
    const d = await services.dashboards.dashboard(kind, request.params.code, policy);
    return dashboardResponse.parse({
      ...d,
      indicators: d.indicators.map(({ indicator, ...rest }) => ({ indicator: indicator.code, title: indicator.title, unit: indicator.unit, ...rest })),
      gaps: d.gaps.map(({ indicator, ...rest }) => ({ indicator: indicator.code, title: indicator.title, ...rest })),
    });
  });

  // The watch list as its page lists it (issue 19 item 5): the same query, the same rule, one page of 50 or all.
  app.get('/api/v1/schools/watch-list', { config: publicAccess }, async (request) => {
    const q = watchListQuery.strict().parse(request.query);
    const filter = { district: q.district, phase: q.phase, bands: q.band, status: q.status, sort: q.sort };
    const list = await services.schoolImprovement.watchList(q.la, filter, q.page);
    // A client reading page after page must not be given the last page again for one past it.
    const beyond = pageBeyondError(list.paging, q.page);
    if (beyond !== null) throw beyond;
    return watchListResponse.parse({
      la: list.la,
      asAt: list.asAt,
      filter: { district: q.district ?? null, phase: q.phase ?? null, status: q.status ?? null, bands: q.band, sort: q.sort },
      total: list.paging.total,
      page: list.paging.page,
      pages: list.paging.pages,
      pageSize: list.paging.size,
      count: list.schools.length,
      schools: list.schools.map((s) => ({
        urn: s.urn,
        name: s.name,
        phase: s.phase,
        district: s.district,
        riskScore: s.risk.score,
        band: s.band,
        components: s.risk.components,
        declining: s.declining,
        ofsted:
          s.ofsted === null
            ? null
            : {
                grade: s.ofsted.grade,
                label: s.ofsted.label,
                category: s.ofsted.category,
                inspectedOn: s.ofsted.inspectedOn,
                carried: s.ofsted.carried,
                concern: s.ofstedConcern,
              },
        floor:
          s.floor === null || !s.floor.result.applies
            ? null
            : {
                period: s.floor.period,
                label: s.floor.label,
                below: s.floor.result.below,
                failed: 'failed' in s.floor.result ? (s.floor.result.failed ?? []) : [],
              },
        coasting:
          s.coasting === null || s.coasting === undefined
            ? null
            : { period: s.coasting.period, label: s.coasting.label, coasting: s.coasting.result.coasting, reason: s.coasting.result.reason },
      })),
    });
  });

  app.get<{ Params: { id: string } }>('/api/v1/targets/:id', { config: publicAccess }, async (request) => {
    const policy = await request.disclosure();
    const history = await services.frameworks.history(request.params.id, policy);
    return targetHistoryResponse.parse({
      disclosure: disclosureName(policy),
      target: request.params.id,
      versions: history.map(({ framework, target, years }) => ({
        framework: framework.id,
        version: framework.version,
        title: target.title,
        wording: target.wording,
        indicator: target.indicator,
        baseline: target.baseline === null ? null : { year: target.baseline.year, value: target.baseline.value },
        rationale: target.rationale,
        years: years.map(({ evaluation: e }) => ({ year: e.year, status: e.status, reason: e.reason, value: e.value, trajectory: e.trajectory })),
      })),
    });
  });

  // Who the API takes the caller to be: a personal API token's owner (Authorization: Bearer wm_…), or the signed-in user.
  app.get('/api/v1/me', { config: { access: 'signed-in' } }, async (request, reply) => {
    const principal = request.principal!;
    const today = services.sessions.today();
    const grants = await services.sessions.grantsShown(principal.userId);
    void reply.header('cache-control', 'no-store');
    return meResponse.parse({
      username: principal.username,
      displayName: principal.displayName,
      via: request.viaToken ? 'token' : 'session',
      roles: grants.map((g) => ({
        role: g.role,
        place: g.placeKind === null ? null : { kind: g.placeKind, code: g.placeCode, name: g.placeName },
        validFrom: g.validFrom,
        validTo: g.validTo,
        inForce: grantInForce(g, today),
      })),
    });
  });

  app.get('/api/v1/openapi.json', { config: publicAccess }, () => openApiDocument);
}

/** The table builder's choices as query parameters: the tables, and their open-data file. */
const tableQueryParameters = [
  {
    name: 'indicator',
    in: 'query',
    required: true,
    schema: { type: 'array', items: { type: 'string' } },
    style: 'form',
    explode: true,
    description: 'Indicator codes (up to 10)',
  },
  {
    name: 'place',
    in: 'query',
    required: true,
    schema: { type: 'array', items: { type: 'string' } },
    style: 'form',
    explode: true,
    description: 'Places as kind:code, e.g. la:886, country:E92000001, district:E07000110, school:118765 (up to 100)',
  },
  {
    name: 'from',
    in: 'query',
    required: true,
    schema: { type: 'string', pattern: '^\\d{4}(\\d{2})?$' },
    description: 'The first year, e.g. 201213 for 2012/13',
  },
  { name: 'to', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{4}(\\d{2})?$' }, description: 'The last year' },
  {
    name: 'group',
    in: 'query',
    required: true,
    schema: { type: 'array', items: { type: 'string' } },
    style: 'form',
    explode: true,
    description: 'Pupil group codes, e.g. all, fsm, gender:female (up to 12)',
  },
];

/** Which table's open-data file: the Nth of a build or a permalink, all of them without. */
const tableNumberParameter = {
  name: 'table',
  in: 'query',
  required: false,
  schema: { type: 'integer', minimum: 1 },
  description: 'The Nth table alone (from 1, in the order of the indicators); every table without',
};

const openDataZipResponse = {
  description:
    'A ZIP in the DfE open-data layout: data.csv and meta.csv, or, where the tables hold more than one kind of year (academic, financial, calendar) or schools beside other places, a data file and its .meta.csv for each, listed in dataset_names.csv',
  content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
};

const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Waymark API',
    version: '1',
    description:
      "A local authority's education performance framework: indicators and their observations, disclosed for the audience. Open to all without a token (public disclosure); a personal API token, made on the account page, is sent as `Authorization: Bearer wm_…` and acts with its owner's roles.",
  },
  components: { securitySchemes: { apiToken: { type: 'http', scheme: 'bearer', description: 'A personal API token (wm_…) from your account page' } } },
  paths: {
    '/api/v1/indicators': {
      get: {
        summary: 'The indicator catalogue',
        responses: { '200': { description: 'Every indicator', content: { 'application/json': { schema: z.toJSONSchema(indicatorsResponse) } } } },
      },
    },
    '/api/v1/indicators/{code}/open-data.zip': {
      get: {
        summary:
          "An indicator's England, regions and every LA for a year and pupil group in the DfE's open-data layout (Explore Education Statistics): data.csv and meta.csv in a ZIP, after disclosure",
        parameters: [
          { name: 'code', in: 'path', required: true, schema: { type: 'string' } },
          ...Object.entries((z.toJSONSchema(indicatorPageQuery) as { properties: Record<string, object> }).properties).map(([name, schema]) => ({
            name,
            in: 'query',
            required: false,
            schema,
          })),
        ],
        responses: {
          '200': { description: 'A ZIP holding data.csv and meta.csv', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } },
          '400': { description: 'A query that is not valid, with the reason' },
          '404': { description: 'An unknown indicator' },
        },
      },
    },
    '/api/v1/observations': {
      get: {
        summary: 'Observations of an indicator and/or a place, with DfE symbols, published rounding and provenance',
        parameters: Object.entries((z.toJSONSchema(observationQuery) as { properties: Record<string, object> }).properties).map(([name, schema]) => ({
          name,
          in: 'query',
          required: false,
          schema,
        })),
        responses: {
          '200': { description: 'Observations after disclosure', content: { 'application/json': { schema: z.toJSONSchema(observationsResponse) } } },
          '400': { description: 'A query that is not valid, with the reason' },
          '404': { description: 'An unknown indicator or place' },
        },
      },
    },
    '/api/v1/frameworks': {
      get: {
        summary: 'The performance frameworks held (versioned files in frameworks/)',
        responses: { '200': { description: 'Every framework', content: { 'application/json': { schema: z.toJSONSchema(frameworksResponse) } } } },
      },
    },
    '/api/v1/frameworks/{id}/evaluation': {
      get: {
        summary: 'Every target of a framework for a year and place: status (met, on track, off track, not yet due, no data) and the reason',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          ...Object.entries((z.toJSONSchema(evaluationQuery, { io: 'input' }) as { properties: Record<string, object> }).properties).map(([name, schema]) => ({
            name,
            in: 'query',
            required: name === 'year',
            schema,
          })),
        ],
        responses: {
          '200': {
            description: 'The evaluation, from figures after disclosure',
            content: { 'application/json': { schema: z.toJSONSchema(evaluationResponse) } },
          },
          '404': { description: 'An unknown framework or place' },
        },
      },
    },
    '/api/v1/places/{kind}/{code}/dashboard': {
      get: {
        summary:
          "A place's dashboard: its framework targets off track, key indicators with England, region, neighbours, rank and band, the disadvantaged gap, and its schools",
        parameters: [
          { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: ['la', 'district', 'grouping'] } },
          { name: 'code', in: 'path', required: true, schema: { type: 'string' }, description: 'A DfE LA code (886), an ONS district code or a grouping code' },
        ],
        responses: {
          '200': {
            description: 'The dashboard, from figures after disclosure',
            content: { 'application/json': { schema: z.toJSONSchema(dashboardResponse) } },
          },
          '404': { description: 'An unknown place, or a kind of place with no dashboard' },
        },
      },
    },
    '/api/v1/tables': {
      get: {
        summary:
          "The table builder's tables for the reader: one per indicator, a row per place and pupil group with a figure, a column per year held from `from` to `to`, with the data version (the latest import) they were built from",
        parameters: tableQueryParameters,
      },
    },
    '/api/v1/tables/open-data.zip': {
      get: {
        summary:
          "The table builder's tables for the reader in the DfE's open-data layout (Explore Education Statistics), as /api/v1/tables gives them: England, regions, LAs, districts and schools at their geographic levels, pupil groups in the breakdown filter",
        parameters: [...tableQueryParameters, tableNumberParameter],
        responses: {
          '200': openDataZipResponse,
          '400': { description: 'Choices that are not valid or complete, or a place the layout has no level for (an LA grouping), with the reason' },
          '404': { description: 'An unknown indicator or place, or no such table' },
        },
      },
    },
    '/api/v1/tables/permalinks/{id}': {
      get: {
        summary: 'A permalinked table as it was kept when made (as the public sees it), with the data version it was built from and the latest one held now',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z2-7]{16}$' } }],
      },
    },
    '/api/v1/tables/permalinks/{id}/open-data.zip': {
      get: {
        summary: "A permalinked table in the DfE's open-data layout, made from the tables as kept: the same bytes however many files are imported later",
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z2-7]{16}$' } }, tableNumberParameter],
        responses: {
          '200': openDataZipResponse,
          '400': { description: 'A place the layout has no level for (an LA grouping), with the reason' },
          '404': { description: 'No table at this permalink, or no such table in it' },
        },
      },
    },
    '/api/v1/schools/watch-list': {
      get: {
        summary:
          "An LA's state-funded mainstream schools by risk score, each with its band, components, Ofsted judgement, floor standard, coasting (2016-2018) and whether declining; filtered, sorted and paged as the watch list page is",
        parameters: [
          { name: 'la', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d{3}$', default: '886' }, description: 'A DfE LA code' },
          { name: 'district', in: 'query', required: false, schema: { type: 'string' }, description: 'An ONS district code of the LA, e.g. E07000114' },
          { name: 'phase', in: 'query', required: false, schema: { type: 'string', enum: ['primary', 'secondary'] } },
          {
            name: 'status',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: [...watchListStatuses] },
            description:
              'declining: any headline trend significantly declining; below-floor: below the floor standard in the latest year held; ofsted-concern: requires improvement, inadequate or a category of concern; declining-or-at-risk: declining, or in the high or medium band',
          },
          {
            name: 'band',
            in: 'query',
            required: false,
            schema: { type: 'array', items: { type: 'string', enum: [...riskBands] } },
            style: 'form',
            explode: true,
            description: 'One risk band or more (band=high&band=medium, or band=high,medium): high 40 or more, medium 20-39, low 1-19, none 0',
          },
          { name: 'sort', in: 'query', required: false, schema: { type: 'string', enum: [...watchListSorts], default: 'risk' } },
          {
            name: 'page',
            in: 'query',
            required: false,
            schema: {
              oneOf: [
                { type: 'integer', minimum: 1 },
                { type: 'string', enum: ['all'] },
              ],
              default: 1,
            },
            description: 'A page of 50 schools, or all; a page past the last is refused',
          },
        ],
        responses: {
          '200': { description: 'The schools meeting the filter', content: { 'application/json': { schema: z.toJSONSchema(watchListResponse) } } },
          '400': { description: 'A query that is not valid, or a page past the last, with the reason' },
          '404': { description: 'An unknown LA' },
        },
      },
    },
    '/api/v1/targets/{id}': {
      get: {
        summary: 'One target across every framework version that holds it, with its status and reason for each year',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: "The target's history", content: { 'application/json': { schema: z.toJSONSchema(targetHistoryResponse) } } },
          '404': { description: 'No framework holds the target' },
        },
      },
    },
    '/api/v1/me': {
      get: {
        summary: "Who the API takes the caller to be: the API token's owner and their roles",
        security: [{ apiToken: [] }],
        responses: {
          '200': { description: 'The caller and their roles', content: { 'application/json': { schema: z.toJSONSchema(meResponse) } } },
          '401': { description: 'A token that is unknown, expired or revoked, or whose account is disabled' },
          '403': { description: 'No token (nor session) was sent' },
        },
      },
    },
    '/api/v1/pupil-groups': {
      get: {
        summary: 'Any pupil group in one place and year, computed live from the pupil records through the same disclosure step',
        parameters: Object.entries(
          (z.toJSONSchema(pupilGroupQuery, { io: 'input' }) as { properties: Record<string, object>; required?: string[] }).properties,
        ).map(([name, schema]) => ({ name, in: 'query', required: ['collection', 'period', 'placeKind', 'place'].includes(name), schema })),
        responses: {
          '200': {
            description: 'Every measure of the collection for the group, after disclosure',
            content: { 'application/json': { schema: z.toJSONSchema(pupilGroupResponse) } },
          },
          '400': { description: 'A query that is not valid, with the reason' },
          '404': { description: 'No pupil records for that collection and year, or an unknown place' },
        },
      },
    },
  },
} as const;
