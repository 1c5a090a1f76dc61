import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { appWithImports, oneObservation, readShared, type TestApp } from './support/app.ts';
import { databaseTargets, tableCounts } from './support/databases.ts';
import { sharedFile } from './support/shared-data.ts';

const files = await readShared(['lait/la_code_list.csv', 'lait/lait_data_dictionary.csv', 'lait/bds_long_kent_sn_england.csv', 'lait/sn_april_2021.csv']);

type Row = { place: { code: string }; value: number | null; symbol: string | null; decimalPlaces: number; provenance: { file: string; line: number | null } };

for (const target of databaseTargets()) {
  describe(`LAIT through the API (${target.name})`, () => {
    let test: TestApp;
    const figure = (indicator: string, place: string, period: string) =>
      oneObservation<Row>(test.app, `indicator=${indicator}&place=${place}&period=${period}`);

    before(async () => {
      test = await appWithImports(target, files);
    });
    after(() => test.close());

    it('serves KS2 expected standard in RWM, 2016 and 2019 (data.md rows 1 and 2)', async () => {
      // Row 1: Kent 59%, England 54%, South East 55% (KS2RWM_Expected_STD, Years 2016). Row 2: Kent 68%, England 65% (2019).
      assert.equal((await figure('ks2-expected-rwm', '886', '201516')).value, 59);
      assert.equal((await figure('ks2-expected-rwm', 'E92000001', '201516')).value, 54);
      assert.equal((await figure('ks2-expected-rwm', 'E12000008', '201516')).value, 55);
      assert.equal((await figure('ks2-expected-rwm', '886', '201819')).value, 68);
      assert.equal((await figure('ks2-expected-rwm', 'E92000001', '201819')).value, 65);
    });

    it('serves KS2 RWM for disadvantaged pupils, 2016 (data.md row 3)', async () => {
      // Row 3: DAP_NEW_KS2_RWM, Kent 41%, England 39%: a LAIT measure held under its own lait-… code.
      assert.equal((await figure('lait-dap-new-ks2-rwm', '886', '201516')).value, 41);
      assert.equal((await figure('lait-dap-new-ks2-rwm', 'E92000001', '201516')).value, 39);
    });

    it('serves EYFS good level of development, 2016 (data.md row 4)', async () => {
      // Row 4: FSP_NEW_GOODDEV, Kent 74.8%, England 69.3%.
      assert.equal((await figure('eyfs-gld', '886', '201516')).value, 74.8);
      assert.equal((await figure('eyfs-gld', 'E92000001', '201516')).value, 69.3);
    });

    it('serves Attainment 8 and Progress 8, 2016 (data.md row 5)', async () => {
      // Row 5: Kent 50.4 / −0.04, England 50.1 / −0.03.
      assert.equal((await figure('ks4-attainment8', '886', '201516')).value, 50.4);
      assert.equal((await figure('ks4-attainment8', 'E92000001', '201516')).value, 50.1);
      const p8 = await figure('ks4-progress8', '886', '201516');
      assert.deepEqual([p8.value, p8.decimalPlaces], [-0.04, 2]);
      assert.equal((await figure('ks4-progress8', 'E92000001', '201516')).value, -0.03);
    });

    it('serves persistent and overall absence, 2015/16, with the decimals published (data.md row 6)', async () => {
      // Row 6: TotPerAbNew Kent 11.34%, England 10.50% (the file writes 10.5); TotAbs Kent 4.72%, England 4.57%.
      const pa = await figure('persistent-absence', '886', '201516');
      assert.deepEqual([pa.value, pa.decimalPlaces], [11.34, 2]);
      assert.equal((await figure('persistent-absence', 'E92000001', '201516')).value, 10.5);
      assert.equal((await figure('overall-absence', '886', '201516')).value, 4.72);
      assert.equal((await figure('overall-absence', 'E92000001', '201516')).value, 4.57);
      // The South East's 2016 overall absence is written 4.5199999999999996 in the file: shown as published, 4.52.
      assert.deepEqual(
        [(await figure('overall-absence', 'E12000008', '201516')).value, (await figure('overall-absence', 'E12000008', '201516')).decimalPlaces],
        [4.52, 2],
      );
    });

    it('serves EHC plans issued within 20 weeks, 2016 and 2019 (data.md row 20)', async () => {
      // Row 20: SEN_EHC_Excpt_20wks (calendar year), Kent 85.8% in 2016, England 58.6%; Kent 28.7% in 2019.
      assert.equal((await figure('sen-plans-issued-in-time', '886', '2016')).value, 85.8);
      assert.equal((await figure('sen-plans-issued-in-time', 'E92000001', '2016')).value, 58.6);
      assert.equal((await figure('sen-plans-issued-in-time', '886', '2019')).value, 28.7);
    });

    it('traces every figure to its file and line, and marks "-" as not available', async () => {
      const row = await figure('ks2-expected-rwm', '886', '201516');
      assert.equal(row.provenance.file, 'bds_long_kent_sn_england.csv');
      assert.ok(row.provenance.line !== null && row.provenance.line > 1);
      const response = await test.app.inject('/api/v1/observations?place=886&limit=5000');
      const rows = response.json<{ observations: Row[] }>().observations;
      assert.ok(rows.some((r) => r.symbol === 'x' && r.value === null));
      assert.ok(rows.every((r) => r.symbol !== null || r.value !== null));
    });

    it('re-importing the same values changes nothing', async () => {
      const before = await tableCounts(test.database.db);
      const report = await test.services.imports.importFiles([files[2]!]);
      assert.deepEqual({ inserted: report.files[0]!.inserted, updated: report.files[0]!.updated }, { inserted: 0, updated: 0 });
      const after = await tableCounts(test.database.db);
      assert.equal(after.observation, before.observation);
    });

    it('ranks and bands every LA on the indicator page and downloads the table as CSV', async () => {
      // Derived from bds_long_kent_sn_england.csv: KS2RWM_Expected_STD, Years 2016, rows with an LA number below 970
      // (LAs, not England or regions) and a numeric value; Kent's rank is 1 + the LAs with a higher value (ties share).
      const raw = parse<Record<string, string>>(readFileSync(sharedFile('lait/bds_long_kent_sn_england.csv')), { columns: true });
      const listed = raw.filter((r) => r['Short Desc'] === 'KS2RWM_Expected_STD' && r.Years === '2016' && Number(r['LA Number']) < 970);
      const las = listed.filter((r) => r.Values !== '-');
      const kent = Number(las.find((r) => r['LA Number'] === '886')!.Values);
      const rank = 1 + las.filter((r) => Number(r.Values) > kent).length;
      const page = await test.app.inject('/indicators/ks2-expected-rwm?period=201516&focus=886');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`Ranked ${rank} of ${las.length} local authorities`));
      const csv = await test.app.inject('/indicators/ks2-expected-rwm.csv?period=201516&breakdown=all');
      assert.match(csv.headers['content-type'] as string, /^text\/csv/);
      const lines = csv.body.trim().split('\n');
      // Header, England, the South East, then every LA listed (those published as "-" shown as x, unranked).
      assert.equal(lines.length, 1 + 1 + 1 + listed.length);
      assert.match(csv.body, new RegExp(`^ks2-expected-rwm,201516,all,Local authority,886,Kent,59,${rank},[ABCD]$`, 'm'));
    });

    it('ranks Kent within its April 2021 statistical neighbours and gives their average', async () => {
      // sn_april_2021.csv, row LA num 886: SN1…SN10. Values from bds_long_kent_sn_england.csv (KS2RWM_Expected_STD, 2016).
      // Rank within the 11 = 1 + members with a higher value; the average is the 10 neighbours' plain mean (LAIT).
      const sn = readFileSync(sharedFile('lait/sn_april_2021.csv'), 'utf8')
        .split('\n')
        .find((l) => l.startsWith('886,'))!
        .split(',');
      const neighbours = [5, 7, 9, 11, 13, 15, 17, 19, 21, 23].map((i) => sn[i]!);
      const raw = parse<Record<string, string>>(readFileSync(sharedFile('lait/bds_long_kent_sn_england.csv')), { columns: true });
      const value = (code: string) => raw.find((r) => r['Short Desc'] === 'KS2RWM_Expected_STD' && r.Years === '2016' && r['LA Number'] === code)?.Values;
      const present = neighbours
        .map(value)
        .filter((v): v is string => v !== undefined && v !== '-')
        .map(Number);
      const kent = Number(value('886'));
      const rank = 1 + present.filter((v) => v > kent).length;
      const average = present.reduce((a, b) => a + b, 0) / present.length;
      const page = await test.app.inject('/indicators/ks2-expected-rwm?period=201516&focus=886');
      assert.match(
        page.body,
        new RegExp(`Kent(?:'|&#39;)s statistical neighbours \\(April 2021\\): ${rank} of ${present.length + 1}; neighbours' average ${Math.round(average)}`),
      );
      const group = (await test.database.store.places.find('neighbour_group', 'sn-886-2021-04'))!;
      const members = await test.database.store.places.members(group.id, 'la');
      assert.equal(members.length, 11);
      assert.equal(members.find((m) => m.code === '881')?.basis, 'SN1 (Extremely Close)');
    });

    it('gives the change on the year before, by polarity', async () => {
      // bds_long_kent_sn_england.csv, KS2RWM_Expected_STD, Kent: Years 2019 = 68 and 2018 (2017/18) as the file gives it.
      const raw = parse<Record<string, string>>(readFileSync(sharedFile('lait/bds_long_kent_sn_england.csv')), { columns: true });
      const kent2018 = Number(raw.find((r) => r['Short Desc'] === 'KS2RWM_Expected_STD' && r.Years === '2018' && r['LA Number'] === '886')!.Values);
      const change = 68 - kent2018;
      const page = await test.app.inject('/indicators/ks2-expected-rwm?period=201819&focus=886');
      // Written as the dashboard writes a change: its sign (a true minus), size in percentage points, and direction.
      const size = `${Math.abs(change)} percentage point${Math.abs(change) === 1 ? '' : 's'}`;
      const words = change === 0 ? 'No change' : change > 0 ? `\\+${size}, better` : `\u2212${size}, worse`;
      assert.match(page.body, new RegExp(`Change on 2017/18: ${words}\\.`));
    });

    it('refuses a query without an indicator or a place, and names what it does not know', async () => {
      assert.equal((await test.app.inject('/api/v1/observations')).statusCode, 400);
      assert.equal((await test.app.inject('/api/v1/observations?indicator=no-such-thing')).statusCode, 404);
      assert.equal((await test.app.inject('/api/v1/observations?indicator=eyfs-gld&period=2015/16')).statusCode, 400);
      const openapi = await test.app.inject('/api/v1/openapi.json');
      assert.equal(openapi.json<{ openapi: string }>().openapi, '3.1.0');
    });
  });
}
