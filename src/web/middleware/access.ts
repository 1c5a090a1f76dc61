import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { decideRouteAccess, type Principal } from '../../domain/access/decide-access.ts';
import type { RouteAccess } from '../../domain/access/route-access.ts';
import { ForbiddenError } from '../../domain/errors.ts';
import type { AuditWho } from '../../domain/audit/audit-chain.ts';
import type { DisclosurePolicy } from '../../domain/indicators/disclosure.ts';
import type { Services } from '../../services/create-services.ts';
import { auditWho } from '../audit-who.ts';
import { disclosureOf } from '../disclosure-of.ts';
import { signInWithBearerToken } from './bearer-token.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs (domain/access/route-access.ts). Every route declares it, or the app does not start. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** Who is signed in (null: a public reader). Disclosure by role reads this. */
    principal: Principal | null;
    /** A sign-in waiting for its TOTP code: the user it is for, else null. */
    pendingUserId: number | null;
    /** The session cookie's value when it names a live session, else null. */
    sessionId: string | null;
    /** How this reader sees figures: public, or true values where their roles reach (web/disclosure-of.ts). */
    disclosure: () => Promise<DisclosurePolicy>;
    /** Who this request acts as, for the audit trail (web/audit-who.ts). */
    who: () => AuditWho;
  }
  interface FastifyReply {
    /** What every template sees besides its own data (@fastify/view merges it). */
    locals: Record<string, unknown> | null;
  }
}

export const sessionCookie = 'waymark_session';
/** The double-submit CSRF secret's cookie (@fastify/csrf-protection). */
export const csrfCookie = 'waymark_csrf';

/** Static files (the GOV.UK assets and stylesheet) are public by what they are: their plugin cannot declare it per route. */
const staticPrefixes = ['/assets/', '/stylesheets/'];

/**
 * Refuse to start when a route declares no access: called right after Fastify() and before any route or plugin, so a
 * page added later cannot be left open by accident.
 */
export function requireAccessDeclarations(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (staticPrefixes.some((p) => route.url.startsWith(p))) {
      route.config = { ...route.config, access: 'public' };
      return;
    }
    if (route.config?.access === undefined)
      throw new Error(`${[route.method].flat().join(',')} ${route.url} declares no access: give it config.access ('public', 'signed-in' or { action })`);
  });
}

export type SessionOptions = Readonly<{ secureCookies: 'auto' | 'always' }>;

/** Whether the browser reached us over TLS (directly, or through a proxy that says so), so cookies are sent Secure. */
export function overTls(request: FastifyRequest, options: SessionOptions): boolean {
  return options.secureCookies === 'always' || request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string, options: SessionOptions): void {
  reply.setCookie(sessionCookie, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: overTls(request, options) });
}

/** Start a session for a user who proved who they are (a password, or the OpenID provider), ending any the browser had. */
export async function startSession(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number,
  totpPending: boolean,
  options: SessionOptions,
): Promise<void> {
  if (request.sessionId !== null) await services.sessions.end(request.sessionId);
  setSessionCookie(request, reply, await services.sessions.start(userId, totpPending), options);
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, options: SessionOptions): void {
  reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure: overTls(request, options) });
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const isStatic = (request: FastifyRequest) => staticPrefixes.some((p) => request.url.startsWith(p));

/**
 * Per request: the session cookie read into `request.principal`; every form post checked for its CSRF token; the
 * route's declared access enforced; and the templates given the principal and a CSRF token for their forms.
 */
export function registerSessions(app: FastifyInstance, services: Services, options: SessionOptions): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('pendingUserId', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('disclosure', function (this: FastifyRequest) {
    return disclosureOf(this, services);
  });
  app.decorateRequest('who', function (this: FastifyRequest) {
    return auditWho(this);
  });
  app.decorateRequest('viaToken', false);

  app.addHook('onRequest', async (request, reply) => {
    if (isStatic(request)) return;
    // An API token (Authorization: Bearer, /api/ only) stands instead of the session cookie, which is then not read.
    const bearer = await signInWithBearerToken(request, reply, services);
    if (bearer !== 'no-token') return bearer === 'refused' ? reply : undefined;
    const sessionId = request.cookies[sessionCookie];
    if (sessionId !== undefined && sessionId !== '') {
      const state = await services.sessions.read(sessionId);
      if (state === null) clearSessionCookie(request, reply, options);
      else {
        request.sessionId = sessionId;
        if (state.kind === 'signed-in') request.principal = state.principal;
        else request.pendingUserId = state.userId;
      }
    }
    reply.locals = { ...reply.locals, principal: request.principal };
  });

  // What a signed-in reader is shown (true figures in their scope, their account) is theirs: no cache may keep it.
  app.addHook('onSend', async (request, reply) => {
    if (request.principal !== null) reply.header('cache-control', 'no-store');
  });

  app.addHook('preHandler', async (request, reply) => {
    if (isStatic(request)) return;
    if (unsafeMethods.has(request.method) && !request.viaToken)
      await new Promise<void>((resolve, reject) => app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve())));
    // The not-found handler is no route: it answers everyone alike. Every real route declared its access.
    if (!request.is404) {
      if (await signInFirst(request, reply)) return reply;
      enforceAccess(request, services);
    }
    // Every page's forms get a token, pages re-shown after a refused post too (their form is sent again).
    if (!request.url.startsWith('/api/')) reply.locals = { ...reply.locals, csrfToken: reply.generateCsrf({ secure: overTls(request, options) }) };
  });
}

/** A page that needs a signed-in user, asked for by someone not signed in: the sign-in page, which comes back here after. */
async function signInFirst(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  if (request.routeOptions.config.access === 'public' || request.principal !== null) return false;
  if (request.method !== 'GET' || request.url.startsWith('/api/')) return false;
  await reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  return true;
}

function enforceAccess(request: FastifyRequest, services: Services): void {
  const access = request.routeOptions.config.access;
  if (access === 'public') return;
  if (request.principal === null) throw new ForbiddenError('Sign in to see this page.');
  if (access === 'signed-in') return;
  if (access === undefined) throw new ForbiddenError('This page declares no access.');
  const decision = decideRouteAccess(request.principal, access.action, services.sessions.today());
  if (!decision.allowed) throw new ForbiddenError('Your account does not have a role that allows this. Ask an LA administrator if you need it.');
}
