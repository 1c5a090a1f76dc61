/**
 * The monthly NEET snapshot at Kent scale (issue 15 acceptance: `npm run bench` times it): the demo county's tracking
 * records for 2011/12-2015/16 (about 115,000 young people and their dated activities), and one month's counts by
 * district (16-17 cohort, EET, NEET, not known) made the way Waymark makes them — the records read from PostgreSQL,
 * each young person's position derived in Node by the domain's rule — against one hand-written SQL statement that
 * computes the same counts inside PostgreSQL. The two must agree; the ratio is printed. Asserts nothing about time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { generateCounty } from '../src/demo/generate-county.ts';
import { snapshotCounts } from '../src/domain/casework/participation-headline.ts';
import { loadFrameworks } from '../src/imports/framework/read-framework.ts';
import { loadCatalogue } from '../src/imports/indicator-catalogue/read-catalogue.ts';
import { createLog } from '../src/log.ts';
import { participationDemoStep } from '../src/services/casework/participation/participation-demo-step.ts';
import { createServices } from '../src/services/create-services.ts';
import { openDatabase } from '../src/store/database.ts';
import { createStore } from '../src/store/store.ts';

const day = '2016-01-31';
const start = 2015;

/** The reference: the same month's counts by district in one statement (currency periods as defaultCurrencyMonths). */
const referenceStatement = sql<{ district: number; cohort: number; eet: number; neet: number; not_known: number }>`
  with person as (
    select id, district_place_id,
           ${start} - extract(year from date_of_birth)::int - case when to_char(date_of_birth, 'MM-DD') > '08-31' then 1 else 0 end as age
      from participation_person
     where (left_on is null or left_on > ${day}::date)
  ), current as (
    select p.district_place_id, a.code, a.confirmed_on
      from person p
      left join lateral (
        select code, confirmed_on from participation_activity a
         where a.person_id = p.id and a.start_date <= ${day}::date
         order by a.start_date desc, a.confirmed_on desc, a.code desc limit 1) a on true
     where p.age between 16 and 17
  ), grouped as (
    select district_place_id, code, confirmed_on,
           case when code is null then 'not-known'
                when code in ('810', '820', '830') or code between '110' and '150' then 'not-known'
                when code = '710' then 'excluded'
                when code = '720' then case when ${day}::date < date '2018-04-01' then 'excluded' else 'not-known' end
                when code = '550' then case when ${day}::date >= date '2017-09-01' then 'employment' else 'neet' end
                when code like '2%' then 'education'
                when code like '3%' then 'employment'
                when code like '4%' then 'training'
                when code = '530' then 're-engagement'
                else 'neet' end as grp
      from current
  ), positioned as (
    select district_place_id,
           case when grp in ('education', 'employment', 'training', 're-engagement', 'neet') and confirmed_on < ${day}::date
                 and confirmed_on + (case grp when 'education' then 12 when 'employment' then 6 when 'training' then 6 else 3 end) * interval '1 month' < ${day}::date
                then 'not-known' else grp end as grp
      from grouped
  )
  select district_place_id as district, count(*)::int as cohort,
         count(*) filter (where grp in ('education', 'employment', 'training', 're-engagement'))::int as eet,
         count(*) filter (where grp = 'neet')::int as neet,
         count(*) filter (where grp = 'not-known')::int as not_known
    from positioned where grp <> 'excluded' group by district_place_id order by district_place_id`;

/** Run on a fresh embedded PostgreSQL in a temporary folder, removed afterwards. */
export async function participationBench(): Promise<string> {
  const log = createLog('warn');
  const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-participation-'));
  const database = await openDatabase({ dataDir: dir, databaseName: 'bench', databaseUrl: undefined, log });
  try {
    const store = createStore(database.db);
    const catalogue = await loadCatalogue();
    const services = createServices(store, () => new Date(), log, catalogue, {
      pupilDir: join(dir, 'pupils'),
      frameworks: await loadFrameworks(catalogue),
      who: { actor: 'system', requestId: null },
    });
    process.stderr.write('participation: building the demo county and its tracking records for 2011/12-2015/16 …\n');
    await services.demo.build(2013, () => {}, { pupilYears: [] });
    const write = performance.now();
    await store.transaction(async (tx) => {
      const id = await tx.register.openBatch({ fileName: 'bench participation', fileHash: 'bench', format: 'bench:participation', rowCount: 0 });
      await participationDemoStep.write(tx, generateCounty(2013), 2013, [2012, 2013, 2014, 2015, 2016], id);
    });
    const writeMs = performance.now() - write;
    const ours = performance.now();
    const rows = await store.participation.tracked(`${start - 18}-09-01`, `${start - 16}-08-31`, null);
    const counts = snapshotCounts(
      rows.map((r) => ({
        key: String(r.districtPlaceId),
        dateOfBirth: r.dateOfBirth,
        leftOn: r.leftOn,
        spells: r.codes.map((code, i) => ({ code, startDate: r.starts[i]!, confirmedOn: r.confirmed[i]! })),
      })),
      day,
      { from: 16, to: 17 },
    );
    const oursMs = performance.now() - ours;
    const reference = performance.now();
    const { rows: expected } = await referenceStatement.execute(database.db);
    const referenceMs = performance.now() - reference;
    const agree = expected.every((e) => {
      const c = counts.get(String(e.district));
      return c !== undefined && c.cohort === e.cohort && c.eet === e.eet && c.neet === e.neet && c.notKnown === e.not_known;
    });
    const cohort = expected.reduce((s, e) => s + e.cohort, 0);
    return `participation (Kent scale): 5 years of tracking written in ${(writeMs / 1000).toFixed(2)} s; the ${day} snapshot of ${cohort} 16-17 year olds: Waymark ${(oursMs / 1000).toFixed(2)} s, one SQL statement ${(referenceMs / 1000).toFixed(2)} s (${(oursMs / referenceMs).toFixed(1)}×), counts ${agree ? 'agree' : 'DIFFER'}`;
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
