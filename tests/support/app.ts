import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { ImportFile } from '../../src/domain/import-file.ts';
import { readImportFile } from '../../src/imports/import-files.ts';
import { createLog } from '../../src/log.ts';
import { createServices, type Services } from '../../src/services/create-services.ts';
import { createApp } from '../../src/web/create-app.ts';
import { catalogue, frameworks, mappings } from './catalogue.ts';
import { freshDatabase, type DatabaseTarget, type TestDatabase } from './databases.ts';
import { sharedFile } from './shared-data.ts';

/** Read real files from ../shared/data/public the way `waymark import` does (with the shipped mappings). */
export async function readShared(paths: readonly string[]): Promise<ImportFile[]> {
  return Promise.all(
    paths.map(async (p) => {
      const read = await readImportFile(sharedFile(p), mappings);
      if (!read.ok) throw new Error(JSON.stringify(read.issues.slice(0, 3)));
      return read.file;
    }),
  );
}

/** The services over a test database, with the shipped catalogue and frameworks, the clock stopped at `now` (or read from it). */
export function servicesFor(database: TestDatabase, now: Date | (() => Date), log = createLog('silent'), keptReadsMb?: number): Services {
  const clock = typeof now === 'function' ? now : () => now;
  return createServices(database.store, clock, log, catalogue, {
    pupilDir: database.pupilDir,
    frameworks,
    who: { actor: 'system', requestId: null },
    readPublishedFile: async (filePath) => readImportFile(filePath, mappings),
    ...(keptReadsMb === undefined ? {} : { keptReadsMb }),
  });
}

export type TestApp = Readonly<{ database: TestDatabase; services: Services; app: FastifyInstance; close: () => Promise<void> }>;

/** A fresh database with the files imported, and the web app (pages and API) over it. */
export async function appWithImports(target: DatabaseTarget, files: readonly ImportFile[], now = new Date('2026-01-01T00:00:00Z')): Promise<TestApp> {
  return appOver(await freshDatabase(target), now, async (services) => {
    if (files.length > 0) await services.imports.importFiles(files);
  });
}

/** The services and web app over a test database, after `prepare` (the app and the database go with `close`). */
export async function appOver(database: TestDatabase, now: Date, prepare: (services: Services) => Promise<void> = async () => {}): Promise<TestApp> {
  const log = createLog('silent');
  const services = servicesFor(database, now, log);
  await prepare(services);
  const app = await createApp(services, { log, production: true, version: 'test', commit: null });
  return {
    database,
    services,
    app,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** The one API observation a query names (failing the test if there is not exactly one). */
export async function oneObservation<T>(app: FastifyInstance, query: string): Promise<T> {
  const response = await app.inject(`/api/v1/observations?${query}`);
  assert.equal(response.statusCode, 200, response.body);
  const rows = response.json<{ observations: T[] }>().observations;
  assert.equal(rows.length, 1, `one observation for ${query}`);
  return rows[0]!;
}
