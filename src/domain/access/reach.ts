import { grantInForce, type Principal } from './decide-access.ts';
import { roles, type Action } from './roles.ts';

/**
 * Where a principal may do a place action today: everywhere (an LA-wide grant that carries it), or at the places its
 * grants in force name (each reaching everything under it in the place tree, which the store expands). Nobody signed
 * in reaches nowhere. This is `decideAccess` asked for every place at once, as disclosure needs it.
 */
export type Reach = Readonly<{ kind: 'everywhere' }> | Readonly<{ kind: 'places'; placeIds: readonly number[] }>;

export function reachOf(principal: Principal | null, action: Action, today: string): Reach {
  if (principal === null) return { kind: 'places', placeIds: [] };
  const grants = principal.grants.filter((g) => grantInForce(g, today) && roles[g.role].actions.includes(action));
  if (grants.some((g) => g.placeId === null)) return { kind: 'everywhere' };
  return { kind: 'places', placeIds: [...new Set(grants.map((g) => g.placeId!))].sort((a, b) => a - b) };
}

/**
 * Where a principal may do a place action, expanded to every place it covers (the store expands the place tree): the
 * scope a caseworker reads and records cases in.
 */
export type CaseScope = Readonly<{ kind: 'everywhere' }> | Readonly<{ kind: 'places'; placeIds: ReadonlySet<number> }>;

/** Whether a record held at a place (a case's district, school or LA) lies in a scope. A record with no place is LA-wide. */
export function scopeHolds(scope: CaseScope, placeId: number | null): boolean {
  if (scope.kind === 'everywhere') return true;
  return placeId !== null && scope.placeIds.has(placeId);
}
