import { scopeHolds, type CaseScope } from '../../domain/access/reach.ts';
import { NotFoundError } from '../../domain/errors.ts';

/**
 * Refuse a case outside the reader's scope exactly as a case that does not exist (a 404 that names nothing), so that a
 * caseworker of another district cannot learn that a child's case exists by its number.
 */
export function requireInScope(scope: CaseScope, placeId: number | null, what: string): void {
  if (!scopeHolds(scope, placeId)) throw new NotFoundError(`no such ${what}`);
}
