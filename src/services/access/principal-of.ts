import type { Principal } from '../../domain/access/decide-access.ts';
import type { Store } from '../../store/store.ts';

/** Who a user is to access decisions: their name and every grant they hold, or null for an unknown or disabled account. */
export async function principalOf(store: Store, userId: number): Promise<Principal | null> {
  const user = await store.access.userById(userId);
  if (user === undefined || user.disabled) return null;
  const grants = await store.access.grantsOf([userId]);
  return {
    userId,
    username: user.username,
    displayName: user.displayName,
    grants: grants.map((g) => ({ role: g.role, placeId: g.placeId, validFrom: g.validFrom, validTo: g.validTo })),
  };
}
