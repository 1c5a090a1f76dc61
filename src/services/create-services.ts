import type { Indicator } from '../domain/indicators/indicator.ts';
import type { Log } from '../log.ts';
import type { Store } from '../store/store.ts';
import { createCatalogueService } from './catalogue-service.ts';
import { createDemoService } from './demo-service.ts';
import { createPlaceService } from './place-service.ts';
import { createRegisterImportService, type Clock } from './register-import-service.ts';

/** The use cases every face calls. Everything is handed in: no module singletons. */
export function createServices(store: Store, clock: Clock, log: Log, catalogue: readonly Indicator[]) {
  const catalogueService = createCatalogueService(store, catalogue, log);
  return Object.freeze({
    catalogue: catalogueService,
    health: { check: () => store.check() },
    registerImport: createRegisterImportService(store, clock, log),
    places: createPlaceService(store, clock),
    demo: createDemoService(store, log, () => catalogueService.sync()),
    batches: { recent: (limit?: number) => store.register.batches(limit) },
  });
}

export type Services = ReturnType<typeof createServices>;
export type { Clock };
