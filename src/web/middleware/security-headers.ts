import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The one inline script GOV.UK's page template carries (it marks the body `js-enabled`), allowed by its hash and nothing
 * else: read from the template itself, so an upgrade of govuk-frontend that changes it still matches.
 */
export function govukInlineScriptHash(govukDist: string): string {
  const template = readFileSync(path.join(govukDist, 'govuk', 'template.njk'), 'utf8');
  const script = /<script[^>]*>([^<]*)<\/script>/.exec(template)?.[1];
  if (script === undefined) throw new Error('govuk-frontend template.njk has no inline script to hash: review the CSP');
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
}

/**
 * Security headers from @fastify/helmet: a CSP with no inline script but the template's hashed one, no framing
 * (frame-ancestors 'none' and X-Frame-Options DENY), nosniff, and a referrer policy that never sends addresses to other sites.
 */
export async function registerSecurityHeaders(app: FastifyInstance, govukDist: string): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", govukInlineScriptHash(govukDist)],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
}
