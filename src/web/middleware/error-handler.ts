import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError, type ZodIssue } from 'zod';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../domain/errors.ts';

/** What a failed request is told: a status, a heading and one sentence in plain words, never the software's own text. */
export type Problem = Readonly<{ status: number; title: string; detail: string }>;

const badRequest = 'There is a problem with the request';

/** Fastify's own refusals (bad addresses, unreadable bodies), said in plain words by their code. */
const frameworkProblems: Readonly<Record<string, Problem>> = {
  FST_ERR_BAD_URL: { status: 400, title: badRequest, detail: 'The web address is not valid: check it is typed or copied correctly.' },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 404,
    title: 'Page not found',
    detail: 'The web address is too long to be a page here. If you pasted it, check you copied the right address.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, title: badRequest, detail: 'What was sent is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, title: badRequest, detail: 'What was sent is not a form or JSON, the only kinds read here.' },
  // A form posted without the token its page carried (another site's form, or a page kept open across a restart of the browser).
  FST_CSRF_MISSING_SECRET: { status: 403, title: 'The form could not be accepted', detail: 'Go back, reload the page and send the form again.' },
  FST_CSRF_INVALID_TOKEN: { status: 403, title: 'The form could not be accepted', detail: 'Go back, reload the page and send the form again.' },
};

/** An error as the person who asked is told it. Production hides what went wrong inside; development shows the message. */
export function problemOf(error: Error, production: boolean): Problem {
  if (error instanceof NotFoundError) return { status: 404, title: 'Not found', detail: error.message };
  if (error instanceof BadRequestError) return { status: 400, title: badRequest, detail: error.message };
  if (error instanceof ForbiddenError) return { status: 403, title: 'You cannot do this', detail: error.message };
  if (error instanceof ZodError) return { status: 400, title: badRequest, detail: error.issues.map(describeZodIssue).join('; ') };
  const code = (error as FastifyError).code;
  const known = code === undefined ? undefined : frameworkProblems[code];
  if (known !== undefined) return known;
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, title: badRequest, detail: 'The request could not be read.' };
  return { status: 500, title: 'Sorry, there is a problem with the service', detail: production ? 'Try again later.' : error.message };
}

/**
 * "period: a period is written 201516": the parameter named, then the schema's own words, or plain words in place
 * of zod's defaults ("Too big: expected string to have <=60 characters").
 */
function describeZodIssue(issue: ZodIssue): string {
  const name = issue.path.join('.');
  const custom = !/^(Invalid|Too big|Too small|Unrecognized)/.test(issue.message);
  const words = custom ? issue.message : plainWords(issue);
  return name === '' ? words : `${name}: ${words}`;
}

function plainWords(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) return 'is missing';
      if (issue.message.endsWith('received array')) return 'give it once';
      return issue.expected === 'number' ? 'is not a number' : 'is not valid';
    case 'too_big':
      return issue.origin === 'string' ? `is too long (at most ${String(issue.maximum)} characters)` : `is too large (at most ${String(issue.maximum)})`;
    case 'too_small':
      return issue.origin === 'string' ? 'is empty or too short' : `is too small (at least ${String(issue.minimum)})`;
    case 'invalid_value':
      return `is not one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `${issue.keys.join(', ')}: not a parameter read here`;
    case 'invalid_format':
      return 'is not written in the expected form';
    default:
      return 'is not valid';
  }
}

const notFound: Problem = {
  status: 404,
  title: 'Page not found',
  detail: 'If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.',
};

/** The API (and /health) answer in JSON; everything else is a page. */
function wantsJson(url: string): boolean {
  const path = url.split('?')[0]!;
  return path.startsWith('/api/') || path === '/health';
}

/** The headers @fastify/helmet sets on every response, kept when an error replaces what a route had set. */
const securityHeaders = new Set([
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
]);

/** A GOV.UK error page for page routes; an RFC 9457 problem body for the API. */
export async function sendProblem(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, problem: Problem): Promise<FastifyReply> {
  // Headers a failed route had set (a CSV download's file name, say) are not the error page's: one Node refused would fail it too.
  // The security headers (CSP, frame-ancestors, nosniff, referrer policy…) stay on error pages too.
  for (const name of Object.keys(reply.getHeaders())) if (!securityHeaders.has(name)) reply.removeHeader(name);
  reply.code(problem.status);
  if (wantsJson(request.url)) return reply.type('application/problem+json; charset=utf-8').send({ type: 'about:blank', ...problem });
  try {
    const html = await app.view('pages/errors/view.njk', { ...reply.locals, title: problem.title, heading: problem.title, message: problem.detail });
    return reply.type('text/html; charset=utf-8').send(html);
  } catch (error) {
    request.log.error({ err: error }, 'the error page could not be rendered');
    return reply.type('text/plain; charset=utf-8').send(`${problem.title}\n\n${problem.detail}\n`);
  }
}

/**
 * A request Node's HTTP parser refuses (an address or headers over its 16 KB limit, broken HTTP) never reaches a
 * route or hook: it gets the error page too, written straight to the socket, instead of Fastify's bare JSON.
 */
export function answerUnparsableRequest(error: Error & { code?: string }, socket: Socket, render: (problem: Problem) => string): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const [status, reason, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The web address (or what the browser sent with it) is too long.']
      : [400, 'Bad Request', 'The request could not be read.'];
  let body: string;
  try {
    body = render({ status, title: badRequest, detail });
  } catch {
    body = `${badRequest}\n\n${detail}\n`;
  }
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** One place maps errors to responses: 404 and 400 for expected failures, 500 (internals hidden in production) for the rest. */
export function registerErrorHandler(app: FastifyInstance, production: boolean): void {
  app.setNotFoundHandler((request, reply) => sendProblem(app, request, reply, notFound));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemOf(error, production);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(app, request, reply, problem);
  });
}
