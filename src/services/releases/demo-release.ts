import { demoReleaseApprover, demoReleaseContent, demoReleaseDrafter, demoReleaseTables } from '../../demo/release-content.ts';
import { londonWallClock } from '../../domain/releases/publication-time.ts';
import type { Store } from '../../store/store.ts';
import { principalOf } from '../access/principal-of.ts';
import type { Clock } from '../clock.ts';
import type { DemoState } from '../demo/demo-service.ts';
import type { TableBuilder } from '../tables/table-builder-service.ts';
import type { createReleaseService } from './release-service.ts';

type ReleaseService = ReturnType<typeof createReleaseService>;

/**
 * The demo county's statistical release (src/demo/release-content.ts), made as any LA's is, through the release
 * service (checked, audited): its administrator drafts it with its tables kept as permalinks, its second administrator
 * approves it for the current minute, so it is published at once. Only on a built demo county with no release yet, so
 * a second start adds nothing.
 */
export function createDemoRelease(store: Store, clock: Clock, tables: TableBuilder, releases: ReleaseService, demoState: () => Promise<DemoState>) {
  const principalNamed = async (username: string) => {
    const user = await store.access.userByName(username);
    return user === undefined ? null : principalOf(store, user.id);
  };
  const refused = (step: string, problems: readonly { field: string; message: string }[]) =>
    new Error(`The demo's release is refused at ${step}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);

  return {
    /** Draft, fill and approve the demo's release where none exists; whether one was made. */
    async ensureDemoRelease(): Promise<boolean> {
      if ((await demoState()) !== 'built' || (await releases.all()).length > 0) return false;
      const [drafter, approver] = [await principalNamed(demoReleaseDrafter), await principalNamed(demoReleaseApprover)];
      if (drafter === null || approver === null) return false;
      const created = await releases.create(drafter, demoReleaseContent);
      if (!created.ok) throw refused('drafting', created.problems);
      for (const query of demoReleaseTables) {
        const added = await releases.addTable(drafter, created.id, await tables.savePermalink(query));
        if (!added.ok) throw refused('adding a table', added.problems);
      }
      const { date, time } = londonWallClock(clock());
      const approved = await releases.approve(approver, created.id, date, time);
      if (!approved.ok) throw refused('approval', approved.problems);
      return true;
    },
  };
}
