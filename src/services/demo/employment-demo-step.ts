import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeIssue, type FileIssue } from '../../domain/errors.ts';
import { kent } from '../../domain/geography/reference-places.ts';
import { isEmploymentFile, type EmploymentFormat, type ReadPublishedFile } from '../../domain/import-file.ts';
import { apprenticeReturnFile, claimantCountFile, schoolSurveyFile } from '../../demo/employment-files.ts';
import { writePublishedValues } from '../imports/published-writer.ts';
import type { DemoCaseworkStep } from './demo-service.ts';

/**
 * The demo county's youth employment and apprenticeships (targets 36, 37, 38 and 47): its claimant count in the Nomis
 * NM_162_1 layout (calendar years, each build year's spring), the LA's HR return of apprentices taken on (financial
 * years) and its survey of schools' apprenticeships (academic years), from src/demo/employment-files.ts, each read by
 * its importer and written by the published-file writer, exactly as an LA's import of its files is.
 */
export function employmentDemoStep(readPublishedFile: ReadPublishedFile | undefined): DemoCaseworkStep {
  return {
    name: 'employment',
    label: 'importing the claimant count, the apprentices return and the school apprenticeship survey',
    async write(tx, county, seed, years, batchId) {
      if (years.length === 0) return [];
      if (readPublishedFile === undefined) throw new Error('The demo build needs a reader of published files (ServiceOptions.readPublishedFile)');
      // A build year is an academic start year (2011 is 2011/12, the framework's 2012): its calendar year is the next,
      // its financial year starts with it (2011-12) as its academic year does.
      const from = Math.min(...years) + 1;
      const to = Math.max(...years) + 1;
      const names = new Map(county.schools.map((s) => [s.urn, s.name]));
      const onRoll = new Map<string, Set<string>>();
      for (const r of county.rolls) if (r.pupils > 0) onRoll.set(r.period, (onRoll.get(r.period) ?? new Set()).add(r.urn));
      const schoolsByYear = (period: string) => [...(onRoll.get(period) ?? [])].map((urn) => ({ urn, name: names.get(urn) ?? `URN ${urn}` }));
      const files: readonly (readonly [name: string, format: EmploymentFormat, text: string])[] = [
        ['demo-county-claimant-count-nm-162-1.csv', 'nomis-claimant-count', claimantCountFile(kent.onsCode, kent.name, from, to)],
        ['demo-county-apprentices-return.csv', 'la-apprentice-return', apprenticeReturnFile(kent.code, years)],
        ['demo-county-school-apprenticeship-survey.csv', 'school-apprenticeship-survey', schoolSurveyFile(kent.code, years, schoolsByYear, seed)],
      ];
      const folder = await mkdtemp(path.join(tmpdir(), 'waymark-demo-'));
      try {
        const notes: string[] = [];
        for (const [name, format, text] of files) {
          const filePath = path.join(folder, name);
          await writeFile(filePath, text);
          const read = await readPublishedFile(filePath);
          if (!read.ok) throw new Error(`The demo's ${name} is refused:\n${read.issues.map(describeIssue).join('\n')}`);
          const file = read.file;
          if (file.format !== format || !isEmploymentFile(file)) throw new Error(`The demo's ${name} was read as ${file.format}, not ${format}`);
          const issues: FileIssue[] = [];
          const counts = await writePublishedValues(tx, file, batchId, issues);
          if (issues.length > 0) throw new Error(`The demo's ${name} figures are refused:\n${issues.map(describeIssue).join('\n')}`);
          notes.push(
            `${name} (${format}): ${counts.inserted + counts.updated + counts.unchanged} figures${file.notes.length > 0 ? `; ${file.notes.join('; ')}` : ''}`,
          );
        }
        return notes;
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}
