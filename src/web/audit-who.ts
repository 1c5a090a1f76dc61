import type { FastifyRequest } from 'fastify';
import type { AuditWho } from '../domain/audit/audit-chain.ts';

/**
 * Who a request acts as, for the audit trail.
 *
 * TO FILL WITH SIGN-IN (issue 14, items 1-3): return the signed-in principal's id (`user:17`, or `token:3` for an
 * API token) once sessions exist. Until then every page's write is recorded as `anonymous` with its request id, so the
 * log lines of that request say what happened.
 */
export function auditWho(request: FastifyRequest): AuditWho {
  return { actor: 'anonymous', requestId: String(request.id) };
}
