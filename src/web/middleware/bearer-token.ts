import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services/create-services.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Whether the principal came from an API token (Authorization: Bearer): such a request uses no cookie and needs no CSRF token. */
    viaToken: boolean;
  }
}

/** What reading a request's bearer token found: none sent (cookies and the public apply), a principal, or a refusal already sent. */
export type BearerOutcome = 'no-token' | 'signed-in' | 'refused';

const bearerPattern = /^Bearer[ ]+(\S+)\s*$/i;

/**
 * A personal API token on an `/api/` request (issue 14.5): `Authorization: Bearer wm_…` acts as its owner, with their
 * roles today. A token that is unknown, expired, revoked or whose owner is disabled is refused with 401 and
 * `WWW-Authenticate: Bearer error="invalid_token"`, never answered as the public would be. Pages ignore the header:
 * a token only reaches the API. Other authorisation schemes are not read.
 */
export async function signInWithBearerToken(request: FastifyRequest, reply: FastifyReply, services: Services): Promise<BearerOutcome> {
  if (!request.url.startsWith('/api/')) return 'no-token';
  const header = request.headers.authorization;
  if (header === undefined || !/^Bearer\b/i.test(header)) return 'no-token';
  const secret = bearerPattern.exec(header)?.[1];
  const principal = secret === undefined ? null : await services.tokens.authenticate(secret);
  if (principal === null) {
    await reply
      .code(401)
      .header('www-authenticate', 'Bearer error="invalid_token"')
      .header('cache-control', 'no-store')
      .type('application/problem+json; charset=utf-8')
      .send({
        type: 'about:blank',
        status: 401,
        title: 'The API token was not accepted',
        detail:
          'The token is unknown, expired or revoked, or its account is disabled. Make a new one on your account page, or call without a token for public figures.',
      });
    return 'refused';
  }
  request.principal = principal;
  request.viaToken = true;
  return 'signed-in';
}
