import { londonDateOf } from '../../domain/periods/london-time.ts';
import { ImportRejectedError, type FileIssue } from '../../domain/errors.ts';
import { batchFormat, fileNameProblem, importWriteOrder, type ImportFile } from '../../domain/import-file.ts';
import type { Indicator } from '../../domain/indicators/indicator.ts';
import type { Log } from '../../log.ts';
import type { Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import type { AuditContext, AuditWho } from '../audit/audit-service.ts';
import { recordCollaboration } from '../audit/collaboration-audit.ts';
import { demoFormat } from '../demo/demo-service.ts';
import type { Counts, FileReport } from './import-counts.ts';
import { readUnlessHeld, type UnreadFile } from './held-files.ts';
import { writeLaitData, writeLaitDictionary } from './lait-writer.ts';
import { remakeBirths, writeBirths } from '../geography/births-writer.ts';
import { writeInspections } from '../schools/inspection-writer.ts';
import { writePublishedValues } from './published-writer.ts';
import { writeDerivedShares } from '../indicators/derived-writer.ts';
import { keepRoundFigures } from '../admissions/admission-figures.ts';
import { ensureReferenceGeography } from '../geography/reference-geography.ts';
import { placeSchoolsInDistricts, type PlacementSummary } from '../geography/district-placement.ts';
import { writeRegisterFile } from './register-writers.ts';
import { recomputeRollUps } from '../indicators/roll-up-service.ts';
import { recomputeSchoolOutcomes } from '../schools/school-outcomes-service.ts';

export type { PlacementSummary };

export type { FileReport, UnreadFile };

export type ImportReport = Readonly<{
  files: readonly FileReport[];
  placements: readonly PlacementSummary[];
  /** Roll-ups remade because memberships changed, when school figures are held. */
  rollUps: Readonly<{ figures: number; written: number; removed: number; unregistered: number }> | null;
  /** Place-level Ofsted and floor-standard figures remade (ADR 0008), when the files could change them. */
  schoolOutcomes: Readonly<{ written: number }> | null;
}>;

const movesSchools = new Set<ImportFile['format']>(['performance-tables-spine', 'gias-establishments', 'codepoint-code-names', 'codepoint-postcodes']);
/** Files that can name the areas ONS births are keyed by (an LA's ONS code, a district): births are remade after them. */
const namesBirthAreas = new Set<ImportFile['format']>(['la-code-list', 'codepoint-code-names', 'gias-establishments', 'performance-tables-spine']);
const changesOutcomes = new Set<ImportFile['format']>([
  ...movesSchools,
  'gias-links',
  'grouping-file',
  'mapped-csv',
  'ofsted-inspection-outcomes',
  'ofsted-management-information',
  'ofsted-ratings-history',
]);
/** Files that carry figures (and so may roll school figures up): schools are placed in districts before the first. */
const carriesFigures = new Set<ImportFile['format']>(['lait-data', 'mapped-csv']);

/** `syncCatalogue` makes sure the catalogue's indicators are in the store before any file's figures are written. */
export function createImportService(
  store: Store,
  clock: Clock,
  log: Log,
  syncCatalogue: () => Promise<unknown>,
  catalogue: () => readonly Indicator[],
  audit: AuditContext,
) {
  return {
    /**
     * Write screened files in one transaction, in dependency order (LAs, schools, names, postcodes, links,
     * groupings, then figures), placing schools in districts by postcode before any figures are written and
     * remaking roll-ups when memberships change. Any problem — an unknown LA, an unknown URN in a grouping
     * file, an unknown measure — refuses the whole import and leaves the store as it was.
     * Each file is recorded in the audit trail (its batch and counts) as `who`, by default the process's actor; a
     * `collaboration` code records the collaboration's creation, change or end too (the web form).
     */
    async importFiles(files: readonly ImportFile[], who: AuditWho = audit.who, intent?: Readonly<{ collaboration: string }>): Promise<ImportReport> {
      refuseBadNames(files);
      const today = londonDateOf(clock());
      await syncCatalogue();
      return store.transaction((tx) => writeFiles(tx, files, today, who, intent));
    },

    /**
     * Import files named and hashed but not yet read (the CLI's `waymark import`): a file the store already holds
     * unchanged (domain/import-file.ts heldBatch: the same bytes and reader, and nothing committed since its import) is
     * not read again, and is reported and audited as held by its batch; the rest are read (`read`, handed in by the
     * caller) and written as importFiles writes them, in one transaction. `reader` names what reads the files
     * (Waymark's version, the mappings and options): a batch records it, so a change to any of them reads files again.
     */
    async importUnread(files: readonly UnreadFile[], reader: string, who: AuditWho = audit.who): Promise<ImportReport> {
      refuseBadNames(files);
      const today = londonDateOf(clock());
      await syncCatalogue();
      return store.transaction(async (tx) => {
        const version = await tx.register.dataVersionNow();
        // The day is part of the reader: a register is read as of a day and school outcomes up to its academic year, so
        // the same file imported another day may write otherwise.
        const readerToday = `${reader} on ${today}`;
        const { toWrite, held } = await readUnlessHeld(tx, files, readerToday, version);
        const written = toWrite.length === 0 ? null : await writeFiles(tx, toWrite, today, who, undefined);
        if (written !== null)
          await tx.register.stampBatches(
            written.files.map((f) => f.batchId),
            readerToday,
            version,
          );
        for (const h of held)
          await audit.trail.record(tx, who, { action: 'import.unchanged', subject: `batch:${h.batchId}`, detail: { format: h.format, rows: h.rows } });
        log.info({ held: held.length, read: toWrite.length }, 'files imported');
        return written === null ? { files: held, placements: [], rollUps: null, schoolOutcomes: null } : { ...written, files: [...held, ...written.files] };
      });
    },
  };

  /** Write screened files in one transaction, in dependency order (importFiles). */
  async function writeFiles(
    tx: Store,
    files: readonly ImportFile[],
    today: string,
    who: AuditWho,
    intent: Readonly<{ collaboration: string }> | undefined,
  ): Promise<ImportReport> {
    const ordered = [...files].sort((a, b) => importWriteOrder.indexOf(a.format) - importWriteOrder.indexOf(b.format));
    const collaborationBefore = intent === undefined ? undefined : await tx.places.find('grouping', intent.collaboration);
    // Groupings an officer defines (collaborations, hubs) belong to whatever county is held, the demo one included.
    if (ordered.some((f) => f.format !== 'grouping-file') && (await tx.register.hasFormat(demoFormat)))
      throw new ImportRejectedError([
        {
          file: ordered[0]?.file ?? '(none)',
          line: null,
          column: null,
          message: 'this database holds the synthetic demo county: import real files into another database (set WAYMARK_DATABASE, e.g. WAYMARK_DATABASE=kent)',
        },
      ]);
    await ensureReferenceGeography(tx);
    const issues: FileIssue[] = [];
    const reports: FileReport[] = [];
    // Schools move between districts only when schools or postcodes change; that is settled before any figures
    // are written, so roll-ups of school figures see every school in its district.
    let placing = ordered.some((f) => movesSchools.has(f.format));
    let placements: PlacementSummary[] = [];
    for (const file of ordered) {
      if (placing && carriesFigures.has(file.format) && issues.length === 0) {
        placements = await placeSchoolsInDistricts(tx, reports.at(-1)?.batchId ?? null);
        placing = false;
      }
      const batchId = await tx.register.openBatch({ fileName: file.file, fileHash: file.hash, format: batchFormat(file), rowCount: file.rowCount });
      const earlier = (await tx.register.batchesWithHash(file.hash)).filter((id) => id !== batchId);
      const counts = await writeFile(tx, file, batchId, today, issues, catalogue());
      const notes = [...file.notes, ...counts.notes, ...(earlier.length > 0 ? [`the same file was imported before (batch ${earlier.join(', ')})`] : [])];
      const skipped = file.skipped + counts.skipped;
      await tx.register.closeBatch(batchId, { ...counts, skipped, notes });
      reports.push({ file: file.file, format: batchFormat(file), batchId, rows: file.rowCount, ...counts, skipped, notes });
      log.info({ file: file.file, format: file.format, batchId, inserted: counts.inserted, updated: counts.updated }, 'file written');
    }
    if (issues.length > 0) throw new ImportRejectedError(issues);
    if (placing) placements = await placeSchoolsInDistricts(tx, reports.at(-1)?.batchId ?? null);
    // New memberships (districts, groupings, schools' LAs) change what every roll-up covers: remake them all.
    const last = reports.at(-1);
    let rollUps: ImportReport['rollUps'] = null;
    if (last !== undefined && ordered.some((f) => movesSchools.has(f.format) || f.format === 'grouping-file')) {
      const result = await recomputeRollUps(tx, last.batchId);
      if (result.figures > 0) rollUps = result;
    }
    // Births kept for areas the register did not yet name are placed now it does (issue 11.2: any order, same figures).
    if (ordered.some((f) => namesBirthAreas.has(f.format) && f.format !== 'ons-births')) {
      const births = await remakeBirths(tx);
      if (births.inserted > 0) log.info({ inserted: births.inserted }, 'births placed in areas the register now names');
    }
    // Inspections, school figures and memberships change the place-level Ofsted and floor figures: remake them.
    let schoolOutcomes: ImportReport['schoolOutcomes'] = null;
    if (last !== undefined && ordered.some((f) => changesOutcomes.has(f.format)))
      schoolOutcomes = await recomputeSchoolOutcomes(tx, last.batchId, today, catalogue);
    for (const r of reports)
      await audit.trail.record(tx, who, {
        action: 'import.file',
        subject: `batch:${r.batchId}`,
        detail: { format: r.format, rows: r.rows, inserted: r.inserted, updated: r.updated, closed: r.closed, unchanged: r.unchanged, skipped: r.skipped },
      });
    if (rollUps !== null && last !== undefined)
      await audit.trail.record(tx, who, { action: 'roll-up.recompute', subject: `batch:${last.batchId}`, detail: { ...rollUps } });
    if (intent !== undefined) await recordCollaboration(tx, audit.trail, who, intent.collaboration, collaborationBefore !== undefined, today);
    return { files: reports, placements, rollUps, schoolOutcomes };
  }
}

/** A file name a batch cannot carry refuses the import (domain/import-file.ts fileNameProblem). */
function refuseBadNames(files: readonly Readonly<{ file: string }>[]): void {
  const badNames = files.flatMap((f) => {
    const problem = fileNameProblem(f.file);
    return problem === null ? [] : [{ file: f.file, line: null, column: null, message: problem }];
  });
  if (badNames.length > 0) throw new ImportRejectedError(badNames);
}

/** One writer per format; every writer collects problems only the store can find into `issues`. */
async function writeFile(tx: Store, file: ImportFile, batchId: number, today: string, issues: FileIssue[], catalogue: readonly Indicator[]): Promise<Counts> {
  switch (file.format) {
    case 'lait-dictionary':
      return writeLaitDictionary(tx, file);
    case 'lait-data':
      return writeLaitData(tx, file, batchId, issues);
    case 'mapped-csv': {
      const counts = await writePublishedValues(tx, file, batchId, issues);
      if (issues.length > 0) return counts;
      const periods = [...file.summary.periods];
      const derived = await writeDerivedShares(tx, catalogue, new Set(file.summary.indicators.keys()), periods, batchId);
      if (derived === null) return counts;
      // The derived shares replaced every computed figure of their indicators in these periods: an allocated round's too.
      const rounds = await keepRoundFigures(tx, periods, catalogue, batchId);
      const kept = rounds.length === 0 ? [] : [`admissions figures of the allocated rounds remade for entry in ${rounds.join(', ')}`];
      return { ...counts, notes: [...counts.notes, derived, ...kept] };
    }
    case 'nomis-claimant-count':
    case 'la-apprentice-return':
    case 'school-apprenticeship-survey':
    case 'fe-skills-starts':
    case 'la-supported-employment-return':
      return writePublishedValues(tx, file, batchId, issues);
    case 'ons-births':
      return writeBirths(tx, file, batchId);
    case 'ofsted-inspection-outcomes':
    case 'ofsted-management-information':
    case 'ofsted-ratings-history':
      return writeInspections(tx, file, batchId, issues);
    default:
      return writeRegisterFile(tx, file, batchId, today, issues);
  }
}
