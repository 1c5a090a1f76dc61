import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { describeIssue } from '../src/domain/errors.ts';
import { readImportFile } from '../src/imports/import-files.ts';
import { appWithImports, oneObservation, readShared, type TestApp } from './support/app.ts';
import { mappings } from './support/catalogue.ts';
import { databaseTargets, tableCounts } from './support/databases.ts';

/**
 * Issue 18.2: the claimant count (Nomis NM_162_1 layout), the LA's return of apprentices it takes on, its supported
 * employment return, the DfE's FE and apprenticeship starts by SSA (Explore Education Statistics layout) and its survey of
 * schools' apprenticeships, read by `readImportFile` and written by `importFiles` exactly as `waymark import` and the
 * import page do. The fixtures are in tests/fixtures/employment/; every expected figure is worked by hand below.
 */
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'employment');
const register = await readShared(['lait/la_code_list.csv', 'kent-postcode-district/codepoint_open_2014-08_kent_code_names.csv']);

async function read(filePath: string) {
  const result = await readImportFile(filePath, mappings);
  assert.ok(result.ok, result.ok ? '' : result.issues.map(describeIssue).join('\n'));
  return result.file;
}

async function refusal(name: string, content: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'waymark-employment-'));
  await writeFile(path.join(folder, name), content);
  const result = await readImportFile(path.join(folder, name), mappings);
  assert.ok(!result.ok, `${name} should be refused`);
  return result.issues.map(describeIssue).join('\n');
}

type Row = { value: number | null; numerator: number | null; denominator: number | null };

for (const target of databaseTargets()) {
  describe(`youth employment and apprenticeship files (${target.name})`, () => {
    let test: TestApp;
    const figure = (indicator: string, place: string, period: string) =>
      oneObservation<Row>(test.app, `indicator=${indicator}&place=${place}&period=${period}`);

    before(async () => {
      test = await appWithImports(target, register);
    });
    after(() => test.close());

    it('averages the claimant count over the twelve months of 2013 and leaves out 2014, which has three', async () => {
      const file = await read(path.join(fixtures, 'nomis-claimant-count-kent-2013.csv'));
      assert.equal(file.format, 'nomis-claimant-count');
      // 78 rows: 72 of 2013 (3 places × 2 measures × 12 months), 3 of Kent's count in 2014, 3 the format skips (Kent
      // men only, Kent all ages, Cardiff — Wales is no place kind Waymark holds).
      assert.equal(file.rowCount, 78);
      assert.equal(file.skipped, 3);
      assert.ok(
        file.notes.some((n) => n.includes('Kent 2014 claimant count (3 of 12 months; lacks Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec)')),
        file.notes.join('\n'),
      );
      await test.services.imports.importFiles([file]);
      // Kent's 18-24 count falls by 100 a month from 9,000 (January) to 7,900 (December): the mean is (9,000 + 7,900) / 2 = 8,450.
      assert.equal((await figure('unemployed-18-24', '886', '2013')).value, 8450);
      // Thanet's count is 1,500 every month.
      assert.equal((await figure('unemployed-18-24', 'E07000114', '2013')).value, 1500);
      // Proportions: Kent 7.0 for January-June and 6.0 for July-December → 6.5; Thanet 12.0 then 13.2 → 12.6; England
      // 7.2 for eleven months and 8.4 in December → (11 × 7.2 + 8.4) / 12 = 87.6 / 12 = 7.3.
      const near = (actual: number | null, expected: number) => assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);
      near((await figure('youth-unemployment-rate-16-24', '886', '2013')).value, 6.5);
      near((await figure('youth-unemployment-rate-16-24', 'E07000114', '2013')).value, 12.6);
      near((await figure('youth-unemployment-rate-16-24', 'E92000001', '2013')).value, 7.3);
      const response = await test.app.inject('/api/v1/observations?indicator=unemployed-18-24&place=886&period=2014');
      assert.deepEqual(response.json<{ observations: unknown[] }>().observations, [], 'no 2014 figure from three months');
    });

    it("reads the LA's return of apprentices taken on, one figure per financial year", async () => {
      const file = await read(path.join(fixtures, 'la-apprentice-return.csv'));
      assert.equal(file.format, 'la-apprentice-return');
      // Three of the four rows give completions (2012-13's is blank).
      assert.ok(file.notes.includes('3 rows give completions: read and checked, not yet held by any indicator'), file.notes.join('\n'));
      await test.services.imports.importFiles([file]);
      // The fixture's apprentices_taken_on column: 91, 104, 97, 112 for 2012-13 to 2015-16.
      for (const [period, value] of [
        ['201213', 91],
        ['201314', 104],
        ['201415', 97],
        ['201516', 112],
      ] as const)
        assert.equal((await figure('kcc-apprentices', '886', period)).value, value, period);
    });

    it('reads the school survey as the share of schools in it whose apprenticeship was taken up', async () => {
      await test.services.imports.importFiles([await read(path.join(fixtures, 'school-apprenticeship-survey.csv'))]);
      // 2014/15: three Y of eight schools = 37.5%, shown at the indicator's 0 decimal places as 38 (half up); 2015/16:
      // six Y of ten = 60%. (Fewer than six schools, or fewer
      // than three answering Y, would be hidden from the public as a small denominator or numerator is.)
      const y1 = await figure('schools-offering-apprenticeship', '886', '201415');
      assert.deepEqual([y1.value, y1.numerator, y1.denominator], [38, 3, 8]);
      const y2 = await figure('schools-offering-apprenticeship', '886', '201516');
      assert.deepEqual([y2.value, y2.numerator, y2.denominator], [60, 6, 10]);
    });

    it("reads the DfE's FE starts file as level 2 and 3 starts by 16-24 year olds in Kent's skills shortage areas", async () => {
      const file = await read(path.join(fixtures, 'fe-skills-starts-kent.csv'));
      assert.equal(file.format, 'fe-skills-starts');
      // 15 rows: the Further education and skills total row and the district row are skipped.
      assert.deepEqual([file.rowCount, file.skipped], [15, 2]);
      assert.ok(
        file.notes.some((n) => n.startsWith('1 cells summed were written low')),
        file.notes.join('\n'),
      );
      assert.ok(
        file.notes.some((n) => n.includes('Kent 201213 (c)')),
        file.notes.join('\n'),
      );
      await test.services.imports.importFiles([file]);
      // 2011/12, Kent's default areas: construction 150 (intermediate, under 19) + 90 (intermediate, 19-24) + 30
      // (advanced, under 19) + 60 (education and training level 2, 19-24) + low (level 3, read as 0), and engineering
      // 70 (level 3, 19-24) = 400. Not counted: 25+, the Total band, Higher Apprenticeship, Full Level 2 (a subset of
      // Level 2), retail (not a shortage area).
      assert.equal((await figure('vocational-starts-skills-shortage', '886', '201112')).value, 400);
      // 2012/13: health and care's advanced starts by 19-24 year olds are suppressed (c), so the year has no value.
      assert.equal((await figure('vocational-starts-skills-shortage', '886', '201213')).value, null);
    });

    it("reads the LA's supported employment return as the year's total of opportunities taken up", async () => {
      const file = await read(path.join(fixtures, 'la-supported-employment-return.csv'));
      assert.equal(file.format, 'la-supported-employment-return');
      await test.services.imports.importFiles([file]);
      // 2012/13: 96 + 41; 2013/14: 18 + 102 + 12 + 38; 2014/15: 0 + 110.
      for (const [period, value] of [
        ['201213', 137],
        ['201314', 170],
        ['201415', 110],
      ] as const)
        assert.equal((await figure('ldd-assisted-employment', '886', period)).value, value, period);
    });

    it('refuses bad rows naming file, line and column', async () => {
      const nomis = (await import('node:fs/promises')).readFile(path.join(fixtures, 'nomis-claimant-count-kent-2013.csv'), 'utf8');
      const lines = (await nomis).split('\n');
      // Line 3 (the second data row) with its month misspelt; then line 5 repeated as line 6.
      const misspelt = [...lines.slice(0, 2), lines[2]!.replaceAll('January 2013', 'Janvier 2013'), ...lines.slice(3)].join('\n');
      assert.match(await refusal('claimants.csv', misspelt), /claimants\.csv, line 3, column DATE_NAME: "Janvier 2013" is not a month as Nomis writes it/);
      const repeated = [...lines.slice(0, 5), lines[4]!, ...lines.slice(5)].join('\n');
      assert.match(
        await refusal('claimants.csv', repeated),
        /claimants\.csv, line 6, column DATE_NAME: a second row for Kent \(E10000016\), Claimants as a proportion of residents of the same age, January 2013: the first is on line 5/,
      );
      assert.match(
        await refusal('return.csv', 'financial_year,la_code,apprentices_taken_on\n2013-14,886,104\n2014,886,97\n'),
        /return\.csv, line 3, column financial_year: "2014" is not a financial year/,
      );
      assert.match(
        await refusal('return.csv', 'financial_year,la_code,apprentices_taken_on\n2013-14,886,104\n2013-14,886,97\n'),
        /return\.csv, line 3, column financial_year: .*LA and financial year/,
      );
      assert.match(
        await refusal(
          'starts.csv',
          (await (await import('node:fs/promises')).readFile(path.join(fixtures, 'fe-skills-starts-kent.csv'), 'utf8')).replace(
            ',Under 19,150',
            ',Under 19,150.5',
          ),
        ),
        /starts\.csv, line 2, column starts: "150\.5" is neither a count \(a whole number\) nor one of the DfE's symbols \(low, c, x, z\)/,
      );
      assert.match(
        await refusal('supported.csv', 'academic_year,la_code,opportunity_type,taken_up\n2013/14,886,supported-internship,18\n2013/14,886,job-club,4\n'),
        /supported\.csv, line 3, column opportunity_type: unknown opportunity type "job-club"/,
      );
      assert.match(
        await refusal('survey.csv', 'academic_year,la_code,urn,school_name,apprenticeship_taken_up\n2015/16,886,118830,A,Y\n2015/16,886,118831,B,Maybe\n'),
        /survey\.csv, line 3, column apprenticeship_taken_up: unknown answer "Maybe" \(expected one of: Y, N\)/,
      );
    });

    it('leaves the store as it was when one file of an import is refused on writing', async () => {
      const claimants = await read(path.join(fixtures, 'nomis-claimant-count-kent-2013.csv'));
      const folder = await mkdtemp(path.join(tmpdir(), 'waymark-employment-'));
      await writeFile(path.join(folder, 'return.csv'), 'financial_year,la_code,apprentices_taken_on\n2016-17,886,120\n2017-18,999,88\n');
      const unknownLa = await read(path.join(folder, 'return.csv'));
      const before = await tableCounts(test.database.db);
      await assert.rejects(test.services.imports.importFiles([claimants, unknownLa]), /return\.csv, line 3, column la_code: unknown LA code 999/);
      assert.deepEqual(await tableCounts(test.database.db), before);
      const response = await test.app.inject('/api/v1/observations?indicator=kcc-apprentices&place=886&period=201617');
      assert.deepEqual(response.json<{ observations: unknown[] }>().observations, [], "2016-17's good row is not written either");
      // The supported employment return is an LA's own file too: an LA the store lacks refuses it, and the good row with it.
      await writeFile(
        path.join(folder, 'supported.csv'),
        'academic_year,la_code,opportunity_type,taken_up\n2016/17,886,supported-internship,30\n2016/17,999,other,5\n',
      );
      const supported = await read(path.join(folder, 'supported.csv'));
      await assert.rejects(test.services.imports.importFiles([supported]), /supported\.csv, line 3, column la_code: unknown LA code 999/);
      assert.deepEqual(await tableCounts(test.database.db), before);
    });
  });
}
