import { createHash } from 'node:crypto';
import { demoYears, generateCounty, type DemoCounty } from '../../demo/generate-county.ts';
import { generatePupilFiles, type DemoPupilFile } from '../../demo/generate-pupils.ts';
import { academicYearCode, academicYearLabel } from '../../domain/periods/period.ts';
import type { Log } from '../../log.ts';
import type { Store } from '../../store/store.ts';
import type { AuditContext, AuditWho } from '../audit/audit-service.ts';
import { demoCountyCounts, demoFormat, writeDemoCounty, type DemoCountyCounts } from './demo-county-writer.ts';
import type { ComputeSummary, createPupilService } from '../pupils/pupil-service.ts';

export { demoFormat };

/** The import batch that records a finished demo build: without it, a store holding the demo county is a build to resume. */
export const demoBuiltFormat = 'demo-county-built';

/**
 * A casework step of the demo build (issue 15): a team's records generated from the county and written, with the
 * figures they feed, in one transaction. The step is recorded as a batch of format `demo-casework:<name>` and not run
 * again when a build resumes. It returns the notes its batch keeps (what it wrote).
 */
export type DemoCaseworkStep = Readonly<{
  /** A short name, e.g. `cme` (the batch format is `demo-casework:cme`). */
  name: string;
  /** What the progress line says while it runs, e.g. 'generating children missing education cases'. */
  label: string;
  /**
   * Write the team's records for the academic years starting in `years` (the build's pupil years, as
   * `academicYearCode` reads them: 2011 is 2011/12, the framework's 2012; a test that builds one year gets one year of
   * casework) and the figures they feed; returns its batch's notes.
   */
  write: (tx: Store, county: DemoCounty, seed: number, years: readonly number[], batchId: number) => Promise<readonly string[]>;
}>;

/** What the store holds: nothing, a demo build that was interrupted, a finished demo county, or other data. */
export type DemoState = 'empty' | 'unfinished' | 'built' | 'other';

export type DemoSummary = DemoCountyCounts &
  Readonly<{
    /** Whether an interrupted build was carried on (the county's steps already recorded were not repeated). */
    resumed: boolean;
    pupilFiles: number;
    pupilRecords: number;
    compute: ComputeSummary;
  }>;

/**
 * Build the synthetic demo county into an empty store, in steps that each commit and are recorded in the import
 * register (ADR 0010): places, rolls and comparator figures in one transaction as one batch; the pupil records, one
 * Parquet file per collection and year, each its own batch; the compute (a batch per file); the place-level Ofsted
 * and floor figures; and last a `demo-county-built` batch. A build that was interrupted resumes after its last
 * recorded step. `syncCatalogue` writes the indicator definitions the figures refer to.
 */
export function createDemoService(
  store: Store,
  log: Log,
  syncCatalogue: () => Promise<unknown>,
  pupils: ReturnType<typeof createPupilService>,
  recomputeSchoolOutcomes: (who: AuditWho) => Promise<unknown>,
  audit: AuditContext,
  casework: readonly DemoCaseworkStep[],
) {
  const state = async (): Promise<DemoState> => {
    if (await store.register.hasFormat(demoBuiltFormat)) return 'built';
    if (await store.register.hasFormat(demoFormat)) return 'unfinished';
    return (await store.places.count()) === 0 ? 'empty' : 'other';
  };

  /**
   * The years' pupil files, each written unless already registered. A function of its own so that its last file (a
   * year's census, 200,000 records) goes when it returns: a suspended async function keeps its loop's last value alive,
   * and the build's frame lives on through the compute and the casework. Each file is taken and written in a call of
   * its own too: a loop's variable held a year's census (about 90 MB live) while the next year's pupils were drawn,
   * which took the live heap from 120 MB to 210 MB there (issue 20).
   */
  const writePupilFiles = async (
    files: Iterable<DemoPupilFile>,
    registered: ReadonlySet<string>,
    seed: number,
    progress: (step: string) => void,
    who: AuditWho,
  ): Promise<{ pupilFiles: number; pupilRecords: number }> => {
    let pupilFiles = 0;
    let pupilRecords = 0;
    const iterator = files[Symbol.iterator]();
    const writeNext = async (): Promise<boolean> => {
      const next = iterator.next();
      if (next.done === true) return false;
      const file = next.value;
      if (registered.has(`${file.collection}|${file.period}`)) return true;
      progress(`writing ${file.records.length} ${file.collection} pupil records for ${academicYearLabel(file.period)}`);
      const written = await pupils.writeFile({ ...file, dataVersion: 'final', source: `demo county (seed ${seed})` }, who);
      pupilFiles++;
      pupilRecords += written.rows;
      return true;
    };
    try {
      while (await writeNext());
    } finally {
      iterator.return?.();
    }
    return { pupilFiles, pupilRecords };
  };

  return {
    state,

    async build(
      seed = 2013,
      progress: (step: string) => void = () => {},
      options: Readonly<{ pupilYears?: readonly number[]; who?: AuditWho }> = {},
    ): Promise<DemoSummary> {
      const who = options.who ?? audit.who;
      await syncCatalogue();
      progress('generating the county');
      const county = generateCounty(seed);
      const hash = createHash('sha256').update(JSON.stringify(county)).digest('hex');
      const recorded = (await store.register.batches(1, demoFormat))[0];
      if (recorded !== undefined && recorded.fileHash !== hash)
        throw new Error(`this database holds an unfinished ${recorded.fileName}, not seed ${seed}: build that seed to finish it, or use another database`);
      if (recorded !== undefined && (await store.register.hasFormat(demoBuiltFormat))) throw new Error('the demo county is already built in this database');

      const counts =
        recorded === undefined
          ? await store.transaction(async (tx) => {
              if (await tx.register.hasFormat(demoFormat)) throw new Error('the demo county is already built in this database');
              const written = await writeDemoCounty(tx, county, seed, hash, progress);
              log.info({ batchId: written.batchId, schools: written.schools }, 'demo county places, rolls and comparators written');
              await audit.trail.record(tx, who, { action: 'demo.county', subject: `batch:${written.batchId}`, detail: { seed, schools: written.schools } });
              return written;
            })
          : demoCountyCounts(county, seed, recorded.id);
      if (recorded !== undefined) log.info({ batchId: recorded.id }, 'resuming the interrupted demo county build after its recorded steps');

      // Each file is registered once it is whole, and a year's files are written in order, census last: a year whose
      // census is registered is done, and in the year that was interrupted the files already registered are skipped.
      const registered = new Set((await pupils.files()).filter((f) => f.dataVersion === 'final').map((f) => `${f.collection}|${f.period}`));
      const years = (options.pupilYears ?? demoYears).filter((year) => !registered.has(`census|${academicYearCode(year)}`));
      const { pupilFiles, pupilRecords } = await writePupilFiles(generatePupilFiles(county, seed, years), registered, seed, progress, who);
      // The compute leaves a file computed before the interruption as it is (its inputs are unchanged).
      const compute = await pupils.compute((step) => progress(`computed pupil file ${step.index} of ${step.of} (${step.file}): ${step.figures} figures`), who);
      progress('remaking the place-level Ofsted and floor-standard figures');
      await recomputeSchoolOutcomes(who);
      for (const step of casework) {
        const format = `demo-casework:${step.name}`;
        if (await store.register.hasFormat(format)) continue;
        progress(step.label);
        await store.transaction(async (tx) => {
          const id = await tx.register.openBatch({ fileName: `demo county (seed ${seed}) ${step.name} casework`, fileHash: hash, format, rowCount: 0 });
          const notes = await step.write(tx, county, seed, options.pupilYears ?? demoYears, id);
          await tx.register.closeBatch(id, { inserted: 0, updated: 0, closed: 0, unchanged: 0, skipped: 0, notes: [...notes] });
          await audit.trail.record(tx, who, { action: 'demo.casework', subject: `batch:${id}`, detail: { seed, step: step.name } });
        });
      }
      await store.transaction(async (tx) => {
        const id = await tx.register.openBatch({ fileName: `demo county (seed ${seed}) built`, fileHash: hash, format: demoBuiltFormat, rowCount: 0 });
        await tx.register.closeBatch(id, {
          inserted: 0,
          updated: 0,
          closed: 0,
          unchanged: 0,
          skipped: 0,
          notes: [
            recorded === undefined
              ? `built in one run: ${pupilFiles} pupil files, ${compute.figures} figures computed`
              : `resumed after an interruption: ${pupilFiles} pupil files written and ${compute.computed} computed in this run`,
          ],
        });
        await audit.trail.record(tx, who, {
          action: 'demo.build',
          subject: `batch:${id}`,
          detail: { seed, resumed: recorded !== undefined, pupilFiles, figures: compute.figures },
        });
      });
      return { ...counts, resumed: recorded !== undefined, pupilFiles, pupilRecords, compute };
    },
  };
}
