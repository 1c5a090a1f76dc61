import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { IdentityRefusal, ProviderIdentity } from '../../../domain/access/identity-sign-in.ts';
import type { Services } from '../../../services/create-services.ts';
import type { ProtocolFailure } from '../../../services/access/identity-service.ts';
import { OidcResponseError, OidcUnavailableError, type OidcAttempt, type OidcClient } from '../../../services/access/oidc-client.ts';
import { overTls, startSession, type SessionOptions } from '../../middleware/access.ts';
import { safeNext } from '../../safe-next.ts';
import { signInLimit } from './routes.ts';

/** The attempt's cookie: sent only to the sign-in routes, and only for the 10 minutes a sign-in at the provider may take. */
export const attemptCookie = 'waymark_oidc';
const attemptPath = '/sign-in/oidc';
export const attemptSeconds = 600;

const attemptSchema = z.object({ state: z.string().min(1), nonce: z.string().min(1), codeVerifier: z.string().min(43), next: z.string(), at: z.number() });

type Problem = Readonly<{ status: number; heading: string; message: string }>;

const notRegistered: Problem = {
  status: 403,
  heading: 'You cannot sign in to Waymark yet',
  message: 'Your organisation account is not registered in Waymark. Ask an LA administrator to add you.',
};
const problems: Readonly<Record<IdentityRefusal | ProtocolFailure | 'unavailable', Problem>> = {
  'not-registered': notRegistered,
  'unverified-email': notRegistered,
  'already-linked': notRegistered,
  'password-account': {
    status: 403,
    heading: 'Sign in with your Waymark password',
    message: 'Your Waymark account signs in with its own password. Use the password form, or ask an LA administrator to move it to your organisation account.',
  },
  disabled: { status: 403, heading: 'Your Waymark account is disabled', message: 'Ask an LA administrator if you need to use Waymark again.' },
  'invalid-response': {
    status: 400,
    heading: 'Sign-in did not finish',
    message: 'This sign-in was not started in this browser, was used already, or took longer than 10 minutes. Start again.',
  },
  'provider-error': {
    status: 502,
    heading: 'Sign-in did not finish',
    message: "Your organisation's sign-in service did not complete the sign-in (it may have been cancelled). Start again.",
  },
  unavailable: {
    status: 503,
    heading: 'Sign-in with your organisation account is not available',
    message: "Your organisation's sign-in service cannot be reached just now. Try again in a few minutes.",
  },
};

/**
 * Single sign-on through the OpenID provider (ADR 0013): `/sign-in/oidc` sends the browser to the provider with a fresh
 * state, nonce and PKCE challenge, whose secrets stay in a signed, HttpOnly, SameSite=Lax cookie for this browser;
 * `/sign-in/oidc/callback` checks the answer against them and signs in the account it maps to.
 */
export function oidcSignInRoutes(app: FastifyInstance, services: Services, options: SessionOptions, oidc: OidcClient): void {
  const cookieOptions = (request: FastifyRequest) => ({ path: attemptPath, httpOnly: true, sameSite: 'lax' as const, secure: overTls(request, options) });

  const showProblem = (reply: FastifyReply, kind: keyof typeof problems, next: string) => {
    const problem = problems[kind];
    return reply
      .code(problem.status)
      .view('pages/sign-in/oidc-problem.njk', { title: problem.heading, heading: problem.heading, message: problem.message, next: encodeURIComponent(next) });
  };

  const readAttempt = (request: FastifyRequest): OidcAttempt | null => {
    const raw = request.cookies[attemptCookie];
    if (raw === undefined) return null;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || unsigned.value === null) return null;
    try {
      const attempt = attemptSchema.parse(JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')));
      // The cookie's own lifetime is the browser's to keep; the time written inside it is ours.
      return Date.now() - attempt.at <= attemptSeconds * 1000 ? attempt : null;
    } catch {
      return null;
    }
  };

  app.get<{ Querystring: { next?: string } }>('/sign-in/oidc', { config: signInLimit }, async (request, reply) => {
    const next = safeNext(request.query.next);
    try {
      const { url, attempt } = await oidc.begin(next);
      const value = Buffer.from(JSON.stringify({ ...attempt, at: Date.now() })).toString('base64url');
      reply.setCookie(attemptCookie, value, { ...cookieOptions(request), signed: true, maxAge: attemptSeconds });
      return reply.redirect(url, 303);
    } catch (error) {
      if (error instanceof OidcUnavailableError) return showProblem(reply, 'unavailable', next);
      throw error;
    }
  });

  app.get('/sign-in/oidc/callback', { config: signInLimit }, async (request, reply) => {
    const attempt = readAttempt(request);
    // One answer per attempt: the cookie goes whatever the outcome.
    reply.clearCookie(attemptCookie, cookieOptions(request));
    const next = attempt?.next ?? '/';
    if (attempt === null) {
      await services.identities.failed('invalid-response');
      return showProblem(reply, 'invalid-response', next);
    }
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    let identity: ProviderIdentity;
    try {
      identity = await oidc.finish(query, attempt);
    } catch (error) {
      if (error instanceof OidcUnavailableError) return showProblem(reply, 'unavailable', next);
      if (!(error instanceof OidcResponseError)) throw error;
      await services.identities.failed(error.failure);
      return showProblem(reply, error.failure, next);
    }
    const outcome = await services.identities.signIn(identity);
    if (outcome.kind === 'refused') return showProblem(reply, outcome.outcome, next);
    // The provider has authenticated them (its own second factor applies): no Waymark TOTP step follows.
    await startSession(services, request, reply, outcome.userId, false, options);
    return reply.redirect(safeNext(attempt.next), 303);
  });
}
