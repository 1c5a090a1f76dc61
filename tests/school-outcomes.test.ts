import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { appWithImports, oneObservation, readShared, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';
import { sharedFile } from './support/shared-data.ts';

const paths = {
  laCodes: 'lait/la_code_list.csv',
  spine: 'perf-tables-2016-2019/england_spine_2017-18.csv',
  ratings: 'perf-tables-2016-2019/ofsted_ratings_history_to_2018.csv',
};
const files = await readShared(Object.values(paths));

type Row = Record<string, string>;
const rows = (p: string): Row[] => parse<Row>(readFileSync(sharedFile(p)), { columns: true, bom: true });

/**
 * Kent's % of schools good or outstanding as at 31 August, from the raw rows: state-funded schools of the 2017/18 spine
 * (LA 886; MINORGROUP Maintained School, Academy or Special School, less independent and non-maintained special
 * schools) open on that day (OPENDATE blank or on/before it, CLOSEDATE blank or after it); each judged by its latest
 * rating in the scraped history dated on or before that day (no succession links are imported here, so none is
 * carried); good = Outstanding or Good, of schools with a rating. Inadequate schools are in a category of concern.
 */
function expectedKent(asAt: string, only: (s: Row) => boolean = () => true) {
  const ratings = new Map<string, Row[]>();
  for (const r of rows(paths.ratings)) ratings.set(r.URN!, [...(ratings.get(r.URN!) ?? []), r]);
  const day = asAt.replace(/-/g, '');
  const open = rows(paths.spine).filter(
    (s) =>
      s.LA === '886' &&
      ['Maintained School', 'Academy', 'Special School'].includes(s.MINORGROUP!) &&
      s.NFTYPE !== 'Non-maintained special school' &&
      !s.NFTYPE!.startsWith('Other independent') &&
      (s.OPENDATE === '' || s.OPENDATE! <= day) &&
      (s.CLOSEDATE === '' || s.CLOSEDATE! > day) &&
      only(s),
  );
  let judged = 0;
  let good = 0;
  let inadequate = 0;
  for (const s of open) {
    const held = (ratings.get(s.URN!) ?? []).filter((r) => r['Inspection Date']! <= day);
    if (held.length === 0) continue;
    judged++;
    const latest = held.reduce((a, r) => (r['Inspection Date']! > a['Inspection Date']! ? r : a));
    if (latest.Rating === 'Outstanding' || latest.Rating === 'Good') good++;
    if (latest.Rating === 'Inadequate') inadequate++;
  }
  return { schools: open.length, judged, good, inadequate };
}

type Figure = { value: number | null; numerator: number | null; denominator: number | null; symbol: string | null; basis: string };

for (const target of databaseTargets()) {
  describe(`Kent's schools good or outstanding from the scraped Ofsted history (${target.name})`, () => {
    let test: TestApp;
    before(async () => {
      test = await appWithImports(target, files);
    });
    after(() => test.close());
    const figure = (indicator: string, period: string, breakdown = 'all') =>
      oneObservation<Figure>(test.app, `indicator=${indicator}&place=886&period=${period}&basis=computed&breakdown=${breakdown}`);

    it('gives the share as at 31 August 2018 that the raw rows give (about 91%, over 80% of schools judged)', async () => {
      const expected = expectedKent('2018-08-31');
      assert.ok(expected.judged / expected.schools >= 0.8);
      const got = await figure('schools-good-or-outstanding', '201718');
      assert.deepEqual([got.numerator, got.denominator], [expected.good, expected.judged]);
      assert.ok(Math.abs(got.value! - (100 * expected.good) / expected.judged) < 0.51, `${got.value}`);
      const category = await figure('schools-in-category-of-concern', '201718');
      assert.equal(category.value, expected.inadequate);
    });

    it('gives Kent’s special schools their own share (target 11): 19 of the 21 judged on 31 August 2018, by the register’s type', async () => {
      // The spine's state-funded special schools (NFTYPE Community, Foundation or Academy converter special school: 22
      // open that day, one without a rating held), counted as above; the figure's breakdown is phase:special.
      const expected = expectedKent('2018-08-31', (s) => /special/i.test(s.NFTYPE!));
      assert.deepEqual([expected.schools, expected.judged, expected.good], [22, 21, 19]);
      const got = await figure('schools-good-or-outstanding', '201718', 'phase:special');
      assert.deepEqual([got.numerator, got.denominator], [expected.good, expected.judged]);
    });

    it('gives "x" as at 31 August 2016, when under 80% of the schools open then have a rating held', async () => {
      const expected = expectedKent('2016-08-31');
      assert.ok(expected.judged / expected.schools < 0.8, `${expected.judged} of ${expected.schools}`);
      const got = await figure('schools-good-or-outstanding', '201516');
      assert.equal(got.symbol, 'x');
      assert.equal(got.value, null);
    });
  });
}
