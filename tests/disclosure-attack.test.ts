import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { publicDisclosure } from '../src/domain/indicators/disclosure.ts';
import { breakdownLabels } from '../src/domain/pupils/breakdowns.ts';
import { type TestApp } from './support/app.ts';
import { appWithDemo } from './support/demo-template.ts';
import { databaseTargets } from './support/databases.ts';

// The public reader as an attacker (issue 12): everything the API, the pupil-group answers and the school pages give
// for the demo county's 2011/12 pupil figures, then every subtraction a reader could make — all pupils less a group's
// complement, the SEN groups, a district or an LA less its other schools, an LA less its other districts, a
// collaboration less its other members — repeated with every cell recovered so far, until nothing more comes out.
// Where the memberships come from: the schools each district, LA and collaboration counted (the public place pages).
// The attacker assumes, as a careful one would, that a group the tables do not hold at a place has no pupils there.

type Row = {
  indicator: string;
  place: { kind: string; code: string; name: string };
  breakdown: string;
  value: number | null;
  symbol: string | null;
  numerator: number | null;
  denominator: number | null;
  suppression: string | null;
  basis: string;
  detail: { pupils?: number } | null;
};

const period = '201112';

/** A cell as the attacker holds it: its counts once known. */
type Known = { numerator: number | null; denominator: number } | null;

for (const target of databaseTargets()) {
  describe(`a public reader cannot recover a suppressed cell (${target.name})`, () => {
    let t: TestApp;
    let rows: Row[] = [];
    before(async () => {
      t = await appWithDemo(target, [2011]);
      const indicators = (await t.app.inject('/api/v1/indicators')).json<{ indicators: { code: string }[] }>().indicators.map((i) => i.code);
      const breakdowns = ['all', ...Object.values(breakdownLabels).flat()];
      for (const indicator of indicators)
        for (const breakdown of breakdowns) {
          const response = await t.app.inject(
            `/api/v1/observations?indicator=${indicator}&period=${period}&breakdown=${encodeURIComponent(breakdown)}&basis=computed`,
          );
          assert.equal(response.statusCode, 200, response.body);
          rows.push(...response.json<{ observations: Row[] }>().observations);
        }
      rows = rows.filter((r) => r.basis === 'computed' && r.detail !== null && 'pupilBatch' in r.detail);
    });
    after(async () => t.close());

    it('serves the demo county with small groups hidden, both by primary and by secondary suppression', () => {
      const primary = rows.filter((r) => r.suppression === 'primary').length;
      const secondary = rows.filter((r) => r.suppression === 'secondary').length;
      assert.ok(rows.length > 10_000, `${rows.length} computed figures read`);
      assert.ok(primary > 100 && secondary > 100, `${primary} primary and ${secondary} secondary suppressions`);
    });

    it('shows nothing behind a suppressed cell: no value, numerator, denominator or pupils', () => {
      for (const r of rows.filter((r) => r.suppression !== null)) {
        assert.deepEqual([r.value, r.symbol, r.numerator, r.denominator, r.detail?.pupils], [null, 'c', null, null, undefined]);
      }
    });

    it('recovers 0 suppressed cells by differencing the tables across groups, schools, districts, the LA and collaborations', async () => {
      const placed = (await t.services.pupils.placements(period)).schools;
      const key = (kind: string, code: string) => `${kind}:${code}`;
      const sums: { total: string; parts: string[] }[] = [];
      const add = (total: string, part: string) => {
        const sum = sums.find((s) => s.total === total);
        if (sum === undefined) sums.push({ total, parts: [part] });
        else sum.parts.push(part);
      };
      for (const p of placed) {
        if (p.district !== null) add(key('district', p.district), key('school', p.urn));
        if (p.la !== null) add(key('la', p.la), key('school', p.urn));
        for (const g of p.groupings) add(key('grouping', g), key('school', p.urn));
      }
      const districtsOf = new Map<string, Set<string>>();
      for (const p of placed)
        if (p.la !== null && p.district !== null) districtsOf.set(p.la, (districtsOf.get(p.la) ?? new Set()).add(key('district', p.district)));
      for (const [la, districts] of districtsOf) sums.push({ total: key('la', la), parts: [...districts] });

      let recovered = 0;
      const families = new Map<string, Row[]>();
      for (const r of rows) {
        const family = families.get(r.indicator);
        if (family === undefined) families.set(r.indicator, [r]);
        else family.push(r);
      }
      for (const [indicator, family] of families) {
        const cell = new Map<string, Row>(family.map((r) => [`${key(r.place.kind, r.place.code)}|${r.breakdown}`, r]));
        const known = new Map<string, Known>(
          family.map((r) => [
            `${key(r.place.kind, r.place.code)}|${r.breakdown}`,
            r.suppression === null && r.denominator !== null ? { numerator: r.numerator, denominator: r.denominator } : null,
          ]),
        );
        const equations: { total: string; parts: string[] }[] = [];
        const places = new Set(family.map((r) => key(r.place.kind, r.place.code)));
        for (const place of places)
          for (const labels of Object.values(breakdownLabels)) {
            const parts = labels.map((l) => `${place}|${l}`).filter((id) => cell.has(id));
            if (cell.has(`${place}|all`) && parts.length > 0) equations.push({ total: `${place}|all`, parts });
          }
        for (const sum of sums)
          for (const breakdown of ['all', ...Object.values(breakdownLabels).flat()]) {
            const parts = sum.parts.map((p) => `${p}|${breakdown}`).filter((id) => cell.has(id));
            if (cell.has(`${sum.total}|${breakdown}`) && parts.length > 0) equations.push({ total: `${sum.total}|${breakdown}`, parts });
          }
        for (let progress = true; progress;) {
          progress = false;
          for (const e of equations) {
            const unknown = [e.total, ...e.parts].filter((id) => known.get(id) === null);
            if (unknown.length !== 1) continue;
            const id = unknown[0]!;
            const sumOf = (ids: string[], field: 'numerator' | 'denominator') => ids.reduce((a, p) => a + (known.get(p)![field] ?? 0), 0);
            const solved =
              id === e.total
                ? { numerator: sumOf(e.parts, 'numerator'), denominator: sumOf(e.parts, 'denominator') }
                : {
                    numerator:
                      (known.get(e.total)!.numerator ?? 0) -
                      sumOf(
                        e.parts.filter((p) => p !== id),
                        'numerator',
                      ),
                    denominator:
                      known.get(e.total)!.denominator -
                      sumOf(
                        e.parts.filter((p) => p !== id),
                        'denominator',
                      ),
                  };
            known.set(id, solved);
            progress = true;
            if (cell.get(id)!.suppression !== null) {
              recovered++;
              if (recovered <= 3) console.error(`recovered ${indicator} ${id} from ${e.total} = ${e.parts.join(' + ')}`);
            }
          }
        }
      }
      assert.equal(recovered, 0, `${recovered} suppressed cells recovered`);
    });

    it('answers a public pupil group only as the tables hold it, and refuses combinations that could be differenced', async () => {
      const hidden = rows.find((r) => r.suppression !== null && r.place.kind === 'school' && r.breakdown === 'fsm' && r.indicator.startsWith('ks2'))!;
      assert.ok(hidden !== undefined, 'a school with its FSM KS2 figure hidden');
      const single = await t.app.inject(`/api/v1/pupil-groups?collection=ks2&period=${period}&placeKind=school&place=${hidden.place.code}&fsm=true`);
      assert.equal(single.statusCode, 200, single.body);
      const answer = single.json<{ pupils: number | null; figures: { indicator: string; symbol: string | null; value: number | null }[] }>();
      assert.equal(answer.figures.find((f) => f.indicator === hidden.indicator)!.symbol, 'c');
      const combined = await t.app.inject(`/api/v1/pupil-groups?collection=ks2&period=${period}&placeKind=la&place=886&fsm=true&gender=F`);
      assert.equal(combined.statusCode, 400);
      assert.match(combined.json<{ detail: string }>().detail, /not published/);
    });

    it('shows a hidden district cell as c on the indicator page, with no pupils beside it', async () => {
      const hidden = rows.find((r) => r.suppression !== null && r.place.kind === 'district' && /^[a-z:-]+$/.test(r.breakdown))!;
      assert.ok(hidden !== undefined, 'a district cell hidden in some pupil group');
      const page = await t.app.inject(`/indicators/${hidden.indicator}?period=${period}&breakdown=${encodeURIComponent(hidden.breakdown)}`);
      assert.equal(page.statusCode, 200);
      const district = hidden.place;
      const row = new RegExp(`>${district.name}</a></th>\\s*<td[^>]*>([^<]*)</td><td[^>]*>[^<]*</td><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td>`).exec(
        page.body,
      );
      assert.ok(row !== null, `${district.name} has a row in the districts table`);
      assert.deepEqual([row[1], row[3]], ['c', ''], `${district.name}: ${hidden.indicator} ${hidden.breakdown} shown as c with no pupils`);
    });

    it('gives in every CSV download exactly the figures the API gives, so the proof above covers the downloads too', async () => {
      // The indicator CSV holds England, the regions and every LA (places above a district): each of its cells that the
      // API also answers must show the API's figure, with `c` where the API hides it.
      let compared = 0;
      for (const r of rows.filter((r) => r.place.kind === 'la' || r.place.kind === 'country')) {
        const csv = await t.app.inject(`/indicators/${r.indicator}.csv?period=${period}&breakdown=${encodeURIComponent(r.breakdown)}`);
        assert.equal(csv.statusCode, 200, csv.body);
        const lines: Record<string, string>[] = parse(csv.body, { columns: true });
        const line = lines.find((l) => l.code === r.place.code);
        assert.ok(line !== undefined, `${r.indicator} ${r.breakdown}: ${r.place.code} in the CSV`);
        const cell = `${r.indicator} ${r.breakdown} ${r.place.code}`;
        if (r.value === null) assert.equal(line.value, r.symbol ?? 'x', cell);
        else assert.equal(Number(line.value), r.value, cell);
        compared++;
      }
      assert.ok(compared > 50, `${compared} cells compared`);
    });

    it("writes no gap on a school's page from a hidden figure", async () => {
      const hidden = rows.filter((r) => r.suppression !== null && r.place.kind === 'school' && (r.breakdown === 'fsm' || r.breakdown === 'disadvantaged'));
      assert.ok(hidden.length > 0);
      for (const r of hidden.slice(0, 20)) {
        const profile = await t.services.schoolImprovement.profile(r.place.code, publicDisclosure);
        const gaps = profile.indicators.filter((i) => i.code === r.indicator).flatMap((i) => i.gaps.filter((g) => g.period === period));
        assert.ok(!gaps.some((g) => g.group === r.breakdown), `${r.place.code} ${r.indicator}: no ${r.breakdown} gap`);
      }
    });
  });
}
