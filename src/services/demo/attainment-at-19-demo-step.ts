import { attainmentAt19File } from '../../demo/attainment-at-19.ts';
import type { ReadPublishedFile } from '../../domain/import-file.ts';
import type { DemoCaseworkStep } from './demo-service.ts';
import { importDemoFiles } from './import-demo-files.ts';

/**
 * The demo county's attainment by 19 (targets 31, 33, 41, 42): its file in the DfE's published layout
 * (src/demo/attainment-at-19.ts), for the cohorts that turned 19 in the build's years, read by the shipped mapping and
 * written by the published-file writer, exactly as an LA's import of the real file is.
 */
export function attainmentAt19DemoStep(readPublishedFile: ReadPublishedFile | undefined): DemoCaseworkStep {
  return {
    name: 'attainment-at-19',
    label: 'importing attainment by 19 in the DfE’s published layout',
    async write(tx, _county, _seed, years, batchId) {
      if (years.length === 0) return [];
      // A build year is an academic start year (2011 is 2011/12): its cohort turned 19 in the summer that ends it.
      const from = Math.min(...years) + 1;
      const to = Math.max(...years) + 1;
      const text = attainmentAt19File('886', 'E10000016', 'Kent', from, to);
      const name = 'demo-county-attainment-by-19.csv';
      const notes = await importDemoFiles(tx, readPublishedFile, [{ name, text, format: 'mapped-csv', mapping: 'dfe-attainment-by-19' }], batchId);
      return [`attainment by 19 for the cohorts of ${from} to ${to} (DfE layout): ${notes.join('; ')}`];
    },
  };
}
