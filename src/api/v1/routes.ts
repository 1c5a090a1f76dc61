import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { publicDisclosure } from '../../domain/indicators/disclosure.ts';
import type { Services } from '../../services/create-services.ts';
import { indicatorsResponse, observationQuery, observationsResponse, pupilGroupQuery, pupilGroupResponse } from './schemas.ts';

/** JSON API v1. Figures are disclosed for a public audience until sign-in and place-scoped roles exist. */
export function apiRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/indicators', async () => {
    const indicators = await services.observations.indicators();
    return indicatorsResponse.parse({
      count: indicators.length,
      indicators: indicators.map((i) => ({ ...i, successor: i.successor, lait: i.lait })),
    });
  });

  app.get('/api/v1/observations', async (request) => {
    const query = observationQuery.parse(request.query);
    const observations = await services.observations.query(query, publicDisclosure);
    return observationsResponse.parse({ disclosure: publicDisclosure.audience, count: observations.length, observations });
  });

  app.get('/api/v1/pupil-groups', async (request) => {
    const { collection, period, dataVersion, placeKind, place, ...filter } = pupilGroupQuery.parse(request.query);
    const answer = await services.pupils.adHoc({ collection, period, dataVersion, placeKind, place, filter }, publicDisclosure);
    return pupilGroupResponse.parse({ disclosure: publicDisclosure.audience, ...answer });
  });

  app.get('/api/v1/openapi.json', () => openApiDocument);
}

const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Waymark API',
    version: '1',
    description: "A local authority's education performance framework: indicators and their observations, disclosed for the audience.",
  },
  paths: {
    '/api/v1/indicators': {
      get: {
        summary: 'The indicator catalogue',
        responses: { '200': { description: 'Every indicator', content: { 'application/json': { schema: z.toJSONSchema(indicatorsResponse) } } } },
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
