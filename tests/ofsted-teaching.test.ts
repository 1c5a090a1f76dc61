import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { appWithImports, oneObservation, readShared, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';
import { sharedFile } from './support/shared-data.ts';

// The quality-of-teaching sub-judgement in Ofsted's 2013/14 inspection-level data (ofsted-inspections-2013-14/
// PROVENANCE.md), counted as inspections in the year (Kent target 15's real-data check, issue 18.3).

const paths = {
  laCodes: 'lait/la_code_list.csv',
  year: 'ofsted-inspections-2013-14/ofsted_inspections_2013-09_to_2014-08.csv',
  autumn: 'ofsted-inspections-2013-14/ofsted_inspections_2014-10_to_2014-12.csv',
};
const files = await readShared(Object.values(paths));

type Row = Record<string, string>;
const rows = (p: string): Row[] => parse<Row>(readFileSync(sharedFile(p)), { columns: true, bom: true });

/**
 * Pinned from an independent count with Python's csv module over both files (not Waymark's reader): rows whose
 * "Inspection start date" (dd/mm/yyyy) falls from 1 September 2013 to 31 August 2014 (6,468 rows, all of the 2013/14
 * file but one, none of the autumn 2014 file); good or outstanding = "Quality of teaching" 1 or 2, of rows with 1-4
 * there (every row in the year has one). Kent = LAESTAB starting 886 (the same 176 rows as "Local authority
 * (education)" = Kent): 108 of 176, 61.4%. England = every row (150 LAs): 4,131 of 6,468, 63.9%.
 *
 *   python3 -c "import csv; ..." — rows = csv.DictReader(open(f, encoding='utf-8-sig')) for both files;
 *   in_year = [r for r in rows if '2013-09-01' <= iso(r['Inspection start date']) <= '2014-08-31'];
 *   judged = [r for r in in_year if r['Quality of teaching'] in ('1','2','3','4')]; good = those in ('1','2')
 */
const pinned = { kent: { good: 108, judged: 176 }, england: { good: 4131, judged: 6468 } };

/** The same count again here from the raw rows (csv-parse), so a change to the files or the reader shows. */
function recount(la: string | null) {
  const iso = (d: string) => d.split('/').reverse().join('-');
  const inYear = [...rows(paths.year), ...rows(paths.autumn)].filter(
    (r) => iso(r['Inspection start date']!) >= '2013-09-01' && iso(r['Inspection start date']!) <= '2014-08-31' && (la === null || r.LAESTAB!.startsWith(la)),
  );
  const judged = inYear.filter((r) => ['1', '2', '3', '4'].includes(r['Quality of teaching']!));
  return { good: judged.filter((r) => ['1', '2'].includes(r['Quality of teaching']!)).length, judged: judged.length };
}

describe('the 2013/14 inspection file’s quality-of-teaching judgements, counted from the raw rows', () => {
  it('gives Kent 108 of 176 and England 4,131 of 6,468 inspections with teaching good or outstanding', () => {
    assert.deepEqual(recount('886'), pinned.kent);
    assert.deepEqual(recount(null), pinned.england);
  });

  it('never judges teaching worse than overall effectiveness, and better only now and then (the demo’s calibration)', () => {
    // src/demo/calibration.ts teachingAboveOverall reads these shares: of the 2013/14 file's inspections judged good
    // overall, 2 of 3,464 had outstanding teaching; requires improvement, 53 of 1,970 good teaching; inadequate, 59 of
    // 422 better teaching (57 requires improvement, one good, one outstanding).
    const all = rows(paths.year);
    const pairs = (overall: string) => all.filter((r) => r['Overall effectiveness'] === overall).map((r) => Number(r['Quality of teaching']));
    for (const overall of ['1', '2', '3', '4'])
      assert.ok(
        pairs(overall).every((t) => t <= Number(overall)),
        `overall ${overall}`,
      );
    assert.deepEqual([pairs('2').filter((t) => t < 2).length, pairs('2').length], [2, 3464]);
    assert.deepEqual([pairs('3').filter((t) => t < 3).length, pairs('3').length], [53, 1970]);
    assert.deepEqual([pairs('4').filter((t) => t < 4).length, pairs('4').length], [59, 422]);
  });
});

for (const target of databaseTargets()) {
  describe(`inspections in 2013/14 judging teaching good or outstanding, as figures (${target.name})`, () => {
    let test: TestApp;
    before(async () => {
      test = await appWithImports(target, files);
    });
    after(() => test.close());

    type Figure = { value: number; numerator: number; denominator: number; basis: string; detail: { rule: string } };

    it('gives Kent (886) and England (E92000001) the counts the raw rows give, rounded to whole percentages', async () => {
      for (const [place, expected] of [
        ['886', pinned.kent],
        ['E92000001', pinned.england],
      ] as const) {
        const figure = await oneObservation<Figure>(test.app, `indicator=inspections-teaching-good-or-outstanding&place=${place}&period=201314`);
        assert.deepEqual(
          [figure.numerator, figure.denominator, figure.value, figure.basis],
          [expected.good, expected.judged, Math.round((100 * expected.good) / expected.judged), 'computed'],
          place,
        );
        assert.match(figure.detail.rule, /quality of teaching/);
      }
      // 61% and 64%: the figures the catalogue's methodology quotes.
      assert.equal(Math.round((100 * pinned.kent.good) / pinned.kent.judged), 61);
      assert.equal(Math.round((100 * pinned.england.good) / pinned.england.judged), 64);
    });

    it('gives no schools’ teaching share from one year’s inspections without a register of the schools', async () => {
      const response = await test.app.inject('/api/v1/observations?indicator=schools-teaching-good-or-outstanding&place=886');
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json<{ observations: unknown[] }>().observations, []);
    });
  });
}
