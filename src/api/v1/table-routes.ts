import type { FastifyInstance } from 'fastify';
import { publicAccess } from '../../domain/access/route-access.ts';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import { disclosureName } from '../../domain/indicators/disclosure.ts';
import type { Services } from '../../services/create-services.ts';
import { completeTableQuery, tableChoicesQuery } from './schemas.ts';
import { tableNumber, tableOpenDataQuery, tablesOpenDataZip } from './table-open-data.ts';

/**
 * The table builder's tables as JSON (issue 19.2, "the API serves the same shapes"): built afresh for the reader from
 * the same parameters as the page, and a permalink's tables as they were kept; each also in the DfE's open-data layout
 * (issue 19.3), the same ZIP as the pages' download.
 */
export function tableApiRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/tables', { config: publicAccess }, async (request) => {
    const query = completeTableQuery(tableChoicesQuery.strict().parse(request.query));
    if (query === null) throw new BadRequestError('Name at least one indicator, place and group, and the years from and to');
    const policy = await request.disclosure();
    const built = await services.tables.build(query, policy);
    return { disclosure: disclosureName(policy), query, dataVersion: built.dataVersion, tables: built.tables };
  });

  app.get<{ Params: { id: string } }>('/api/v1/tables/permalinks/:id', { config: publicAccess }, async (request) => {
    const permalink = await services.tables.permalink(request.params.id);
    if (permalink === null) throw new NotFoundError('There is no table at this permalink.');
    const now = await services.tables.dataVersion();
    return { disclosure: 'public', ...permalink, latestDataVersion: now };
  });

  app.get('/api/v1/tables/open-data.zip', { config: publicAccess }, async (request, reply) => {
    const { table, ...choices } = tableOpenDataQuery.strict().parse(request.query);
    const query = completeTableQuery(choices);
    if (query === null) throw new BadRequestError('Name at least one indicator, place and group, and the years from and to');
    const built = await services.tables.build(query, await request.disclosure());
    const zip = await tablesOpenDataZip(services, built.tables, table, `tables-${query.from}-${query.to}`);
    return reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${zip.name}"`).send(zip.body);
  });

  app.get<{ Params: { id: string } }>('/api/v1/tables/permalinks/:id/open-data.zip', { config: publicAccess }, async (request, reply) => {
    const permalink = await services.tables.permalink(request.params.id);
    if (permalink === null) throw new NotFoundError('There is no table at this permalink.');
    const zip = await tablesOpenDataZip(services, permalink.tables, tableNumber.strict().parse(request.query).table, `table-${permalink.id}`);
    return reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${zip.name}"`).send(zip.body);
  });
}
