import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { ImportRejectedError, type FileIssue } from '../src/domain/errors.ts';
import type { ImportFile } from '../src/domain/import-file.ts';
import { readCsvFile } from '../src/imports/csv-table.ts';
import { readImportFile } from '../src/imports/import-files.ts';
import { loadMappings } from '../src/imports/mapped-csv/mapping.ts';
import { readPupilRecords } from '../src/imports/pupils/pupil-records.ts';
import { type Services } from '../src/services/create-services.ts';
import { mappings } from './support/catalogue.ts';
import { databaseTargets, freshDatabase, tableCounts, type TestDatabase } from './support/databases.ts';
import { laCodeListFile, spineHeader, spineRow, writeFixture } from './fixtures/register-files.ts';
import { servicesFor } from './support/app.ts';

/**
 * The malformed-file corpus (issue 12): every kind is refused with an error naming file, line and column where there is
 * one, and the store is left exactly as it was (tableCounts before and after). Each attempt goes the way `waymark import`
 * goes (src/cli/commands/import.ts): read and screen every file with the shipped mappings, then write them all in one
 * transaction only if none was refused.
 */

const laitHeader = 'Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region';
/** KS2RWM_Expected_STD is ks2-expected-rwm in the catalogue (indicators/key-stage-1-and-2.yaml), a percentage. */
const laitRow = (value: string) => `KS2RWM_Expected_STD,KS2 expected standard in RWM,2016,Kent,${value},886,South East`;
/** The reshaped KS2 results' columns the mapping ks2-school-results-reshaped reads (mappings/school-results-2016-2018-reshaped.yaml). */
const ks2Header =
  'URN,KS2 Pupils,Reading Progress,Reading Progress Band,Writing Progress,Writing Progress Band,Maths Progress,Maths Progress Band,Overall Meet Std,Academic Year';
const ks2Row = (meet: string, pupils = '26') => `990001,${pupils},3.1,2,1.3,3,1.3,3,${meet},2018`;
/** ONS mid-year-estimate births by district (shared/data/public/ons-births-la/), header as the file writes it. */
const birthsHeader = '"GSS.Code","Sex","Age","Year","Births"';
const dictionaryHeader = 'Measure_short,Measure,Topic,Polarity,y_axis_name,Description,Data Owner (DO) /Supplier and Contact Details,dps,Year_Type';
const pupilHeader =
  'pupil_id,urn,gender,fsm,disadvantaged,sen,in_care,ethnicity,eal,ks2_english,ks2_reading,ks2_writing,ks2_maths,ks2_reading_scaled,ks2_maths_scaled,ks1_english_level,ks1_maths_level';
const pupilRow = (id: string, urn = '990001', gender = 'F') => `${id},${urn},${gender},0,0,N,0,white,0,4,,,4,,,,`;

function freshDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'waymark-malformed-'));
}

function fifo(): string {
  const at = path.join(freshDir(), 'values.csv');
  execFileSync('mkfifo', [at]);
  return at;
}

/** A gzip file of a few hundred kilobytes that expands past the 256 MB read limit (issue 12 saw 1.7 MB reach 2.96 GB), made once. */
let bomb: Promise<string> | undefined;
const gzipBomb = (): Promise<string> => (bomb ??= makeGzipBomb());

async function makeGzipBomb(): Promise<string> {
  const at = path.join(freshDir(), 'bds_long_all_las.csv.gz');
  const gzip = createGzip({ level: 9 });
  const out = gzip.pipe(createWriteStream(at));
  gzip.write(`${laitHeader}\n`);
  const zeros = Buffer.alloc(1024 * 1024, 0x30);
  for (let i = 0; i < 300; i++) if (!gzip.write(zeros)) await once(gzip, 'drain');
  gzip.end();
  await once(out, 'finish');
  return at;
}

type Attempt = Readonly<{ message: string; issues: readonly FileIssue[] }>;

/** Import the files as `waymark import` does and return what it refused with (the test fails if it was accepted). */
async function attempt(services: Services, paths: readonly string[]): Promise<Attempt> {
  const issues: FileIssue[] = [];
  const files: ImportFile[] = [];
  for (const p of paths) {
    const read = await readImportFile(p, mappings);
    if (read.ok) files.push(read.file);
    else issues.push(...read.issues);
  }
  if (issues.length === 0)
    await services.imports.importFiles(files).catch((error: unknown) => {
      if (!(error instanceof ImportRejectedError)) throw error;
      issues.push(...error.issues);
    });
  assert.ok(issues.length > 0, 'the import is refused');
  return { message: new ImportRejectedError(issues).message, issues };
}

/** A pupil file as `waymark pupils import` reads it (src/cli/commands/pupils.ts): refused before anything is written. */
async function attemptPupils(file: string): Promise<Attempt> {
  const table = await readCsvFile(file);
  const read = table.ok ? readPupilRecords(table.table, 'ks2') : table;
  assert.equal(read.ok, false, 'the pupil file is refused');
  const issues = read.ok ? [] : read.issues;
  return { message: new ImportRejectedError(issues).message, issues };
}

/** A mapping the LA names with --mapping, loaded as `waymark import` loads it. */
async function attemptMapping(location: string): Promise<Attempt> {
  const error = await loadMappings([location]).then(
    () => assert.fail('the mapping is refused'),
    (e: unknown) => e as Error,
  );
  return { message: error.message, issues: [] };
}

type Kind = Readonly<{ name: string; run: (services: Services) => Promise<Attempt>; expect: RegExp; check?: (refused: Attempt) => void }>;

const file = (name: string, content: string | Uint8Array) => (services: Services) => attempt(services, [writeFixture(name, content)]);

const kinds: readonly Kind[] = [
  // Register files: header, rows, codes and encodings.
  { name: 'names an unknown header', run: file('mystery.csv', 'Foo,Bar\n1,2\n'), expect: /mystery\.csv, line 1: unknown header \(Foo, Bar\)/ },
  {
    name: 'names a bad date',
    run: file('spine.csv', `${spineHeader}\n${spineRow()}\n${spineRow({ URN: '990002', OPENDATE: '20180231' })}\n`),
    expect: /spine\.csv, line 3, column OPENDATE: bad date "20180231" \(expected a real date written yyyymmdd\)/,
  },
  {
    name: 'names an unknown code',
    run: file('spine.csv', `${spineHeader}\n${spineRow({ ICLOSE: '7' })}\n`),
    expect: /spine\.csv, line 2, column ICLOSE: unknown ICLOSE status "7"/,
  },
  {
    name: 'names a truncated row',
    run: file('spine.csv', `${spineHeader}\n${spineRow()}\n${spineRow({ URN: '990002' }).split(',').slice(0, 12).join(',')}\n`),
    expect: /spine\.csv, line 3, column ICLOSE: truncated row: 12 of 31 columns/,
  },
  {
    name: 'names a row with more values than the header has columns',
    run: file('spine.csv', `${spineHeader}\n${spineRow()},extra\n`),
    expect: /spine\.csv, line 2: 32 values but the header has 31 columns/,
  },
  {
    name: 'names the wrong encoding',
    run: file(
      'spine.csv',
      Buffer.concat([Buffer.from(`${spineHeader}\n`), Buffer.from(spineRow({ SCHNAME: 'St Ren\u00e9e School' }), 'latin1'), Buffer.from('\n')]),
    ),
    expect: /spine\.csv, line 2: not valid UTF-8: byte 0xE9 at character \d+ of the line/,
  },
  {
    name: 'names a duplicate URN with the line it first appeared on',
    run: file('spine.csv', `${spineHeader}\n${spineRow()}\n${spineRow({ SCHNAME: 'Again' })}\n`),
    expect: /spine\.csv, line 3, column URN: duplicate URN 990001 \(first on line 2\)/,
  },
  {
    name: 'names the line of a quote that is never closed',
    run: file('spine.csv', `${spineHeader}\n${spineRow()}\n${spineRow({ URN: '990002', SCHNAME: '"Unclosed School' })}\n`),
    expect: /spine\.csv, line 3: not readable as CSV: Quote Not Closed/,
  },
  { name: 'refuses an empty file', run: file('spine.csv', ''), expect: /spine\.csv, line 1: the file is empty/ },
  {
    name: 'refuses a file with a header and no rows rather than recording a 0-row batch (issue 12, item 7)',
    run: file('grouping.csv', 'URN,Group code,Group name,Valid from,Valid to\n'),
    expect: /grouping\.csv, line 1: a header and no rows: there is nothing to import/,
  },
  {
    name: 'reports a NUL byte on the line it is on, not line 1 (issue 12, item 8)',
    run: file('spine.csv', `${spineHeader}\n${spineRow()}\n${spineRow({ URN: '990002', TOWN: 'Ash\u0000ford' })}\n`),
    expect: /spine\.csv, line 3: a NUL byte at character \d+ of the line: not a text CSV/,
  },
  {
    name: 'refuses a UTF-16 file by its byte-order mark',
    run: file('la_code_list.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(laCodeListFile, 'utf16le')])),
    expect: /la_code_list\.csv, line 1: a UTF-16 file \(it starts with a UTF-16 byte-order mark\): save it as UTF-8/,
  },
  {
    name: 'refuses a UTF-16 file without a byte-order mark at its first NUL byte',
    run: file('la_code_list.csv', Buffer.from(laCodeListFile, 'utf16le')),
    expect: /la_code_list\.csv, line 1: a NUL byte at character 2 of the line: not a text CSV \(UTF-16/,
  },
  {
    name: 'refuses a huge field without echoing it (issue 12, item 8)',
    run: file('spine.csv', `${spineHeader}\n${spineRow({ SCHNAME: 'x'.repeat(20_000) })}\n`),
    expect: /spine\.csv, line 2, column SCHNAME: a field of 20,000 characters, more than the 10,000 a field may hold \(not shown\)/,
    check: (refused) => assert.doesNotMatch(refused.message, /x{41}/),
  },
  {
    name: 'quotes at most 40 characters of a long bad value',
    run: file('spine.csv', `${spineHeader}\n${spineRow({ OPENDATE: '2'.repeat(5_000) })}\n`),
    expect: /spine\.csv, line 2, column OPENDATE: bad date "2{40}…" \(5000 characters\)/,
    check: (refused) => assert.doesNotMatch(refused.message, /2{41}/),
  },
  {
    name: 'gives a recognised header that lacks a column one error, not one per row (issue 12, item 8)',
    // "values" is recognised as LAIT's Values (headers compare without case) but the rows are read by the exact name.
    run: file('bds_long.csv', `${laitHeader.replace('Values', 'values')}\n${laitRow('60')}\n${laitRow('61').replace('2016', '2017')}\n`),
    expect: /bds_long\.csv, line 1, column Values: the header lacks column Values, which this format reads .*the file writes "values" for "Values"/,
    check: (refused) => assert.equal(refused.issues.length, 1),
  },
  // Compressed and special files (issue 12, item 13).
  {
    name: 'refuses a gzip bomb before it expands past the read limit',
    run: async (services) => attempt(services, [await gzipBomb()]),
    expect: /bds_long_all_las\.csv\.gz: a gzip file that expands to more than 256 MB \(from \d+ KB\): refused unread, as a possible gzip bomb/,
  },
  {
    name: 'refuses a gzip file that cannot be decompressed',
    run: file('values.csv.gz', gzipSync(Buffer.from(`${laitHeader}\n${laitRow('60')}\n`)).subarray(0, 30)),
    expect: /values\.csv\.gz: a gzip file that cannot be decompressed/,
  },
  {
    name: 'refuses a FIFO up front instead of waiting on it',
    run: (services) => attempt(services, [fifo()]),
    expect: /values\.csv: a FIFO \(named pipe\), not a regular file: Waymark imports only files saved on disk/,
  },
  {
    name: 'refuses a folder named as a file',
    run: (services) => attempt(services, [freshDir()]),
    expect: /waymark-malformed-\w+: a folder, not a regular file/,
  },
  { name: 'refuses a file that does not exist', run: (services) => attempt(services, [path.join(freshDir(), 'gone.csv')]), expect: /gone\.csv: no such file/ },
  // File names (issue 12, item 7).
  {
    name: 'refuses a file name holding a newline, shown escaped',
    run: file('la_code\nlist.csv', laCodeListFile),
    expect: /la_code\\u000alist\.csv: the file name holds a control character/,
  },
  {
    name: 'refuses a file name holding a terminal escape, shown inert',
    run: file('\u001b[2Jla_code_list.csv', laCodeListFile),
    expect: /\\u001b\[2Jla_code_list\.csv: the file name holds a control character/,
    check: (refused) => assert.ok(!refused.message.includes('\u001b'), 'no raw ESC reaches the terminal'),
  },
  // Numbers (issue 12, item 5).
  {
    name: 'refuses a LAIT value written in hex (0x3C), which JavaScript reads as 60',
    run: file('bds_long.csv', `${laitHeader}\n${laitRow('0x3C')}\n`),
    expect: /bds_long\.csv, line 2, column Values: "0x3C" is neither a number nor "-": not a number as the DfE writes one/,
  },
  {
    name: 'refuses a LAIT value written in binary (0b1111), which JavaScript reads as 15',
    run: file('bds_long.csv', `${laitHeader}\n${laitRow('0b1111')}\n`),
    expect: /bds_long\.csv, line 2, column Values: "0b1111" is neither a number nor "-"/,
  },
  {
    name: 'refuses a LAIT value of Infinity',
    run: file('bds_long.csv', `${laitHeader}\n${laitRow('Infinity')}\n`),
    expect: /bds_long\.csv, line 2, column Values: "Infinity" is neither a number nor "-"/,
  },
  {
    name: 'refuses a mapped KS2 percentage with a decimal comma ("12,5%") rather than storing 125%',
    run: file('ks2_school_2018.csv', `${ks2Header}\n${ks2Row('"12,5%"')}\n`),
    expect: /ks2_school_2018\.csv, line 2, column Overall Meet Std: "12,5%" is neither a number nor one of the file's symbols .*: a decimal comma/,
  },
  {
    name: 'refuses a mapped KS2 percentage over 100',
    run: file('ks2_school_2018.csv', `${ks2Header}\n${ks2Row('89%')}\n${ks2Row('125%').replace('990001', '990002')}\n`),
    expect: /ks2_school_2018\.csv, line 3, column Overall Meet Std: 125 is not a percentage \(0 to 100\), the unit of ks2-expected-rwm/,
  },
  {
    name: 'refuses a negative pupil count in a mapped file',
    run: file('ks2_school_2018.csv', `${ks2Header}\n${ks2Row('89%', '-26')}\n`),
    expect: /ks2_school_2018\.csv, line 2, column KS2 Pupils: -26 is not a count \(counts are not negative\), the unit of ks2-expected-rwm/,
  },
  {
    name: 'refuses a mapped file whose period is not written as its mapping says',
    run: file('ks2_school_2018.csv', `${ks2Header}\n${ks2Row('89%').replace(',2018', ',2018/19')}\n`),
    expect: /ks2_school_2018\.csv, line 2, column Academic Year: "2018\/19" is not a period written as academic-end/,
  },
  {
    name: 'refuses a LAIT percentage over 100 for a catalogue indicator',
    run: file('bds_long.csv', `${laitHeader}\n${laitRow('60')}\n${laitRow('160').replace('2016', '2017')}\n`),
    expect: /bds_long\.csv, line 3, column Values: 160 is not a percentage \(0 to 100\), the unit of ks2-expected-rwm/,
  },
  {
    name: "refuses a LAIT rate beyond its base (LAIT's own measure, 'Rate per 10,000')",
    run: (services) =>
      attempt(services, [
        writeFixture(
          'lait_data_dictionary.csv',
          `${dictionaryHeader}\nHospAd0-14,Emergency Hospital Admissions 0-14yr olds,Health,Low,"Rate per 10,000","Admissions per 10,000 children aged 0-14",,1,Financial Year\n`,
        ),
        writeFixture('bds_long.csv', `${laitHeader}\nHospAd0-14,Emergency admissions,2016,Kent,12000.5,886,South East\n`),
      ]),
    expect: /bds_long\.csv, line 2, column Values: 12000\.5 is more than a rate per 10,000 can be, the unit of lait-hospad0-14/,
  },
  // ONS births (ons-births-la/): counts, sexes and codes as the file writes them, each row once.
  {
    name: 'names a births count that is not a whole number in an ONS births file',
    run: file('births.csv', `${birthsHeader}\n"E07000110","F",0,2014,892\n"E07000110","M",0,2014,99.5\n`),
    expect: /births\.csv, line 3, column Births: "99\.5" is not a number of births \(a whole number/,
  },
  {
    name: 'names an unknown sex in an ONS births file',
    run: file('births.csv', `${birthsHeader}\n"E07000110","P",0,2014,1887\n`),
    expect: /births\.csv, line 2, column Sex: unknown sex "P" \(expected one of: F, M\)/,
  },
  {
    name: 'names a county code in an ONS births file, which gives districts only',
    run: file('births.csv', `${birthsHeader}\n"E10000016","F",0,2014,8400\n`),
    expect: /births\.csv, line 2, column GSS\.Code: not an ONS district or unitary authority code/,
  },
  {
    name: 'names a births row repeated for one area, sex and year with the line it first appeared on',
    run: file('births.csv', `${birthsHeader}\n"E07000110","F",0,2014,892\n"E07000110","F",0,2014,893\n`),
    expect: /births\.csv, line 3, column GSS\.Code: duplicate area, sex and year E07000110 female 2014 \(first on line 2\)/,
  },
  // Pupil files: refused without quoting a pupil's cell.
  {
    name: 'refuses a pupil file with a bad code without quoting the cell (pupil data)',
    run: () => attemptPupils(writeFixture('ks2_pupils.csv', `${pupilHeader}\n${pupilRow('P1')}\n${pupilRow('P2', '990001', 'Q')}\n`)),
    expect: /ks2_pupils\.csv, line 3, column gender: not a gender code \(expected F or M\)/,
    check: (refused) => assert.doesNotMatch(refused.message, /"Q"/),
  },
  {
    name: 'refuses a pupil twice in one file without quoting the pupil_id',
    run: () => attemptPupils(writeFixture('ks2_pupils.csv', `${pupilHeader}\n${pupilRow('UPN-A123')}\n${pupilRow('UPN-A123')}\n`)),
    expect: /ks2_pupils\.csv, line 3, column pupil_id: the same pupil_id as line 2: one row per pupil/,
    check: (refused) => assert.doesNotMatch(refused.message, /A123/),
  },
  {
    name: 'refuses a pupil file with a header and no rows',
    run: () => attemptPupils(writeFixture('ks2_pupils.csv', `${pupilHeader}\n`)),
    expect: /ks2_pupils\.csv, line 1: a header and no rows/,
  },
  // Mappings an LA names (issue 12, item 8).
  {
    name: 'says a mapping path that does not exist is not there',
    run: () => attemptMapping(path.join(freshDir(), 'local.yaml')),
    expect: /Invalid mapping in .*local\.yaml:\n\s+.*local\.yaml: no such file or folder/,
  },
  {
    name: 'says a mapping path that is a FIFO is not a file',
    run: () => attemptMapping(fifo()),
    expect: /values\.csv: a FIFO \(named pipe\), not a YAML file or a folder of them/,
  },
  {
    name: 'names the line of a mapping that is not valid YAML',
    run: () => attemptMapping(writeFixture('local.yaml', '- id: local\n  label: [unclosed\n')),
    expect: /local\.yaml, line \d+: not valid YAML/,
  },
];

for (const target of databaseTargets()) {
  describe(`a malformed file is refused with its file, line and column, and the store is left exactly as it was (${target.name})`, () => {
    let database: TestDatabase;
    let services: Services;
    before(async () => {
      database = await freshDatabase(target);
      services = servicesFor(database, new Date('2024-01-01T00:00:00Z'));
      const seed = await readImportFile(writeFixture('la_code_list.csv', laCodeListFile));
      assert.ok(seed.ok);
      await services.imports.importFiles([seed.file]);
    });
    after(() => database.drop());

    for (const kind of kinds)
      it(kind.name, async () => {
        const before = await tableCounts(database.db);
        const refused = await kind.run(services);
        assert.match(refused.message, kind.expect);
        kind.check?.(refused);
        assert.deepEqual(await tableCounts(database.db), before);
      });

    it('refuses a file name with a newline even when a caller skips the reader', async () => {
      const read = await readImportFile(writeFixture('la_code_list.csv', laCodeListFile));
      assert.ok(read.ok);
      const before = await tableCounts(database.db);
      await assert.rejects(
        services.imports.importFiles([{ ...read.file, file: 'la\ncodes.csv' }]),
        /la\\u000acodes\.csv: the file name holds a control character/,
      );
      assert.deepEqual(await tableCounts(database.db), before);
    });

    it('writes nothing when a school names an LA the store does not know, even from the other files of the same import', async () => {
      const before = await tableCounts(database.db);
      const good = await readImportFile(writeFixture('grouping.csv', 'URN,Group code,Group name,Valid from,Valid to\n990001,HUB1,Ashford hub,2015-09-01,\n'));
      const spine = await readImportFile(
        writeFixture('spine.csv', `${spineHeader}\n${spineRow()}\n${spineRow({ URN: '990002', LA: '999', LAESTAB: '9992999' })}\n`),
      );
      assert.ok(good.ok && spine.ok);
      await assert.rejects(services.imports.importFiles([spine.file, good.file]), (error: Error) => {
        assert.ok(error instanceof ImportRejectedError);
        assert.match(error.message, /spine\.csv, line 3, column LA: unknown code: LA 999 is not in the store/);
        return true;
      });
      assert.deepEqual(await tableCounts(database.db), before);
    });

    it('writes nothing when a grouping file names a URN that is not a school', async () => {
      const spine = await readImportFile(writeFixture('spine.csv', `${spineHeader}\n${spineRow()}\n`));
      assert.ok(spine.ok);
      await services.imports.importFiles([spine.file]);
      const before = await tableCounts(database.db);
      const grouping = await readImportFile(
        writeFixture('hubs.csv', 'URN,Group code,Group name,Valid from,Valid to\n990001,HUB1,Ashford hub,2015-09-01,\n123456,HUB1,Ashford hub,2015-09-01,\n'),
      );
      assert.ok(grouping.ok);
      await assert.rejects(
        services.imports.importFiles([grouping.file]),
        /hubs\.csv, line 3, column URN: unknown code: URN 123456 is not a school in the register/,
      );
      assert.deepEqual(await tableCounts(database.db), before);
    });

    it('records each batch with its file, hash, rows and counts', async () => {
      const file = await readImportFile(
        writeFixture('spine.csv', `${spineHeader}\n${spineRow({ SCHNAME: 'Testwell Primary Academy' })}\n${spineRow({ URN: '990003' })}\n`),
      );
      assert.ok(file.ok);
      const report = await services.imports.importFiles([file.file]);
      assert.deepEqual(
        { inserted: report.files[0]!.inserted, updated: report.files[0]!.updated, rows: report.files[0]!.rows },
        { inserted: 1, updated: 1, rows: 2 },
      );
      const [latest] = await database.store.register.batches(1);
      assert.equal(latest!.fileName, 'spine.csv');
      assert.equal(latest!.fileHash, file.file.hash);
      assert.match(latest!.fileHash, /^[0-9a-f]{64}$/);
    });

    it('accepts a pupil file naming URNs the register does not hold, with a note counting them (issue 12, item 7)', async () => {
      // The register holds 990001 and 990003 (the spine files above); 990009 and 990008 are nowhere.
      const table = await readCsvFile(
        writeFixture(
          'ks2_pupils.csv',
          `${pupilHeader}\n${pupilRow('P1')}\n${pupilRow('P2', '990009')}\n${pupilRow('P3', '990008')}\n${pupilRow('P4', '990009')}\n`,
        ),
      );
      assert.ok(table.ok);
      const read = readPupilRecords(table.table, 'ks2');
      assert.ok(read.ok);
      const written = await services.pupils.writeFile({
        collection: 'ks2',
        period: '201718',
        dataVersion: 'final',
        records: read.records,
        source: 'ks2_pupils.csv',
      });
      assert.equal(written.rows, 4);
      assert.deepEqual(written.notes, [
        '2 URNs not in the register (990008, 990009): their pupils stay unplaced (in no school, district or LA) until the register holds those schools',
      ]);
      const [batch] = await database.store.register.batches(1);
      assert.ok(batch!.notes.includes(written.notes[0]!));
    });
  });
}
