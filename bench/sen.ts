/**
 * SEN casework at Kent scale (issue 15.8): the demo county's SEN records for 2011/12-2015/16 (about 16,750 requests,
 * 7,000 plans maintained), then the three SEN figures remade through the clock rules for 2012-2016 at the LA and its
 * twelve districts, against the reference: the in-time counts by district and year in one hand-written SQL statement.
 * (tests/sen-demo.test.ts checks that the figures' counts are the ones worked independently of the rules.) The ratio
 * says what reading every record into the rules costs over SQL alone.
 */
import { generateCounty } from '../src/demo/generate-county.ts';
import { remakeSenFigures } from '../src/services/casework/sen/sen-figures.ts';
import { senDemoStep } from '../src/services/casework/sen/sen-demo-step.ts';
import { writeDemoCounty } from '../src/services/demo/demo-county-writer.ts';
import type { Store } from '../src/store/store.ts';

const years = [2012, 2013, 2014, 2015, 2016];

export async function benchSen(store: Store): Promise<string> {
  const county = generateCounty(2013);
  return store.transaction(async (tx) => {
    await writeDemoCounty(tx, county, 2013, 'bench', () => {});
    const batchId = await tx.register.openBatch({ fileName: 'bench sen', fileHash: 'bench', format: 'demo-casework:sen', rowCount: 0 });
    let start = performance.now();
    await senDemoStep.write(tx, county, 2013, years, batchId);
    const demoMs = performance.now() - start;
    start = performance.now();
    const figures = await remakeSenFigures(tx, years, batchId, '2016-12-31');
    const rulesMs = performance.now() - start;
    start = performance.now();
    const reference = await tx.sen.inTimeReference(2012, 2016);
    const sqlMs = performance.now() - start;
    const issued = reference.reduce((a, r) => a + r.issued, 0);
    return `SEN casework (Kent scale, 2012-2016): demo records ${(demoMs / 1000).toFixed(2)} s; ${figures} figures through the clock rules ${(rulesMs / 1000).toFixed(2)} s; in-time counts by one SQL statement ${(sqlMs / 1000).toFixed(2)} s (${issued} plans, ${reference.length} district-years); rules ÷ SQL ${(rulesMs / sqlMs).toFixed(1)}`;
  });
}
