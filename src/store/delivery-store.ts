import type { Kysely } from 'kysely';
import type { DeliveryRecord, JudgedStatus } from '../domain/framework/delivery.ts';
import type { Database } from './schema.ts';

/** A delivery record as held: the domain's record with its id and the framework and target it belongs to. */
export type HeldDelivery = DeliveryRecord & Readonly<{ id: number; frameworkId: string; targetId: string }>;

export type NewDelivery = Readonly<{
  frameworkId: string;
  targetId: string;
  kind: 'delivered' | 'judgement';
  on: string;
  year: number | null;
  status: JudgedStatus | null;
  evidence: string;
  link: string | null;
  recordedBy: number;
  recordedAt: Date;
}>;

/** Framework targets' delivery records (migration 0025): added, read with who recorded them, and withdrawn; never deleted. */
export function createDeliveryStore(db: Kysely<Database>) {
  const select = () =>
    db
      .selectFrom('target_delivery as d')
      .innerJoin('app_user as r', 'r.id', 'd.recorded_by')
      .leftJoin('app_user as w', 'w.id', 'd.withdrawn_by')
      .select([
        'd.id',
        'd.framework_id',
        'd.target_id',
        'd.kind',
        'd.on_date',
        'd.year',
        'd.status',
        'd.evidence',
        'd.link',
        'r.display_name as recorded_by',
        'd.recorded_at',
        'w.display_name as withdrawn_by',
        'd.withdrawn_at',
        'd.withdrawn_reason',
      ])
      .orderBy('d.recorded_at')
      .orderBy('d.id');
  type Row = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];
  const held = (r: Row): HeldDelivery => ({
    id: Number(r.id),
    frameworkId: r.framework_id,
    targetId: r.target_id,
    kind: r.kind as HeldDelivery['kind'],
    on: r.on_date,
    year: r.year,
    status: r.status as JudgedStatus | null,
    evidence: r.evidence,
    link: r.link,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at.toISOString(),
    withdrawn: r.withdrawn_at === null ? null : { by: r.withdrawn_by ?? 'a removed user', at: r.withdrawn_at.toISOString(), reason: r.withdrawn_reason ?? '' },
  });

  return {
    async add(record: NewDelivery): Promise<number> {
      const row = await db
        .insertInto('target_delivery')
        .values({
          framework_id: record.frameworkId,
          target_id: record.targetId,
          kind: record.kind,
          on_date: record.on,
          year: record.year,
          status: record.status,
          evidence: record.evidence,
          link: record.link,
          recorded_by: record.recordedBy,
          recorded_at: record.recordedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    /** Every record of a framework (optionally of one target), oldest recorded first. */
    async list(frameworkId: string, targetId?: string): Promise<HeldDelivery[]> {
      let query = select().where('d.framework_id', '=', frameworkId);
      if (targetId !== undefined) query = query.where('d.target_id', '=', targetId);
      return (await query.execute()).map(held);
    },

    async find(id: number): Promise<HeldDelivery | undefined> {
      const row = await select().where('d.id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : held(row);
    },

    /** Withdraw a record not already withdrawn; false when there was none to withdraw. */
    async withdraw(id: number, by: number, at: Date, reason: string): Promise<boolean> {
      const result = await db
        .updateTable('target_delivery')
        .set({ withdrawn_by: by, withdrawn_at: at, withdrawn_reason: reason })
        .where('id', '=', id)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
