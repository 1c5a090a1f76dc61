/**
 * School place planning at scale (issue 17 acceptance: `npm run bench` times a full forecast of every planning area at
 * Kent scale and at national scale). Kent scale is the demo county's planning records (about 60 areas, 550 schools,
 * six censuses, births and housing); national scale is 150 LAs × 40 areas (30 primary, 10 secondary) with 7 and 6
 * schools each and five censuses of synthetic rolls of the same shape, generated here from a fixed seed.
 *
 *   rules            = forecastAll: every area's inputs made from the school rolls (shares, feeders, births), the
 *                      domain's forecastArea for each (primary first, so Year 7 reads their forecast Year 6) and
 *                      forecastSchools for its schools, all in memory
 *   plain loop       = the reference for the rules: the same cohort-survival arithmetic written here as flat loops over
 *                      typed arrays (no records, no per-cell objects), the same number of cells; the line gives the
 *                      largest difference of the LA totals between the two, so a disagreement shows
 *   end to end       = Kent: services.placePlanning.runForecast (read the LA's records, forecast, keep the run and its
 *                      cells, audit); national: the rules and the run kept, LA by LA, one transaction each
 *   COPY             = the reference for the writes: PostgreSQL's COPY FROM STDIN of the same number of cells into a
 *                      table of forecast_cell's shape, in the same run on the same server
 * Prints times and ratios; asserts nothing about time (the machine is shared).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { seededRandom, generateCounty } from '../src/demo/generate-county.ts';
import { demoForecastMethod } from '../src/demo/place-planning.ts';
import { phaseYearGroups, type AreaMembership, type ByYearGroup, type ForecastMethod, type YearGroup } from '../src/domain/place-planning/place-planning.ts';
import { academicYearCode, censusDateOf, startYearOf } from '../src/domain/periods/period.ts';
import { loadFrameworks } from '../src/imports/framework/read-framework.ts';
import { loadCatalogue } from '../src/imports/indicator-catalogue/read-catalogue.ts';
import { createLog } from '../src/log.ts';
import { createServices } from '../src/services/create-services.ts';
import { writeDemoCounty } from '../src/services/demo/demo-county-writer.ts';
import { forecastAll } from '../src/services/place-planning/forecast-service.ts';
import { planningDemoStep } from '../src/services/place-planning/planning-demo-step.ts';
import { readPlanningData, type PlanningData } from '../src/services/place-planning/planning-data.ts';
import { ensureDatabaseExists, openDatabase } from '../src/store/database.ts';
import { startEmbeddedPostgres } from '../src/store/embedded-postgres.ts';
import type { HeldForecastCell, HeldPlanningArea } from '../src/store/planning-store.ts';
import { createStore, type Store } from '../src/store/store.ts';

const log = createLog('warn');
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const groupIndex = new Map<YearGroup, number>(['R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'].map((g, i) => [g as YearGroup, i]));

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

/** COPY FROM STDIN through pg's own query object: the text is sent when the server asks for it. */
function copyIn(client: pg.Client, text: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query(text, [], (error: Error | undefined) => (error ? reject(error) : resolve()));
    (query as unknown as { handleCopyInResponse: (c: { sendCopyFromChunk: (b: Buffer) => void; endCopyFrom: () => void }) => void }).handleCopyInResponse = (
      connection,
    ) => {
      connection.sendCopyFromChunk(Buffer.from(data));
      connection.endCopyFrom();
    };
    void client.query(query);
  });
}

/** The reference write: the cells COPY'd into a fresh table of forecast_cell's shape (its one index included). */
async function copyCells(client: pg.Client, cells: readonly HeldForecastCell[]): Promise<number> {
  await client.query('drop table if exists bench_forecast_cell');
  await client.query('create table bench_forecast_cell (like forecast_cell including indexes)');
  const lines = cells.map((c) => `1\t${c.areaCode}\t${c.urn ?? '\\N'}\t${c.period}\t${c.yearGroup}\t${c.pupils}\t${c.fromHousing}`).join('\n');
  const { ms } = await timed(() =>
    copyIn(client, 'copy bench_forecast_cell (run_id, area_code, urn, period, year_group, pupils, from_housing) from stdin', `${lines}\n`),
  );
  return ms;
}

/** The same cohort-survival arithmetic as flat loops over typed arrays: returns each LA total by forecast period, and cells made. */
function plainForecast(data: PlanningData, base: string, method: ForecastMethod): { cells: number; totals: Map<string, number> } {
  const periods = data.censusPeriods.filter((p) => p <= base);
  const index = new Map(periods.map((p, i) => [p, i]));
  const rolls = new Map<string, Float64Array>();
  // Whether any of an area's schools has a census in a period: a period none has is not a year of the area's history.
  const heldIn = new Map<string, Uint8Array>();
  const membersOf = new Map<string, AreaMembership[]>();
  for (const m of data.members) membersOf.set(m.areaCode, [...(membersOf.get(m.areaCode) ?? []), m]);
  for (const area of data.areas) {
    const grid = new Float64Array(periods.length * 14);
    const held = new Uint8Array(periods.length);
    for (const m of membersOf.get(area.code) ?? [])
      for (const [p, roll] of data.rolls.get(m.urn) ?? []) {
        const i = index.get(p);
        if (i === undefined || (m.validFrom !== null && m.validFrom > censusDateOf(p)) || (m.validTo !== null && m.validTo < censusDateOf(p))) continue;
        held[i] = 1;
        for (const [g, n] of Object.entries(roll) as [YearGroup, number][]) grid[i * 14 + groupIndex.get(g)!]! += n * m.share;
      }
    rolls.set(area.code, grid);
    heldIn.set(area.code, held);
  }
  const last = periods.length - 1;
  const mean = (ratio: (i: number) => number | null, first: number): number | null => {
    let sum = 0;
    let n = 0;
    for (let i = Math.max(first, last - method.yearsAveraged + 1); i <= last; i++) {
      const r = ratio(i);
      if (r === null) continue;
      sum += r;
      n++;
    }
    return n === 0 ? null : sum / n;
  };
  const totals = new Map<string, number>();
  const year6 = new Map<string, Float64Array>();
  let cells = 0;
  const ordered = [...data.areas.filter((a) => a.phase === 'primary'), ...data.areas.filter((a) => a.phase === 'secondary')];
  for (const area of ordered) {
    const grid = rolls.get(area.code)!;
    const held = heldIn.get(area.code)!;
    const lo = area.phase === 'primary' ? 0 : 7;
    const horizon = area.phase === 'primary' ? 5 : 7;
    const survival = new Float64Array(14);
    for (let g = lo + 1; g < lo + 7; g++)
      survival[g] = mean((i) => (held[i] === 1 && grid[(i - 1) * 14 + g - 1]! > 0 ? grid[i * 14 + g]! / grid[(i - 1) * 14 + g - 1]! : null), 1) ?? 1;
    const births = area.districtCode === null ? undefined : data.births.get(area.districtCode);
    const feeders = area.phase === 'secondary' ? ordered.filter((a) => a.feedsArea === area.code).map((a) => rolls.get(a.code)!) : [];
    const feederY6 = (i: number) => feeders.reduce((s, f) => s + f[i * 14 + 6]!, 0);
    const entryRatio =
      area.phase === 'primary'
        ? mean((i) => {
            const b = births?.[startYearOf(periods[i]!) - 4];
            return b === undefined || b === 0 || held[i] !== 1 ? null : grid[i * 14]! / b;
          }, 0)
        : mean((i) => (held[i] === 1 && feederY6(i - 1) > 0 ? grid[i * 14 + 7]! / feederY6(i - 1) : null), 1);
    const lastBirthYear =
      births === undefined
        ? 0
        : Math.max(
            ...Object.keys(births)
              .map(Number)
              .filter((y) => y <= startYearOf(base)),
          );
    let previous = grid.slice(last * 14, last * 14 + 14);
    const sites = data.housing.filter((h) => (area.phase === 'primary' ? h.primaryArea : h.secondaryArea) === area.code);
    const yields = method.yields[area.phase];
    const housingUpTo = (year: number) => {
      let pupils = 0;
      for (const site of sites)
        for (const c of site.completions) {
          const y = startYearOf(c.period);
          if (y > startYearOf(base) && y <= year) pupils += c.market * yields.market + c.affordable * yields.affordable;
        }
      return pupils;
    };
    const ownY6 = new Float64Array(horizon + 1);
    const schools = (membersOf.get(area.code) ?? []).length;
    for (let k = 1; k <= horizon; k++) {
      const next = new Float64Array(14);
      if (area.phase === 'primary') {
        const b = births?.[Math.min(startYearOf(base) + k - 4, lastBirthYear)];
        next[0] = b === undefined || entryRatio === null ? grid[last * 14]! : b * entryRatio;
      } else {
        // The feeders' Year 6 the year before: held at the base, then their forecast, past its end its last year.
        const forecastY6 = year6.get(area.code);
        const y6 = k === 1 || forecastY6 === undefined ? feederY6(last) : forecastY6[Math.min(k - 1, 5)]!;
        next[7] = entryRatio === null || feeders.length === 0 ? grid[last * 14 + 7]! : y6 * entryRatio;
      }
      for (let g = lo + 1; g < lo + 7; g++) next[g] = previous[g - 1]! * (survival[g] || 1);
      const housing = housingUpTo(startYearOf(base) + k);
      let sum = housing;
      for (let g = lo; g < lo + 7; g++) sum += next[g]!;
      const period = academicYearCode(startYearOf(base) + k);
      totals.set(`${area.phase}|${period}`, (totals.get(`${area.phase}|${period}`) ?? 0) + sum);
      // Year 6 as forecast, housing pupils (spread evenly over the seven year groups) included: Year 7 is drawn from it.
      ownY6[k] = next[6]! + housing / 7;
      cells += 7 * (1 + schools);
      previous = next;
    }
    if (area.phase === 'primary' && area.feedsArea !== null) {
      const sums = year6.get(area.feedsArea) ?? new Float64Array(horizon + 1);
      for (let k = 1; k <= horizon; k++) sums[k]! += ownY6[k]!;
      year6.set(area.feedsArea, sums);
    }
  }
  return { cells, totals };
}

/** The largest difference, as a share, between the LA totals of forecastAll's cells and the plain loop's. */
function largestDifference(cells: readonly HeldForecastCell[], plain: Map<string, number>, data: PlanningData): { share: number; at: string } {
  const phaseOf = new Map(data.areas.map((a) => [a.code, a.phase]));
  const totals = new Map<string, number>();
  for (const c of cells)
    if (c.urn === null) totals.set(`${phaseOf.get(c.areaCode)}|${c.period}`, (totals.get(`${phaseOf.get(c.areaCode)}|${c.period}`) ?? 0) + c.pupils);
  let worst = { share: 0, at: 'none' };
  for (const [key, value] of totals) {
    const share = Math.abs(value - (plain.get(key) ?? 0)) / value;
    if (share > worst.share) worst = { share, at: key.replace('|', ' ') };
  }
  return worst;
}

const describe = (d: { share: number; at: string }) => `${(100 * d.share).toFixed(3)}%${d.share >= 5e-6 ? ` (${d.at})` : ''}`;

/** National scale: one LA's planning data, synthetic, of the demo's shape. */
function syntheticLa(la: number, random: () => number): PlanningData {
  const laCode = String(100 + la);
  const district = `D${laCode}`;
  const periods = ['201112', '201213', '201314', '201415', '201516'];
  const areas: HeldPlanningArea[] = [];
  const members: AreaMembership[] = [];
  const rolls = new Map<string, Map<string, ByYearGroup>>();
  const area = (code: string, phase: 'primary' | 'secondary', feedsArea: string | null): HeldPlanningArea => ({
    code,
    name: code,
    laCode,
    phase,
    districtCode: district,
    feedsArea,
    validFrom: null,
    validTo: null,
    placeId: 0,
  });
  let reception = 0;
  for (let a = 0; a < 40; a++) {
    const phase = a < 30 ? 'primary' : 'secondary';
    const code = `${laCode}-${phase === 'primary' ? 'P' : 'S'}-${a}`;
    areas.push(area(code, phase, phase === 'primary' ? `${laCode}-S-${30 + (a % 10)}` : null));
    for (let s = 0; s < (phase === 'primary' ? 7 : 6); s++) {
      const urn = String(100_000 + la * 1000 + a * 10 + s);
      members.push({ areaCode: code, urn, share: 1, validFrom: null, validTo: null });
      const size = phase === 'primary' ? 20 + random() * 40 : 120 + random() * 100;
      const byPeriod = new Map<string, ByYearGroup>();
      periods.forEach((p, t) => {
        const roll: Partial<Record<YearGroup, number>> = {};
        phaseYearGroups[phase].forEach(
          (g, i) => (roll[g] = Math.round(size * (1 + 0.02 * (t - i)) * (0.95 + 0.1 * random()) * (i >= 5 && phase === 'secondary' ? 0.5 : 1))),
        );
        if (phase === 'primary' && t === periods.length - 1) reception += roll.R ?? 0;
        byPeriod.set(p, roll);
      });
      rolls.set(urn, byPeriod);
    }
  }
  const births: Record<number, number> = {};
  for (let y = 2005; y <= 2015; y++) births[y] = Math.round((reception / 0.9) * (1 + 0.015 * (y - 2011)));
  return { laCode, areas, members, rolls, capacity: new Map(), changes: [], housing: [], births: new Map([[district, births]]), censusPeriods: periods };
}

async function kentScale(store: Store, client: pg.Client, services: ReturnType<typeof createServices>): Promise<string[]> {
  const county = generateCounty(2013);
  await store.transaction(async (tx) => {
    const written = await writeDemoCounty(tx, county, 2013, 'bench', () => {});
    await planningDemoStep(() => new Date('2016-06-01T09:00:00Z'), {
      record: () => Promise.resolve(0),
      verify: () => Promise.resolve({ checked: 0, broken: null }),
    }).write(tx, county, 2013, [], written.batchId);
  });
  const data = await readPlanningData(store, '886');
  const base = data.censusPeriods[data.censusPeriods.length - 1]!;
  const rules = await timed(() => forecastAll(data, base, demoForecastMethod));
  const plain = await timed(() => plainForecast(data, base, demoForecastMethod));
  const endToEnd = await timed(() => services.placePlanning.runForecast({ laCode: '886' }, { actor: 'system', requestId: null }));
  const copy = await copyCells(client, rules.result.cells);
  const schools = new Set(data.members.map((m) => m.urn)).size;
  return [
    `place planning, Kent scale (${data.areas.length} areas, ${schools} schools, ${rules.result.cells.length} cells): rules ${seconds(rules.ms)} s, plain loop ${seconds(plain.ms)} s (rules ÷ loop ${(rules.ms / plain.ms).toFixed(1)}, LA totals differ by at most ${describe(largestDifference(rules.result.cells, plain.result.totals, data))})`,
    `  end to end (runForecast: read, forecast, keep ${rules.result.cells.length} cells) ${seconds(endToEnd.ms)} s; COPY of the same cells ${seconds(copy)} s (end to end ÷ COPY ${(endToEnd.ms / copy).toFixed(1)})`,
  ];
}

async function nationalScale(store: Store, client: pg.Client): Promise<string[]> {
  const random = seededRandom(17);
  const las = Array.from({ length: 150 }, (_, i) => syntheticLa(i, random));
  const method = demoForecastMethod;
  const rules = await timed(() => las.map((d) => forecastAll(d, '201516', method)));
  const plain = await timed(() => las.map((d) => plainForecast(d, '201516', method)));
  const cells = rules.result.flatMap((r) => r.cells);
  const worst = las.map((d, i) => largestDifference(rules.result[i]!.cells, plain.result[i]!.totals, d)).sort((a, b) => b.share - a.share)[0]!;
  const endToEnd = await timed(async () => {
    for (const d of las) {
      const { cells: laCells } = forecastAll(d, '201516', method);
      await store.transaction(async (tx) => {
        const id = await tx.planning.addRun(
          { laCode: d.laCode, madeOn: '2016-06-01', madeBy: 'system', basePeriod: '201516', kind: 'forecast', method, ratios: {} },
          new Date(),
        );
        await tx.planning.addCells(id, laCells);
      });
    }
  });
  const copy = await copyCells(client, cells);
  return [
    `place planning, national scale (${las.length} LAs, ${las.length * 40} areas, ${cells.length} cells): rules ${seconds(rules.ms)} s, plain loop ${seconds(plain.ms)} s (rules ÷ loop ${(rules.ms / plain.ms).toFixed(1)}, LA totals differ by at most ${describe(worst)})`,
    `  end to end (rules and each LA's run kept, one transaction an LA) ${seconds(endToEnd.ms)} s; COPY of the same cells ${seconds(copy)} s (end to end ÷ COPY ${(endToEnd.ms / copy).toFixed(1)})`,
  ];
}

export async function planningBench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-planning-'));
  const embedded = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), log });
  await ensureDatabaseExists(embedded.urlFor('postgres'), 'bench');
  const database = await openDatabase({
    dataDir: dir,
    databaseName: 'bench',
    databaseUrl: embedded.urlFor('bench'),
    appDatabaseUrl: embedded.appUrlFor('bench'),
    log,
  });
  // The reference table is a real (logged) table like forecast_cell, so made by the owner: the application's role may not create tables.
  const client = new pg.Client({ connectionString: embedded.urlFor('bench') });
  await client.connect();
  try {
    const store = createStore(database.db);
    const catalogue = await loadCatalogue();
    const services = createServices(store, () => new Date('2016-06-01T09:00:00Z'), log, catalogue, {
      pupilDir: join(dir, 'pupils'),
      frameworks: await loadFrameworks(catalogue),
      who: { actor: 'system', requestId: null },
    });
    await services.catalogue.sync();
    return [...(await kentScale(store, client, services)), ...(await nationalScale(store, client))].join('\n');
  } finally {
    await client.end();
    await database.close();
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
