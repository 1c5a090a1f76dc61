import type { FastifyRequest } from 'fastify';
import type { DisclosurePolicy } from '../domain/indicators/disclosure.ts';
import type { Services } from '../services/create-services.ts';

const asked = new WeakMap<FastifyRequest, Promise<DisclosurePolicy>>();

/**
 * How this request's reader sees figures (issue 14.4): public unless signed in; signed-in staff see true values at the
 * places their roles reach. Worked out once per request, however many figures the page shows.
 */
export function disclosureOf(request: FastifyRequest, services: Services): Promise<DisclosurePolicy> {
  let policy = asked.get(request);
  if (policy === undefined) {
    policy = services.sessions.disclosureFor(request.principal);
    asked.set(request, policy);
  }
  return policy;
}
