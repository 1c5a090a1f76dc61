import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appWithImports, oneObservation, readShared, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';

const files = await readShared([
  'lait/la_code_list.csv',
  'admissions-offers/appsandoffers_2014-15_to_2021-22_by_la.csv',
  'exclusions-la/clean_la_data.csv',
  'neet-la/neet_nk_la_2022.csv',
  'school-places-scorecards/scorecard_data_2022-23_to_2024-25.csv',
  'eyfsp-la-sdg/eyfsp_la_2012-13_to_2021-22_sdg_4-2-1.csv',
  'ks4-2014-eduvis/ks4_2013-14_school_and_la.csv',
  'attainment-age-19/l2_l3_attainment_by_19_la_2005-2025.csv',
]);

type Row = {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  decimalPlaces: number;
  breakdown: string;
  place: { kind: string; code: string };
  provenance: { file: string; line: number };
};

for (const target of databaseTargets()) {
  describe(`published DfE files read through mappings, served by the API (${target.name})`, () => {
    let test: TestApp;
    const figure = (indicator: string, place: string, period: string, breakdown = 'all') =>
      oneObservation<Row>(test.app, `indicator=${indicator}&place=${place}&period=${period}&breakdown=${breakdown}`);

    before(async () => {
      test = await appWithImports(target, files);
    });
    after(() => test.close());

    it('serves Kent exclusions 2012/13 (data.md row 7)', async () => {
      // Row 7: 123 permanent (0.06% of 216,317 pupils); 10,553 fixed-period (4.88%); 5,402 pupils with one or more (2.50%);
      // England 0.06% and 3.51%. clean_la_data.csv, year 201213, school_type Total.
      assert.equal((await figure('permanent-exclusions', '886', '201213')).value, 123);
      const rate = await figure('permanent-exclusion-rate', '886', '201213');
      assert.deepEqual([rate.value, rate.numerator, rate.denominator], [0.06, 123, 216317]);
      assert.equal((await figure('fixed-period-exclusions', '886', '201213')).value, 10553);
      assert.equal((await figure('fixed-period-exclusion-rate', '886', '201213')).value, 4.88);
      assert.equal((await figure('pupils-with-fixed-period-exclusion-rate', '886', '201213')).value, 2.5);
      assert.equal((await figure('permanent-exclusion-rate', 'E92000001', '201213')).value, 0.06);
      assert.equal((await figure('fixed-period-exclusion-rate', 'E92000001', '201213')).value, 3.51);
    });

    it('serves first-preference offers, rounded to 2 decimals as published (data.md rows 9 and 10)', async () => {
      // Row 9: Kent secondary, entry September 2014: 83.57% (13,093 of 15,667); England 85.20%.
      const secondary = await figure('first-preference-offers', '886', '201415', 'phase:secondary');
      assert.deepEqual([secondary.value, secondary.numerator, secondary.denominator], [83.57, 13093, 15667]);
      assert.equal((await figure('first-preference-offers', 'E92000001', '201415', 'phase:secondary')).value, 85.2);
      // Row 10: Kent primary 84.92% (2014 entry) and 87.23% (2016 entry); England 87.65% and 88.35%.
      assert.equal((await figure('first-preference-offers', '886', '201415', 'phase:primary')).value, 84.92);
      assert.equal((await figure('first-preference-offers', '886', '201617', 'phase:primary')).value, 87.23);
      assert.equal((await figure('first-preference-offers', 'E92000001', '201415', 'phase:primary')).value, 87.65);
      assert.equal((await figure('first-preference-offers', 'E92000001', '201617', 'phase:primary')).value, 88.35);
    });

    it("serves Kent's KS4 5+ A*-C with English and maths and its disadvantaged gap, 2013/14 (data.md rows 11 and 12)", async () => {
      // Row 11: 58.1% of 16,320 pupils (RECTYPE LA, LEA 886.0, PTAC5EM_PTQ). Row 12: disadvantaged 30.6%, other 65.3%
      // (gap 34.7 points); 20.9% of the cohort disadvantaged (3,417).
      const all = await figure('ks4-5ac-em', '886', '201314');
      assert.deepEqual([all.value, all.denominator], [58.1, 16320]);
      const disadvantaged = (await figure('ks4-5ac-em', '886', '201314', 'disadvantaged')).value!;
      const others = (await figure('ks4-5ac-em', '886', '201314', 'not-disadvantaged')).value!;
      assert.deepEqual([disadvantaged, others, Number((others - disadvantaged).toFixed(1))], [30.6, 65.3, 34.7]);
      const share = await figure('ks4-cohort-disadvantaged', '886', '201314');
      assert.deepEqual([share.value, share.numerator], [20.9, 3417]);
    });

    it("shows Kent's disadvantaged gap on the indicator page, labelled, and no national gap without a national figure", async () => {
      // Row 12: 65.3 − 30.6 = 34.7 points; the 2013/14 file has LA rows only, so other pupils nationally are not available.
      const page = await test.app.inject('/indicators/ks4-5ac-em?period=201314&focus=886');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /34\.7 percentage points below other pupils in Kent/);
      assert.match(page.body, /not available \(no figure for other pupils nationally\)/);
    });

    it('serves Kent NEET or not known, 2022 (data.md row 16)', async () => {
      // Row 16: neet_nk_la_2022.csv: NEET or not known 5.1% (NEET 2.8%, not known 2.3%); England 4.7%. time_period 2022 = 2021/22.
      assert.equal((await figure('neet-or-not-known-16-17', '886', '202122')).value, 5.1);
      assert.equal((await figure('neet-16-17', '886', '202122')).value, 2.8);
      assert.equal((await figure('activity-not-known-16-17', '886', '202122')).value, 2.3);
      assert.equal((await figure('neet-or-not-known-16-17', 'E92000001', '202122')).value, 4.7);
    });

    it('serves Kent unfilled school places, SCAP 2024/25 (data.md row 17)', async () => {
      // Row 17: Quan_P_UP 9.34%, Quan_S_UP 14.20%; England 13.83%, 12.45%.
      assert.equal((await figure('surplus-places', '886', '202425', 'phase:primary')).value, 9.34);
      assert.equal((await figure('surplus-places', '886', '202425', 'phase:secondary')).value, 14.2);
      assert.equal((await figure('surplus-places', 'E92000001', '202425', 'phase:primary')).value, 13.83);
      assert.equal((await figure('surplus-places', 'E92000001', '202425', 'phase:secondary')).value, 12.45);
    });

    it('serves forecast accuracy as signed per cent, from the proportions the scorecards write (domain.md §12.2)', async () => {
      // domain.md §12.2: Dudley primary, actual 26,179: three years ahead −2.47%, one year ahead +0.11%. The file's row
      // with PriNOR 26,179 is Year 2023/24 (LANumber 332): For_3_P −0.024714466, For_1_P 0.00106956.
      assert.equal((await figure('forecast-accuracy-three-year', '332', '202324', 'phase:primary')).value, -2.47);
      assert.equal((await figure('forecast-accuracy-one-year', '332', '202324', 'phase:primary')).value, 0.11);
      // Kent 2024/25, For_1_S 0.012126397 and England For_3_S 0.031804202 (the file's rows, moved to per cent).
      assert.equal((await figure('forecast-accuracy-one-year', '886', '202425', 'phase:secondary')).value, 1.21);
      assert.equal((await figure('forecast-accuracy-three-year', 'E92000001', '202425', 'phase:secondary')).value, 3.18);
    });

    it('serves the EYFS all-17-goals measure for Kent, England and the South East (data.md row 21)', async () => {
      // Row 21: Kent 61.9 / 67.5 / 71.8 / 74.0 (2012/13-2015/16); England 48.9 / 58.0 / 64.1 / 67.3; South East 52.1 … 71.7.
      const kent = await Promise.all(['201213', '201314', '201415', '201516'].map((p) => figure('eyfs-all-elgs-expected', '886', p)));
      assert.deepEqual(
        kent.map((r) => r.value),
        [61.9, 67.5, 71.8, 74],
      );
      const england = await Promise.all(['201213', '201314', '201415', '201516'].map((p) => figure('eyfs-all-elgs-expected', 'E92000001', p)));
      assert.deepEqual(
        england.map((r) => r.value),
        [48.9, 58, 64.1, 67.3],
      );
      assert.equal((await figure('eyfs-all-elgs-expected', 'E12000008', '201213')).value, 52.1);
      assert.equal((await figure('eyfs-all-elgs-expected', 'E12000008', '201516')).value, 71.7);
    });

    it('serves attainment by 19 for Kent and England with its FSM gap, at the indicator’s decimals (data.md sources: Level 2/3 by age 19)', async () => {
      // l2_l3_attainment_by_19_la_2005-2025.csv, cohort_19_in 2012 (2011/12): Kent la_code_3 886 l3_by19_rate 52.29275846 of
      // 16,792; FSM 22.00141945, not FSM 55.06728206; England (region and LA "ALL") FSM 34.08564582, not FSM 58.25770104.
      // The seed's target 33: "gap 33% vs 25% nationally" (55.1 − 22.0 = 33.1; 58.3 − 34.1 = 24.2).
      const kent = await figure('level3-by-19', '886', '201112');
      assert.deepEqual([kent.value, kent.decimalPlaces, kent.denominator], [52.3, 1, 16792]);
      assert.equal((await figure('level3-by-19', '886', '201112', 'fsm')).value, 22);
      assert.equal((await figure('level3-by-19', '886', '201112', 'not-fsm')).value, 55.1);
      assert.equal((await figure('level3-by-19', 'E92000001', '201112', 'fsm')).value, 34.1);
      assert.equal((await figure('level3-by-19', 'E92000001', '201112', 'not-fsm')).value, 58.3);
      assert.equal((await figure('level2-english-maths-by-19', '886', '201112', 'ehc-plan')).value, 11.3);
      assert.equal((await figure('level2-english-maths-by-19', 'E12000008', '201112')).place.kind, 'region');
    });

    it('traces each figure to the file and line it was read from', async () => {
      const row = await figure('permanent-exclusions', '886', '201213');
      assert.equal(row.provenance.file, 'clean_la_data.csv');
      assert.ok(row.provenance.line > 1);
    });
  });
}
