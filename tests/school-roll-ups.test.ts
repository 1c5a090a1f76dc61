import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { roundHalfUp } from '../src/domain/indicators/rounding.ts';
import { readImportFile } from '../src/imports/import-files.ts';
import { writeFixture } from './fixtures/register-files.ts';
import { appWithImports, oneObservation, readShared, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';
import { sharedFile } from './support/shared-data.ts';

const paths = {
  laCodes: 'lait/la_code_list.csv',
  spine: 'perf-tables-2016-2019/england_spine_2017-18.csv',
  codeNames: 'kent-postcode-district/codepoint_open_2014-08_kent_code_names.csv',
  postcodes: 'kent-postcode-district/codepoint_open_2014-08_kent_postcodes.csv',
  ks2: 'perf-tables-2016-2019/ks2_school_2016.csv',
  ks4: 'perf-tables-2016-2019/ks4_school_2018.csv',
  ks2of2018: 'perf-tables-2016-2019/ks2_school_2018.csv',
};
const files = await readShared(Object.values(paths));

type Row = Record<string, string>;
const rows = (p: string): Row[] => parse<Row>(readFileSync(sharedFile(p)), { columns: true, bom: true });

/** State-funded schools as DfE counts them, from the spine's own columns: maintained schools, academies and free
 * schools, and special schools other than non-maintained and independent ones (colleges and independent schools out). */
const stateFunded = (r: Row) =>
  r.MINORGROUP === 'Maintained School' || r.MINORGROUP === 'Academy' || (r.MINORGROUP === 'Special School' && !/independent|non-maintained/i.test(r.NFTYPE!));

/**
 * The expected roll-up, derived from the raw files: Kent schools of the 2017/18 spine open at some time in the academic
 * year (OPENDATE blank or on/before 31 August, CLOSEDATE blank or on/after 1 September), state-funded unless all schools
 * are asked for, optionally in one district by the derived school → district table; their rows in the results file with
 * both a percentage/score and a pupil count; the pupil-weighted mean Σ(value × pupils) / Σ pupils, rounded half up as the
 * indicator publishes.
 */
function expectedRollUp(
  results: string,
  valueColumn: string,
  pupilsColumn: string,
  year: Readonly<{ from: string; to: string }>,
  decimals: number,
  district?: string,
  population: 'state-funded' | 'all-schools' = 'state-funded',
) {
  const inDistrict = new Set(
    rows('kent-postcode-district/kent_schools_district_by_postcode.csv')
      .filter((r) => r.district_code === district)
      .map((r) => r.URN),
  );
  const kent = new Set(
    rows(paths.spine)
      .filter((r) => r.LA === '886' && (r.OPENDATE === '' || r.OPENDATE! <= year.to) && (r.CLOSEDATE === '' || r.CLOSEDATE! >= year.from))
      .filter((r) => population === 'all-schools' || stateFunded(r))
      .filter((r) => district === undefined || inDistrict.has(r.URN))
      .map((r) => r.URN),
  );
  let weighted = 0;
  let pupils = 0;
  let schools = 0;
  for (const r of rows(results)) {
    if (!kent.has(r.URN) || r[valueColumn] === '' || r[pupilsColumn] === '' || Number(r[pupilsColumn]) === 0) continue;
    weighted += Number(r[valueColumn]!.replace('%', '')) * Number(r[pupilsColumn]);
    pupils += Number(r[pupilsColumn]);
    schools++;
  }
  return { value: roundHalfUp(weighted / pupils, decimals), schools, pupils };
}

const year2016 = { from: '20150901', to: '20160831' };
const year2018 = { from: '20170901', to: '20180831' };

type ApiRow = { value: number; basis: string; detail: { schools: number; pupils: number; method: string; population: string } };

for (const target of databaseTargets()) {
  describe(`roll-ups of real school results to Kent and its districts (${target.name})`, () => {
    let test: TestApp;
    const rollUp = (indicator: string, place: string, period: string) =>
      oneObservation<ApiRow>(test.app, `indicator=${indicator}&place=${place}&period=${period}&basis=roll-up`);

    before(async () => {
      test = await appWithImports(target, files);
    });
    after(() => test.close());

    it('rolls KS2 2016 expected standard up to Kent with its school and pupil counts', async () => {
      const expected = expectedRollUp(paths.ks2, 'Overall Meet Std', 'KS2 Pupils', year2016, 0);
      const got = await rollUp('ks2-expected-rwm', '886', '201516');
      assert.deepEqual({ value: got.value, schools: got.detail.schools, pupils: got.detail.pupils }, expected);
      assert.equal(got.basis, 'roll-up');
      assert.match(got.detail.method, /not the published LA figure/);
    });

    it('rolls KS2 2016 up to a district (Maidstone), schools placed by postcode', async () => {
      const expected = expectedRollUp(paths.ks2, 'Overall Meet Std', 'KS2 Pupils', year2016, 0, 'E07000110');
      const got = await rollUp('ks2-expected-rwm', 'E07000110', '201516');
      assert.deepEqual({ value: got.value, schools: got.detail.schools, pupils: got.detail.pupils }, expected);
      assert.ok(expected.schools > 20);
    });

    it('rolls KS4 2018 Attainment 8 up to Kent and to Thanet', async () => {
      for (const [place, district] of [
        ['886', undefined],
        ['E07000114', 'E07000114'],
      ] as const) {
        const expected = expectedRollUp(paths.ks4, 'Attainment 8', 'KS4 Pupils', year2018, 1, district);
        const got = await rollUp('ks4-attainment8', place, '201718');
        assert.deepEqual({ value: got.value, schools: got.detail.schools, pupils: got.detail.pupils }, expected, place);
      }
    });

    it('counts independent schools only in the all-schools roll-up, and says which population each counts', async () => {
      const stateFundedA8 = await rollUp('ks4-attainment8', '886', '201718');
      assert.equal(stateFundedA8.detail.population, 'state-funded');
      const all = await oneObservation<ApiRow>(test.app, 'indicator=ks4-attainment8&place=886&period=201718&basis=roll-up&population=all-schools');
      const expected = expectedRollUp(paths.ks4, 'Attainment 8', 'KS4 Pupils', year2018, 1, undefined, 'all-schools');
      assert.deepEqual({ value: all.value, schools: all.detail.schools, pupils: all.detail.pupils }, expected);
      assert.ok(all.detail.schools > stateFundedA8.detail.schools, 'the 2018 KS4 file has results for Kent independent schools');
    });

    it('makes Kent the sum of its twelve districts in schools, pupils and value, for every population (KS2 2016 and 2018, KS4 2018)', async () => {
      const districts = rows('kent-postcode-district/kent_schools_district_by_postcode.csv');
      const codes = [...new Set(districts.map((r) => r.district_code!))];
      assert.equal(codes.length, 12);
      for (const [indicator, period] of [
        ['ks2-expected-rwm', '201516'],
        ['ks2-expected-rwm', '201718'],
        ['ks4-attainment8', '201718'],
      ] as const)
        for (const population of ['state-funded', 'state-funded-mainstream', 'all-schools']) {
          const read = async (place: string) =>
            (
              await test.app.inject(
                `/api/v1/observations?indicator=${indicator}&place=${place}&period=${period}&breakdown=all&basis=roll-up&population=${population}`,
              )
            ).json<{ observations: (ApiRow & { numerator: null; denominator: number })[] }>().observations;
          const [kent] = await read('886');
          const parts = (await Promise.all(codes.map((c) => read(c)))).flat();
          const schools = parts.reduce((a, p) => a + p.detail.schools, 0);
          const pupils = parts.reduce((a, p) => a + p.detail.pupils, 0);
          assert.deepEqual([kent!.detail.schools, kent!.detail.pupils], [schools, pupils], `${indicator} ${population}`);
          // The value: each district's (rounded, as served) value weighted by its pupils agrees with Kent's to within rounding.
          const mean = parts.reduce((a, p) => a + p.value * p.detail.pupils, 0) / pupils;
          assert.ok(Math.abs(mean - kent!.value) <= 0.5, `${indicator} ${population}: Kent ${kent!.value}, districts ${mean}`);
        }
    });

    it('rolls figures up to a collaboration as soon as its grouping file is imported, and again on demand with the same result', async () => {
      // Two Kent primaries with KS2 2016 results (ks2_school_2016.csv): the collaboration's roll-up is their
      // pupil-weighted mean, covering both schools and the sum of their pupils.
      const kentUrns = new Set(
        rows(paths.spine)
          .filter((r) => r.LA === '886')
          .map((r) => r.URN),
      );
      const pair = rows(paths.ks2)
        .filter((r) => kentUrns.has(r.URN) && r['Overall Meet Std'] !== '' && r['KS2 Pupils'] !== '')
        .slice(0, 2);
      const pupils = pair.reduce((a, r) => a + Number(r['KS2 Pupils']), 0);
      const mean = pair.reduce((a, r) => a + Number(r['Overall Meet Std']!.replace('%', '')) * Number(r['KS2 Pupils']), 0) / pupils;
      const grouping = await readImportFile(
        writeFixture('hub.csv', `URN,Group code,Group name,Valid from,Valid to\n${pair.map((r) => `${r.URN},HUB-1,Test hub,2015-09-01,`).join('\n')}\n`),
      );
      assert.ok(grouping.ok);
      const report = await test.services.imports.importFiles([grouping.file]);
      assert.ok(report.rollUps !== null && report.rollUps.written > 0);
      const hub = await rollUp('ks2-expected-rwm', 'HUB-1', '201516');
      assert.deepEqual({ value: hub.value, schools: hub.detail.schools, pupils: hub.detail.pupils }, { value: roundHalfUp(mean, 0), schools: 2, pupils });
      const first = await test.services.rollUps.recomputeAll();
      const second = await test.services.rollUps.recomputeAll();
      assert.deepEqual([first.figures, first.written], [second.figures, second.written]);
      assert.equal((await rollUp('ks2-expected-rwm', 'HUB-1', '201516')).value, hub.value);
    });

    it('never answers a request for the published figure with a roll-up', async () => {
      const response = await test.app.inject('/api/v1/observations?indicator=ks2-expected-rwm&place=886&period=201516');
      assert.deepEqual(response.json<{ observations: unknown[] }>().observations, []);
    });
  });
}
