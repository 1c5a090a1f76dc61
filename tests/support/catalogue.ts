import { loadCatalogue } from '../../src/imports/indicator-catalogue/read-catalogue.ts';
import { loadMappings } from '../../src/imports/mapped-csv/mapping.ts';
import { loadFrameworks } from '../../src/imports/framework/read-framework.ts';

/** The shipped indicator catalogue and file mappings, read once per test file. */
export const catalogue = await loadCatalogue();
export const mappings = await loadMappings();
export const frameworks = await loadFrameworks(catalogue);
