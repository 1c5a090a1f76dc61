import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Log } from '../log.ts';
import type { Database } from './schema.ts';
import * as m0001 from './migrations/0001_create_register.ts';
import * as m0002 from './migrations/0002_extend_indicator.ts';
import * as m0003 from './migrations/0003_observation_provenance.ts';
import * as m0004 from './migrations/0004_observation_basis.ts';
import * as m0005 from './migrations/0005_computed_basis.ts';
import * as m0006 from './migrations/0006_inspection.ts';
import * as m0007 from './migrations/0007_band_unit.ts';
import * as m0008 from './migrations/0008_public_suppression.ts';
import * as m0009 from './migrations/0009_roll_up_population.ts';
import * as m0010 from './migrations/0010_observation_source.ts';
import * as m0011 from './migrations/0011_create_access.ts';
import * as m0012 from './migrations/0012_create_audit_event.ts';
import * as m0013 from './migrations/0013_births_record.ts';
import * as m0014 from './migrations/0014_user_identity.ts';
import * as m0015 from './migrations/0015_api_token.ts';
import * as m0016 from './migrations/0016_index_audit_filters.ts';
import * as m0017 from './migrations/0017_cme_casework.ts';
import * as m0018 from './migrations/0018_sen_casework.ts';
import * as m0019 from './migrations/0019_participation_tracking.ts';
import * as m0020 from './migrations/0020_inclusion_casework.ts';
import * as m0021 from './migrations/0021_pseudonym_key.ts';
import * as m0022 from './migrations/0022_admissions.ts';
import * as m0023 from './migrations/0023_admissions_retention.ts';
import * as m0024 from './migrations/0024_place_planning.ts';
import * as m0025 from './migrations/0025_target_delivery.ts';
import * as m0026 from './migrations/0026_table_permalink.ts';
import * as m0027 from './migrations/0027_releases.ts';
import * as m0028 from './migrations/0028_data_change.ts';
import * as m0029 from './migrations/0029_observation_references_by_statement.ts';
import * as m0030 from './migrations/0030_import_batch_reader.ts';
import * as m0031 from './migrations/0031_data_change_search_path.ts';
import * as m0032 from './migrations/0032_system_leadership.ts';
import * as m0033 from './migrations/0033_observation_reference_locks.ts';

/** Versioned migrations, in order. Each runs in its own transaction; SQL runs on PostgreSQL 15 and 18. */
const migrations: Record<string, Migration> = {
  '0001_create_register': m0001,
  '0002_extend_indicator': m0002,
  '0003_observation_provenance': m0003,
  '0004_observation_basis': m0004,
  '0005_computed_basis': m0005,
  '0006_inspection': m0006,
  '0007_band_unit': m0007,
  '0008_public_suppression': m0008,
  '0009_roll_up_population': m0009,
  '0010_observation_source': m0010,
  '0011_create_access': m0011,
  '0012_create_audit_event': m0012,
  '0013_births_record': m0013,
  '0014_user_identity': m0014,
  '0015_api_token': m0015,
  '0016_index_audit_filters': m0016,
  '0017_cme_casework': m0017,
  '0018_sen_casework': m0018,
  '0019_participation_tracking': m0019,
  '0020_inclusion_casework': m0020,
  '0021_pseudonym_key': m0021,
  '0022_admissions': m0022,
  '0023_admissions_retention': m0023,
  '0024_place_planning': m0024,
  '0025_target_delivery': m0025,
  '0026_table_permalink': m0026,
  '0027_releases': m0027,
  '0028_data_change': m0028,
  '0029_observation_references_by_statement': m0029,
  '0030_import_batch_reader': m0030,
  '0031_data_change_search_path': m0031,
  '0032_system_leadership': m0032,
  '0033_observation_reference_locks': m0033,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export async function migrateToLatest(db: Kysely<Database>, log: Log): Promise<void> {
  // Migrations are numbered by the branch that made them and may land out of order (0013 before 0012 or 0011): each is
  // independent of the ones around it, so one missing below an applied one is run, not refused as corruption.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === 'Success') log.info({ migration: result.migrationName }, 'migration applied');
    if (result.status === 'Error') log.error({ migration: result.migrationName }, 'migration failed');
  }
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
}
