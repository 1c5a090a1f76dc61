import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appWithImports, oneObservation, readShared, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';

/** Issue 11 point 5: files the catalogue names, each read by a real feed and served by the API. */
const files = await readShared([
  'lait/la_code_list.csv',
  'school-places-scorecards/scorecard_data_2022-23_to_2024-25.csv',
  'eyfsp-la-sdg/eyfsp_la_2012-13_to_2021-22_sdg_4-2-1.csv',
  'kent-postcode-district/codepoint_open_2014-08_kent_code_names.csv',
  'ons-births-la/ons_mye_births_by_la_2002-2014.csv',
]);

type Row = {
  value: number | null;
  symbol: string | null;
  basis: string;
  breakdown: string;
  detail: { rule?: string; areas?: number } | null;
  provenance: { file: string; line: number | null };
};

for (const target of databaseTargets()) {
  describe(`feeds the catalogue names, served by the API (${target.name})`, () => {
    let test: TestApp;
    const figure = (indicator: string, place: string, period: string, breakdown = 'all', extra = '') =>
      oneObservation<Row>(test.app, `indicator=${indicator}&place=${place}&period=${period}&breakdown=${breakdown}${extra}`);

    before(async () => {
      test = await appWithImports(target, files);
    });
    after(() => test.close());

    it('serves the EYFS all-three-prime-areas measure for Kent and England (data.md row 23)', async () => {
      // Row 23 (eyfsp-la-sdg, Learning category "Prime areas of learning", sub-category blank): Kent 76.3 (2012/13) →
      // 82.7 (2015/16), England 65.4 → 78.1. PROVENANCE.md: Kent 76.3, 78.4, 81.7, 82.7.
      const kent = await Promise.all(['201213', '201314', '201415', '201516'].map((p) => figure('eyfs-prime-areas-expected', '886', p)));
      assert.deepEqual(
        kent.map((r) => r.value),
        [76.3, 78.4, 81.7, 82.7],
      );
      assert.equal((await figure('eyfs-prime-areas-expected', 'E92000001', '201213')).value, 65.4);
      assert.equal((await figure('eyfs-prime-areas-expected', 'E92000001', '201516')).value, 78.1);
      // The all-17-goals rows still read as before (row 21: Kent 61.9 in 2012/13), not mixed with the prime areas.
      assert.equal((await figure('eyfs-all-elgs-expected', '886', '201213')).value, 61.9);
    });

    it('serves Kent school capacity and pupils on roll by phase, SCAP 2024/25 (data.md row 17)', async () => {
      // Row 17: PriCap 138,428, SecCap 132,790; PriNOR 125,832, SecNOR 93,515 (Year 2024/25, LANumber 886).
      assert.equal((await figure('school-capacity', '886', '202425', 'phase:primary')).value, 138428);
      assert.equal((await figure('school-capacity', '886', '202425', 'phase:secondary')).value, 132790);
      assert.equal((await figure('pupils-on-roll-scap', '886', '202425', 'phase:primary')).value, 125832);
      assert.equal((await figure('pupils-on-roll-scap', '886', '202425', 'phase:secondary')).value, 93515);
      // England's 2024/25 row of the same file (geographic_level National): PriCap 4,951,383, PriNOR 4,277,093.
      assert.equal((await figure('school-capacity', 'E92000001', '202425', 'phase:primary')).value, 4951383);
      assert.equal((await figure('pupils-on-roll-scap', 'E92000001', '202425', 'phase:primary')).value, 4277093);
      // 2022/23's capacity columns are NA in the file: not available, not zero.
      const na = await figure('school-capacity', '886', '202223', 'phase:primary');
      assert.deepEqual([na.value, na.symbol], [null, 'x']);
    });

    it("serves Kent's births as the sum of its 12 districts, labelled so, and England's as the sum of every area (data.md row 24)", async () => {
      // Row 24 and ons-births-la/PROVENANCE.md: Σ Births over GSS.Code E07000105-E07000116, both sexes: 2012 18,032;
      // 2013 17,432; 2014 17,156 (2009 16,948). England = Σ all rows: 693,892; 676,586; 663,540.
      const kent = await Promise.all(['2009', '2012', '2013', '2014'].map((p) => figure('births', '886', p)));
      assert.deepEqual(
        kent.map((r) => r.value),
        [16948, 18032, 17432, 17156],
      );
      assert.equal(kent[3]!.basis, 'computed');
      assert.equal(kent[3]!.detail?.areas, 12);
      assert.match(kent[3]!.detail?.rule ?? '', /sum of its 12 districts/);
      const england = await Promise.all(['2012', '2013', '2014'].map((p) => figure('births', 'E92000001', p)));
      assert.deepEqual(
        england.map((r) => r.value),
        [693892, 676586, 663540],
      );
      assert.equal(england[2]!.detail?.areas, 326);
      // England 2014 by sex, summed from the raw file's rows (Year 2014, Sex F / M): 323,386 and 340,154.
      assert.equal((await figure('births', 'E92000001', '2014', 'sex:female')).value, 323386);
      assert.equal((await figure('births', 'E92000001', '2014', 'sex:male')).value, 340154);
    });

    it("serves each district's births by sex as published and both sexes added (data.md row 25)", async () => {
      // Row 25: year to mid-2014, both sexes: Maidstone (E07000110) 1,887, Shepway (E07000112) 1,125. The file's rows:
      // E07000110 F 892, M 995; E07000112 F 589, M 536.
      const maidstone = await figure('births', 'E07000110', '2014');
      assert.equal(maidstone.value, 1887);
      assert.equal(maidstone.basis, 'computed');
      assert.equal((await figure('births', 'E07000112', '2014')).value, 1125);
      const female = await figure('births', 'E07000110', '2014', 'sex:female');
      assert.deepEqual([female.value, female.basis, female.provenance.file], [892, 'published', 'ons_mye_births_by_la_2002-2014.csv']);
      assert.equal((await figure('births', 'E07000112', '2014', 'sex:male')).value, 536);
    });

    it('a re-import of the births file changes no published figure and remakes the same sums', async () => {
      const births = files.find((f) => f.format === 'ons-births')!;
      const report = await test.services.imports.importFiles([births]);
      // 338 = 13 years × 2 sexes × 13 areas held (Kent's 12 districts and Swindon, an LA with its ONS code); the other
      // 313 areas' 8,138 rows are counted in England's sum and kept unplaced until the register names their areas.
      assert.deepEqual([report.files[0]?.inserted, report.files[0]?.updated, report.files[0]?.unchanged, report.files[0]?.skipped], [0, 0, 338, 8138]);
      assert.equal((await figure('births', '886', '2014')).value, 17156);
      assert.equal((await figure('births', 'E92000001', '2014')).value, 663540);
    });
  });

  describe(`births imported before the register names their districts (issue 11.2, ${target.name})`, () => {
    let test: TestApp;
    before(async () => {
      test = await appWithImports(
        target,
        files.filter((f) => f.format === 'ons-births'),
      );
    });
    after(() => test.close());

    it("places the kept rows when the code names come, so Kent's births are the same as in the README's order", async () => {
      const kentBefore = await test.app.inject('/api/v1/observations?indicator=births&place=886&period=2014');
      // Kent is not yet a place at all: nothing to answer.
      assert.ok(kentBefore.statusCode === 404 || kentBefore.json<{ observations: unknown[] }>().observations.length === 0, kentBefore.body);
      await test.services.imports.importFiles(files.filter((f) => f.format === 'la-code-list' || f.format === 'codepoint-code-names'));
      // The same figures as the README's order above (data.md row 24): Kent 17,156 in 2014, Maidstone's 892 girls.
      const kent = await oneObservation<Row>(test.app, 'indicator=births&place=886&period=2014&breakdown=all');
      assert.equal(kent.value, 17156);
      assert.match(kent.detail?.rule ?? '', /sum of its 12 districts/);
      const female = await oneObservation<Row>(test.app, 'indicator=births&place=E07000110&period=2014&breakdown=sex:female');
      assert.deepEqual([female.value, female.basis, female.provenance.file], [892, 'published', 'ons_mye_births_by_la_2002-2014.csv']);
      assert.equal((await oneObservation<Row>(test.app, 'indicator=births&place=E92000001&period=2014&breakdown=all')).value, 663540);
    });
  });
}
