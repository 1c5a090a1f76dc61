import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { publicAccess } from '../../../domain/access/route-access.ts';
import type { Services } from '../../../services/create-services.ts';
import { clearSessionCookie, startSession, type SessionOptions } from '../../middleware/access.ts';
import { safeNext } from '../../safe-next.ts';

const signInForm = z.object({
  username: z.string().max(200).default(''),
  password: z.string().max(2000).default(''),
  next: z.string().max(2000).default('/'),
});
const codeForm = z.object({ code: z.string().max(100).default(''), next: z.string().max(2000).default('/') });

/** Ten sign-in attempts a minute from one address, on top of the account lock-out (5 failures: 15 minutes). */
export const signInLimit = { ...publicAccess, rateLimit: { max: 10, timeWindow: '1 minute' } };

/**
 * Sign-in with a local account (then a TOTP code when enrolled), and sign-out, which ends the session on the server.
 * With single sign-on configured (`oidcName`: its button's words), the page offers it first (oidc-routes.ts).
 */
export function signInRoutes(app: FastifyInstance, services: Services, options: SessionOptions, oidcName: string | null): void {
  const showSignIn = async (reply: FastifyReply, values: { username: string; next: string }, error: string | null) => {
    // The demo county's users and their password are shown only on the demo county's own database.
    const demo = await services.accounts.demoSignIn();
    const oidc = oidcName === null ? null : { name: oidcName, href: `/sign-in/oidc?next=${encodeURIComponent(values.next)}` };
    return reply.view('pages/sign-in/view.njk', { title: 'Sign in', values, error, demo, oidc });
  };

  app.get<{ Querystring: { next?: string } }>('/sign-in', { config: publicAccess }, async (request, reply) =>
    showSignIn(reply, { username: '', next: safeNext(request.query.next) }, null),
  );

  app.post('/sign-in', { config: signInLimit }, async (request, reply) => {
    const values = signInForm.parse(request.body ?? {});
    const next = safeNext(values.next);
    const outcome = await services.accounts.checkPassword(values.username.trim(), values.password);
    if (outcome.kind === 'locked')
      return showSignIn(
        reply.code(401),
        { username: values.username, next },
        'This account is locked after too many failed attempts. Try again in 15 minutes.',
      );
    if (outcome.kind === 'refused') return showSignIn(reply.code(401), { username: values.username, next }, 'Enter a correct username and password.');
    await startSession(services, request, reply, outcome.userId, outcome.totpRequired, options);
    return reply.redirect(outcome.totpRequired ? `/sign-in/code?next=${encodeURIComponent(next)}` : next, 303);
  });

  const showCode = (reply: FastifyReply, next: string, error: string | null) => reply.view('pages/sign-in/code.njk', { title: 'Enter your code', next, error });

  app.get<{ Querystring: { next?: string } }>('/sign-in/code', { config: publicAccess }, async (request, reply) => {
    if (request.pendingUserId === null) return reply.redirect('/sign-in', 303);
    return showCode(reply, safeNext(request.query.next), null);
  });

  app.post('/sign-in/code', { config: signInLimit }, async (request, reply) => {
    const values = codeForm.parse(request.body ?? {});
    const next = safeNext(values.next);
    if (request.pendingUserId === null) return reply.redirect('/sign-in', 303);
    const outcome = await services.accounts.checkTotp(request.pendingUserId, values.code);
    if (outcome.kind === 'locked') {
      await services.sessions.end(request.sessionId!);
      clearSessionCookie(request, reply, options);
      return showSignIn(reply.code(401), { username: '', next }, 'This account is locked after too many failed attempts. Try again in 15 minutes.');
    }
    if (outcome.kind === 'refused') return showCode(reply.code(401), next, 'Enter the 6-digit code your authenticator app shows now.');
    // A fresh session id once the second step is done: the half-signed-in one is ended.
    await startSession(services, request, reply, outcome.userId, false, options);
    return reply.redirect(next, 303);
  });

  app.post('/sign-out', { config: publicAccess }, async (request, reply) => {
    if (request.sessionId !== null) await services.sessions.end(request.sessionId);
    clearSessionCookie(request, reply, options);
    return reply.redirect('/', 303);
  });
}
