/**
 * `npm run bench`: the pupil-level compute at Kent scale (the demo county, every year) and at national scale (a generated
 * 600,000-pupil KS2 cohort in 152 LAs), each against DuckDB's own SQL over the same Parquet files in the same run, and
 * the import of the real LAIT file. Prints times and ratios; asserts nothing about time (the machine is shared).
 *
 *   full compute   = `waymark compute` replacing the files' figures: placements read from PostgreSQL, the aggregation
 *                    on DuckDB, public suppression decided, the figures written to the embedded PostgreSQL in one
 *                    transaction per file (timed the second time, so that it replaces figures as the reference does)
 *   by hand        = the yardstick for it (bench/reference-compute.ts): for each file the faster of a statement written
 *                    for the bench giving the same cells and Waymark's, its cells turned into rows in DuckDB and sent
 *                    with COPY into `observation`, one transaction a file
 *   engine only    = Waymark's aggregation on DuckDB with its rows brought into Node as figures (no PostgreSQL)
 *   DuckDB SQL     = the yardstick for it: the faster in total of Waymark's statement and the bench's own, each run
 *                    inside DuckDB into a table (CREATE TABLE AS), nothing returned to Node
 * `--pupils 600000,1200000,2400000` sets the national cohorts (default 600,000), to show how each cost grows;
 * `--compute-only` leaves out the casework, admissions and place-planning benches, `--kent-only` and `--national-only`
 * one scale, `--no-lait` skips the LAIT import, `--no-files` the reads of a mapped file, a register file and Ofsted's
 * grade history at several sizes.
 * Then page loads over the Kent-scale store (bench/pages.ts): each page kind over several addresses, 50 concurrent
 * clients in a process of their own, served three ways: to the public (pages kept by the data version), to a signed-in
 * LA officer (rendered for each request from reads kept by the data version) and afresh (nothing kept).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { aggregatePupilFile, loadPlacements, pupilFileStatement } from '../src/compute/aggregate-pupils.ts';
import { withDuckDb } from '../src/compute/duckdb.ts';
import { generateCounty, seededRandom } from '../src/demo/generate-county.ts';
import { generatePupilFiles } from '../src/demo/generate-pupils.ts';
import type { AnyPupilRecord } from '../src/domain/pupils/pupil-record.ts';
import type { ImportFile } from '../src/domain/import-file.ts';
import { readImportFile } from '../src/imports/import-files.ts';
import { hashFile } from '../src/imports/csv-table.ts';
import type { UnreadFile } from '../src/services/imports/import-service.ts';
import { loadFrameworks } from '../src/imports/framework/read-framework.ts';
import { loadCatalogue } from '../src/imports/indicator-catalogue/read-catalogue.ts';
import { loadMappings } from '../src/imports/mapped-csv/mapping.ts';
import { createLog } from '../src/log.ts';
import { createServices, type Services } from '../src/services/create-services.ts';
import { openDatabase } from '../src/store/database.ts';
import { createStore, type Store } from '../src/store/store.ts';
import { benchSen } from './sen.ts';
import { participationBench } from './participation.ts';
import { cmeBench } from './cme.ts';
import { admissionsBench } from './admissions.ts';
import { planningBench } from './place-planning.ts';
import { pageBench, pageHeader } from './pages.ts';
import { persistReference, referenceStatement } from './reference-compute.ts';
import { copyBench } from './import-copy.ts';
import { writeLongTableTimes, writeSchoolFileTimes } from './long-table.ts';
import type { Database } from '../src/store/schema.ts';

const shared = join(import.meta.dirname, '..', '..', 'shared', 'data', 'public');
const log = createLog('warn');
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const rows: string[][] = [];

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

/** Run `work` with services over a fresh embedded PostgreSQL in a temporary folder, removed afterwards. */
type Fresh = Readonly<{ db: Kysely<Database>; appUrl: string; dir: string; keepingNone: Services }>;
async function withFreshStore<T>(name: string, work: (services: Services, store: Store, fresh: Fresh) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `waymark-bench-${name}-`));
  const database = await openDatabase({ dataDir: dir, databaseName: 'bench', databaseUrl: undefined, log });
  try {
    const store = createStore(database.db);
    const catalogue = await loadCatalogue();
    const options = { pupilDir: join(dir, 'pupils'), frameworks: await loadFrameworks(catalogue), who: { actor: 'system', requestId: null } } as const;
    const services = createServices(store, () => new Date(), log, catalogue, options);
    await services.catalogue.sync();
    // The same services keeping none of the pages' reads: what a page costs rendered afresh.
    const keepingNone = createServices(store, () => new Date(), log, catalogue, { ...options, keptReadsMb: 0 });
    return await work(services, store, { db: database.db, appUrl: database.appUrl, dir, keepingNone });
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Mark every file's compute out of date, so that `waymark compute` does it again (replacing its figures). */
async function forgetComputes(db: Kysely<Database>): Promise<void> {
  await sql`update import_batch set file_hash = 'bench-again:' || file_hash where format = 'compute-pupil-records'`.execute(db);
}

type Yardsticks = { engineMs: number; statementMs: number; referenceMs: number; byHandMs: number; figures: number; byHandRows: number };

/**
 * The same files through the engine alone, through Waymark's statement and the bench's own inside DuckDB (their cells
 * compared), and computed by hand into `observation` (bench/reference-compute.ts), the places each file's figures were
 * written for being those Waymark wrote.
 */
async function yardsticks(services: Services, store: Store, fresh: Fresh): Promise<Yardsticks> {
  const files = await services.pupils.files();
  const totals: Yardsticks = { engineMs: 0, statementMs: 0, referenceMs: 0, byHandMs: 0, figures: 0, byHandRows: 0 };
  await withDuckDb(async (connection) => {
    for (const [index, file] of files.entries()) {
      // Placements are read outside the timed parts (the full compute reads them too, once per file).
      await loadPlacements(connection, (await services.pupils.placements(file.period)).schools);
      const engine = await timed(() => aggregatePupilFile(connection, file));
      totals.engineMs += engine.ms;
      totals.figures += engine.result.figures.length;
      const statement = await timed(() => connection.run(`create or replace temp table waymark_cells as ${pupilFileStatement(file)}`));
      const reference = await timed(() => connection.run(`create or replace temp table reference_only as ${referenceStatement(file)}`));
      totals.statementMs += statement.ms;
      totals.referenceMs += reference.ms;
      const differing = await connection.runAndReadAll(`select count(*) as n from (
          (select level, code, breakdown, pupils from waymark_cells except select level, code, breakdown, pupils from reference_only)
          union all (select level, code, breakdown, pupils from reference_only except select level, code, breakdown, pupils from waymark_cells))`);
      if (Number(differing.getRowObjectsJS()[0]!.n) > 0) throw new Error(`the bench's statement and Waymark's give different cells for ${file.path}`);
      const written = await sql<{ level: string; code: string; id: string }>`
        select distinct p.kind as level, p.code, p.id from observation o join place p on p.id = o.place_id
         where o.basis = 'computed' and o.period = ${file.period} and o.detail ->> 'pupilBatch' = ${String(file.batchId)}`.execute(fresh.db);
      await connection.run('create or replace temp table place_ids (level varchar, code varchar, id bigint)');
      const appender = await connection.createAppender('place_ids');
      for (const r of written.rows) {
        appender.appendVarchar(r.level);
        appender.appendVarchar(r.code);
        appender.appendBigInt(BigInt(r.id));
        appender.endRow();
      }
      appender.flushSync();
      appender.closeSync();
      const batchId = await store.register.openBatch({
        fileName: `bench by hand ${index}`,
        fileHash: `bench-${index}`,
        format: 'bench',
        rowCount: 0,
        dataVersion: file.dataVersion,
      });
      // By hand: the faster statement for this file, then its cells into rows and COPY.
      const cells = statement.ms <= reference.ms ? 'waymark_cells' : 'reference_only';
      const byHand = await timed(() => persistReference(connection, fresh.appUrl, file, cells, batchId, join(fresh.dir, `by-hand-${index}.csv`)));
      totals.byHandMs += Math.min(statement.ms, reference.ms) + byHand.ms;
      totals.byHandRows += byHand.result;
    }
  });
  return totals;
}

function report(scale: string, pupils: number, files: number, fullMs: number, written: number, y: Yardsticks) {
  const sqlMs = Math.min(y.statementMs, y.referenceMs);
  rows.push([
    scale,
    pupils.toLocaleString('en-GB'),
    String(files),
    written.toLocaleString('en-GB'),
    seconds(fullMs),
    seconds(y.byHandMs),
    `${(fullMs / y.byHandMs).toFixed(1)}×`,
    seconds(y.engineMs),
    `${seconds(y.statementMs)} / ${seconds(y.referenceMs)}`,
    `${(y.engineMs / sqlMs).toFixed(1)}×`,
  ]);
  if (y.byHandRows !== written) process.stderr.write(`${scale}: by hand wrote ${y.byHandRows} rows where Waymark wrote ${written}\n`);
}

/** `waymark compute` again over the same files, replacing their figures; its time and the figures written. */
async function computeAgain(services: Services, fresh: Fresh): Promise<{ ms: number; written: number; files: number }> {
  await forgetComputes(fresh.db);
  const again = await timed(() => services.pupils.compute());
  return { ms: again.ms, written: again.result.figures, files: again.result.files };
}

async function kentScale(): Promise<void> {
  await withFreshStore('kent', async (services, store, fresh) => {
    process.stderr.write('Kent scale: building the demo county (places, rolls, comparators) …\n');
    await services.demo.build(2013, () => {}, { pupilYears: [] });
    const county = generateCounty(2013);
    let pupils = 0;
    const generation = await timed(async () => {
      for (const file of generatePupilFiles(county, 2013)) {
        pupils += file.records.length;
        await services.pupils.writeFile({ ...file, dataVersion: 'final', source: 'bench' });
      }
    });
    process.stderr.write(`Kent scale: ${pupils} pupil records generated and written as Parquet in ${seconds(generation.ms)} s; computing …\n`);
    const first = await timed(() => services.pupils.compute());
    process.stderr.write(`Kent scale: ${first.result.figures} figures written in ${seconds(first.ms)} s; the pages …\n`);
    pages.push(...(await pageBench(services, fresh.keepingNone, log)));
    const full = await computeAgain(services, fresh);
    const y = await yardsticks(services, store, fresh);
    report('Kent (demo, 7 years)', pupils, full.files, full.ms, full.written, y);
  });
}

const pages: (readonly string[])[] = [];

/** A community primary school's register attributes, as the places need them (the bench's schools are in no register). */
const benchPrimary = (urn: string, laCode: string) => ({
  urn,
  laCode,
  establishmentNumber: null,
  laestab: null,
  typeName: 'Community school',
  typeGroup: 'Local authority maintained schools',
  governance: 'la-maintained' as const,
  sector: 'primary' as const,
  stateFunded: true,
  phaseFlags: { primary: true, secondary: false, post16: false },
  ageLow: 4,
  ageHigh: 11,
  gender: 'Mixed',
  religiousCharacter: 'Does not apply',
  admissionsPolicy: 'Not applicable',
  selective: false,
  address: { street: null, locality: null, address3: null, town: null, postcode: null },
  linkedUrn: null,
  pupilsOnRoll: null,
  register: 'npm run bench (synthetic)',
});

/** A national KS2 cohort: 152 LAs (the real LA list), 110 primaries each, 600,000 pupils with characteristics and results. */
async function nationalScale(total: number): Promise<void> {
  const laList = join(shared, 'lait', 'la_code_list.csv');
  if (!existsSync(laList)) {
    rows.push(['national', 'skipped: ../shared/data/public/lait/la_code_list.csv not found', '', '', '', '', '', '', '', '']);
    return;
  }
  await withFreshStore(`national-${total}`, async (services, store, fresh) => {
    const read = await readImportFile(laList, []);
    if (!read.ok) throw new Error(`cannot read ${laList}`);
    await services.imports.importFiles([read.file]);
    const laIds = await store.places.idsByCode('la');
    const codes = [...(await services.pupils.placements('201516')).laRegions.keys()].sort();
    const schoolsPerLa = 110;
    process.stderr.write(`national scale: ${codes.length} LAs; placing ${codes.length * schoolsPerLa} schools …\n`);
    const urnOf = (la: number, school: number) => String(100_000 + la * schoolsPerLa + school);
    const { ids } = await store.places.upsert(
      'school',
      codes.flatMap((code, la) =>
        Array.from({ length: schoolsPerLa }, (__, school) => ({
          code: urnOf(la, school),
          name: `Bench primary ${urnOf(la, school)}`,
          attributes: benchPrimary(urnOf(la, school), code),
        })),
      ),
      null,
    );
    await store.places.addLinks(
      codes.flatMap((code, la) =>
        Array.from({ length: schoolsPerLa }, (_, school) => ({
          placeId: ids.get(urnOf(la, school))!,
          parentId: laIds.get(code)!,
          validFrom: null,
          validTo: null,
          basis: 'bench',
        })),
      ),
      null,
    );
    const random = seededRandom(600_000);
    const records = function* (): Generator<AnyPupilRecord> {
      for (let i = 0; i < total; i++) {
        const la = i % codes.length;
        const school = Math.floor(random() * schoolsPerLa);
        const fsm = random() < 0.15;
        const z = (fsm ? -0.5 : 0) + (random() + random() + random() - 1.5) * 2;
        yield {
          pupilId: `N${i}`,
          urn: urnOf(la, school),
          gender: random() < 0.5 ? 'F' : 'M',
          fsm,
          disadvantaged: fsm || random() < 0.12,
          sen: random() < 0.02 ? 'E' : random() < 0.13 ? 'K' : 'N',
          inCare: random() < 0.006,
          ethnicity: random() < 0.75 ? 'white' : random() < 0.4 ? 'asian' : random() < 0.5 ? 'black' : 'mixed',
          eal: random() < 0.2,
          ks2English: null,
          ks2Reading: null,
          ks2Writing: z > -0.4 ? 'EXS' : 'WTS',
          ks2Maths: null,
          ks2ReadingScaled: Math.round(103 + 6 * z),
          ks2MathsScaled: Math.round(103 + 6 * z + 3 * (random() - 0.5)),
          ks1EnglishLevel: null,
          ks1MathsLevel: null,
        };
      }
    };
    const written = await timed(() =>
      services.pupils.writeFile({ collection: 'ks2', period: '201516', dataVersion: 'final', records: records(), source: 'bench' }),
    );
    process.stderr.write(`national scale: ${total} pupils written as Parquet in ${seconds(written.ms)} s; computing …\n`);
    await services.pupils.compute();
    const full = await computeAgain(services, fresh);
    report(`national (KS2 2015/16, ${codes.length} LAs)`, total, full.files, full.ms, full.written, await yardsticks(services, store, fresh));
  });
}

async function laitImport(): Promise<string> {
  const paths = ['la_code_list.csv', 'lait_data_dictionary.csv', 'bds_long_all_las.csv.gz'].map((f) => join(shared, 'lait', f));
  if (!paths.every(existsSync)) return 'LAIT import: skipped (../shared/data/public/lait not found)';
  return withFreshStore('lait', async (services, _store, fresh) => {
    const mappings = await loadMappings();
    const files: ImportFile[] = [];
    for (const path of paths) {
      const read = await readImportFile(path, mappings);
      if (!read.ok) throw new Error(`cannot read ${path}`);
      files.push(read.file);
    }
    const reading = await timed(async () => {
      const read = await readImportFile(paths[2]!, mappings);
      return read.ok ? read.file : null;
    });
    // The files were read above: the first import's time is the write (importUnread stamps its batches with the reader).
    const reader = 'bench';
    const preRead: UnreadFile[] = files.map((f) => ({ file: f.file, hash: f.hash, read: () => Promise.resolve({ ok: true, file: f }) }));
    const imported = await timed(() => services.imports.importUnread(preRead, reader));
    const observations = imported.result.files.reduce((a, f) => a + f.inserted, 0);
    // Imported again as `waymark import` does: each file hashed, the store asked whether it holds them unchanged.
    const held = await timed(async () => {
      const unread: UnreadFile[] = [];
      for (const path of paths) {
        const hashed = await hashFile(path);
        if (!hashed.ok) throw new Error(`cannot read ${path}`);
        unread.push({ file: basename(path), hash: hashed.hash, read: () => readImportFile(path, mappings) });
      }
      return services.imports.importUnread(unread, reader);
    });
    if (held.result.files.some((f) => f.unread !== true)) throw new Error('the unchanged files were read again');
    // Read and compared row by row: what importing them again costs after any other change to the store.
    const again = await timed(() => services.imports.importFiles(files));
    const copy = await copyBench(fresh.appUrl, join(fresh.dir, 'lait-rows.csv'), "basis = 'published'");
    // Memory (issue 20.5): LAIT's two long tables, 60,336 and 641,070 rows, and the larger written out four times
    // over (2,564,280 rows), each read in a process of its own under the same heap limit: the peak should not grow
    // with the rows.
    const fourTimes = join(fresh.dir, 'bds_long_all_las_x4.csv.gz');
    await writeLongTableTimes(join(shared, 'lait', 'bds_long_all_las.csv.gz'), fourTimes, 4);
    const longTables = [join(shared, 'lait', 'bds_long_kent_sn_england.csv'), join(shared, 'lait', 'bds_long_all_las.csv.gz'), fourTimes];
    const memory = longTables.map((path) => readInItsOwnProcess(path, 64));
    return [
      `LAIT import (LA list, dictionary, national long file): read ${seconds(reading.ms)} s, import ${seconds(imported.ms)} s, ${observations} rows inserted`,
      `  COPY of the same ${copy.rows} rows: into a bare table ${seconds(copy.bareMs)} s (import ÷ COPY ${(imported.ms / copy.bareMs).toFixed(1)}×), into observation ${seconds(copy.observationMs)} s (import ÷ COPY ${(imported.ms / copy.observationMs).toFixed(1)}×)`,
      `  long tables read under a 64 MB heap, each in its own process: ${memory.join('; ')}`,
      `  the same files imported again: unchanged since, held by their batches ${seconds(held.ms)} s (hash check); after another change, read and compared row by row ${seconds(again.ms)} s (${again.result.files.map((f) => `${f.inserted} inserted, ${f.updated} updated`).join('; ')})`,
    ].join('\n');
  });
}

/**
 * Memory of files read as an import reads them (issue 20.5), each as published and written out again several times
 * over with its URNs moved on (long-table.ts writeSchoolFileTimes), each read in a process of its own under a 64 MB
 * heap: the KS4 2013/14 school and LA file through its mapping (3,583 rows; 4 and 16 times), the performance tables'
 * spine (26,078 rows; 2 and 4 times: its URNs moved on past 4 would have 8 digits) and Ofsted's scraped grade history
 * (60,134 rows; 4 times).
 */
async function fileMemory(): Promise<string[]> {
  const files = [
    { what: 'mapped file (KS4 2013/14 through its mapping)', source: join('ks4-2014-eduvis', 'ks4_2013-14_school_and_la.csv'), times: [4, 16] },
    { what: 'register file (performance tables spine 2017/18)', source: join('perf-tables-2016-2019', 'england_spine_2017-18.csv'), times: [2, 4] },
    { what: 'Ofsted grade history', source: join('perf-tables-2016-2019', 'ofsted_ratings_history_to_2018.csv'), times: [4] },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-files-'));
  try {
    const lines: string[] = [];
    for (const { what, source, times } of files) {
      const path = join(shared, source);
      if (!existsSync(path)) {
        lines.push(`${what} read: skipped (${path} not found)`);
        continue;
      }
      const paths = [path];
      for (const n of times) {
        const grown = join(dir, basename(path).replace(/\.csv$/, `_x${n}.csv`));
        await writeSchoolFileTimes(path, grown, n);
        paths.push(grown);
      }
      lines.push(`${what} read under a 64 MB heap, each in its own process: ${paths.map((p) => readInItsOwnProcess(p, 64)).join('; ')}`);
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A file read in a process of its own under a heap limit (bench/read-file.ts): its rows, time and peak resident memory. */
function readInItsOwnProcess(path: string, heapMb: number): string {
  const run = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, '--import', 'tsx', join(import.meta.dirname, 'read-file.ts'), path], {
    encoding: 'utf8',
  });
  if (run.status !== 0) return `${basename(path)}: did not finish (${run.stderr.includes('heap out of memory') ? 'out of memory' : `exit ${run.status}`})`;
  const read = JSON.parse(run.stdout) as { rows: number; seconds: number; maxRssMb: number };
  return `${basename(path)} ${read.rows.toLocaleString('en-GB')} rows in ${seconds(read.seconds * 1000)} s, peak RSS ${read.maxRssMb} MB`;
}

const nationalCohorts = (() => {
  const at = process.argv.indexOf('--pupils');
  if (at === -1) return [600_000];
  const sizes = (process.argv[at + 1] ?? '').split(',').map(Number);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1000))
    throw new Error('--pupils takes whole numbers of pupils, at least 1,000 each, separated by commas');
  return sizes;
})();
if (!process.argv.includes('--national-only')) await kentScale();
if (!process.argv.includes('--kent-only')) for (const total of nationalCohorts) await nationalScale(total);
const computeOnly = process.argv.includes('--compute-only');
const skipped = (what: string, flag: string) => `${what}: skipped (${flag})`;
const participation =
  computeOnly || process.argv.includes('--no-participation')
    ? skipped('participation', computeOnly ? '--compute-only' : '--no-participation')
    : await participationBench();
const lait = process.argv.includes('--no-lait') ? skipped('LAIT import', '--no-lait') : await laitImport();
const filesRead = process.argv.includes('--no-files') ? [skipped('files read', '--no-files')] : await fileMemory();

const header = [
  'scale',
  'pupils',
  'files',
  'figures',
  'full compute s',
  'by hand s',
  'full ÷ by hand',
  'engine only s',
  'DuckDB SQL s (Waymark / bench)',
  'engine ÷ SQL',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(lait);
for (const line of filesRead) console.log(line);
if (!computeOnly) {
  console.log(await withFreshStore('sen', (_services, store) => benchSen(store)));
  console.log(participation);
  console.log(await withFreshStore('cme', cmeBench));
  console.log(await admissionsBench());
  console.log(await planningBench());
}
if (pages.length > 0) {
  console.log('');
  const pageWidths = pageHeader.map((h, i) => Math.max(h.length, ...pages.map((r) => r[i]!.length)));
  console.log(pageHeader.map((c, i) => c.padEnd(pageWidths[i]!)).join('  '));
  for (const r of pages) console.log(r.map((c, i) => c.padEnd(pageWidths[i]!)).join('  '));
}
