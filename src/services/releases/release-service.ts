import { decideRouteAccess, type Principal } from '../../domain/access/decide-access.ts';
import { ForbiddenError, NotFoundError } from '../../domain/errors.ts';
import { londonDateOf } from '../../domain/periods/london-time.ts';
import { releaseReadingOf, type ReleaseReading } from '../../domain/releases/pre-release-access.ts';
import { londonInstant, londonWallClock } from '../../domain/releases/publication-time.ts';
import { releaseStateAt, type ReleaseContent, type ReleaseState } from '../../domain/releases/release.ts';
import {
  approvalProblems,
  contentProblems,
  correctionProblems,
  editProblems,
  preReleaseListProblems,
  sendBackProblems,
  type ReleaseProblem,
} from '../../domain/releases/release-lifecycle.ts';
import { isReleaseSlug, releaseSlug } from '../../domain/releases/release-slug.ts';
import { addTableProblems, moveTable, permalinkIdOf, removeTable } from '../../domain/releases/release-tables.ts';
import type { TablePermalink } from '../../domain/tables/built-table.ts';
import type { HeldRelease } from '../../store/release-store.ts';
import type { Store } from '../../store/store.ts';
import type { AuditContext } from '../audit/audit-service.ts';
import type { AuditRecord } from '../../domain/audit/audit-chain.ts';
import type { Clock } from '../clock.ts';

export type { HeldRelease };

type AuditDetail = NonNullable<AuditRecord['detail']>;

export type ReleaseOutcome = Readonly<{ ok: true; id: number }> | Readonly<{ ok: false; problems: readonly ReleaseProblem[] }>;

/** A release with its state now and its tables (the permalinks, in order). */
export type ReleaseShown = Readonly<{ release: HeldRelease; state: ReleaseState; permalinks: readonly TablePermalink[] }>;

const trimmed = (c: ReleaseContent): ReleaseContent => ({
  title: c.title.trim(),
  summary: c.summary.trim(),
  commentary: c.commentary.trim(),
  methodology: c.methodology.trim(),
  footnotes: c.footnotes.trim(),
});

/**
 * Releases (issue 19.7): administrators write, approve (four eyes), send back and correct releases; readers read them
 * as the domain's rules allow (domain/releases/). Each write is one transaction with its audit entry.
 */
export function createReleaseService(store: Store, clock: Clock, audit: AuditContext, permalink: (id: string) => Promise<TablePermalink | null>) {
  const managesReleases = (principal: Principal | null) => principal != null && decideRouteAccess(principal, 'manage-releases', londonDateOf(clock())).allowed;
  const requireManager = (principal: Principal) => {
    if (!managesReleases(principal)) throw new ForbiddenError('Managing releases needs the LA administrator role');
  };
  const held = async (id: number) => {
    const release = await store.releases.find(id);
    if (release === undefined) throw new NotFoundError(`No release ${id}`);
    return release;
  };
  const permalinksOf = async (release: HeldRelease) =>
    (await Promise.all(release.tables.map((id) => permalink(id)))).filter((p): p is TablePermalink => p !== null);
  const shown = async (release: HeldRelease): Promise<ReleaseShown> => ({
    release,
    state: releaseStateAt(release, clock()),
    permalinks: await permalinksOf(release),
  });

  /** One write and its audit entry, in one transaction. */
  const write = (principal: Principal, action: string, id: number, detail: AuditDetail, work: (tx: Store) => Promise<boolean>) =>
    store.transaction(async (tx): Promise<ReleaseOutcome> => {
      if (!(await work(tx))) return { ok: false, problems: [{ field: 'release', message: 'The release changed meanwhile: look at it again' }] };
      await audit.trail.record(tx, { actor: `user:${principal.userId}`, requestId: null }, { action, subject: `release:${id}`, placeId: null, detail });
      return { ok: true, id };
    });

  /** Change a draft's tables to these (the editor becomes this administrator). */
  // A change that changes nothing (a move past the end) is not written: it would make the reader the last editor, who
  // may not approve, and so let the author approve their own text.
  const setTables = async (principal: Principal, release: HeldRelease, tables: readonly string[], action: string, detail: AuditDetail) =>
    tables.join(' ') === release.tables.join(' ')
      ? { ok: true as const, id: release.id }
      : write(principal, action, release.id, detail, (tx) => tx.releases.setTables(release.id, tables, principal.userId, clock()));

  return Object.freeze({
    managesReleases,

    /** Every release, for its administrators: drafts first, then by publication time, latest first. */
    async all(): Promise<(HeldRelease & { state: ReleaseState })[]> {
      const now = clock();
      return (await store.releases.list()).map((r) => ({ ...r, state: releaseStateAt(r, now) }));
    },

    /** The published releases, the latest published first: all the public is told of. */
    async published(): Promise<HeldRelease[]> {
      const now = clock();
      return (await store.releases.list())
        .filter((r) => releaseStateAt(r, now) === 'published')
        .sort((a, b) => Date.parse(b.publishAt!) - Date.parse(a.publishAt!) || b.id - a.id);
    },

    /** A release for its administrators' page. */
    async manage(principal: Principal, id: number): Promise<ReleaseShown> {
      requireManager(principal);
      return shown(await held(id));
    },

    /** A release at its permalink, as this reader may read it: not found when the reader may not (yet). */
    async read(slug: string, principal: Principal | null): Promise<ReleaseShown & { reading: Exclude<ReleaseReading, null> }> {
      const release = isReleaseSlug(slug) ? await store.releases.findBySlug(slug) : undefined;
      const reading =
        release === undefined ? null : releaseReadingOf(release, { userId: principal?.userId ?? null, managesReleases: managesReleases(principal) }, clock());
      if (release === undefined || reading === null) throw new NotFoundError('No published release has this address');
      return { ...(await shown(release)), reading };
    },

    async create(principal: Principal, content: ReleaseContent): Promise<ReleaseOutcome> {
      requireManager(principal);
      const c = trimmed(content);
      const problems = contentProblems(c);
      if (problems.length > 0) return { ok: false, problems };
      return store.transaction(async (tx) => {
        const id = await tx.releases.create(c, principal.userId, clock());
        await audit.trail.record(
          tx,
          { actor: `user:${principal.userId}`, requestId: null },
          { action: 'release.create', subject: `release:${id}`, placeId: null },
        );
        return { ok: true as const, id };
      });
    },

    async edit(principal: Principal, id: number, content: ReleaseContent): Promise<ReleaseOutcome> {
      requireManager(principal);
      const release = await held(id);
      const c = trimmed(content);
      const problems = [...editProblems(release, clock()), ...contentProblems(c)];
      if (problems.length > 0) return { ok: false, problems };
      // Saving the text unchanged writes nothing, for the same reason as an unchanged list of tables.
      if (JSON.stringify(c) === JSON.stringify(trimmed(release.content))) return { ok: true, id };
      return write(principal, 'release.edit', id, {}, (tx) => tx.releases.edit(id, c, principal.userId, clock()));
    },

    /** Add a table builder permalink (pasted address or id), which must exist, at the end. */
    async addTable(principal: Principal, id: number, pasted: string): Promise<ReleaseOutcome> {
      requireManager(principal);
      const release = await held(id);
      const permalinkId = permalinkIdOf(pasted);
      const problems = [...editProblems(release, clock()), ...addTableProblems(release.tables, permalinkId)];
      if (problems.length === 0 && (await permalink(permalinkId!)) === null)
        problems.push({ field: 'tables', message: 'No table has this permalink: copy the address of a table made in the table builder' });
      if (problems.length > 0) return { ok: false, problems };
      return setTables(principal, release, [...release.tables, permalinkId!], 'release.add-table', { permalink: permalinkId });
    },

    async moveTable(principal: Principal, id: number, index: number, direction: 'up' | 'down'): Promise<ReleaseOutcome> {
      requireManager(principal);
      const release = await held(id);
      const problems = editProblems(release, clock());
      if (problems.length > 0) return { ok: false, problems };
      return setTables(principal, release, moveTable(release.tables, index, direction), 'release.move-table', { position: index + 1, direction });
    },

    async removeTable(principal: Principal, id: number, index: number): Promise<ReleaseOutcome> {
      requireManager(principal);
      const release = await held(id);
      const problems = editProblems(release, clock());
      if (problems.length > 0) return { ok: false, problems };
      return setTables(principal, release, removeTable(release.tables, index), 'release.remove-table', { permalink: release.tables[index] ?? null });
    },

    /** Approve a draft with its publication day and time in England (four eyes: not by its last editor); fixes its slug. */
    async approve(principal: Principal, id: number, date: string, time: string, seenEditedAt?: string): Promise<ReleaseOutcome> {
      requireManager(principal);
      const release = await held(id);
      const now = clock();
      const publishAt = londonInstant(date.trim(), time.trim());
      const problems = approvalProblems(release, principal.userId, publishAt, now);
      // Four eyes see what they approve: not a release changed since the approver's page was shown.
      if (seenEditedAt !== undefined && seenEditedAt !== release.editedAt)
        problems.push({ field: 'release', message: 'The release has changed since you opened it: read it again before approving it' });
      if (problems.length > 0) return { ok: false, problems };
      // The slug is chosen inside the approving transaction, under the slug lock: chosen before it, two approvals of
      // releases with the same title and day took the same slug, and the second failed on the unique slug with a 500.
      // The approval holds only if the draft is still the version checked: an edit committed meanwhile is refused with
      // a reason (the approver's own, in another tab, otherwise broke the table's four-eyes check: a 500).
      const detail = { publishAt: publishAt!.toISOString(), slug: '' };
      return write(principal, 'release.approve', id, detail, async (tx) => {
        detail.slug = releaseSlug(release.content.title, londonWallClock(publishAt!).date, await tx.releases.slugsLocked());
        return tx.releases.approve(id, principal.userId, now, publishAt!, detail.slug, release.editedAt);
      });
    },

    async sendBack(principal: Principal, id: number): Promise<ReleaseOutcome> {
      requireManager(principal);
      const release = await held(id);
      const now = clock();
      const problems = sendBackProblems(release, now);
      if (problems.length > 0) return { ok: false, problems };
      return write(principal, 'release.send-back', id, { slug: release.slug }, (tx) => tx.releases.sendBack(id, principal.userId, now));
    },

    /** Give a user (by username) pre-release access. */
    async addPreRelease(principal: Principal, id: number, username: string): Promise<ReleaseOutcome> {
      requireManager(principal);
      const release = await held(id);
      const problems = preReleaseListProblems(release, clock());
      const user = username.trim() === '' ? undefined : await store.access.userByName(username.trim());
      if (user === undefined) problems.push({ field: 'user', message: 'Enter the username of an existing user' });
      else if (user.disabled) problems.push({ field: 'user', message: 'This user’s account is disabled' });
      else if (release.preRelease.includes(user.id)) problems.push({ field: 'user', message: 'This user is already on the pre-release list' });
      if (problems.length > 0) return { ok: false, problems };
      return write(principal, 'release.add-pre-release', id, { user: user!.id }, (tx) => tx.releases.addPreRelease(id, user!.id, principal.userId, clock()));
    },

    async removePreRelease(principal: Principal, id: number, userId: number): Promise<ReleaseOutcome> {
      requireManager(principal);
      const release = await held(id);
      const problems = preReleaseListProblems(release, clock());
      if (problems.length > 0) return { ok: false, problems };
      return write(principal, 'release.remove-pre-release', id, { user: userId }, (tx) => tx.releases.removePreRelease(id, userId));
    },

    /** A dated correction note on a published release (it is never changed otherwise). */
    async correct(principal: Principal, id: number, note: string): Promise<ReleaseOutcome> {
      requireManager(principal);
      const release = await held(id);
      const problems = correctionProblems(release, note, clock());
      if (problems.length > 0) return { ok: false, problems };
      return write(principal, 'release.correct', id, {}, async (tx) => {
        await tx.releases.addCorrection(id, note.trim(), principal.userId, clock());
        return true;
      });
    },
  });
}

export type ReleaseService = ReturnType<typeof createReleaseService>;
