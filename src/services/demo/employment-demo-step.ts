import { kent } from '../../domain/geography/reference-places.ts';
import type { ReadPublishedFile } from '../../domain/import-file.ts';
import { apprenticeReturnFile, claimantCountFile, feStartsFile, schoolSurveyFile, supportedEmploymentFile } from '../../demo/employment-files.ts';
import type { DemoCaseworkStep } from './demo-service.ts';
import { importDemoFiles } from './import-demo-files.ts';

/**
 * The demo county's youth employment, skills and apprenticeships (targets 35-39 and 47): its claimant count in the Nomis
 * NM_162_1 layout (calendar years, each build year's spring), the LA's HR return of apprentices taken on (financial
 * years), its survey of schools' apprenticeships, the DfE's FE and apprenticeship starts by sector subject area in the
 * Explore Education Statistics layout (read with Kent's default skills shortage areas) and the LA's supported
 * employment return (academic years), from src/demo/employment-files.ts, each read by its importer and written by the
 * published-file writer, exactly as an LA's import of its files is.
 */
export function employmentDemoStep(readPublishedFile: ReadPublishedFile | undefined): DemoCaseworkStep {
  return {
    name: 'employment',
    label:
      'importing the claimant count, the apprentices return, the school apprenticeship survey, the FE starts by sector and the supported employment return',
    async write(tx, county, seed, years, batchId) {
      if (years.length === 0) return [];
      // A build year is an academic start year (2011 is 2011/12, the framework's 2012): its calendar year is the next,
      // its financial year starts with it (2011-12) as its academic year does.
      const from = Math.min(...years) + 1;
      const to = Math.max(...years) + 1;
      const names = new Map(county.schools.map((s) => [s.urn, s.name]));
      const onRoll = new Map<string, Set<string>>();
      for (const r of county.rolls) if (r.pupils > 0) onRoll.set(r.period, (onRoll.get(r.period) ?? new Set()).add(r.urn));
      const schoolsByYear = (period: string) => [...(onRoll.get(period) ?? [])].map((urn) => ({ urn, name: names.get(urn) ?? `URN ${urn}` }));
      return importDemoFiles(
        tx,
        readPublishedFile,
        [
          { name: 'demo-county-claimant-count-nm-162-1.csv', format: 'nomis-claimant-count', text: claimantCountFile(kent.onsCode, kent.name, from, to) },
          { name: 'demo-county-apprentices-return.csv', format: 'la-apprentice-return', text: apprenticeReturnFile(kent.code, years) },
          {
            name: 'demo-county-school-apprenticeship-survey.csv',
            format: 'school-apprenticeship-survey',
            text: schoolSurveyFile(kent.code, years, schoolsByYear, seed),
          },
          { name: 'demo-county-fe-starts-by-ssa.csv', format: 'fe-skills-starts', text: feStartsFile(kent, years) },
          { name: 'demo-county-supported-employment-return.csv', format: 'la-supported-employment-return', text: supportedEmploymentFile(kent.code, years) },
        ],
        batchId,
      );
    },
  };
}
