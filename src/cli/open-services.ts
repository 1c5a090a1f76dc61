import { pupilDirOf, readConfig } from '../config.ts';
import { loadFrameworks } from '../imports/framework/read-framework.ts';
import { loadCatalogue } from '../imports/indicator-catalogue/read-catalogue.ts';
import { createLog } from '../log.ts';
import { createServices, type Services } from '../services/create-services.ts';
import { openDatabase } from '../store/database.ts';
import { createStore } from '../store/store.ts';

/** Open the configured store for one CLI command, run it, and always close the database. */
export async function withServices<T>(work: (services: Services) => Promise<T>): Promise<T> {
  const config = readConfig();
  const log = createLog(process.env.LOG_LEVEL ?? 'warn');
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, databaseName: config.databaseName, log });
  try {
    const catalogue = await loadCatalogue();
    const services = createServices(createStore(database.db), () => new Date(), log, catalogue, {
      pupilDir: pupilDirOf(config),
      frameworks: await loadFrameworks(catalogue),
    });
    await services.catalogue.sync();
    return await work(services);
  } finally {
    await database.close();
  }
}
