/**
 * `npm run bench`: the pupil-level compute at Kent scale (the demo county, every year) and at national scale (a generated
 * 600,000-pupil KS2 cohort in 152 LAs), each against DuckDB's own SQL over the same Parquet files in the same run, and
 * the import of the real LAIT file. Prints times and ratios; asserts nothing about time (the machine is shared).
 *
 *   full compute   = `waymark compute`: placements read from PostgreSQL, the aggregation on DuckDB, the figures mapped
 *                    to places and written to the embedded PostgreSQL in one transaction per file
 *   engine only    = the aggregation on DuckDB with its rows brought into Node as figures (no PostgreSQL)
 *   DuckDB SQL     = the reference: the same aggregation run inside DuckDB into a table (CREATE TABLE AS), nothing
 *                    returned to Node
 * Then page loads over the Kent-scale store (bench/pages.ts): each page kind over several addresses, 50 concurrent
 * clients in a process of their own, the pages kept by the data version and rendered afresh.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aggregatePupilFile, loadPlacements, pupilFileStatement } from '../src/compute/aggregate-pupils.ts';
import { withDuckDb } from '../src/compute/duckdb.ts';
import { generateCounty, seededRandom } from '../src/demo/generate-county.ts';
import { generatePupilFiles } from '../src/demo/generate-pupils.ts';
import type { AnyPupilRecord } from '../src/domain/pupils/pupil-record.ts';
import type { ImportFile } from '../src/domain/import-file.ts';
import { readImportFile } from '../src/imports/import-files.ts';
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
async function withFreshStore<T>(name: string, work: (services: Services, store: Store) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `waymark-bench-${name}-`));
  const database = await openDatabase({ dataDir: dir, databaseName: 'bench', databaseUrl: undefined, log });
  try {
    const store = createStore(database.db);
    const catalogue = await loadCatalogue();
    const services = createServices(store, () => new Date(), log, catalogue, {
      pupilDir: join(dir, 'pupils'),
      frameworks: await loadFrameworks(catalogue),
      who: { actor: 'system', requestId: null },
    });
    await services.catalogue.sync();
    return await work(services, store);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same files through the engine alone and through DuckDB's own SQL, with the store's placements. */
async function engineAndReference(services: Services): Promise<{ engineMs: number; referenceMs: number; figures: number; referenceRows: number }> {
  const files = await services.pupils.files();
  let engineMs = 0;
  let referenceMs = 0;
  let figures = 0;
  let referenceRows = 0;
  await withDuckDb(async (connection) => {
    for (const file of files) {
      // Placements are read outside the timed parts (the full compute reads them too, once per file).
      await loadPlacements(connection, (await services.pupils.placements(file.period)).schools);
      const engine = await timed(() => aggregatePupilFile(connection, file));
      engineMs += engine.ms;
      figures += engine.result.figures.length;
      const reference = await timed(() => connection.run(`create or replace temp table reference_result as ${pupilFileStatement(file)}`));
      referenceMs += reference.ms;
      referenceRows += Number((await connection.runAndReadAll('select count(*) as n from reference_result')).getRowObjectsJS()[0]!.n);
    }
  });
  return { engineMs, referenceMs, figures, referenceRows };
}

function report(scale: string, pupils: number, files: number, full: number, engine: number, reference: number, figures: number) {
  rows.push([
    scale,
    String(pupils),
    String(files),
    String(figures),
    seconds(full),
    seconds(engine),
    seconds(reference),
    `${(full / reference).toFixed(1)}×`,
    `${(engine / reference).toFixed(1)}×`,
  ]);
}

async function kentScale(): Promise<void> {
  await withFreshStore('kent', async (services) => {
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
    const full = await timed(() => services.pupils.compute());
    const { engineMs, referenceMs, figures, referenceRows } = await engineAndReference(services);
    process.stderr.write(`Kent scale: ${full.result.figures} figures written; the reference made ${referenceRows} rows\n`);
    report('Kent (demo, 7 years, 35 files)', pupils, full.result.files, full.ms, engineMs, referenceMs, figures);
    pages.push(...(await pageBench(services, log)));
  });
}

const pages: (readonly string[])[] = [];

/** A national KS2 cohort: 152 LAs (the real LA list), 110 primaries each, 600,000 pupils with characteristics and results. */
async function nationalScale(): Promise<void> {
  const laList = join(shared, 'lait', 'la_code_list.csv');
  if (!existsSync(laList)) {
    rows.push(['national', 'skipped: ../shared/data/public/lait/la_code_list.csv not found', '', '', '', '', '', '', '']);
    return;
  }
  await withFreshStore('national', async (services, store) => {
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
      codes.flatMap((_, la) => Array.from({ length: schoolsPerLa }, (__, school) => ({ code: urnOf(la, school), name: `Bench primary ${urnOf(la, school)}` }))),
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
    const total = 600_000;
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
    const full = await timed(() => services.pupils.compute());
    const { engineMs, referenceMs, figures } = await engineAndReference(services);
    report(`national (KS2 2015/16, ${codes.length} LAs)`, total, 1, full.ms, engineMs, referenceMs, figures);
  });
}

async function laitImport(): Promise<string> {
  const paths = ['la_code_list.csv', 'lait_data_dictionary.csv', 'bds_long_all_las.csv.gz'].map((f) => join(shared, 'lait', f));
  if (!paths.every(existsSync)) return 'LAIT import: skipped (../shared/data/public/lait not found)';
  return withFreshStore('lait', async (services) => {
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
    const imported = await timed(() => services.imports.importFiles(files));
    const observations = imported.result.files.reduce((a, f) => a + f.inserted, 0);
    return `LAIT import (LA list, dictionary, national long file): read ${seconds(reading.ms)} s, import ${seconds(imported.ms)} s, ${observations} rows inserted`;
  });
}

const scales = process.argv.includes('--kent-only') ? [kentScale] : [kentScale, nationalScale];
for (const scale of scales) await scale();
const participation = process.argv.includes('--no-participation') ? 'participation: skipped (--no-participation)' : await participationBench();
const lait = process.argv.includes('--no-lait') ? 'LAIT import: skipped (--no-lait)' : await laitImport();
const sen = await withFreshStore('sen', (_services, store) => benchSen(store));

const header = ['scale', 'pupils', 'files', 'figures', 'full compute s', 'engine only s', 'DuckDB SQL s', 'full ÷ SQL', 'engine ÷ SQL'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(lait);
console.log(sen);
console.log(participation);
console.log(await withFreshStore('cme', cmeBench));
console.log(await admissionsBench());
console.log(await planningBench());
if (pages.length > 0) {
  console.log('');
  const pageWidths = pageHeader.map((h, i) => Math.max(h.length, ...pages.map((r) => r[i]!.length)));
  console.log(pageHeader.map((c, i) => c.padEnd(pageWidths[i]!)).join('  '));
  for (const r of pages) console.log(r.map((c, i) => c.padEnd(pageWidths[i]!)).join('  '));
}
