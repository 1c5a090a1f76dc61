import assert from 'node:assert/strict';
import { recordsOf } from './support/records.ts';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { readImportFile } from '../src/imports/import-files.ts';
import { appWithImports, oneObservation, readShared, type TestApp } from './support/app.ts';
import { mappings } from './support/catalogue.ts';
import { databaseTargets } from './support/databases.ts';
import { sharedFile } from './support/shared-data.ts';

const paths = {
  laCodes: 'lait/la_code_list.csv',
  codeNames: 'kent-postcode-district/codepoint_open_2014-08_kent_code_names.csv',
  postcodes: 'kent-postcode-district/codepoint_open_2014-08_kent_postcodes.csv',
  year: 'ofsted-inspections-2013-14/ofsted_inspections_2013-09_to_2014-08.csv',
  autumn: 'ofsted-inspections-2013-14/ofsted_inspections_2014-10_to_2014-12.csv',
};
const files = await readShared(Object.values(paths));

type Row = Record<string, string>;
const rows = (p: string): Row[] => parse<Row>(readFileSync(sharedFile(p)), { columns: true, bom: true });

/**
 * Kent's 2013/14 inspections derived from the raw rows: rows whose "Local authority (education)" is Kent, whose
 * start date (dd/mm/yyyy) falls from 1 September 2013 to 31 August 2014, counted by "Overall effectiveness" and by
 * the district the Code-Point Open file (August 2014) gives the row's postcode (every Kent postcode in these files
 * is in it, spaces and case aside). "Category of concern" SM is special measures, SWK in any case serious weaknesses.
 */
function expectedKent2013() {
  const district = new Map(rows(paths.postcodes).map((r) => [r.Postcode!.replace(/\s/g, ''), r.Admin_district_code!]));
  const iso = (d: string) => d.split('/').reverse().join('-');
  const kent = [...rows(paths.year), ...rows(paths.autumn)].filter(
    (r) => r['Local authority (education)'] === 'Kent' && iso(r['Inspection start date']!) >= '2013-09-01' && iso(r['Inspection start date']!) <= '2014-08-31',
  );
  const tally = (rs: Row[]) => ({
    byGrade: { 1: 0, 2: 0, 3: 0, 4: 0, ...Object.fromEntries(['1', '2', '3', '4'].map((g) => [g, rs.filter((r) => r['Overall effectiveness'] === g).length])) },
    specialMeasures: rs.filter((r) => r['Category of concern']!.trim() === 'SM').length,
    seriousWeaknesses: rs.filter((r) => r['Category of concern']!.trim().toUpperCase() === 'SWK').length,
    total: rs.length,
  });
  const byDistrict = new Map<string, Row[]>();
  for (const r of kent) {
    const d = district.get(r.Postcode!.replace(/\s/g, '').toUpperCase())!;
    byDistrict.set(d, [...(byDistrict.get(d) ?? []), r]);
  }
  return { total: tally(kent), districts: Object.fromEntries([...byDistrict].map(([d, rs]) => [d, tally(rs)])) };
}

/**
 * England's 2013/14 inspections from the raw rows: every row of both files (every LA) whose start date falls from
 * 1 September 2013 to 31 August 2014; good or outstanding = "Overall effectiveness" 1 or 2, of rows graded 1 to 4.
 * (6,468 rows of the 2013/14 file: 613 outstanding, 3,463 good of 6,468 graded, 63.0%; none of the autumn 2014 file.)
 */
function expectedEngland2013() {
  const iso = (d: string) => d.split('/').reverse().join('-');
  const inYear = [...rows(paths.year), ...rows(paths.autumn)].filter(
    (r) => iso(r['Inspection start date']!) >= '2013-09-01' && iso(r['Inspection start date']!) <= '2014-08-31',
  );
  const graded = inYear.filter((r) => ['1', '2', '3', '4'].includes(r['Overall effectiveness']!));
  const good = graded.filter((r) => ['1', '2'].includes(r['Overall effectiveness']!));
  return { good: good.length, graded: graded.length, percent: (100 * good.length) / graded.length };
}

const pick = (t: { byGrade: object; specialMeasures: number; seriousWeaknesses: number; total: number }) => ({
  byGrade: t.byGrade,
  specialMeasures: t.specialMeasures,
  seriousWeaknesses: t.seriousWeaknesses,
  total: t.total,
});

describe('Ofsted files are read as published', () => {
  it('reads every row of both official-statistics files, with NULL and 9 as not judged', async () => {
    const [year, autumn] = files.slice(3);
    assert.equal(year?.rowCount, 6469);
    assert.equal(autumn?.rowCount, 1491);
    assert.ok(year?.format === 'ofsted-inspection-outcomes' && autumn?.format === 'ofsted-inspection-outcomes');
    assert.equal((await recordsOf(year.records)).length, 6469);
    const withSixthForm = (await recordsOf(autumn.records)).find((r) => r.judgements['Effectiveness of the sixth form provision'] === null);
    assert.ok(withSixthForm, '9 in the sixth-form column is read as not judged');
  });

  it('marks the scraped grade history unofficial and keeps a repeated inspection once', async () => {
    const read = await readImportFile(sharedFile('perf-tables-2016-2019/ofsted_ratings_history_to_2018.csv'), mappings);
    assert.ok(read.ok);
    assert.ok(read.file.format === 'ofsted-ratings-history');
    // 60,134 rows; three URN + date pairs repeat with the same grade (131288 20180306, 133646 20141008, and
    // 137699 20131204 worded "Requires Improvement" and "Satisfactory": grade 3 either way).
    const records = await recordsOf(read.file.records);
    assert.equal(records.length, 60131);
    assert.equal(read.file.skipped, 3);
    assert.ok(records.every((r) => r.provenance === 'unofficial'));
    // 47 rows say "Satisfactory" with a date from 1 September 2012 (counted in the raw file); 137699's is the repeat kept once.
    assert.ok(
      read.file.notes.includes('46 ratings worded "Satisfactory" on inspections from September 2012 read as grade 3, "requires improvement" by their date'),
    );
  });
});

for (const target of databaseTargets()) {
  describe(`Kent's 2013/14 Ofsted inspections by judgement and district (${target.name})`, () => {
    let test: TestApp;
    before(async () => {
      test = await appWithImports(target, files);
    });
    after(() => test.close());

    it('counts the LA’s inspections by judgement as the raw rows do', async () => {
      const expected = expectedKent2013();
      const got = await test.services.ofsted.inspectionOutcomes('886', '201314');
      assert.deepEqual(pick(got.total), expected.total);
      // 176 rows in the 2013/14 file are Kent's (PROVENANCE.md); the autumn 2014 file is outside the year.
      assert.equal(got.total.total, 176);
      assert.equal(got.unplaced.length, 0);
    });

    it('places each inspection in a district by its postcode', async () => {
      const expected = expectedKent2013();
      const got = await test.services.ofsted.inspectionOutcomes('886', '201314');
      assert.deepEqual(Object.fromEntries(got.districts.map((d) => [d.code, pick(d.tally)])), expected.districts);
      assert.equal(got.districts.length, 12);
    });

    it('shows the table on a page, with grade 3 as "requires improvement" after September 2012', async () => {
      const response = await test.app.inject('/ofsted/inspections?la=886&year=201314');
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /Requires improvement/);
      assert.match(response.body, /Maidstone/);
      assert.match(response.body, /ofsted_inspections_2013-09_to_2014-08\.csv/);
    });

    it("gives England's share of the year's inspections good or outstanding beside the LA's, on the page and as a figure", async () => {
      const england = expectedEngland2013();
      const kent = expectedKent2013().total;
      const got = await test.services.ofsted.inspectionOutcomes('886', '201314');
      assert.ok(got.england !== null, 'the files cover England (150 LAs in 2013/14)');
      assert.equal(got.england.byGrade[1] + got.england.byGrade[2], england.good);
      assert.equal(got.england.total - got.england.noGrade, england.graded);
      assert.equal(got.england.goodOrOutstanding, england.percent);
      const page = await test.app.inject('/ofsted/inspections?la=886&year=201314');
      const kentGraded = kent.byGrade[1] + kent.byGrade[2] + kent.byGrade[3] + kent.byGrade[4];
      const kentPercent = Math.round((100 * (kent.byGrade[1] + kent.byGrade[2])) / kentGraded);
      assert.match(page.body, new RegExp(`Kent ${kentPercent}%, England ${Math.round(england.percent)}%`));
      assert.match(page.body, /<th scope="row" class="govuk-table__header">England<\/th>/);
      // The same counts as figures through the API: England (E92000001) and Kent (886), 2013/14.
      type Figure = { value: number; numerator: number; denominator: number; basis: string };
      const figure = await oneObservation<Figure>(test.app, 'indicator=inspections-good-or-outstanding&place=E92000001&period=201314');
      assert.deepEqual(
        [figure.numerator, figure.denominator, figure.value, figure.basis],
        [england.good, england.graded, Math.round(england.percent), 'computed'],
      );
      const kentFigure = await oneObservation<Figure>(test.app, 'indicator=inspections-good-or-outstanding&place=886&period=201314');
      assert.deepEqual([kentFigure.numerator, kentFigure.denominator], [kent.byGrade[1] + kent.byGrade[2], kentGraded]);
    });

    it('opens on the served LA’s newest year, not the first LA in the alphabet (issue 11 point 15)', async () => {
      // Kent is the LA whose districts are held (Code-Point code names); its newest inspections are the autumn file's
      // (October-December 2014, the 2014/15 academic year). Before, the page opened on Barking and Dagenham.
      const response = await test.app.inject('/ofsted/inspections');
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /<h1[^>]*>Ofsted inspections in Kent, 2014\/15/);
    });

    it('a re-import of the same file changes nothing', async () => {
      const report = await test.services.imports.importFiles(files.slice(3, 4));
      assert.deepEqual([report.files[0]?.inserted, report.files[0]?.updated, report.files[0]?.unchanged], [0, 0, 6469]);
    });
  });
}
