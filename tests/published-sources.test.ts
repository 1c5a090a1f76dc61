import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appWithImports, readShared, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';

// Two publications give Kent's permanent exclusion rate for 2015/16: LAIT (`TotPermEx`, 2015/16, Kent:
// 2.5839999999999998E-2 in lait/bds_long_kent_sn_england.csv) and the exclusions release (exclusions-la/clean_la_data.csv,
// year 201516, Kent, Total: perm_excl_rate 0.03). Each is kept beside the other (issue 11.4); the API shows LAIT's, the
// more precise, by default and names the other.
const lait = await readShared(['lait/la_code_list.csv', 'lait/lait_data_dictionary.csv', 'lait/bds_long_kent_sn_england.csv']);
const exclusions = await readShared(['exclusions-la/clean_la_data.csv']);

type Row = { value: number | null; source: string; otherSources: string[]; provenance: { file: string } };

for (const target of databaseTargets()) {
  describe(`every publication's figure kept beside the others (${target.name})`, () => {
    let t: TestApp;
    let updated = -1;
    before(async () => {
      t = await appWithImports(target, lait);
      const report = await t.services.imports.importFiles(exclusions);
      updated = report.files.reduce((a, f) => a + f.updated, 0);
    });
    after(async () => t.close());

    it('overwrites nothing when a second publication gives the same cells', () => {
      assert.equal(updated, 0);
    });

    it('keeps LAIT’s unrounded rate and the release’s two-decimal rate side by side', async () => {
      const rows = await t.database.db
        .selectFrom('observation as o')
        .innerJoin('place as p', 'p.id', 'o.place_id')
        .select(['o.source', 'o.value'])
        .where('o.indicator_code', '=', 'permanent-exclusion-rate')
        .where('p.code', '=', '886')
        .where('o.period', '=', '201516')
        .where('o.breakdown', '=', 'all')
        .orderBy('o.source')
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.source, Number(r.value)]),
        [
          ['lait-data', 0.02584],
          ['mapped-csv:dfe-exclusions-by-la', 0.03],
        ],
      );
    });

    it('serves the more precise publication by default, names the other, and serves either when asked', async () => {
      const ask = async (query: string) =>
        (await t.app.inject(`/api/v1/observations?indicator=permanent-exclusion-rate&place=886&period=201516&breakdown=all${query}`)).json<{
          observations: Row[];
        }>().observations;
      const [shown, ...more] = await ask('');
      assert.equal(more.length, 0);
      assert.equal(shown!.source, 'lait-data');
      assert.deepEqual(shown!.otherSources, ['mapped-csv:dfe-exclusions-by-la']);
      const [release] = await ask('&source=mapped-csv:dfe-exclusions-by-la');
      assert.match(release!.provenance.file, /clean_la_data\.csv$/);
      assert.equal((await ask('&source=all')).length, 2);
    });
  });
}
