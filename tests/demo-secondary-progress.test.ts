import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { aggregatePupilFile, loadPlacements, type ComputedFigure } from '../src/compute/aggregate-pupils.ts';
import { withDuckDb } from '../src/compute/duckdb.ts';
import { writePupilParquet } from '../src/compute/pupil-files.ts';
import { generateCounty } from '../src/demo/generate-county.ts';
import { generatePupilFiles } from '../src/demo/generate-pupils.ts';
import { sharedFile } from './support/shared-data.ts';

// Issue 18.5: the demo's secondaries in 2016 look like Kent's. Kent's figures are recounted here from the DfE's 2016 KS4
// school file as shipped (perf-tables-2016-2019/ks4_school_2016.csv, "Progress 8" by URN; 2016 = 2015/16), the LA and
// admissions policy of each school from the 2017/18 spine beside it (LA 886, ADMPOL Selective / Non-selective). The
// 2016 file carries no confidence intervals, so the floor's first condition (Progress 8 under −0.5) is what is compared.

type Row = Record<string, string>;
const read = (file: string): Row[] => parse<Row>(readFileSync(sharedFile(file)), { columns: true, bom: true });
const spine = new Map(read('perf-tables-2016-2019/england_spine_2017-18.csv').map((r) => [r.URN!, r]));
const kent = read('perf-tables-2016-2019/ks4_school_2016.csv').flatMap((r) => {
  const school = spine.get(r.URN!);
  const p8 = Number(r['Progress 8']);
  return school?.LA === '886' && r['Progress 8'] !== '' && Number.isFinite(p8) ? [{ policy: school.ADMPOL!, p8 }] : [];
});

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const shareUnder = (values: readonly number[], threshold: number) => (100 * values.filter((v) => v < threshold).length) / values.length;

const county = generateCounty(2013);
const dir = mkdtempSync(join(tmpdir(), 'waymark-progress8-'));
let demo: ComputedFigure[] = [];

before(async () => {
  await withDuckDb(async (connection) => {
    await loadPlacements(
      connection,
      county.schools.map((s) => ({ urn: s.urn, district: s.districtCode, la: '886', region: 'E12000008', groupings: [] })),
    );
    for (const file of generatePupilFiles(county, 2013, [2015])) {
      if (file.collection !== 'ks4') continue;
      const path = join(dir, `ks4-${file.period}.parquet`);
      await writePupilParquet(connection, file.collection, file.records, path);
      demo = (await aggregatePupilFile(connection, { path, collection: file.collection, period: file.period })).figures;
    }
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo’s 2016 secondaries against Kent’s in the DfE’s 2016 school file (issue 18.5)', () => {
  const demoSchools = () => {
    const bySchool = new Map(county.schools.map((s) => [s.urn, s]));
    return demo.flatMap((f) => {
      const school = bySchool.get(f.code);
      if (f.indicator !== 'ks4-progress8' || f.level !== 'school' || f.breakdown !== 'all' || f.value === null || school === undefined) return [];
      // Mainstream secondaries only, as the floor counts them (special schools and pupil referral units are not judged).
      if (school.attributes.sector !== 'secondary') return [];
      return [{ selective: school.attributes.selective, p8: f.value }];
    });
  };

  it('about as many non-selective schools under −0.5 as Kent had (6 of 59, 10.2%), within 5 points', () => {
    const real = kent.filter((s) => s.policy === 'Non-selective').map((s) => s.p8);
    assert.equal(real.length, 59);
    assert.equal(real.filter((v) => v < -0.5).length, 6);
    const ours = demoSchools()
      .filter((s) => !s.selective)
      .map((s) => s.p8);
    assert.ok(ours.length >= 50, `non-selective schools with Progress 8: ${ours.length}`);
    const [want, got] = [shareUnder(real, -0.5), shareUnder(ours, -0.5)];
    assert.ok(Math.abs(got - want) <= 5, `under −0.5: demo ${got.toFixed(1)}% against Kent’s ${want.toFixed(1)}%`);
  });

  it('grammar schools a little above the rest, not a whole grade (medians +0.22 and −0.06), each within 0.1', () => {
    const real = (policy: string) => median(kent.filter((s) => s.policy === policy).map((s) => s.p8));
    assert.deepEqual([real('Selective'), real('Non-selective')], [0.22, -0.06]);
    const ours = (selective: boolean) =>
      median(
        demoSchools()
          .filter((s) => s.selective === selective)
          .map((s) => s.p8),
      );
    assert.ok(Math.abs(ours(true) - 0.22) <= 0.1, `selective median ${ours(true).toFixed(2)}`);
    assert.ok(Math.abs(ours(false) - -0.06) <= 0.1, `non-selective median ${ours(false).toFixed(2)}`);
    assert.ok(demoSchools().filter((s) => s.selective && s.p8 < -0.5).length <= 2, 'grammar schools under −0.5');
  });
});
