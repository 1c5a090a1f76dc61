import type { RoleGrant } from './decide-access.ts';
import { BadRequestError } from '../errors.ts';

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The last day to give a grant ended `today`, so that it is out of force at once (a grant's `validTo` is its last day in
 * force, inclusive): yesterday; or, for a grant that had not begun, the day before it would have (the empty span
 * `validTo = validFrom - 1`). A grant is ended, never deleted: the grants are the history of who could do what.
 */
export function endOfGrant(grant: RoleGrant, today: string): string {
  if (grant.validTo !== null && grant.validTo < today) throw new BadRequestError(`this role ended on ${grant.validTo} already`);
  const yesterday = dayBefore(today);
  return grant.validFrom !== null && grant.validFrom > yesterday ? dayBefore(grant.validFrom) : yesterday;
}
