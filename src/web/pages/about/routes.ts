import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Organisation } from '../../organisation.ts';
import { publicAccess } from '../../../domain/access/route-access.ts';
import { signInRules } from '../../../domain/access/sign-in-rules.ts';
import { csrfCookie, sessionCookie } from '../../middleware/access.ts';
import { attemptCookie, attemptSeconds } from '../sign-in/oidc-routes.ts';
import { glossary } from './glossary.ts';

/**
 * The service's own pages: its accessibility statement, the glossary of the words its pages use, the cookies it sets (each named as the code sets it, with what
 * it is for and how long it lasts) and the organisation's logo configured for the header (WAYMARK_ORGANISATION_LOGO).
 */
export function aboutRoutes(app: FastifyInstance, organisation: Organisation | null, singleSignOn: boolean): void {
  app.get('/accessibility', { config: publicAccess }, async (_request, reply) =>
    reply.view('pages/about/accessibility.njk', { title: 'Accessibility statement', breadcrumbs: [{ text: 'Home', href: '/' }] }),
  );

  app.get('/glossary', { config: publicAccess }, async (_request, reply) =>
    reply.view('pages/about/glossary.njk', { title: 'Glossary', glossary, breadcrumbs: [{ text: 'Home', href: '/' }] }),
  );

  app.get('/cookies', { config: publicAccess }, async (_request, reply) => {
    const cookies = [
      {
        name: sessionCookie,
        purpose: 'Keeps you signed in. It holds a random key to your session on the server, nothing else.',
        expires: `When you sign out, ${signInRules.idleMinutes} minutes after you last used Waymark, or ${signInRules.absoluteHours} hours after signing in, whichever comes first`,
      },
      {
        name: csrfCookie,
        purpose: 'Protects forms from being sent by another website on your behalf (a cross-site request forgery).',
        expires: 'When you close your browser',
      },
      ...(singleSignOn
        ? [
            {
              name: attemptCookie,
              purpose: 'Links your return from your organisation’s sign-in page to the sign-in you started.',
              expires: `${attemptSeconds / 60} minutes after you start signing in`,
            },
          ]
        : []),
    ];
    return reply.view('pages/about/cookies.njk', { title: 'Cookies', cookies, breadcrumbs: [{ text: 'Home', href: '/' }] });
  });

  const logo = organisation?.logo ?? null;
  if (logo !== null) {
    const content = readFile(logo.path);
    app.get('/brand/logo', { config: publicAccess }, async (_request, reply) =>
      reply
        .type(logo.type)
        .header('cache-control', 'public, max-age=3600')
        .send(await content),
    );
  }
}
