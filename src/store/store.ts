import { sql, type Kysely } from 'kysely';
import { createAdmissionsStore } from './admissions-store.ts';
import { createAuditStore } from './audit-store.ts';
import { createBirthsStore } from './births-store.ts';
import { createCmeStore } from './cme-store.ts';
import { createDeliveryStore } from './delivery-store.ts';
import { createFileFigureStore } from './file-figure-store.ts';
import { createSystemLeadershipStore } from './system-leadership-store.ts';
import { createDataVersionStore } from './data-version-store.ts';
import { createReleaseStore } from './release-store.ts';
import { createTableStore } from './table-store.ts';
import { createAccessStore } from './access-store.ts';
import { createIndicatorStore } from './indicator-store.ts';
import { createInclusionStore } from './inclusion-store.ts';
import { createInspectionStore } from './inspection-store.ts';
import { createObservationStore } from './observation-store.ts';
import { createParticipationStore } from './participation-store.ts';
import { createPlaceStore } from './place-store.ts';
import { createPlanningStore } from './planning-store.ts';
import { createPseudonymKeyStore } from './pseudonym-key-store.ts';
import { createRegisterStore } from './register-store.ts';
import { createSenStore } from './sen-store.ts';
import { createTokenStore } from './token-store.ts';
import type { Database } from './schema.ts';
import { checkDatabase } from './database.ts';

/** The store services see: one object per module, and a way to run several writes as one transaction. */
export type Store = Readonly<{
  places: ReturnType<typeof createPlaceStore>;
  register: ReturnType<typeof createRegisterStore>;
  indicators: ReturnType<typeof createIndicatorStore>;
  observations: ReturnType<typeof createObservationStore>;
  fileFigures: ReturnType<typeof createFileFigureStore>;
  inspections: ReturnType<typeof createInspectionStore>;
  audit: ReturnType<typeof createAuditStore>;
  births: ReturnType<typeof createBirthsStore>;
  access: ReturnType<typeof createAccessStore>;
  tokens: ReturnType<typeof createTokenStore>;
  cme: ReturnType<typeof createCmeStore>;
  sen: ReturnType<typeof createSenStore>;
  participation: ReturnType<typeof createParticipationStore>;
  inclusion: ReturnType<typeof createInclusionStore>;
  pseudonymKey: ReturnType<typeof createPseudonymKeyStore>;
  admissions: ReturnType<typeof createAdmissionsStore>;
  planning: ReturnType<typeof createPlanningStore>;
  delivery: ReturnType<typeof createDeliveryStore>;
  leadership: ReturnType<typeof createSystemLeadershipStore>;
  releases: ReturnType<typeof createReleaseStore>;
  tables: ReturnType<typeof createTableStore>;
  dataVersion: ReturnType<typeof createDataVersionStore>;
  check: () => Promise<{ ok: true; serverVersion: string }>;
  /** Refresh the planner's statistics of some tables (after bulk writes in the same transaction). */
  analyse: (tables: readonly ('observation' | 'place' | 'place_link' | 'inspection')[]) => Promise<void>;
  transaction: <T>(work: (store: Store) => Promise<T>) => Promise<T>;
}>;

export function createStore(db: Kysely<Database>): Store {
  const store: Store = {
    places: createPlaceStore(db),
    register: createRegisterStore(db),
    indicators: createIndicatorStore(db),
    observations: createObservationStore(db),
    fileFigures: createFileFigureStore(db),
    inspections: createInspectionStore(db),
    audit: createAuditStore(db),
    births: createBirthsStore(db),
    access: createAccessStore(db),
    tokens: createTokenStore(db),
    cme: createCmeStore(db),
    sen: createSenStore(db),
    participation: createParticipationStore(db),
    inclusion: createInclusionStore(db),
    pseudonymKey: createPseudonymKeyStore(db),
    admissions: createAdmissionsStore(db),
    planning: createPlanningStore(db),
    delivery: createDeliveryStore(db),
    leadership: createSystemLeadershipStore(db),
    releases: createReleaseStore(db),
    tables: createTableStore(db),
    dataVersion: createDataVersionStore(db),
    check: () => checkDatabase(db),
    analyse: async (tables) => {
      // Through a function the tables' owner defines (migration 0012): the application's role may not ANALYZE them itself.
      await sql`select waymark_analyse(${sql.val(tables)}::text[])`.execute(db);
    },
    transaction: (work) => (db.isTransaction ? work(store) : db.transaction().execute((trx) => work(createStore(trx)))),
  };
  return Object.freeze(store);
}
