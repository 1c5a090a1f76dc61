import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';

/** One place maps errors to responses: 404 and 400 for expected failures, 500 (stack hidden in production) for the rest. */
export function registerErrorHandler(app: FastifyInstance, production: boolean): void {
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).view('pages/errors/view.njk', { title: 'Page not found', heading: 'Page not found', message: `There is no page at ${request.url}.` }),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const wantsJson = request.url.startsWith('/api/') || request.url === '/health';
    let status = 500;
    let heading = 'Sorry, there is a problem with the service';
    let message = production ? 'Try again later.' : error.message;
    if (error instanceof NotFoundError) [status, heading, message] = [404, 'Not found', error.message];
    else if (error instanceof BadRequestError) [status, heading, message] = [400, 'There is a problem with the request', error.message];
    else if (error instanceof ZodError)
      [status, heading, message] = [400, 'There is a problem with the request', error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')];
    else if (typeof error.statusCode === 'number' && error.statusCode < 500)
      [status, heading, message] = [error.statusCode, 'There is a problem with the request', error.message];
    else request.log.error({ err: error }, 'request failed');
    if (wantsJson) return reply.code(status).send({ error: heading, message });
    return reply.code(status).view('pages/errors/view.njk', { title: heading, heading, message });
  });
}
