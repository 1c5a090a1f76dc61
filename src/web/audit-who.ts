import type { FastifyRequest } from 'fastify';
import type { AuditWho } from '../domain/audit/audit-chain.ts';

/** Who a request acts as, for the audit trail: the signed-in user by id (`user:17`), else `anonymous`; with its request id. */
export function auditWho(request: FastifyRequest): AuditWho {
  const principal = request.principal;
  return { actor: principal === null ? 'anonymous' : `user:${principal.userId}`, requestId: String(request.id) };
}
