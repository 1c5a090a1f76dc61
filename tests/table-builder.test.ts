import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pageTables } from '../src/web/presentation/page-tables.ts';
import { appWithImports, readShared, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';
import { clientOf } from './support/sign-in.ts';

/**
 * The table builder (issue 19.2) over the DfE's NEET and participation files by LA (neet-la/, one file a year): a table
 * built step by step, its figures those of the files, and a permalink that a later import does not change.
 */
const earlier = await readShared(['neet-la/neet_nk_la_2021.csv', 'neet-la/neet_nk_la_2022.csv', 'neet-la/neet_nk_la_2023.csv']);
const later = await readShared(['neet-la/neet_nk_la_2024.csv']);

const choices = 'indicator=neet-or-not-known-16-17&place=la:886&place=country:E92000001&from=202021&to=202324&group=all';
/** A row's place, the table's first column (text). */
const placeOf = (row: readonly unknown[]) => (typeof row[0] === 'string' ? row[0] : '');
const tableOf = (html: string) => /<table class="govuk-table" id="table-1-table">[\s\S]*?<\/table>/.exec(html)?.[0];

type ApiTables = { tables: { periods: string[]; rows: { place: { code: string }; cells: ({ value: number | null } | null)[] }[] }[] };

for (const target of databaseTargets()) {
  describe(`The table builder (${target.name})`, () => {
    let test: TestApp;
    before(async () => {
      test = await appWithImports(target, earlier);
    });
    after(() => test.close());

    it('asks for indicators, places, years and groups one step at a time, each step in the address', async () => {
      const steps = [
        ['/tables', 'Step 1: choose indicators'],
        ['/tables?indicator=neet-or-not-known-16-17', 'Step 2: choose places'],
        ['/tables?indicator=neet-or-not-known-16-17&place=la:886&place=country:E92000001', 'Step 3: choose the years'],
        ['/tables?indicator=neet-or-not-known-16-17&place=la:886&place=country:E92000001&from=202021&to=202324', 'Step 4: choose pupil groups'],
        [`/tables?${choices}`, 'Step 5: your table'],
      ] as const;
      for (const [url, heading] of steps) {
        const page = await test.app.inject(url);
        assert.equal(page.statusCode, 200, url);
        assert.ok(page.body.includes(heading), `${url} shows ${heading}`);
      }
      // Step 3 offers the years the files hold, written 2020/21, never 202021.
      const years = await test.app.inject('/tables?indicator=neet-or-not-known-16-17&place=la:886');
      assert.match(years.body, /<option value="202122"[^>]*>2021\/22<\/option>/);
    });

    it('shows the files’ figures: Kent 5.1% and England 4.7% NEET or not known in 2022 (data.md row 16)', async () => {
      // data.md row 16, from neet-la/neet_nk_la_2022.csv, NEET_not_known_percent: Kent 5.1, England 4.7.
      const page = await test.app.inject(`/tables?${choices}`);
      const [table] = pageTables(page.body);
      assert.ok(table !== undefined);
      const header = table.columns.map((c) => c.header);
      assert.deepEqual(header, ['Place', '2020/21', '2021/22', '2022/23']);
      const kent = table.rows.find((r) => placeOf(r).startsWith('Kent'))!;
      const england = table.rows.find((r) => placeOf(r).startsWith('England'))!;
      assert.deepEqual(kent[2], { figure: 5.1, decimals: 1 });
      assert.deepEqual(england[2], { figure: 4.7, decimals: 1 });
      // The API gives the same table.
      const api = (await test.app.inject(`/api/v1/tables?${choices}`)).json<ApiTables>();
      assert.deepEqual(api.tables[0]!.periods, ['202021', '202122', '202223']);
      assert.equal(api.tables[0]!.rows.find((r) => r.place.code === '886')!.cells[1]!.value, 5.1);
    });

    it('keeps a permalinked table byte for byte after a new import, while the same table built again shows the new year', async () => {
      const client = clientOf(test.app);
      const made = await client.request({
        method: 'POST',
        url: '/tables/permalinks',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(await client.tokenFrom(`/tables?${choices}`))}&${choices}`,
      });
      assert.equal(made.statusCode, 303, made.body);
      const address = made.headers.location as string;
      assert.match(address, /^\/tables\/permalink\/[a-z2-7]{16}$/);
      const before = await test.app.inject(address);
      assert.equal(before.statusCode, 200);
      const csvBefore = (await test.app.inject(`${address}?download=csv&table=1`)).body;
      const apiBefore = (await test.app.inject(`/api/v1/tables/permalinks/${address.split('/').at(-1)}`)).json<ApiTables & { latestDataVersion: unknown }>();
      assert.ok(!before.body.includes('Newer figures have been imported'));

      await test.services.imports.importFiles(later);

      const after = await test.app.inject(address);
      assert.equal(tableOf(after.body), tableOf(before.body), 'the permalinked table is byte-identical');
      assert.ok(tableOf(before.body) !== undefined);
      assert.equal((await test.app.inject(`${address}?download=csv&table=1`)).body, csvBefore, 'its CSV is byte-identical');
      const apiAfter = (await test.app.inject(`/api/v1/tables/permalinks/${address.split('/').at(-1)}`)).json<ApiTables & { latestDataVersion: unknown }>();
      assert.deepEqual(apiAfter.tables, apiBefore.tables);
      assert.ok(after.body.includes('Newer figures have been imported'), 'the permalink says newer figures exist');

      // Built afresh, the same choices show 2023/24 from the new file: Kent and England NEET or not known in 2024.
      const fresh = pageTables((await test.app.inject(`/tables?${choices.replace('to=202324', 'to=202425')}`)).body)[0]!;
      assert.deepEqual(
        fresh.columns.map((c) => c.header),
        ['Place', '2020/21', '2021/22', '2022/23', '2023/24'],
      );
      // neet-la/neet_nk_la_2024.csv, National row, Age 16-17: NEET_not_known_percent 5.4.
      assert.deepEqual(fresh.rows.find((r) => placeOf(r).startsWith('England'))![4], { figure: 5.4, decimals: 1 });
    });

    it('refuses choices it cannot build, naming what is wrong', async () => {
      assert.equal((await test.app.inject('/tables?indicator=no-such-indicator&place=la:886')).statusCode, 404);
      assert.equal((await test.app.inject('/tables?indicator=neet-16-17&place=la:999&from=202021&to=202122&group=all')).statusCode, 404);
      const bad = await test.app.inject('/api/v1/tables?indicator=neet-16-17&place=nowhere');
      assert.equal(bad.statusCode, 400);
      assert.equal((await test.app.inject('/tables/permalink/aaaaaaaaaaaaaaaa')).statusCode, 404);
    });
  });
}
