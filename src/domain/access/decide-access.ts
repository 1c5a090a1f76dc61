import { isMemberOn } from '../geography/place.ts';
import { actionIsLaWide, roles, type Action, type RoleName } from './roles.ts';

/** One role held by a user: on a place (its id), or LA-wide (null), between two dates ('YYYY-MM-DD', null = open). */
export type RoleGrant = Readonly<{ role: RoleName; placeId: number | null; validFrom: string | null; validTo: string | null }>;

/** Who is asking: nobody (not signed in) or a signed-in user with the grants they hold. */
export type Principal = Readonly<{ userId: number; username: string; displayName: string; grants: readonly RoleGrant[] }>;

/** The place an action is about: its id and the ids of every place above it in the place tree (on the day asked about). */
export type PlaceInTree = Readonly<{ id: number; ancestorIds: readonly number[] }>;

export type AccessDecision = Readonly<{ allowed: true }> | Readonly<{ allowed: false; reason: 'not-signed-in' | 'no-role' }>;

/** Whether a grant is in force on a day. */
export function grantInForce(grant: RoleGrant, today: string): boolean {
  return isMemberOn(grant, today);
}

/** Whether a grant reaches a place: an LA-wide grant reaches every place; a place grant reaches it and everything under it. */
function grantReaches(grant: RoleGrant, place: PlaceInTree | null): boolean {
  if (grant.placeId === null) return true;
  if (place === null) return false;
  return grant.placeId === place.id || place.ancestorIds.includes(grant.placeId);
}

/**
 * May this principal do this action on this place today? `view-public` is open to all. Otherwise a grant in force must
 * carry the action and reach the place; an LA-wide action (users, imports, frameworks, collaborations) needs an LA-wide grant.
 */
export function decideAccess(principal: Principal | null, action: Action, place: PlaceInTree | null, today: string): AccessDecision {
  if (action === 'view-public') return { allowed: true };
  if (principal === null) return { allowed: false, reason: 'not-signed-in' };
  const allowed = principal.grants.some(
    (grant) =>
      grantInForce(grant, today) &&
      roles[grant.role].actions.includes(action) &&
      (actionIsLaWide(action) ? grant.placeId === null : grantReaches(grant, place)),
  );
  return allowed ? { allowed: true } : { allowed: false, reason: 'no-role' };
}

/**
 * May this principal open a route that needs this action? An LA-wide action needs an LA-wide grant. A place action
 * (casework, true figures) needs a grant in force that carries it on some place: which records or figures the route
 * then shows is decided per place, by the service, from the principal's reach (reach.ts).
 */
export function decideRouteAccess(principal: Principal | null, action: Action, today: string): AccessDecision {
  if (action === 'view-public' || actionIsLaWide(action)) return decideAccess(principal, action, null, today);
  if (principal === null) return { allowed: false, reason: 'not-signed-in' };
  const holds = principal.grants.some((grant) => grantInForce(grant, today) && roles[grant.role].actions.includes(action));
  return holds ? { allowed: true } : { allowed: false, reason: 'no-role' };
}
