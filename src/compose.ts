import { pupilDirOf, type Config } from './config.ts';
import { loadFrameworks } from './imports/framework/read-framework.ts';
import { loadCatalogue } from './imports/indicator-catalogue/read-catalogue.ts';
import { readImportFile } from './imports/import-files.ts';
import { loadMappings } from './imports/mapped-csv/mapping.ts';
import type { Log } from './log.ts';
import type { AuditWho } from './domain/audit/audit-chain.ts';
import { createServices, type Services } from './services/create-services.ts';
import { openDatabase, type DatabaseHandle } from './store/database.ts';
import { createStore } from './store/store.ts';

export type Composed = Readonly<{ services: Services; database: DatabaseHandle }>;

/**
 * The one composition root the server and every CLI command share: config → database → store → catalogue and
 * frameworks → services, with the catalogue synced into the store. Who the process acts as when a call names nobody
 * (`system` for the server, `cli:<OS user>` for a command) is the caller's. A failure after the database opened closes it.
 */
export async function composeServices(
  config: Config,
  log: Log,
  who: AuditWho,
  database: Readonly<{ joinRunning?: boolean; onLost?: (error: Error) => void }> = {},
): Promise<Composed> {
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    appDatabaseUrl: config.appDatabaseUrl,
    dataDir: config.dataDir,
    databaseName: config.databaseName,
    log,
    ...database,
  });
  try {
    const catalogue = await loadCatalogue();
    const services = createServices(createStore(handle.db), () => new Date(), log, catalogue, {
      pupilDir: pupilDirOf(config),
      frameworks: await loadFrameworks(catalogue),
      who,
      readPublishedFile: async (filePath) => readImportFile(filePath, await loadMappings()),
    });
    await services.catalogue.sync();
    return { services, database: handle };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
