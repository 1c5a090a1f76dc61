/**
 * The children missing education clock indicators at Kent scale (issue 15 acceptance: `npm run bench` times them): five
 * academic years of the demo county's CME casework (2011/12-2015/16, about 2,700 referrals a year), then target 28's
 * and target 20's figures remade for every district and the LA (read every episode, apply the domain's rules, decide
 * public suppression, write), against the same counts by one hand-written SQL statement inside PostgreSQL (nothing
 * decided in Node, nothing written). The two must agree on every count; the line says so.
 */
import { generateCmeCasework } from '../src/demo/cme-casework.ts';
import { generateCounty } from '../src/demo/generate-county.ts';
import { remakeCmeFigures } from '../src/services/casework/cme/cme-figures.ts';
import type { Services } from '../src/services/create-services.ts';
import { writeDemoCounty } from '../src/services/demo/demo-county-writer.ts';
import type { Store } from '../src/store/store.ts';

const years = [2012, 2013, 2014, 2015, 2016];
const today = '2017-01-10';

export async function cmeBench(services: Services, store: Store): Promise<string> {
  const county = generateCounty(2013);
  await store.transaction((tx) => writeDemoCounty(tx, county, 2013, 'bench', () => {}));
  const districtIds = await store.places.idsByCode('district');
  const schools = new Map<string, string[]>();
  for (const s of county.schools) if (s.closedOn === null) schools.set(s.districtCode, [...(schools.get(s.districtCode) ?? []), s.urn]);
  const cases = generateCmeCasework(2013, years, schools);
  const batchId = await store.transaction(async (tx) => {
    const id = await tx.register.openBatch({ fileName: 'bench cme', fileHash: 'bench', format: 'bench-cme', rowCount: 0 });
    await tx.cme.bulkInsert(
      cases.map((c) => ({
        child: { ...c, postcode: null, districtId: districtIds.get(c.districtCode)!, districtBasis: 'chosen' as const },
        episodes: c.episodes,
      })),
      id,
    );
    return id;
  });
  const unitOf = (code: string) => services.catalogue.list().find((i) => i.code === code)!.unit;
  const start = performance.now();
  const written = await store.transaction((tx) => remakeCmeFigures(tx, unitOf, today, years, batchId));
  const remakeMs = performance.now() - start;
  const referenceStart = performance.now();
  const rows = await store.cme.referenceCounts(today, years);
  const referenceMs = performance.now() - referenceStart;
  // The remade figures' counts, by the same keys.
  const held = await store.cme.heldCounts();
  const key = (r: { place_id: number; period: string; indicator_code: string }) => `${r.indicator_code}|${r.place_id}|${r.period}`;
  const ours = new Map(held.map((r) => [key(r), `${Number(r.numerator)}/${r.denominator === null ? '' : Number(r.denominator)}`]));
  const disagree = rows.filter((r) => ours.get(key(r)) !== `${Number(r.numerator)}/${r.denominator === null ? '' : Number(r.denominator)}`).length;
  return (
    `CME clock indicators (${cases.length} cases, ${years.length} years, 12 districts and the LA): remake ${(remakeMs / 1000).toFixed(2)} s ` +
    `(${written} figures written), one SQL statement ${(referenceMs / 1000).toFixed(2)} s, ratio ${(remakeMs / referenceMs).toFixed(1)}; ` +
    `${rows.length} counts compared, ${disagree === 0 ? 'all agree' : `${disagree} DISAGREE`}`
  );
}
