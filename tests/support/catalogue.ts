import { loadCatalogue } from '../../src/imports/indicator-catalogue/read-catalogue.ts';

/** The shipped indicator catalogue, read once per test file. */
export const catalogue = await loadCatalogue();
