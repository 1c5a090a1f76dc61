import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { sharedFile } from './support/shared-data.ts';
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
const tableOf = (html: string) => /<table class="govuk-table" id="table-1-table"[^>]*>[\s\S]*?<\/table>/.exec(html)?.[0];
/** The open-data links under a page's tables (the download line's third link), as addresses. */
const openDataLinks = (html: string) =>
  [...html.matchAll(/href="([^"]*)" download>open data \(ZIP with meta\.csv\)<\/a>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

/** The files of an open-data ZIP, by name. */
async function unzipped(body: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(body);
  return new Map(await Promise.all(Object.keys(zip.files).map(async (name) => [name, await zip.file(name)!.async('string')] as const)));
}

/**
 * A figure as the DfE's file gives it: NEET or not known 16-17 (NEET_not_known_percent) for England or Kent in the year
 * a file covers. The file's time_period is the calendar year of its December-February average (2022 in
 * neet_nk_la_2022.csv), which Waymark holds as the academic year it falls in (2021/22).
 */
function neetFigure(year: number, place: 'National' | 'Kent'): string {
  const rows = parse<Record<string, string>>(readFileSync(sharedFile(`neet-la/neet_nk_la_${year}.csv`)), { columns: true, bom: true });
  const row = rows.find((r) => r.Age === '16-17' && (place === 'National' ? r.geographic_level === 'National' : r.la_name === 'Kent'))!;
  return row.NEET_not_known_percent!;
}

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

    it('downloads the table in the DfE open-data layout, data.csv and meta.csv, linked beside its CSV and XLSX, the same from the API', async () => {
      const page = await test.app.inject(`/tables?${choices}`);
      const [href, ...more] = openDataLinks(page.body);
      assert.equal(more.length, 0, 'one table, one open-data link');
      assert.ok(href !== undefined, 'linked under the table');
      // The same choices as the page, and which table.
      const linked = new URL(href, 'http://x');
      assert.equal(linked.pathname, '/tables/open-data.zip');
      assert.deepEqual([...linked.searchParams].sort(), [...new URLSearchParams(`${choices}&table=1`)].sort());
      const response = await test.app.inject(href);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['content-type'], 'application/zip');
      assert.match(String(response.headers['content-disposition']), /filename="tables-202021-202324-neet-or-not-known-16-17-open-data\.zip"/);
      const files = await unzipped(response.rawPayload);
      assert.deepEqual([...files.keys()].sort(), ['data.csv', 'meta.csv']);
      const data = parse<Record<string, string>>(files.get('data.csv')!, { columns: true });
      // Each year from each file (neet_nk_la_2021.csv … 2023.csv), Kent then England as chosen, at the levels the
      // standard names, the time identifier that of Waymark's indicator (an academic year).
      const expected = [2021, 2022, 2023].flatMap((year) => {
        const period = `${year - 1}${String(year % 100).padStart(2, '0')}`;
        return [
          [period, 'Academic year', 'Local authority', 'South East', '886', 'Kent', 'Total', neetFigure(year, 'Kent')],
          [period, 'Academic year', 'National', '', '', '', 'Total', neetFigure(year, 'National')],
        ];
      });
      assert.deepEqual(
        data.map((r) => [
          r.time_period,
          r.time_identifier,
          r.geographic_level,
          r.region_name,
          r.old_la_code,
          r.la_name,
          r.breakdown,
          r.neet_or_not_known_16_17,
        ]),
        expected,
      );
      assert.ok(data.every((r) => r.country_code === 'E92000001' && r.country_name === 'England'));
      assert.match(files.get('meta.csv')!, /\nneet_or_not_known_16_17,Indicator,[^\n]*,,%,1,,\n$/);
      // The API gives the same file for the same choices (both read as the public).
      const api = await test.app.inject(`/api/v1/tables/open-data.zip?${choices}&table=1`);
      assert.ok(api.rawPayload.equals(response.rawPayload), 'the API’s ZIP is the page’s');
      const openapi = (await test.app.inject('/api/v1/openapi.json')).json<{ paths: Record<string, unknown> }>();
      assert.ok('/api/v1/tables/open-data.zip' in openapi.paths && '/api/v1/tables/permalinks/{id}/open-data.zip' in openapi.paths);
      assert.equal((await test.app.inject(`/tables/open-data.zip?${choices}&table=2`)).statusCode, 404, 'no second table');
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
      // Its open-data file, linked under the table, is the built table's (both as the public sees it), and the API's is the same.
      const zipHref = `${address}/open-data.zip?table=1`;
      assert.deepEqual(openDataLinks(before.body), [zipHref]);
      const zipBefore = (await test.app.inject(zipHref)).rawPayload;
      assert.ok(
        zipBefore.equals((await test.app.inject(`/tables/open-data.zip?${choices}&table=1`)).rawPayload),
        'the permalink’s file is the table’s as built',
      );
      assert.ok((await test.app.inject(`/api/v1/tables/permalinks/${address.split('/').at(-1)}/open-data.zip`)).rawPayload.equals(zipBefore));

      await test.services.imports.importFiles(later);

      const after = await test.app.inject(address);
      assert.equal(tableOf(after.body), tableOf(before.body), 'the permalinked table is byte-identical');
      assert.ok(tableOf(before.body) !== undefined);
      assert.equal((await test.app.inject(`${address}?download=csv&table=1`)).body, csvBefore, 'its CSV is byte-identical');
      assert.ok((await test.app.inject(zipHref)).rawPayload.equals(zipBefore), 'its open-data ZIP is byte-identical');
      assert.ok((await test.app.inject(`/api/v1/tables/permalinks/${address.split('/').at(-1)}/open-data.zip?table=1`)).rawPayload.equals(zipBefore));
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
      // …and so does its open-data file, read from that file.
      const freshData = (await unzipped((await test.app.inject(`/tables/open-data.zip?${choices.replace('to=202324', 'to=202425')}`)).rawPayload)).get(
        'data.csv',
      )!;
      assert.match(freshData, new RegExp(`\\n202324,Academic year,National,E92000001,England,,,,,,Total,${neetFigure(2024, 'National')}\\n`));
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
