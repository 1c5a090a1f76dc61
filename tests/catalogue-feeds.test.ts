import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appWithImports, oneObservation, readShared, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';

/** Issue 11 point 5: files the catalogue names, each read by a real feed and served by the API. */
const files = await readShared([
  'lait/la_code_list.csv',
  'school-places-scorecards/scorecard_data_2022-23_to_2024-25.csv',
  'eyfsp-la-sdg/eyfsp_la_2012-13_to_2021-22_sdg_4-2-1.csv',
]);

type Row = { value: number | null; symbol: string | null; basis: string; breakdown: string; detail: { rule?: string } | null };

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
  });
}
