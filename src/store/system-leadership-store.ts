import type { Kysely } from 'kysely';
import type { LeaderKind, LeaderPhase, Partnership, PartnershipKind, SupportArea, SystemLeader } from '../domain/schools/system-leaders.ts';
import type { Database } from './schema.ts';

export type HeldLeader = SystemLeader & Readonly<{ laCode: string; recordedBy: string; recordedAt: string }>;
export type HeldPartnership = Partnership & Readonly<{ recordedBy: string; recordedAt: string }>;

export type NewLeader = Omit<SystemLeader, 'id' | 'endedOn'> & Readonly<{ laCode: string; recordedBy: number; recordedAt: Date }>;
export type NewPartnership = Omit<Partnership, 'id'> & Readonly<{ recordedBy: number; recordedAt: Date }>;

/** System leaders and their support partnerships (migration 0032): added, read with who recorded them, and ended by a date. */
export function createSystemLeadershipStore(db: Kysely<Database>) {
  return {
    async leaders(laCode: string): Promise<HeldLeader[]> {
      const rows = await db
        .selectFrom('system_leader as l')
        .innerJoin('app_user as u', 'u.id', 'l.recorded_by')
        .selectAll('l')
        .select('u.display_name as recorded_by_name')
        .where('l.la_code', '=', laCode)
        .orderBy('l.id')
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        laCode: r.la_code,
        kind: r.kind as LeaderKind,
        urn: r.urn,
        name: r.name,
        phases: r.phases as LeaderPhase[],
        specialisms: r.specialisms as SupportArea[],
        capacity: r.capacity,
        designatedOn: r.designated_on,
        endedOn: r.ended_on,
        recordedBy: r.recorded_by_name,
        recordedAt: r.recorded_at.toISOString(),
      }));
    },

    /** The partnerships led by the LA's leaders, oldest first. */
    async partnerships(laCode: string): Promise<HeldPartnership[]> {
      const rows = await db
        .selectFrom('support_partnership as p')
        .innerJoin('system_leader as l', 'l.id', 'p.leader_id')
        .innerJoin('app_user as u', 'u.id', 'p.recorded_by')
        .selectAll('p')
        .select('u.display_name as recorded_by_name')
        .where('l.la_code', '=', laCode)
        .orderBy('p.started_on')
        .orderBy('p.id')
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        leaderId: Number(r.leader_id),
        urn: r.urn,
        kind: r.kind as PartnershipKind,
        startedOn: r.started_on,
        endedOn: r.ended_on,
        need: r.need,
        recordedBy: r.recorded_by_name,
        recordedAt: r.recorded_at.toISOString(),
      }));
    },

    /** Lock the LA's leaders until the transaction ends, so a check of their partnerships holds until it commits. */
    async lockLeaders(laCode: string): Promise<void> {
      await db.selectFrom('system_leader').select('id').where('la_code', '=', laCode).forUpdate().execute();
    },

    async addLeader(l: NewLeader): Promise<number> {
      const row = await db
        .insertInto('system_leader')
        .values({
          la_code: l.laCode,
          kind: l.kind,
          urn: l.urn,
          name: l.name,
          phases: [...l.phases],
          specialisms: [...l.specialisms],
          capacity: l.capacity,
          designated_on: l.designatedOn,
          recorded_by: l.recordedBy,
          recorded_at: l.recordedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async addPartnership(p: NewPartnership): Promise<number> {
      const row = await db
        .insertInto('support_partnership')
        .values({
          leader_id: p.leaderId,
          urn: p.urn,
          kind: p.kind,
          started_on: p.startedOn,
          ended_on: p.endedOn,
          need: p.need,
          recorded_by: p.recordedBy,
          recorded_at: p.recordedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    /** End a partnership still in force on a day after it began; false if there is none such. */
    async endPartnership(id: number, endedOn: string): Promise<boolean> {
      const r = await db
        .updateTable('support_partnership')
        .set({ ended_on: endedOn })
        .where('id', '=', id)
        .where('ended_on', 'is', null)
        .where('started_on', '<', endedOn)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
  };
}
