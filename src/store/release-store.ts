import { sql, type Kysely } from 'kysely';
import type { Release, ReleaseContent, ReleaseStage } from '../domain/releases/release.ts';
import type { Database } from './schema.ts';

/** A release as held, with the names of who did each step (for its pages). */
export type HeldRelease = Release &
  Readonly<{
    names: Readonly<{ createdBy: string; editedBy: string; approvedBy: string | null; sentBackBy: string | null }>;
    sentBackAt: string | null;
    preReleaseUsers: readonly Readonly<{ id: number; username: string; displayName: string }>[];
  }>;

/** Releases (migration 0027): content, the approval and its sending back, tables in order, pre-release list, corrections. */
export function createReleaseStore(db: Kysely<Database>) {
  const select = () =>
    db
      .selectFrom('release as r')
      .innerJoin('app_user as c', 'c.id', 'r.created_by')
      .innerJoin('app_user as e', 'e.id', 'r.edited_by')
      .leftJoin('app_user as a', 'a.id', 'r.approved_by')
      .leftJoin('app_user as s', 's.id', 'r.sent_back_by')
      .selectAll('r')
      .select(['c.display_name as created_name', 'e.display_name as edited_name', 'a.display_name as approved_name', 's.display_name as sent_back_name']);
  type Row = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];

  const complete = async (rows: Row[]): Promise<HeldRelease[]> => {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [tables, pre, corrections] = await Promise.all([
      db.selectFrom('release_table').select(['release_id', 'permalink_id']).where('release_id', 'in', ids).orderBy('release_id').orderBy('position').execute(),
      db
        .selectFrom('release_pre_release as p')
        .innerJoin('app_user as u', 'u.id', 'p.user_id')
        .select(['p.release_id', 'u.id', 'u.username', 'u.display_name'])
        .where('p.release_id', 'in', ids)
        .orderBy('u.display_name')
        .execute(),
      db
        .selectFrom('release_correction as k')
        .innerJoin('app_user as u', 'u.id', 'k.recorded_by')
        .select(['k.release_id', 'k.note', 'u.display_name', 'k.recorded_at'])
        .where('k.release_id', 'in', ids)
        .orderBy('k.recorded_at')
        .orderBy('k.id')
        .execute(),
    ]);
    return rows.map((r) => {
      const id = Number(r.id);
      const own = <T extends { release_id: number }>(list: T[]) => list.filter((x) => Number(x.release_id) === id);
      const users = own(pre).map((p) => ({ id: Number(p.id), username: p.username, displayName: p.display_name }));
      return {
        id,
        stage: r.stage as ReleaseStage,
        content: { title: r.title, summary: r.summary, commentary: r.commentary, methodology: r.methodology, footnotes: r.footnotes },
        tables: own(tables).map((t) => t.permalink_id),
        createdBy: Number(r.created_by),
        createdAt: r.created_at.toISOString(),
        editedBy: Number(r.edited_by),
        editedAt: r.edited_at.toISOString(),
        approvedBy: r.approved_by === null ? null : Number(r.approved_by),
        approvedAt: r.approved_at?.toISOString() ?? null,
        publishAt: r.publish_at?.toISOString() ?? null,
        slug: r.slug,
        preRelease: users.map((u) => u.id),
        corrections: own(corrections).map((k) => ({ note: k.note, by: k.display_name, at: k.recorded_at.toISOString() })),
        names: { createdBy: r.created_name, editedBy: r.edited_name, approvedBy: r.approved_name, sentBackBy: r.sent_back_name },
        sentBackAt: r.sent_back_at?.toISOString() ?? null,
        preReleaseUsers: users,
      };
    });
  };

  const content = (c: ReleaseContent) => ({
    title: c.title,
    summary: c.summary,
    commentary: c.commentary,
    methodology: c.methodology,
    footnotes: c.footnotes,
  });

  return {
    async create(c: ReleaseContent, by: number, at: Date): Promise<number> {
      const row = await db
        .insertInto('release')
        .values({ stage: 'draft', ...content(c), created_by: by, created_at: at, edited_by: by, edited_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    /** Every release, the latest to be published (or, for drafts, changed) first. */
    async list(): Promise<HeldRelease[]> {
      return complete(
        await select()
          .orderBy('r.publish_at', (o) => o.desc().nullsFirst())
          .orderBy('r.edited_at', 'desc')
          .orderBy('r.id', 'desc')
          .execute(),
      );
    },

    async find(id: number): Promise<HeldRelease | undefined> {
      return (await complete(await select().where('r.id', '=', id).execute()))[0];
    },

    async findBySlug(slug: string): Promise<HeldRelease | undefined> {
      return (await complete(await select().where('r.slug', '=', slug).execute()))[0];
    },

    /**
     * The slugs taken, read under a lock held to the end of the transaction: two approvals fixing the same slug (same
     * title, same day) run one after the other, so the second sees the first's slug and takes the next one.
     */
    async slugsLocked(): Promise<string[]> {
      await sql`select pg_advisory_xact_lock(hashtext('waymark.release_slug'))`.execute(db);
      return (await db.selectFrom('release').select('slug').where('slug', 'is not', null).execute()).map((r) => r.slug!);
    },

    /** Change a draft's content; false when it is no longer a draft. */
    async edit(id: number, c: ReleaseContent, by: number, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('release')
        .set({ ...content(c), edited_by: by, edited_at: at })
        .where('id', '=', id)
        .where('stage', '=', 'draft')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Replace a draft's tables with these, in order (its editor and time set too); false when it is no longer a draft. */
    async setTables(id: number, permalinkIds: readonly string[], by: number, at: Date): Promise<boolean> {
      const result = await db.updateTable('release').set({ edited_by: by, edited_at: at }).where('id', '=', id).where('stage', '=', 'draft').executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await db.deleteFrom('release_table').where('release_id', '=', id).execute();
      if (permalinkIds.length > 0)
        await db
          .insertInto('release_table')
          .values(permalinkIds.map((p, i) => ({ release_id: id, position: i + 1, permalink_id: p })))
          .execute();
      return true;
    },

    /**
     * Approve the draft as it was when its approval was checked (`checkedEditedAt`, its last change then); false when it
     * is no longer a draft or has changed since: the checks (four eyes above all) were made on that version.
     */
    async approve(id: number, by: number, at: Date, publishAt: Date, slug: string, checkedEditedAt: string): Promise<boolean> {
      const result = await db
        .updateTable('release')
        .set({ stage: 'approved', approved_by: by, approved_at: at, publish_at: publishAt, slug })
        .where('id', '=', id)
        .where('stage', '=', 'draft')
        .where('edited_at', '=', new Date(checkedEditedAt))
        // Two edits in one millisecond share a time: the last editor is checked here too, so the table's four-eyes check never fails.
        .where('edited_by', '<>', by)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Back to draft, before its publication time only (`now`); the approval, time and slug are cleared. */
    async sendBack(id: number, by: number, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('release')
        .set({ stage: 'draft', approved_by: null, approved_at: null, publish_at: null, slug: null, sent_back_by: by, sent_back_at: now })
        .where('id', '=', id)
        .where('stage', '=', 'approved')
        .where('publish_at', '>', now)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Add a user to the pre-release list; false when already on it. */
    async addPreRelease(id: number, userId: number, by: number, at: Date): Promise<boolean> {
      const result = await db
        .insertInto('release_pre_release')
        .values({ release_id: id, user_id: userId, added_by: by, added_at: at })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },

    async removePreRelease(id: number, userId: number): Promise<boolean> {
      const result = await db.deleteFrom('release_pre_release').where('release_id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async addCorrection(id: number, note: string, by: number, at: Date): Promise<number> {
      const row = await db
        .insertInto('release_correction')
        .values({ release_id: id, note, recorded_by: by, recorded_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
  };
}
