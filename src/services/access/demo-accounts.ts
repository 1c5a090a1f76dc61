import { demoPassword, demoUsers } from '../../demo/demo-users.ts';
import type { Store } from '../../store/store.ts';
import type { createAccountService } from './account-service.ts';
import type { DemoState } from '../demo/demo-service.ts';

/** The demo county's users: added where missing, and shown with their password on the demo county's sign-in page only. */
export function createDemoAccounts(store: Store, add: ReturnType<typeof createAccountService>['add'], demoState: () => Promise<DemoState>) {
  return {
    /** Add the demo county's users where missing (their places must exist); returns how many were added. */
    async ensureDemoUsers(): Promise<number> {
      let added = 0;
      for (const user of demoUsers) {
        if ((await store.access.userByName(user.username)) !== undefined) continue;
        if (user.place !== null && (await store.places.find(user.place.kind, user.place.code)) === undefined) continue;
        await add({ username: user.username, displayName: user.displayName, password: demoPassword, grants: [{ role: user.role, place: user.place }] });
        added++;
      }
      return added;
    },

    /** The demo users and their password, for the sign-in page of the demo county's database only (else null). */
    async demoSignIn() {
      const state = await demoState();
      return state === 'built' || state === 'unfinished' ? { users: demoUsers, password: demoPassword } : null;
    },
  };
}
