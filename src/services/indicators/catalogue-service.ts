import type { Indicator } from '../../domain/indicators/indicator.ts';
import type { Log } from '../../log.ts';
import type { Store } from '../../store/store.ts';

/** Keeps the store's indicator table equal to the catalogue files the application was started with. */
export function createCatalogueService(store: Store, catalogue: readonly Indicator[], log: Log) {
  return {
    async sync(): Promise<{ inserted: number; updated: number; unchanged: number }> {
      const result = await store.transaction((tx) => tx.indicators.saveAll(catalogue));
      if (result.inserted + result.updated > 0) log.info(result, 'indicator catalogue written');
      return result;
    },
    list: (): readonly Indicator[] => catalogue,
  };
}
