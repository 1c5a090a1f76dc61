import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { parseHTML } from 'linkedom';
import { sharedFile } from './support/shared-data.ts';
import { appWithImports, readShared, type TestApp } from './support/app.ts';
import { databaseTargets } from './support/databases.ts';

// Kent 2017-2020 on DfE's LA Interactive Tool (lait/bds_long_kent_sn_england.csv: Kent, Essex, Suffolk and England,
// 2016-2025), with both statistical-neighbour lists (April 2021, May 2025). Every expected figure is read from that
// file by its Short Desc, named beside the assertion.
const files = await readShared([
  'lait/la_code_list.csv',
  'lait/lait_data_dictionary.csv',
  'lait/bds_long_kent_sn_england.csv',
  'lait/sn_april_2021.csv',
  'lait/sn_may_2025.csv',
]);

type Target = { id: string; status: string; reason: string; value: number | null };

for (const target of databaseTargets()) {
  describe(`Kent 2017-2020 on LAIT (${target.name})`, () => {
    let t: TestApp;
    let y2019: Map<string, Target>;
    before(async () => {
      t = await appWithImports(target, files);
      const response = await t.app.inject('/api/v1/frameworks/kent-2017-2020/evaluation?year=2019');
      assert.equal(response.statusCode, 200, response.body);
      y2019 = new Map(response.json<{ targets: Target[] }>().targets.map((x) => [x.id, x]));
    });
    after(() => t.close());

    it('judges KS2 and Attainment 8 on the rules it can, naming the neighbour rank it cannot (issue 11 point 10)', () => {
      // KS2RWM_Expected_STD: Kent 67 (2018), 68 (2019), England 65 (2019): improved and above England. The framework's
      // 2012 neighbour group is not held (only the April 2021 and May 2025 lists are), so no rank.
      const ks2 = y2019.get('ks2-attainment')!;
      assert.deepEqual([ks2.status, ks2.value], ['met', 68]);
      assert.match(ks2.reason, /68%, better than England \(65%\)\. Not judged: no neighbour ranking for 2019/);
      // AVG_Attain8_Score: Kent 47.1 (2018), 47.3 (2019); England 46.7 (2019).
      const a8 = y2019.get('ks4-attainment')!;
      assert.deepEqual([a8.status, a8.value], ['met', 47.3]);
      assert.match(a8.reason, /Not judged: no neighbour ranking for 2019/);
    });

    it('reads the figures LAIT holds under its own codes: persistent absence by phase and the disadvantaged gaps (issue 11 point 12)', () => {
      // SFPriPerAbNew Kent 9.11 (2019), England 8.25; SFSecPerAbNew Kent 15.09, England 13.69: both worse than England.
      const primary = y2019.get('persistent-absence-primary')!;
      assert.deepEqual([primary.status, primary.value], ['off_track', 9.11]);
      assert.match(primary.reason, /worse than England \(8\.3%\)/);
      assert.deepEqual([y2019.get('persistent-absence-secondary')!.status, y2019.get('persistent-absence-secondary')!.value], ['off_track', 15.09]);
      // NonDAP_NEW_KS2_RWM 74 − DAP_NEW_KS2_RWM 52 = 22 (2019; 2018: 73 − 50 = 23); England 72 − 51 = 21.
      const ks2gap = y2019.get('ks2-fsm-gap')!;
      assert.equal(ks2gap.value, 22);
      assert.match(ks2gap.reason, /22\.0 points against 23\.0 points in 2018: improved; 22\.0 points, worse than England \(21\.0 points\)/);
      // NonDAP_KS4_ATT8 51.3 − DAP_KS4_ATT8 33 = 18.3 (2019; 2018: 51 − 33 = 18).
      assert.deepEqual([y2019.get('ks4-fsm-gap')!.status, y2019.get('ks4-fsm-gap')!.value], ['off_track', 18.3]);
    });

    it('names the input really missing where LAIT has no figure: KS1 combined and the count of permanent exclusions (issue 11 point 12)', () => {
      // LAIT publishes KS1 reading, writing and maths separately (KS1R_Expected_STD…), not combined; exclusions only as a rate.
      for (const id of ['ks1-attainment', 'permanent-exclusions']) {
        const x = y2019.get(id)!;
        assert.equal(x.status, 'no_data', id);
        assert.match(
          x.reason,
          /computed from pupil records, and none for 2018\/19 are imported \(waymark pupils import\); the DfE's LA tool \(LAIT\) publishes no figure for it/,
          id,
        );
      }
    });

    it("gives the LA page's comparator line Kent's own neighbour group, not every group that names Kent (issue 11 point 16)", async () => {
      const page = await t.app.inject('/places/la/886');
      assert.equal(page.statusCode, 200);
      const line = /<p[^>]*data-module="comparator-group"[^>]*>([\s\S]*?)<\/p>/.exec(page.body)?.[1] ?? '';
      // Kent's own groups: sn_may_2025.csv and sn_april_2021.csv each have a row for Kent (886), the newer first.
      assert.deepEqual(
        [...line.matchAll(/href="\/places\/neighbour-group\/([^"]+)"/g)].map((m) => m[1]),
        ['sn-886-2025-05', 'sn-886-2021-04'],
      );
      // Rows of other LAs naming 886 among SN1-SN10: 21 in sn_april_2021.csv and 24 in sn_may_2025.csv (counted with csv.DictReader).
      assert.match(line, /Kent is also among the statistical neighbours of 45 other LAs\./);
    });

    it("charts Kent's headline measures over time against England on its dashboard, with every year in a table and a sentence (issue 19.4)", async () => {
      // lait/bds_long_kent_sn_england.csv, Short Desc KS2RWM_Expected_STD: Kent's and England's (LA Number 970) Values by
      // Years; a LAIT year is the academic year ending in it (2016 is 2015/16); "-" is not published (shown as x).
      const raw = parse<Record<string, string>>(readFileSync(sharedFile('lait/bds_long_kent_sn_england.csv')), { columns: true });
      const ks2 = (la: string) =>
        new Map(
          raw
            .filter((r) => r['Short Desc'] === 'KS2RWM_Expected_STD' && r['LA Number'] === la)
            .map((r) => [`${Number(r.Years) - 1}${r.Years!.slice(2)}`, r.Values!]),
        );
      const [kent, england] = [ks2('886'), ks2('970')];
      const cell = (v: string | undefined) => (v === undefined ? '–' : v === '-' ? 'x' : `${v}%`);

      const page = await t.app.inject('/places/la/886');
      assert.equal(page.statusCode, 200);
      const { document } = parseHTML(page.body);
      const section = document.querySelector('[data-module="dashboard-over-time"]');
      assert.ok(section !== null, 'the dashboard has its headline measures over time');
      const view = section.querySelector('#over-time-ks2-expected-rwm')!;
      assert.equal(view.tagName.toLowerCase(), 'details');
      // Every year held, Kent's and England's figures as the file gives them.
      const rows = Array.from(view.querySelectorAll('[data-module="over-time-table"] tbody tr')).map((tr) =>
        Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim()),
      );
      assert.deepEqual(
        rows.map((r) => r.slice(1, 3)),
        [...kent.keys()].map((period) => [cell(kent.get(period)), cell(england.get(period))]),
      );
      assert.equal(rows[0]![0], '2015/16');
      // A chart of the years, named for what it shows, and one sentence from the first and last years with both figures.
      assert.match(view.querySelector('svg[role="img"] title')?.textContent ?? '', /^KS2[^:]*\(%\): Kent, England, 2015\/16 to 2024\/25$/);
      const [first, last] = ['201516', '202425'].map((p) => [Number(kent.get(p)), Number(england.get(p))] as const);
      const apart = (k: number, e: number) =>
        k === e ? 'level with' : `${Math.abs(k - e)} percentage point${Math.abs(k - e) === 1 ? '' : 's'} ${k > e ? 'above' : 'below'}`;
      assert.equal(
        view.querySelector('[data-module="over-time-words"]')?.textContent,
        `From 2015/16 to 2024/25, Kent’s figure went from ${first![0]}% to ${last![0]}% and England’s from ${first![1]}% to ${last![1]}%: ` +
          `Kent was ${apart(...first!)} England${first![0] === first![1] ? '' : first![0] > first![1] ? ' (better)' : ' (worse)'} in 2015/16 and ` +
          `${apart(...last!)} it${last![0] === last![1] ? '' : last![0] > last![1] ? ' (better)' : ' (worse)'} in 2024/25.`,
      );
      // The API's dashboard gives the same years (and no query more is made for them: they are read with the latest figures).
      const api = (await t.app.inject('/api/v1/places/la/886/dashboard')).json<{
        indicators: { indicator: string; overTime: { period: string; place: { value: number | null } | null; england: { value: number | null } | null }[] }[];
      }>();
      const overTime = api.indicators.find((i) => i.indicator === 'ks2-expected-rwm')!.overTime;
      assert.deepEqual(
        overTime.map((y) => [y.period, y.place?.value ?? null, y.england?.value ?? null]),
        [...kent.keys()].map((p) => [p, kent.get(p) === '-' ? null : Number(kent.get(p)), england.get(p) === '-' ? null : Number(england.get(p))]),
      );
    });

    it('opens the framework on its latest year with figures and refuses a year it does not cover (issue 11 point 15)', async () => {
      // AVG_Attain8_Score has Kent 51 for 2020 (2019/20), the framework's last year; before, the page opened on 2017.
      const page = await t.app.inject('/frameworks/kent-2017-2020');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<title>Vision and Priorities for Improvement 2017-2020, 2020 /);
      for (const url of [
        '/frameworks/kent-2017-2020?year=2030',
        '/frameworks/kent-2017-2020/targets/ks2-attainment?year=2016',
        '/frameworks/kent-2017-2020/report?year=2030',
        '/api/v1/frameworks/kent-2017-2020/evaluation?year=2030',
      ]) {
        const refused = await t.app.inject(url);
        assert.equal(refused.statusCode, 404, url);
        assert.match(refused.body, /covers 2017 to 2020/, url);
      }
    });
  });
}
