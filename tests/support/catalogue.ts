import { loadCatalogue } from '../../src/imports/indicator-catalogue/read-catalogue.ts';
import { loadMappings } from '../../src/imports/mapped-csv/mapping.ts';

/** The shipped indicator catalogue and file mappings, read once per test file. */
export const catalogue = await loadCatalogue();
export const mappings = await loadMappings();
