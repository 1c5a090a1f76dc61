import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeIssue, type FileIssue } from '../../domain/errors.ts';
import { attainmentAt19File } from '../../demo/attainment-at-19.ts';
import type { ReadPublishedFile } from '../../domain/import-file.ts';
import { writePublishedValues } from '../imports/published-writer.ts';
import type { DemoCaseworkStep } from './demo-service.ts';

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
      const folder = await mkdtemp(path.join(tmpdir(), 'waymark-demo-'));
      try {
        const filePath = path.join(folder, 'demo-county-attainment-by-19.csv');
        await writeFile(filePath, attainmentAt19File('886', 'E10000016', 'Kent', from, to));
        if (readPublishedFile === undefined) throw new Error('The demo build needs a reader of published files (ServiceOptions.readPublishedFile)');
        const read = await readPublishedFile(filePath);
        if (!read.ok) throw new Error(`The demo's attainment by 19 file is refused:\n${read.issues.map(describeIssue).join('\n')}`);
        if (read.file.format !== 'mapped-csv') throw new Error(`The demo's attainment by 19 file was read as ${read.file.format}, not through its mapping`);
        const issues: FileIssue[] = [];
        const counts = await writePublishedValues(tx, read.file, batchId, issues);
        if (issues.length > 0) throw new Error(`The demo's attainment by 19 figures are refused:\n${issues.map(describeIssue).join('\n')}`);
        return [
          `attainment by 19 for the cohorts of ${from} to ${to} (DfE layout, mapping dfe-attainment-by-19): ${counts.inserted + counts.updated + counts.unchanged} figures`,
        ];
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}
