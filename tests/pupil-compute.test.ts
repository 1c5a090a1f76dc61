import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateCounty } from '../src/demo/generate-county.ts';
import { generatePupilFiles } from '../src/demo/generate-pupils.ts';
import { laOfficerDisclosure } from '../src/domain/indicators/disclosure.ts';
import { oneObservation, type TestApp } from './support/app.ts';
import { appWithDemo } from './support/demo-template.ts';
import { databaseTargets, tableCounts } from './support/databases.ts';

// The pupil-records path end to end on both servers: the demo county's 2011/12 pupil files registered as import batches,
// computed on DuckDB into observations, served by the API with provenance, recomputed idempotently, asked live.

type Row = {
  value: number | null;
  symbol: string | null;
  numerator: number | null;
  denominator: number | null;
  basis: string;
  detail: { rule?: string; pupilBatch?: number; pupils?: number } | null;
  provenance: { batchId: number; file: string; format: string };
};
type Group = {
  breakdown: string;
  pupils: number | null;
  figures: { indicator: string; value: number | null; symbol: string | null; numerator: number | null; denominator: number | null }[];
};

for (const target of databaseTargets()) {
  describe(`pupil records computed into figures (${target.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await appWithDemo(target, [2011]);
    });
    after(async () => t.close());

    it("serves Kent's computed KS2 figure with its rule, pupil batch and compute batch (seed: 78% in 2012)", async () => {
      const row = await oneObservation<Row>(t.app, 'indicator=ks2-level4-english-maths&place=886&period=201112&breakdown=all');
      assert.equal(row.value, 78);
      assert.equal(row.basis, 'computed');
      assert.equal(row.detail?.rule, 'level 4+ in English and in maths');
      assert.equal(row.provenance.format, 'compute-pupil-records');
      assert.match(row.provenance.file, /^compute ks2\/ks2-201112-final-[0-9a-f]{12}\.parquet$/);
      const pupilBatch = (await t.services.batches.recent(100)).find((b) => b.id === row.detail?.pupilBatch)!;
      assert.equal(pupilBatch.format, 'pupil-records');
      assert.equal(pupilBatch.rowCount, row.denominator, 'every KS2 pupil of the file counts in Kent');
    });

    it('computes districts by location, and writes no England figure from one LA’s pupils', async () => {
      const thanet = await oneObservation<Row>(t.app, 'indicator=ks4-5ac-em&place=E07000114&placeKind=district&period=201112&breakdown=all');
      assert.equal(thanet.basis, 'computed');
      assert.ok(thanet.denominator! > 500);
      assert.equal(thanet.detail?.pupils, thanet.denominator, 'every KS4 pupil is in the denominator');
      const absence = await oneObservation<Row>(t.app, 'indicator=overall-absence&place=E07000114&placeKind=district&period=201112&breakdown=all');
      assert.ok(absence.denominator! > 300 * absence.detail!.pupils!, 'overall absence divides sessions, and says how many pupils they cover');
      const england = await t.app.inject('/api/v1/observations?indicator=ks4-5ac-em&place=E92000001&period=201112&breakdown=all');
      const rows = england.json<{ observations: Row[] }>().observations;
      assert.deepEqual(
        rows.map((r) => [r.basis, r.value]),
        [['published', 59.4]],
        'only the comparator England figure (calibration.ts), not Kent summed',
      );
    });

    it('running the compute again writes nothing', async () => {
      const before = await tableCounts(t.database.db);
      const summary = await t.services.pupils.compute();
      assert.deepEqual({ computed: summary.computed, unchanged: summary.unchanged }, { computed: 0, unchanged: 5 });
      assert.deepEqual(await tableCounts(t.database.db), before);
    });

    it('recomputes a replaced file alone, leaving no stale figure', async () => {
      const county = generateCounty(2013);
      const ks2 = [...generatePupilFiles(county, 2013, [2011])].find((f) => f.collection === 'ks2')!;
      // A revised extract: the same pupils with every FSM pupil's maths result withdrawn as absent.
      const revised = ks2.records.map((r) => (r.fsm ? { ...r, ks2Maths: 'A' } : r));
      await t.services.pupils.writeFile({ collection: 'ks2', period: '201112', dataVersion: 'final', records: revised, source: 'test' });
      const summary = await t.services.pupils.compute();
      assert.deepEqual({ computed: summary.computed, unchanged: summary.unchanged }, { computed: 1, unchanged: 4 });
      const fsm = await oneObservation<Row>(t.app, 'indicator=ks2-level4-english-maths&place=886&period=201112&breakdown=fsm');
      assert.equal(fsm.value, 0);
      const all = await oneObservation<Row>(t.app, 'indicator=ks2-level4-english-maths&place=886&period=201112&breakdown=all');
      assert.equal(all.denominator, revised.length);
    });

    it('answers an ad-hoc group live for an LA officer and agrees with the stored figures it adds up to', async () => {
      // Combinations are for staff (the public could difference them: FSM girls = FSM − FSM boys), so asked of the service.
      const ask = (filter: { fsm: boolean; gender: 'F' | 'M' }) =>
        t.services.pupils.adHoc({ collection: 'ks4', period: '201112', placeKind: 'district', place: 'E07000114', filter }, laOfficerDisclosure);
      const girls = await ask({ fsm: true, gender: 'F' });
      const boys = await ask({ fsm: true, gender: 'M' });
      assert.equal(girls.breakdown, 'fsm+gender:female');
      const stored = await oneObservation<Row>(t.app, 'indicator=ks4-5ac-em&place=E07000114&placeKind=district&period=201112&breakdown=fsm');
      const em = (g: Group) => g.figures.find((f) => f.indicator === 'ks4-5ac-em')!;
      assert.equal(em(girls).numerator! + em(boys).numerator!, stored.numerator);
      assert.equal(em(girls).denominator! + em(boys).denominator!, stored.denominator);
      const publicAnswer = await t.app.inject('/api/v1/pupil-groups?collection=ks4&period=201112&placeKind=district&place=E07000114&fsm=true&gender=F');
      assert.equal(publicAnswer.statusCode, 400, 'the public API refuses a combined group');
    });

    it('hides a small ad-hoc group from the public, as every other figure', async () => {
      // Find a group of one to five pupils as an LA officer sees it; the public API must show c in its place.
      const schools = (await t.services.places.search('Grammar')).filter((p) => p.kind === 'school');
      let found: { urn: string; value: number | null } | null = null;
      for (const s of schools) {
        const officer = await t.services.pupils.adHoc(
          { collection: 'ks4', period: '201112', placeKind: 'school', place: s.code, filter: { fsm: true } },
          laOfficerDisclosure,
        );
        const em = officer.figures.find((f) => f.indicator === 'ks4-5ac-em')!;
        if (em.denominator !== null && em.denominator >= 1 && em.denominator <= 5) {
          found = { urn: s.code, value: em.value };
          break;
        }
      }
      assert.ok(found !== null, 'a grammar school with one to five FSM pupils at KS4');
      const response = await t.app.inject(`/api/v1/pupil-groups?collection=ks4&period=201112&placeKind=school&place=${found.urn}&fsm=true`);
      const group = response.json<Group>();
      const em = group.figures.find((f) => f.indicator === 'ks4-5ac-em')!;
      assert.deepEqual([em.value, em.symbol, em.numerator, em.denominator], [null, 'c', null, null]);
      assert.equal(group.pupils, null);
    });

    it('rejects a pupil group query that names no known condition, with the reason', async () => {
      const response = await t.app.inject('/api/v1/pupil-groups?collection=ks4&period=201112&placeKind=la&place=886&colour=blue');
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /colour/);
    });

    it('shows computed district figures on the indicator page', async () => {
      const page = await t.app.inject('/indicators/ks2-level4-english-maths?period=201112');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /computed from pupil records/);
      assert.match(page.body, /Thanet/);
    });
  });
}
