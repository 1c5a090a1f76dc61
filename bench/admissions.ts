/**
 * Coordinated admissions allocation at scale (issue 16.8): a Kent-sized secondary round (18,000 applicants, 4 preferences,
 * 100 schools, a third of them grammar schools) and a national-scale one (600,000 applicants, 6 preferences, 3,500
 * schools in 144 LAs on a 600 km square), both generated here from a fixed seed. Times `allocateRound` (ranking,
 * deferred acceptance, the LA's allocation, explanations and profiles) and, over the same schools' orders, Waymark's
 * deferred acceptance against a textbook one written here (a queue of free children; each school's held children an
 * array kept sorted by rank), and checks the two give the same offers. Asserts nothing about time (the machine is shared).
 */
import type { Application, Arrangement, Criterion, Preference, RoundInput } from '../src/domain/admissions/admissions.ts';
import { allocateRound } from '../src/domain/admissions/allocate.ts';
import { deferredAcceptance } from '../src/domain/admissions/deferred-acceptance.ts';
import { countOffers } from '../src/domain/admissions/offer-counts.ts';
import { rankApplicants, type RankedRound } from '../src/domain/admissions/rank-applicants.ts';
import { seededRandom } from '../src/demo/generate-county.ts';

type Shape = Readonly<{ name: string; children: number; schools: number; preferences: number; sideMetres: number; laSide: number; grammarShare: number }>;

const kent: Shape = { name: 'Kent', children: 18_000, schools: 100, preferences: 4, sideMetres: 100_000, laSide: 1, grammarShare: 0.15 };
export const national: Shape = { name: 'national', children: 600_000, schools: 3_500, preferences: 6, sideMetres: 600_000, laSide: 12, grammarShare: 0.05 };

/** A round of the given shape: schools and homes uniform on the square, preferences drawn from nearby schools. */
export function generateRound(shape: Shape, seed: number): RoundInput {
  const random = seededRandom(seed);
  const laOf = (e: number, n: number) => {
    const cell = shape.sideMetres / shape.laSide;
    return shape.laSide === 1 ? '886' : `E${String(1000 + Math.floor(e / cell) * shape.laSide + Math.floor(n / cell))}`;
  };
  const sectorOf = (e: number, n: number) => `Q${Math.floor(e / 10_000)} ${Math.floor(n / 10_000) % 10}`;
  const weights = Array.from({ length: shape.schools }, () => 0.5 + random());
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const arrangements: Arrangement[] = weights.map((w, s) => {
    const location = { easting: random() * shape.sideMetres, northing: random() * shape.sideMetres };
    const selective = random() < shape.grammarShare;
    const criteria: Criterion[] = [{ kind: 'looked-after' }, { kind: 'medical-social' }, { kind: 'sibling' }];
    if (!selective && random() < 0.5) criteria.push({ kind: 'catchment', postcodes: [sectorOf(location.easting, location.northing)] });
    criteria.push({ kind: 'other' });
    return {
      urn: String(100_000 + s),
      schoolName: `Bench school ${s}`,
      laCode: laOf(location.easting, location.northing),
      phase: 'secondary',
      entryYear: 2016,
      admissionNumber: Math.round((w / weightSum) * shape.children * 1.05),
      admissionAuthority: 'academy-trust',
      selective,
      criteria,
      tieBreak: random() < 0.8 ? { kind: 'distance', seed: s } : { kind: 'random', seed: 7 * s + 1 },
      distanceMethod: 'straight-line',
      location,
    };
  });
  // Schools in 25 km cells, so a child's candidates are the schools of the nine cells around home.
  const cellMetres = 25_000;
  const cells = Math.ceil(shape.sideMetres / cellMetres);
  const grid: number[][] = Array.from({ length: cells * cells }, () => []);
  const cellOf = (x: number) => Math.min(cells - 1, Math.floor(x / cellMetres));
  arrangements.forEach((a, s) => grid[cellOf(a.location!.easting) * cells + cellOf(a.location!.northing)]!.push(s));
  const applications: Application[] = [];
  for (let i = 0; i < shape.children; i++) {
    const home = { easting: random() * shape.sideMetres, northing: random() * shape.sideMetres };
    const [cx, cy] = [cellOf(home.easting), cellOf(home.northing)];
    const scored: [number, number][] = [];
    for (let x = Math.max(0, cx - 1); x <= Math.min(cells - 1, cx + 1); x++)
      for (let y = Math.max(0, cy - 1); y <= Math.min(cells - 1, cy + 1); y++)
        for (const s of grid[x * cells + y]!) {
          const at = arrangements[s]!.location!;
          scored.push([s, Math.hypot(at.easting - home.easting, at.northing - home.northing) * (0.3 + random())]);
        }
    scored.sort((a, b) => a[1] - b[1]);
    const suitable = random() < 0.25;
    const preferences: Preference[] = scored.slice(0, shape.preferences).map(([s], j) => ({
      rank: j + 1,
      urn: arrangements[s]!.urn,
      sibling: random() < 0.12,
      medicalSocial: random() < 0.005,
      faith: false,
      staff: false,
    }));
    const ehc = random() < 0.012 && preferences.length > 0 ? preferences[0]!.urn : null;
    applications.push({
      id: `A${String(i).padStart(7, '0')}`,
      homeLaCode: laOf(home.easting, home.northing),
      homeDistrictCode: null,
      homePostcode: `${sectorOf(home.easting, home.northing)}AB`,
      home,
      online: random() < 0.97,
      late: random() < 0.03,
      lookedAfter: random() < 0.01 ? 'looked-after' : null,
      ehcPlanSchool: ehc,
      assessedSuitable: suitable,
      currentSchool: null,
      preferences,
    });
  }
  return {
    phase: 'secondary',
    entryYear: 2016,
    laCode: shape.laSide === 1 ? '886' : 'E1000',
    preferencesAllowed: shape.preferences,
    arrangements,
    applications,
  };
}

/**
 * The reference: textbook applicant-proposing deferred acceptance over the same orders. A queue of free children; each
 * proposes to their next school; the school inserts them into its held list (kept sorted by position) and, when over its
 * places, rejects the last. Returns per child the school held (-1 none).
 */
function textbookDeferredAcceptance(ranked: RankedRound): Int32Array {
  const children = ranked.proposalStart.length - 1;
  const lists: { school: number; position: number }[][] = [];
  for (let c = 0; c < children; c++) {
    const list = [];
    for (let p = ranked.proposalStart[c]!; p < ranked.proposalStart[c + 1]!; p++)
      list.push({ school: ranked.proposalSchool[p]!, position: ranked.proposalPosition[p]! });
    lists.push(list);
  }
  const start = performance.now();
  const next = new Array<number>(children).fill(0);
  const held: { child: number; position: number }[][] = Array.from({ length: ranked.places.length }, () => []);
  const queue: number[] = Array.from({ length: children }, (_, c) => c);
  for (let head = 0; head < queue.length; head++) {
    const c = queue[head]!;
    const proposal = lists[c]![next[c]!++];
    if (proposal === undefined) continue;
    const list = held[proposal.school]!;
    let at = list.length;
    while (at > 0 && list[at - 1]!.position > proposal.position) at--;
    list.splice(at, 0, { child: c, position: proposal.position });
    if (list.length > ranked.places[proposal.school]!) queue.push(list.pop()!.child);
  }
  referenceMs = performance.now() - start;
  const result = new Int32Array(children).fill(-1);
  held.forEach((list, s) => list.forEach((h) => (result[h.child] = s)));
  return result;
}
let referenceMs = 0;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const percent = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;

function benchShape(shape: Shape): string {
  const generateStart = performance.now();
  const round = generateRound(shape, 16);
  const generateMs = performance.now() - generateStart;
  const allocateStart = performance.now();
  const result = allocateRound(round);
  const allocateMs = performance.now() - allocateStart;
  // Explanations are made when read: read every one, as storing them would.
  const explainStart = performance.now();
  let outcomes = 0;
  for (const [, list] of result.explanations) outcomes += list.length;
  const explainMs = performance.now() - explainStart;
  const rankStart = performance.now();
  const ranked = rankApplicants(round);
  const rankMs = performance.now() - rankStart;
  const daStart = performance.now();
  const held = deferredAcceptance(ranked);
  const daMs = performance.now() - daStart;
  const reference = textbookDeferredAcceptance(ranked);
  let mismatches = 0;
  for (let c = 0; c < held.length; c++) if ((held[c]! < 0 ? -1 : ranked.proposalSchool[held[c]!]!) !== reference[c]) mismatches++;
  const offered = new Map(result.offers.map((o) => [o.applicationId, o.urn]));
  for (let c = 0; c < held.length; c++)
    if (held[c]! >= 0 && offered.get(round.applications[c]!.id) !== ranked.schools[ranked.proposalSchool[held[c]!]!]!.urn) mismatches++;
  const laOf = new Map(round.arrangements.map((a) => [a.urn, a.laCode]));
  const counts = countOffers(round.applications, result.offers, (urn) => laOf.get(urn) ?? null);
  return [
    `admissions, ${shape.name} scale: ${shape.children.toLocaleString('en-GB')} applicants × ${shape.preferences} preferences, ` +
      `${shape.schools.toLocaleString('en-GB')} schools (generated in ${seconds(generateMs)})`,
    `  allocateRound ${seconds(allocateMs)}; then reading every explanation (made when read) ${seconds(explainMs)} for ` +
      `${outcomes.toLocaleString('en-GB')} preferences`,
    `  timed alone: ranking ${seconds(rankMs)}, deferred acceptance ${seconds(daMs)}; textbook deferred acceptance over the same orders ` +
      `${seconds(referenceMs)}; Waymark ÷ reference ${(daMs / referenceMs).toFixed(2)}×; ${mismatches === 0 ? 'same offers (0 mismatches)' : `${mismatches} MISMATCHES`}`,
    `  offers: 1st preference ${percent(counts.firstPreference, counts.applications)}, any preference ${percent(counts.preferred, counts.applications)}, ` +
      `allocated ${percent(counts.nonPreferred, counts.applications)}, no offer ${percent(counts.noOffer, counts.applications)}`,
  ].join('\n');
}

export async function admissionsBench(): Promise<string> {
  await Promise.resolve(); // async like the other benches, for bench/run.ts
  return [kent, national].map(benchShape).join('\n');
}
