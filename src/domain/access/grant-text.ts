import { BadRequestError } from '../errors.ts';
import { kindLabels, type PlaceKind } from '../geography/place.ts';
import { isRoleName, roles, type RoleName } from './roles.ts';

/** A place named as people name it: its kind and code (`la 886`, `district E07000113`, `school 900001`). */
export type PlaceName = Readonly<{ kind: PlaceKind; code: string }>;

/** A role to grant, at a place or LA-wide, from a date to a date (none: from today, open-ended). */
export type NewGrant = Readonly<{ role: RoleName; place: PlaceName | null; validFrom?: string | null; validTo?: string | null }>;

const isPlaceKind = (kind: string): kind is PlaceKind => Object.hasOwn(kindLabels, kind);

/**
 * Read `role` or `role:kind:code` (e.g. `la_admin`, `lead:district:E07000113`, `school:school:900001`) as a grant, as
 * `waymark users add --role` takes it. A place's code may itself hold a colon; the kind must be one the store knows.
 */
export function grantFromText(text: string): NewGrant {
  const [role, kind, ...code] = text.split(':');
  if (role === undefined || !isRoleName(role)) throw new BadRequestError(`${text}: the role is one of ${Object.keys(roles).join(', ')}`);
  if (kind === undefined) return { role, place: null };
  if (!isPlaceKind(kind)) throw new BadRequestError(`${text}: the place kind is one of ${Object.keys(kindLabels).join(', ')}`);
  if (code.length === 0 || code.join(':') === '') throw new BadRequestError(`${text}: write a place as role:kind:code, e.g. lead:district:E07000113`);
  return { role, place: { kind, code: code.join(':') } };
}
